using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/projects: Zou's rules for productions (behavior-production.md §2.3, checks 24 and 25).</summary>
public class ProjectsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static async Task<JsonObject> Create(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/data/projects", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonObjectAsync();
    }

    Task<Guid> OpenStatusId() => factory.WithDb(db => db.ProjectStatuses.Where(s => s.Name == "Open").Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Admin_creates_reads_updates_and_lists()
    {
        var admin = await Admin();
        var name = Unique("Cosmos");

        var created = await Create(admin, new { name, description = "Video game trailer." });
        Assert.Equal("Project", (string?)created["type"]);
        Assert.Equal((await OpenStatusId()).ToString(), (string?)created["project_status_id"]);
        Assert.Equal("2d3d", (string?)created["production_style"]);
        Assert.Empty(created["team"]!.AsArray());
        Assert.False(created.ContainsKey("first_episode_id"));
        var id = Guid.Parse((string)created["id"]!);

        var got = await (await admin.GetAsync($"/api/data/projects/{id}")).ReadJsonObjectAsync();
        Assert.Equal("Open", (string?)got["project_status_name"]);
        Assert.True(got.ContainsKey("task_types"));
        var listed = await (await admin.GetAsync($"/api/data/projects?name={name.ToLowerInvariant()}&relations=true")).JsonAsync();
        var row = Assert.Single(listed.AsArray())!.AsObject();
        Assert.False(row.ContainsKey("project_status_name"));
        row["project_status_name"] = "Open";
        Responses.AssertJsonEqual(row, got);

        var page = await (await admin.GetAsync($"/api/data/projects?page=1&limit=1&id={id}")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        Assert.Equal(id.ToString(), (string?)page["data"]![0]!["id"]);

        var member = await factory.CreatePersonAsync();
        var put = await admin.PutAsJsonAsync($"/api/data/projects/{id}", new { description = "Trailer", max_retakes = 3, team = new[] { member.Id } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("Trailer", (string?)updated["description"]);
        Assert.Equal(3, (int)updated["max_retakes"]!);
        Assert.False(updated.ContainsKey("team"));
        Assert.False(await factory.WithDb(db => db.ProjectPersonLinks.AnyAsync(l => l.ProjectId == id)));
        // Other tests' open projects may lend it descriptors (metadata-descriptor:new): only the project's own events count here.
        Assert.Equal(["project:new", "project:update"], (await factory.EventsAsync("project_id", id)).Where(n => n.StartsWith("project:")));
    }

    [Fact]
    public async Task Team_is_taken_as_ids_on_create()
    {
        var member = await factory.CreatePersonAsync();

        var created = await Create(await Admin(), new { name = Unique("Team"), team = new[] { member.Id } });

        Assert.Equal(member.Id.ToString(), (string?)Assert.Single(created["team"]!.AsArray()));
    }

    [Fact]
    public async Task Production_style_and_resolution_are_checked()
    {
        var admin = await Admin();
        var name = Unique("Style");

        var bad = await admin.PostAsJsonAsync("/api/data/projects", new { name, production_style = "oil-painting" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("""{"error":true,"message":"Invalid production_style","data":null}""", await bad.Content.ReadAsStringAsync());
        var badResolution = await admin.PostAsJsonAsync("/api/data/projects", new { name, resolution = "big" });
        Assert.Equal("Invalid resolution big. Expected format: '1920x1080' or 'x1080'.", (string?)(await badResolution.ReadJsonObjectAsync())["message"]);
        Assert.False(await factory.WithDb(db => db.Projects.AnyAsync(p => p.Name == name)));

        var created = await Create(admin, new { name, production_style = (string?)null, resolution = "x1080" });
        Assert.Equal("2d3d", (string?)created["production_style"]);
        Assert.Equal("x1080", (string?)created["resolution"]);

        var put = await admin.PutAsJsonAsync($"/api/data/projects/{created["id"]}", new { production_style = "watercolor" });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("Invalid production_style", (string?)(await put.ReadJsonObjectAsync())["message"]);
    }

    [Fact]
    public async Task Duplicate_name_is_refused()
    {
        var admin = await Admin();
        var name = Unique("Twice");
        await Create(admin, new { name });

        var response = await admin.PostAsJsonAsync("/api/data/projects", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"A record with the same unique values already exists."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_background_must_be_one_of_the_project_backgrounds()
    {
        var admin = await Admin();
        var response = await admin.PostAsJsonAsync("/api/data/projects", new { name = Unique("Bg"), preview_background_file_id = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid preview_background_file_id", (string?)(await response.ReadJsonObjectAsync())["message"]);
    }

    [Fact]
    public async Task A_tvshow_gets_its_first_episode()
    {
        var admin = await Admin();

        var show = await Create(admin, new { name = Unique("Show"), production_type = "tvshow" });
        var episodeId = (string?)show["first_episode_id"];
        Assert.NotNull(episodeId);
        var episode = await (await admin.GetAsync($"/api/data/entities/{episodeId}")).ReadJsonObjectAsync();
        Assert.Equal("E01", (string?)episode["name"]);
        Assert.Equal("Episode", (string?)episode["type"]);
        Assert.Equal(["episode:new"], await factory.EventsAsync("episode_id", Guid.Parse(episodeId)));

        var shortFilm = await Create(admin, new { name = Unique("Short") });
        var first = await (await admin.PutAsJsonAsync($"/api/data/projects/{shortFilm["id"]}", new { production_type = "tvshow" })).ReadJsonObjectAsync();
        var again = await (await admin.PutAsJsonAsync($"/api/data/projects/{shortFilm["id"]}", new { description = "x" })).ReadJsonObjectAsync();
        Assert.NotNull((string?)first["first_episode_id"]);
        Assert.Equal((string?)first["first_episode_id"], (string?)again["first_episode_id"]);
    }

    [Fact]
    public async Task Non_admins_list_the_open_projects_of_their_team()
    {
        var admin = await Admin();
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var project = await Create(admin, new { name = Unique("Team") });
        var projectId = Guid.Parse((string)project["id"]!);

        Assert.Empty((await (await client.GetAsync("/api/data/projects")).JsonAsync()).AsArray());
        await (await client.GetAsync($"/api/data/projects/{projectId}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        await factory.AddToTeamAsync(projectId, artist);
        var closed = await factory.CreateProjectAsync(false, (artist, null));

        var listed = (await (await client.GetAsync("/api/data/projects")).JsonAsync()).AsArray();
        Assert.Equal(projectId.ToString(), (string?)Assert.Single(listed)!["id"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/projects/{closed.Id}")).StatusCode);
    }

    /// <summary>
    /// The small read clients repeat most (docs/performance.md): the caller with their token's
    /// revocation, the project, the caller's team role, every relation list at once, the status name.
    /// </summary>
    [Fact]
    public async Task Reading_one_project_takes_five_sql_commands_whatever_its_relations()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var project = await factory.CreateProjectAsync(true, (artist, null), (await factory.CreatePersonAsync(), null));

        using var counter = await SqlCommandCounter.StartAsync(factory);
        var got = await (await client.GetAsync($"/api/data/projects/{project.Id}")).ReadJsonObjectAsync();
        Assert.Equal(2, got["team"]!.AsArray().Count);
        Assert.Equal(5, counter.Count);
    }

    [Fact]
    public async Task Only_admins_create_and_only_the_project_managers_update()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var projectManager = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (manager, null), (projectManager, "manager"));
        var otherManager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var name = Unique("NoWay");

        await (await (await factory.ClientForAsync(manager)).PostAsJsonAsync("/api/data/projects", new { name }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Projects.AnyAsync(p => p.Name == name)));
        await (await (await factory.ClientForAsync(artist)).PutAsJsonAsync($"/api/data/projects/{project.Id}", new { description = "artist" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await otherManager.PutAsJsonAsync($"/api/data/projects/{project.Id}", new { description = "outsider" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null(await factory.WithDb(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Description).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(manager)).PutAsJsonAsync($"/api/data/projects/{project.Id}", new { description = "m" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(projectManager)).PutAsJsonAsync($"/api/data/projects/{project.Id}", new { description = "pm" })).StatusCode);
    }

    [Fact]
    public async Task Only_closed_projects_are_deleted_by_admins()
    {
        var admin = await Admin();
        var member = await factory.CreatePersonAsync("manager");
        var open = await factory.CreateProjectAsync(member);
        var closed = await factory.CreateProjectAsync(false, (member, "manager"));

        var refused = await admin.DeleteAsync($"/api/data/projects/{open.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("""{"error":true,"message":"Only closed projects can be deleted"}""", await refused.Content.ReadAsStringAsync());
        await (await (await factory.ClientForAsync(member)).DeleteAsync($"/api/data/projects/{closed.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/projects/{closed.Id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Projects.AnyAsync(p => p.Id == closed.Id)));
        Assert.False(await factory.WithDb(db => db.ProjectPersonLinks.AnyAsync(l => l.ProjectId == closed.Id)));
        Assert.Equal(["project:delete"], await factory.EventsAsync("project_id", closed.Id));
    }

    [Fact]
    public async Task A_plain_delete_is_refused_while_rows_reference_the_project_and_keeps_everything()
    {
        var member = await factory.CreatePersonAsync();
        var closed = await factory.CreateProjectAsync(false, (member, null));
        await factory.CreateEntityAsync(closed);

        var response = await (await Admin()).DeleteAsync($"/api/data/projects/{closed.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await response.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.Projects.AnyAsync(p => p.Id == closed.Id)));
        Assert.True(await factory.WithDb(db => db.ProjectPersonLinks.AnyAsync(l => l.ProjectId == closed.Id)));
    }

    [Fact]
    public async Task A_forced_delete_removes_everything_in_the_project()
    {
        var artist = await factory.CreatePersonAsync();
        var closed = await factory.CreateProjectAsync(false, (artist, null));
        var other = await factory.CreateProjectAsync();
        var asset = await factory.CreateEntityAsync(closed);
        var prop = await factory.CreateEntityAsync(closed);
        var keptAsset = await factory.CreateEntityAsync(other);
        var task = await factory.CreateTaskAsync(asset, artist);
        var department = await factory.CreateDepartmentAsync();
        await factory.WithDb(async db =>
        {
            var comment = new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = artist.Id };
            var preview = new PreviewFile { TaskId = task.Id, Name = "v1" };
            var descriptor = new MetadataDescriptor { ProjectId = closed.Id, EntityType = "Asset", Name = "Size", FieldName = "size" };
            var budget = new Budget { ProjectId = closed.Id, Name = "Quote" };
            var playlist = new Playlist { ProjectId = closed.Id, Name = "Dailies" };
            db.AddRange(comment, preview, descriptor, budget, playlist);
            db.AddRange(
                new CommentMention { Comment = comment.Id, Person = artist.Id },
                new CommentPreviewLink { Comment = comment.Id, PreviewFile = preview.Id },
                new Notification { Type = "comment", PersonId = artist.Id, AuthorId = artist.Id, CommentId = comment.Id, TaskId = task.Id },
                new News { AuthorId = artist.Id, TaskId = task.Id, CommentId = comment.Id, PreviewFileId = preview.Id },
                new TimeSpent { TaskId = task.Id, PersonId = artist.Id, Date = new DateOnly(2025, 1, 2), Duration = 60 },
                new Subscription { PersonId = artist.Id, TaskId = task.Id },
                new EntityLink { EntityInId = asset.Id, EntityOutId = prop.Id },
                new EntityLink { EntityInId = keptAsset.Id, EntityOutId = asset.Id },
                new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = department.Id },
                new BudgetEntry { BudgetId = budget.Id, DepartmentId = department.Id, StartDate = new DateOnly(2025, 1, 1), MonthsDuration = 2, DailySalary = 300 },
                new Milestone { ProjectId = closed.Id, Name = "Lock" },
                new ScheduleItem { ProjectId = closed.Id },
                new SearchFilter { ProjectId = closed.Id, PersonId = artist.Id, ListType = "asset", Name = "mine", SearchQuery = "x" },
                new ApiEvent { Name = "asset:new", ProjectId = closed.Id });
            (await db.Entities.SingleAsync(e => e.Id == asset.Id)).PreviewFileId = preview.Id;
            return await db.SaveChangesAsync();
        });

        var response = await (await Admin()).DeleteAsync($"/api/data/projects/{closed.Id}?force=true");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var left = await factory.WithDb(async db => new[]
        {
            await db.Projects.CountAsync(p => p.Id == closed.Id),
            await db.Entities.CountAsync(e => e.ProjectId == closed.Id),
            await db.Tasks.CountAsync(t => t.ProjectId == closed.Id),
            await db.TaskPersonLinks.CountAsync(l => l.TaskId == task.Id),
            await db.Comments.CountAsync(c => c.ObjectId == task.Id),
            await db.PreviewFiles.CountAsync(p => p.TaskId == task.Id),
            await db.Notifications.CountAsync(n => n.TaskId == task.Id),
            await db.News.CountAsync(n => n.TaskId == task.Id),
            await db.TimeSpents.CountAsync(t => t.TaskId == task.Id),
            await db.Subscriptions.CountAsync(s => s.TaskId == task.Id),
            await db.EntityLinks.CountAsync(l => l.EntityOutId == asset.Id || l.EntityInId == asset.Id),
            await db.MetadataDescriptors.CountAsync(d => d.ProjectId == closed.Id),
            await db.Budgets.CountAsync(b => b.ProjectId == closed.Id),
            await db.BudgetEntries.CountAsync(e => e.DepartmentId == department.Id),
            await db.Milestones.CountAsync(m => m.ProjectId == closed.Id),
            await db.ScheduleItems.CountAsync(i => i.ProjectId == closed.Id),
            await db.SearchFilters.CountAsync(f => f.ProjectId == closed.Id),
            await db.Playlists.CountAsync(p => p.ProjectId == closed.Id),
            await db.ApiEvents.CountAsync(e => e.ProjectId == closed.Id),
            await db.ProjectPersonLinks.CountAsync(l => l.ProjectId == closed.Id),
        });
        Assert.All(left, count => Assert.Equal(0, count));
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == keptAsset.Id)));
    }

    [Fact]
    public async Task A_template_gives_its_settings_links_and_descriptors_unless_the_body_sets_them()
    {
        var taskType = await factory.WithDb(async db =>
        {
            var type = new TaskType { Name = Unique("Anim") };
            db.TaskTypes.Add(type);
            await db.SaveChangesAsync();
            return type;
        });
        var template = await factory.WithDb(async db =>
        {
            var template = new ProjectTemplate
            {
                Name = Unique("Tpl"), Fps = "30", ProductionStyle = "3d", Data = new JsonObject { ["studio"] = "A" },
                MetadataDescriptors = new JsonArray(new JsonObject { ["name"] = "Delivery code", ["entity_type"] = "Project", ["data_type"] = "string" }),
            };
            db.ProjectTemplates.Add(template);
            db.ProjectTemplateTaskTypeLinks.Add(new ProjectTemplateTaskTypeLink { ProjectTemplateId = template.Id, TaskTypeId = taskType.Id, Priority = 4 });
            await db.SaveChangesAsync();
            return template;
        });

        var created = await Create(await Admin(), new { name = Unique("FromTpl"), project_template_id = template.Id, fps = "24" });

        Assert.Equal("24", (string?)created["fps"]);
        Assert.Equal("3d", (string?)created["production_style"]);
        Assert.Equal("A", (string?)created["data"]!["studio"]);
        Assert.Equal(taskType.Id.ToString(), (string?)Assert.Single(created["task_types"]!.AsArray()));
        var projectId = Guid.Parse((string)created["id"]!);
        var descriptor = await factory.WithDb(db => db.MetadataDescriptors.SingleAsync(d => d.ProjectId == projectId && d.Name == "Delivery code"));
        Assert.Equal("delivery_code", descriptor.FieldName);
        Assert.Equal(4, await factory.WithDb(db => db.ProjectTaskTypeLinks.Where(l => l.ProjectId == projectId).Select(l => l.Priority).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_template_writes_nothing()
    {
        var name = Unique("NoTpl");

        var response = await (await Admin()).PostAsJsonAsync("/api/data/projects", new { name, project_template_id = Guid.NewGuid() });

        await response.AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.False(await factory.WithDb(db => db.Projects.AnyAsync(p => p.Name == name)));
    }

    [Fact]
    public async Task The_all_projects_columns_of_open_projects_are_copied_to_a_new_project()
    {
        var source = await factory.CreateProjectAsync();
        var columnName = Unique("Ship code ");
        await factory.WithDb(async db =>
        {
            db.MetadataDescriptors.Add(new MetadataDescriptor
            {
                ProjectId = source.Id, EntityType = "Project", Name = columnName, FieldName = "x", DataType = "string",
            });
            return await db.SaveChangesAsync();
        });

        var created = await Create(await Admin(), new { name = Unique("Copy") });

        var projectId = Guid.Parse((string)created["id"]!);
        var copy = await factory.WithDb(db => db.MetadataDescriptors.SingleAsync(d => d.ProjectId == projectId && d.Name == columnName));
        Assert.Equal("Project", copy.EntityType);
        Assert.Equal(columnName.ToLowerInvariant().Replace(' ', '_'), copy.FieldName);
    }

    [Fact]
    public async Task Malformed_and_unknown_ids()
    {
        var admin = await Admin();

        Assert.Equal("""{"error":true,"message":"Malformed ID.","data":null}""",
            await (await admin.GetAsync("/api/data/projects/not-a-uuid")).Content.ReadAsStringAsync());
        await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.PutAsJsonAsync($"/api/data/projects/{Guid.NewGuid()}", new { description = "x" })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.DeleteAsync($"/api/data/projects/{Guid.NewGuid()}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
