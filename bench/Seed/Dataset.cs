using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Security;

namespace Slate.Bench.Seed;

/// <summary>
/// Fills an empty Slate database with issue 7's studio, the same for the same seed: a feature
/// project (assets x 15 asset task types) and a TV project (episodes, sequences, shots x 8 shot
/// task types), 60 people in departments and in both teams, every task assigned, two comments
/// per task that change its status, a preview on each task sent for review, and a 400-shot
/// playlist. The structure goes through Slate's services where it has them (schema, accounts,
/// init-data); the large tables are written as the comment and preview flows would leave them
/// (task status and dates, news, notifications, main previews), in bulk (<see cref="BulkRows"/>).
/// The api_event log of those bulk rows is not written: no benchmarked request reads it.
/// </summary>
public sealed class Dataset(IServiceProvider services, int seed, double scale, TextWriter log)
{
    public const string AdminEmail = "bench.admin@example.com";
    public const string Password = "bench-password-2026";
    const string Domain = "3d";
    const string ArtistDepartment = "Animation";
    const int PeoplePerDepartment = 8;

    /// <summary>Task types beyond init-data's, so the feature has 15 asset task types and the series 8 shot task types.</summary>
    static readonly (string Department, string Name, string ForEntity)[] ExtraTaskTypes =
    [
        ("Modeling", "Sculpting", "Asset"), ("Modeling", "Retopology", "Asset"), ("Modeling", "UV Layout", "Asset"),
        ("Modeling", "Texturing", "Asset"), ("Modeling", "Grooming", "Asset"), ("Animation", "Blendshapes", "Asset"),
        ("Animation", "Cloth Setup", "Asset"), ("FX", "Hair Simulation", "Asset"), ("FX", "Asset FX", "Asset"),
        ("Compositing", "Lookdev", "Asset"), ("Compositing", "Turntable", "Asset"), ("Layout", "Matchmove", "Shot"),
    ];

    static readonly string[] FirstNames =
    [
        "Ada", "Bruno", "Chloe", "Dario", "Elsa", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kenji", "Lena", "Marco", "Nadia",
        "Oscar", "Paula", "Quentin", "Rosa", "Samir", "Tessa", "Ugo", "Vera", "Wes", "Xenia", "Yann", "Zoe", "Amir", "Berit",
        "Cyril", "Dina",
    ];

    static readonly string[] LastNames =
    [
        "Moreau", "Okafor", "Lindqvist", "Tanaka", "Ferreira", "Novak", "Kowalski", "Haddad", "Brennan", "Rossi", "Schmidt",
        "Dubois", "Ivanova", "Mendes", "Larsen", "Kim", "Costa", "Weber", "Nguyen", "Garcia", "Fischer", "Laurent", "Sato",
        "Petrov", "Murphy", "Bianchi", "Horvat", "Jansen", "Silva", "Keller",
    ];

    static readonly string[] StartTexts = ["Starting on it.", "First pass in progress.", "On it, blocking first."];
    static readonly string[] ReviewTexts = ["Ready for review.", "New version up, please check.", "Updated after notes."];
    static readonly string[] RetakeTexts = ["Timing feels off, please rework.", "Silhouette needs work.", "Please fix the flicker."];
    static readonly string[] DoneTexts = ["Approved, nice work.", "Good to go.", "Final, thanks!"];

    readonly Random ids = new(seed);
    readonly Random choices = new(unchecked(seed * 7919 + 1));
    readonly Sizes sizes = Sizes.At(scale);
    readonly Stopwatch clock = Stopwatch.StartNew();
    // Comments fall in the 90 days before today, so a new comment is always the latest.
    readonly DateTime start = Clock.UtcNow().Date.AddDays(-90);

    sealed record Member(Person Person, string? Department);

    sealed record Statuses(ProductionTaskStatus Wip, ProductionTaskStatus Review, ProductionTaskStatus Retake, ProductionTaskStatus Done);

    /// <summary>One task as its two comments leave it, before it is written.</summary>
    sealed record PlannedTask(ProductionTask Task, Entity Entity, string Department, ProductionTaskStatus Final, DateTime Started, DateTime Finished)
    {
        public Person? Assignee { get; set; }
        public bool Open => Final.IsDone != true;
    }

    /// <summary>What one project's tasks produced.</summary>
    sealed record Written(int Tasks, int Comments, int Previews, List<Guid> ArtistTasks, Dictionary<Guid, Guid> MainPreviews);

    public async Task<Manifest> BuildAsync(CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        await DatabaseStartup.Migrate(db, ct);
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var admin = await accounts.CreateAdmin(AdminEmail, Password, ct);
        await scope.ServiceProvider.GetRequiredService<InitialData>().Apply(Domain, ct);
        var taskTypes = await TaskTypesAsync(db, ct);
        var people = await PeopleAsync(db, accounts, admin, ct);
        var artist = people.First(m => m.Person.Role == "user" && m.Department == ArtistDepartment).Person;
        Step($"structure: {people.Count} people, {taskTypes.Count} task types");

        var statuses = await db.TaskStatuses.AsNoTracking().Where(s => s.ForConcept != true).ToListAsync(ct);
        var flow = new Statuses(statuses.Single(s => s.ShortName == "wip"), statuses.Single(s => s.ShortName == "wfa"),
            statuses.Single(s => s.ShortName == "retake"), statuses.Single(s => s.ShortName == "done"));
        var assetTypes = await EntityKinds.AssetTypes(db).AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var feature = await ProjectAsync(db, "Bench Feature", "featurefilm", 0, taskTypes.Where(t => t.ForEntity == "Asset"),
            statuses, assetTypes, people, ct);
        var tv = await ProjectAsync(db, "Bench Series", "tvshow", sizes.Episodes, taskTypes.Where(t => t.ForEntity == "Shot"),
            statuses, [], people, ct);

        var assets = Assets(feature, assetTypes, admin);
        var (episodes, sequences, shots) = await ShotsAsync(db, tv, admin, ct);
        var bulk = new BulkRows(db);
        await bulk.InsertAsync(assets, ct);
        foreach (var level in new[] { episodes, sequences, shots }) await bulk.InsertAsync(level, ct);
        Step($"entities: {assets.Count} assets, {episodes.Count} episodes, {sequences.Count} sequences, {shots.Count} shots");

        var artistQuota = sizes.ArtistOpenTasks / 2;
        var onFeature = await TasksAsync(bulk, db, feature, assets, taskTypes.Where(t => t.ForEntity == "Asset").ToList(),
            people, artist, artistQuota, flow, admin, ct);
        var onTv = await TasksAsync(bulk, db, tv, shots, taskTypes.Where(t => t.ForEntity == "Shot").ToList(),
            people, artist, sizes.ArtistOpenTasks - artistQuota, flow, admin, ct);

        var manager = people.First(m => m.Person.Role == "manager").Person;
        var playlist = await PlaylistAsync(db, tv, episodes[0], sequences, shots, onTv.MainPreviews, manager, ct);
        Step($"playlist: {playlist.Shots!.AsArray().Count} shots");

        return new Manifest(
            seed,
            new Manifest.Login(AdminEmail, Password),
            new Manifest.ArtistLogin(artist.Id, artist.Email!, Password),
            feature.Id,
            tv.Id,
            onFeature.ArtistTasks.Concat(onTv.ArtistTasks).First(),
            [flow.Wip.Id, flow.Review.Id],
            tv.Id,
            playlist.Id,
            new Manifest.Tally(assets.Count, shots.Count, onFeature.Tasks + onTv.Tasks, onFeature.Comments + onTv.Comments,
                people.Count, onFeature.Previews + onTv.Previews));
    }

    void Step(string done) => log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {done}");

    /// <summary>A UUID (version 4) drawn from the seed, so the same seed gives the same ids.</summary>
    Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        ids.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    T Pick<T>(IReadOnlyList<T> items) => items[choices.Next(items.Count)];

    /// <summary>Init-data's task types and the extra ones, in priority order within each kind.</summary>
    async Task<List<TaskType>> TaskTypesAsync(SlateDb db, CancellationToken ct)
    {
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var lastPriority = (await db.TaskTypes.AsNoTracking().ToListAsync(ct))
            .GroupBy(t => t.ForEntity ?? "").ToDictionary(g => g.Key, g => g.Max(t => t.Priority ?? 0));
        foreach (var (department, name, forEntity) in ExtraTaskTypes)
        {
            lastPriority[forEntity] = lastPriority.GetValueOrDefault(forEntity) + 1;
            db.TaskTypes.Add(new TaskType
            {
                Id = NewId(), Name = name, ShortName = "", Color = "#78909C", ForEntity = forEntity, DepartmentId = departments[department],
                Priority = lastPriority[forEntity],
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await db.TaskTypes.AsNoTracking().Where(t => t.ForEntity == "Asset" || t.ForEntity == "Shot")
            .OrderBy(t => t.ForEntity).ThenBy(t => t.Priority).ThenBy(t => t.Name).ToListAsync(ct);
    }

    /// <summary>
    /// The admin, 3 managers, a supervisor and 8 artists per department, a vendor (compositing)
    /// and a client: 60 people, sharing one password hashed once (bcrypt is slow on purpose).
    /// </summary>
    async Task<List<Member>> PeopleAsync(SlateDb db, Accounts accounts, Person admin, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        var roles = new List<(string Role, string? Department)>();
        roles.AddRange(Enumerable.Repeat(("manager", (string?)null), 3));
        roles.AddRange(departments.Select(d => ("supervisor", (string?)d.Name)));
        foreach (var department in departments) roles.AddRange(Enumerable.Repeat(("user", (string?)department.Name), PeoplePerDepartment));
        roles.Add(("vendor", "Compositing"));
        roles.Add(("client", null));

        var members = new List<Member> { new(admin, null) };
        var names = new HashSet<string>();
        foreach (var (role, department) in roles)
        {
            string first, last;
            do (first, last) = (Pick(FirstNames), Pick(LastNames));
            while (!names.Add(first + " " + last));
            var person = new Person
            {
                Id = NewId(), FirstName = first, LastName = last, Email = Accounts.CheckEmail($"{first}.{last}@example.com"),
                Role = role, Phone = "", DesktopLogin = "",
            };
            if (members.Count == 1) accounts.SetPassword(person, Password);
            else person.Password = members[1].Person.Password;
            accounts.ApplyDefaults(person);
            db.Persons.Add(person);
            if (department is not null)
                db.DepartmentLinks.Add(new DepartmentLink { PersonId = person.Id, DepartmentId = departments.Single(d => d.Name == department).Id });
            members.Add(new Member(person, department));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return members;
    }

    /// <summary>An open project with its task types, the task statuses, its asset types, and everyone but the admin in its team.</summary>
    async Task<Project> ProjectAsync(SlateDb db, string name, string productionType, int episodes, IEnumerable<TaskType> taskTypes,
        List<ProductionTaskStatus> statuses, List<EntityType> assetTypes, List<Member> people, CancellationToken ct)
    {
        var open = await db.ProjectStatuses.AsNoTracking().SingleAsync(s => s.Name == "Open", ct);
        var project = new Project
        {
            Id = NewId(), Name = name, Code = "", Description = "", ProductionType = productionType, NbEpisodes = episodes,
            ProjectStatusId = open.Id, Data = new JsonObject(), IsSetPreviewAutomated = true,
            Homepage = productionType == "tvshow" ? "shots" : "assets",
        };
        db.Projects.Add(project);
        db.ProjectTaskTypeLinks.AddRange(taskTypes.Select(t => new ProjectTaskTypeLink
            { Id = NewId(), ProjectId = project.Id, TaskTypeId = t.Id, Priority = t.Priority }));
        db.ProjectTaskStatusLinks.AddRange(statuses.Select(s => new ProjectTaskStatusLink
            { Id = NewId(), ProjectId = project.Id, TaskStatusId = s.Id, Priority = s.Priority }));
        db.ProjectAssetTypeLinks.AddRange(assetTypes.Select(t => new ProjectAssetTypeLink { ProjectId = project.Id, AssetTypeId = t.Id }));
        db.ProjectPersonLinks.AddRange(people.Where(m => m.Person.Role != "admin")
            .Select(m => new ProjectPersonLink { ProjectId = project.Id, PersonId = m.Person.Id }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return project;
    }

    /// <summary>The feature's assets, spread over the asset types, numbered within each.</summary>
    List<Entity> Assets(Project project, List<EntityType> assetTypes, Person admin) =>
        [.. Enumerable.Range(0, sizes.Assets).Select(i =>
        {
            var type = assetTypes[i % assetTypes.Count];
            return NewEntity(project, type.Id, null, $"{type.Name}{i / assetTypes.Count + 1:0000}", admin);
        })];

    async Task<(List<Entity> Episodes, List<Entity> Sequences, List<Entity> Shots)> ShotsAsync(SlateDb db, Project project, Person admin,
        CancellationToken ct)
    {
        async Task<Guid> TypeId(string name) => (await EntityKinds.TypeNamedAsync(db, name)).Id;
        var (episodeType, sequenceType, shotType) = (await TypeId("Episode"), await TypeId("Sequence"), await TypeId("Shot"));
        List<Entity> episodes = [], sequences = [], shots = [];
        for (var e = 1; e <= sizes.Episodes; e++)
        {
            var episode = NewEntity(project, episodeType, null, $"E{e:00}", admin);
            episodes.Add(episode);
            for (var s = 1; s <= sizes.SequencesPerEpisode; s++)
            {
                var sequence = NewEntity(project, sequenceType, episode.Id, $"SQ{s * 10:000}", admin);
                sequences.Add(sequence);
                for (var k = 1; k <= sizes.ShotsPerSequence; k++)
                {
                    var shot = NewEntity(project, shotType, sequence.Id, $"SH{k * 10:0000}", admin);
                    shot.NbFrames = choices.Next(24, 241);
                    shot.Data = new JsonObject { ["frame_in"] = 1001, ["frame_out"] = 1000 + shot.NbFrames };
                    shots.Add(shot);
                }
            }
        }
        return (episodes, sequences, shots);
    }

    Entity NewEntity(Project project, Guid typeId, Guid? parentId, string name, Person admin)
    {
        var created = start.AddDays(-1);
        return new Entity
        {
            Id = NewId(), Name = name, Description = "", Data = new JsonObject(), ProjectId = project.Id, EntityTypeId = typeId,
            ParentId = parentId, CreatedBy = admin.Id, CreatedAt = created, UpdatedAt = created,
        };
    }

    /// <summary>
    /// A "main" task of each type for each entity (as EntityService.AddTasksAsync makes them),
    /// assigned to someone of the type's department; the artist gets <paramref name="artistQuota"/>
    /// of the department's open ones, spread evenly. Then each task's two comments: its assignee
    /// starts it (WIP), then sends it for review with a preview (WFA), or its supervisor asks for
    /// a retake or approves it (Done); with the news of each and the assignee's notification.
    /// </summary>
    async Task<Written> TasksAsync(BulkRows bulk, SlateDb db, Project project, List<Entity> entities, List<TaskType> types,
        List<Member> people, Person artist, int artistQuota, Statuses flow, Person admin, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var planned = new List<PlannedTask>(entities.Count * types.Count);
        foreach (var entity in entities)
            foreach (var type in types)
            {
                var roll = choices.NextDouble();
                var final = roll < 0.45 ? flow.Review : roll < 0.70 ? flow.Retake : flow.Done;
                var started = start.AddDays(choices.Next(60)).AddMinutes(choices.Next(9 * 60, 19 * 60));
                // A distinct millisecond per task keeps an entity's latest preview unambiguous.
                var finished = started.AddDays(choices.Next(1, 20)).AddMinutes(choices.Next(480)).AddMilliseconds(planned.Count % 1000 + 1);
                var task = new ProductionTask
                {
                    Id = NewId(), Name = "main", Duration = 0, Estimation = 0, CompletionRate = 0, ProjectId = project.Id,
                    TaskTypeId = type.Id, EntityId = entity.Id, AssignerId = admin.Id, CreatedAt = start.AddDays(-1),
                };
                planned.Add(new PlannedTask(task, entity, departments[type.DepartmentId!.Value], final, started, finished));
            }
        Assign(planned, people, artist, artistQuota);

        var links = new List<TaskPersonLink>(planned.Count);
        var comments = new List<Comment>(planned.Count * 2);
        var previews = new List<PreviewFile>();
        var previewLinks = new List<CommentPreviewLink>();
        var news = new List<News>(planned.Count * 2);
        var notifications = new List<Notification>();
        var mainPreviews = new Dictionary<Guid, (DateTime At, Guid Id)>();
        var supervisors = people.Where(m => m.Person.Role == "supervisor").ToDictionary(m => m.Department!, m => m.Person);
        foreach (var plan in planned)
        {
            var task = plan.Task;
            var assignee = plan.Assignee!;
            links.Add(new TaskPersonLink { TaskId = task.Id, PersonId = assignee.Id });
            var startComment = NewComment(task, flow.Wip, assignee, Pick(StartTexts), plan.Started);
            var reviewer = plan.Final == flow.Review ? assignee : supervisors[plan.Department];
            var texts = plan.Final == flow.Review ? ReviewTexts : plan.Final == flow.Retake ? RetakeTexts : DoneTexts;
            var finalComment = NewComment(task, plan.Final, reviewer, Pick(texts), plan.Finished);
            comments.Add(startComment);
            comments.Add(finalComment);

            // What CommentsService.ApplyStatusAsync leaves after the two status changes.
            task.TaskStatusId = plan.Final.Id;
            task.RealStartDate = plan.Started;
            task.EndDate = plan.Final.IsFeedbackRequest == true ? plan.Finished : null;
            task.DoneDate = plan.Final.IsDone == true ? plan.Finished : null;
            task.RetakeCount = plan.Final.IsRetake == true ? 1 : 0;
            task.LastCommentDate = plan.Finished;
            task.UpdatedAt = plan.Finished;

            Guid? previewId = null;
            if (plan.Final == flow.Review)
            {
                var preview = NewPreview(task, assignee, plan.Entity, plan.Finished);
                previews.Add(preview);
                previewLinks.Add(new CommentPreviewLink { Comment = finalComment.Id, PreviewFile = preview.Id });
                task.LastPreviewFileId = preview.Id;
                previewId = preview.Id;
                if (!mainPreviews.TryGetValue(plan.Entity.Id, out var main) || main.At < plan.Finished)
                    mainPreviews[plan.Entity.Id] = (plan.Finished, preview.Id);
            }
            news.Add(NewNews(task, startComment, null));
            news.Add(NewNews(task, finalComment, previewId));
            if (reviewer.Id != assignee.Id)
                notifications.Add(new Notification
                {
                    Id = NewId(), PersonId = assignee.Id, AuthorId = reviewer.Id, CommentId = finalComment.Id, TaskId = task.Id,
                    Type = "comment", Change = true, CreatedAt = plan.Finished, UpdatedAt = plan.Finished,
                });
        }

        await bulk.InsertAsync(planned.Select(p => p.Task).ToList(), ct);
        await bulk.InsertAsync(links, ct);
        Step($"{project.Name}: {planned.Count} tasks assigned");
        await bulk.InsertAsync(previews, ct);
        await bulk.InsertAsync(comments, ct);
        await bulk.InsertAsync(previewLinks, ct);
        Step($"{project.Name}: {comments.Count} comments, {previews.Count} previews");
        await bulk.InsertAsync(news, ct);
        await bulk.InsertAsync(notifications, ct);
        await SetMainPreviewsAsync(db, project, ct);
        Step($"{project.Name}: {news.Count} news, {notifications.Count} notifications, main previews");

        var artistTasks = planned.Where(p => p.Assignee == artist && p.Open).Select(p => p.Task.Id).ToList();
        return new Written(planned.Count, comments.Count, previews.Count, artistTasks,
            mainPreviews.ToDictionary(m => m.Key, m => m.Value.Id));
    }

    /// <summary>
    /// Each task to one person of its type's department (artists, and the vendor in theirs), in
    /// turn; the artist takes <paramref name="artistQuota"/> of their department's open tasks,
    /// evenly spread, and nothing else.
    /// </summary>
    static void Assign(List<PlannedTask> planned, List<Member> people, Person artist, int artistQuota)
    {
        var ownOpen = planned.Where(p => p.Department == ArtistDepartment && p.Open).ToList();
        var quota = Math.Min(artistQuota, ownOpen.Count);
        for (var k = 0; k < quota; k++) ownOpen[(int)((long)k * ownOpen.Count / quota)].Assignee = artist;
        var crews = people.Where(m => m.Person.Role is "user" or "vendor" && m.Person != artist)
            .GroupBy(m => m.Department!).ToDictionary(g => g.Key, g => g.Select(m => m.Person).ToList());
        var turns = new Dictionary<string, int>();
        foreach (var plan in planned.Where(p => p.Assignee is null))
        {
            var crew = crews[plan.Department];
            var turn = turns.GetValueOrDefault(plan.Department);
            plan.Assignee = crew[turn % crew.Count];
            turns[plan.Department] = turn + 1;
        }
    }

    Comment NewComment(ProductionTask task, ProductionTaskStatus status, Person author, string text, DateTime at) => new()
    {
        Id = NewId(), ObjectId = task.Id, ObjectType = "Task", TaskStatusId = status.Id, PersonId = author.Id, Text = text,
        Checklist = new JsonArray(), Links = [], CreatedAt = at, UpdatedAt = at,
    };

    /// <summary>A processed movie preview, revision 1, as Zou's add_preview_file_to_comment names and numbers it.</summary>
    PreviewFile NewPreview(ProductionTask task, Person author, Entity entity, DateTime at)
    {
        var id = NewId();
        var frames = entity.NbFrames ?? 48;
        return new PreviewFile
        {
            Id = id, Name = id.ToString()[..13], Revision = 1, Position = 1, Extension = "mp4", Source = "webgui", Status = "ready",
            TaskId = task.Id, PersonId = author.Id, IsMovie = true, Width = 1920, Height = 1080, Duration = frames / 25.0,
            FileSize = frames * 40_000L, CreatedAt = at, UpdatedAt = at,
        };
    }

    News NewNews(ProductionTask task, Comment comment, Guid? previewId) => new()
    {
        Id = NewId(), AuthorId = comment.PersonId, CommentId = comment.Id, TaskId = task.Id, PreviewFileId = previewId, Change = true,
        CreatedAt = comment.CreatedAt, UpdatedAt = comment.CreatedAt,
    };

    /// <summary>
    /// The projects set previews automatically, so each entity shows its latest preview (Zou's
    /// set_main_preview on each new preview), in one statement.
    /// </summary>
    static Task SetMainPreviewsAsync(SlateDb db, Project project, CancellationToken ct) =>
        db.Entities.Where(e => e.ProjectId == project.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.PreviewFileId, e => db.Tasks
                .Where(t => t.EntityId == e.Id)
                .SelectMany(t => db.PreviewFiles.Where(p => p.TaskId == t.Id))
                .OrderByDescending(p => p.CreatedAt)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefault()), ct);

    /// <summary>
    /// The first episode's dailies: its first shots that have a preview, each with its main
    /// preview ({entity_id, preview_file_id} entries, as Zou stores a playlist's shots).
    /// </summary>
    async Task<Playlist> PlaylistAsync(SlateDb db, Project project, Entity episode, List<Entity> sequences, List<Entity> shots,
        Dictionary<Guid, Guid> mainPreviews, Person manager, CancellationToken ct)
    {
        var inEpisode = sequences.Where(s => s.ParentId == episode.Id).Select(s => s.Id).ToHashSet();
        var entries = shots.Where(s => inEpisode.Contains(s.ParentId!.Value) && mainPreviews.ContainsKey(s.Id))
            .Take(sizes.PlaylistShots)
            .Select(s => (JsonNode)new JsonObject
            {
                ["entity_id"] = ZouSerializer.Uuid(s.Id), ["preview_file_id"] = ZouSerializer.Uuid(mainPreviews[s.Id]),
            });
        var playlist = new Playlist
        {
            Id = NewId(), Name = $"Dailies {episode.Name}", ProjectId = project.Id, EpisodeId = episode.Id, ForEntity = "shot",
            Shots = new JsonArray([.. entries]), CreatedBy = manager.Id,
        };
        db.Playlists.Add(playlist);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return playlist;
    }
}
