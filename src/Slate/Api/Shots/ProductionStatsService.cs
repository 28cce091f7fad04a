using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Api.Persons;
using Slate.Api.Projects;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Shots;

/// <summary>
/// The shots blueprint's production statistics (Zou's stats_service and shots_service quotas):
/// task counts per episode, retake counts per episode, and the frames each artist delivered per
/// day, week, month and year. Each answer comes from one or two set-based queries, folded in one
/// pass into Zou's nested dictionaries (same keys, same insertion order for the same rows).
/// </summary>
public sealed class ProductionStatsService(SlateDb db, Permissions permissions, EntityService entities, Settings settings, ZouSerializer serializer)
{
    const string All = "all";

    /// <summary>
    /// Zou's get_episode_stats_for_project: {episode_id: {task_type_id: {task_status_id: {name,
    /// color, count, frames, drawings}}, with "all" for every task type}, plus "all" over every
    /// episode. Tasks of entities two levels under an episode (its sequences' shots); a vendor's
    /// own tasks only.
    /// </summary>
    public async Task<JsonObject> EpisodeStatsAsync(string projectId)
    {
        var project = await entities.ProjectAsync(projectId);
        var rows = await (
                from t in await TasksAsync(project)
                join s in db.TaskStatuses on t.TaskStatusId equals (Guid?)s.Id
                join e in db.Entities on t.EntityId equals (Guid?)e.Id
                join q in db.Entities on e.ParentId equals (Guid?)q.Id
                join ep in db.Entities on q.ParentId equals (Guid?)ep.Id
                group new { t.NbDrawings, e.NbFrames } by new { Episode = ep.Id, t.TaskTypeId, Status = s.Id, s.ShortName, s.Color } into g
                select new
                {
                    g.Key.Episode, g.Key.TaskTypeId, g.Key.Status, g.Key.ShortName, g.Key.Color,
                    Count = g.Count(), Drawings = g.Sum(x => x.NbDrawings), Frames = g.Sum(x => x.NbFrames),
                })
            .ToListAsync();

        var results = new JsonObject();
        foreach (var r in rows.OrderBy(r => r.Episode).ThenBy(r => r.TaskTypeId).ThenBy(r => r.Status))
        {
            var (episode, taskType, status) = (ZouSerializer.Uuid(r.Episode), Key(r.TaskTypeId), ZouSerializer.Uuid(r.Status));
            var (frames, drawings) = ((long)(r.Frames ?? 0), (long)(r.Drawings ?? 0));
            var episodeStats = Child(results, episode);
            var bucket = StatusBucket(r.ShortName, r.Color);
            AddCounts(bucket, r.Count, frames, drawings);
            Child(episodeStats, taskType)[status] = bucket;
            AddCounts(Child(Child(episodeStats, All), status, () => StatusBucket(r.ShortName, r.Color)), r.Count, frames, drawings);

            var overall = Child(results, All, () => new JsonObject { [All] = new JsonObject() });
            foreach (var key in new[] { taskType, All })
                AddCounts(Child(Child(overall, key), status, () => StatusBucket(r.ShortName, r.Color)), r.Count, frames, drawings);
        }
        return results;
    }

    /// <summary>
    /// Zou's get_episode_retake_stats_for_project: for "all" and each episode, then "all" and each
    /// task type, the highest retake count, the tasks done / in a retake status / other (done wins),
    /// and per episode the evolution take by take (1 to the highest retake count: a task counts as
    /// retake up to its retake count, then done or other). One row per task; a vendor's own tasks only.
    /// </summary>
    public async Task<JsonObject> EpisodeRetakeStatsAsync(string projectId)
    {
        var project = await entities.ProjectAsync(projectId);
        var rows = await (
                from t in await TasksAsync(project)
                join e in db.Entities on t.EntityId equals (Guid?)e.Id
                join q in db.Entities on e.ParentId equals (Guid?)q.Id
                join ep in db.Entities on q.ParentId equals (Guid?)ep.Id
                join s in db.TaskStatuses on t.TaskStatusId equals (Guid?)s.Id
                orderby ep.Id, t.TaskTypeId, t.Id
                select new { Episode = ep.Id, t.NbDrawings, e.NbFrames, t.TaskTypeId, t.RetakeCount, s.IsDone, s.IsRetake })
            .ToListAsync();

        var results = new JsonObject { [All] = new JsonObject { [All] = RetakeStats() } };
        foreach (var r in rows)
        {
            var (episode, taskType) = (ZouSerializer.Uuid(r.Episode), Key(r.TaskTypeId));
            var episodeStats = Child(results, episode, () => new JsonObject { [All] = RetakeStats() });
            Child(Child(results, All), taskType, RetakeStats);
            Child(episodeStats, taskType, RetakeStats);
            var state = r.IsDone == true ? "done" : r.IsRetake == true ? "retake" : "other";
            foreach (var (level, key) in new[] { (All, All), (All, taskType), (episode, All), (episode, taskType) })
            {
                var entry = Child(Child(results, level), key);
                if (entry["max_retake_count"]!.GetValue<long>() < (r.RetakeCount ?? 0)) entry["max_retake_count"] = (long)(r.RetakeCount ?? 0);
                AddCounts(Child(entry, state), 1, r.NbFrames ?? 0, r.NbDrawings ?? 0);
            }
        }
        foreach (var r in rows)
        {
            var retakes = r.RetakeCount ?? 0;
            foreach (var key in new[] { All, Key(r.TaskTypeId) })
            {
                var entry = Child(Child(results, ZouSerializer.Uuid(r.Episode)), key);
                var evolution = Child(entry, "evolution");
                for (var take = 1; take <= entry["max_retake_count"]!.GetValue<long>(); take++)
                {
                    var state = retakes > 0 && take <= retakes ? "retake" : r.IsDone == true ? "done" : "other";
                    var counts = Child(evolution, take.ToString(CultureInfo.InvariantCulture), () => Counts("done", "retake", "other"));
                    AddCounts(Child(counts, state), 1, r.NbFrames ?? 0, r.NbDrawings ?? 0);
                }
            }
        }
        return results;
    }

    /// <summary>The project's tasks; where the caller works as a vendor, only the ones assigned to them.</summary>
    async Task<IQueryable<ProductionTask>> TasksAsync(Guid project)
    {
        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == project);
        if (await permissions.ProjectRoleAsync(project) != "vendor") return tasks;
        var mine = db.TaskPersonLinks.Where(l => l.PersonId == permissions.User.Id).Select(l => l.TaskId);
        return tasks.Where(t => mine.Contains(t.Id));
    }

    /// <summary>
    /// The frames, seconds, shots and drawings each person delivered on the task type's shot tasks
    /// ({person_id: ..., "total": ...}). Vendors and clients of the project get their own share only.
    /// </summary>
    public async Task<JsonObject> QuotasAsync(string projectId, string taskTypeId, IQueryCollection query)
    {
        var project = await entities.ProjectAsync(projectId);
        var taskType = EntityService.PathId(taskTypeId);
        if (!await db.TaskTypes.AnyAsync(t => t.Id == taskType)) throw new NotFoundException();
        var options = Options(query);
        Guid? narrowed = await permissions.ProjectRoleAsync(project) is "vendor" or "client" ? permissions.User.Id : null;
        return await QuotasAsync(project, new QuotaScope(taskType, null, narrowed, options.Studio), options.Weighted, options.Feedback);
    }

    /// <summary>
    /// One person's quotas in the project, by task type ({task_type_id: ..., "total": ...}): the
    /// project's managers and supervisors ask for anyone in it, other team members for themselves.
    /// </summary>
    public async Task<JsonObject> PersonQuotasAsync(string projectId, string personId, IQueryCollection query)
    {
        var project = await entities.ProjectAsync(projectId);
        if (!await permissions.IsSupervisorOfAsync(project) && personId != ZouSerializer.Uuid(permissions.User.Id))
            throw new PermissionDeniedException();
        var person = EntityService.PathId(personId);
        if (!await db.Persons.AnyAsync(p => p.Id == person)) throw new NotFoundException();
        var options = Options(query);
        return await QuotasAsync(project, new QuotaScope(null, person, null, options.Studio), options.Weighted, options.Feedback);
    }

    /// <summary>count_mode (weighted by default; weighteddone, feedback, done) and studio_id; 400 otherwise.</summary>
    static (bool Weighted, bool Feedback, Guid? Studio) Options(IQueryCollection query)
    {
        var (weighted, feedback) = CountMode(query, "count_mode must be equal to weighted, weigtheddone, feedback, or done");
        Guid? studio = query.TryGetValue("studio_id", out var studioId) ? QueryFilters.Uuid(studioId.ToString()) : null;
        return (weighted, feedback, studio);
    }

    /// <summary>
    /// count_mode: weighted (the default) and weighteddone share a task's frames by time spent,
    /// feedback and weighteddone count a task once it went to feedback (an end date), done and
    /// weighteddone once done (a done date); anything else is a 400 with the route's message.
    /// </summary>
    static (bool Weighted, bool Feedback) CountMode(IQueryCollection query, string message)
    {
        var mode = query.TryGetValue("count_mode", out var given) ? given.ToString() : "weighted";
        if (mode is not ("weighted" or "weighteddone" or "feedback" or "done")) throw new WrongParameterException(message);
        return (mode.Contains("weighted"), !mode.Contains("done"));
    }

    /// <summary>
    /// What the quotas count: one task type's tasks (each assignee's entry) or one person's (by
    /// task type), optionally only one person's rows (narrowed) and tasks with an assignee of a studio.
    /// </summary>
    sealed record QuotaScope(Guid? TaskType, Guid? Person, Guid? Narrowed, Guid? Studio);

    /// <summary>
    /// Zou's get_weighted_quotas / get_raw_quotas on the project's shot tasks delivered (feedback:
    /// an end date; otherwise a done date). Raw: each assignee gets the shot's frames on that day
    /// (in the caller's time zone). Weighted: each time spent gets the frames in proportion of its
    /// duration to the task's, on its day; a task with no time spent spreads its frames over the
    /// business days from its real start, counted from the delivery day onwards (Zou's loop), and
    /// only when a task type is given (Zou compares the task type with none otherwise).
    /// </summary>
    async Task<JsonObject> QuotasAsync(Guid project, QuotaScope scope, bool weighted, bool feedback)
    {
        var fpsText = await db.Projects.Where(p => p.Id == project).Select(p => p.Fps).FirstAsync();
        var quotas = new QuotaTable(
            double.TryParse(fpsText, CultureInfo.InvariantCulture, out var fps) && fps > 0 ? fps : 25,
            await TimeZoneAsync());
        var tasks = DeliveredShotTasks(project, feedback);
        if (scope.TaskType is { } taskType) tasks = tasks.Where(r => r.Task.TaskTypeId == taskType);
        if (scope.Studio is { } studio)
        {
            var studioTasks = db.TaskPersonLinks.Join(db.Persons.Where(p => p.StudioId == studio), l => l.PersonId, p => p.Id, (l, p) => l.TaskId);
            tasks = tasks.Where(r => studioTasks.Contains(r.Task.Id));
        }
        string Entry(Guid person, Guid? taskTypeId) => scope.Person is null ? ZouSerializer.Uuid(person) : Key(taskTypeId);

        if (weighted)
        {
            var spent = db.TimeSpents.AsNoTracking().Where(s => s.PersonId != null);
            if ((scope.Person ?? scope.Narrowed) is { } spender) spent = spent.Where(s => s.PersonId == spender);
            var timed = await tasks
                .Join(spent, r => (Guid?)r.Task.Id, s => s.TaskId, (r, s) => new
                {
                    r.Task.TaskTypeId, TaskDuration = r.Task.Duration, r.Task.NbDrawings, r.NbFrames, s.Date, s.Duration, s.PersonId,
                })
                .OrderBy(r => r.Date)
                .ToListAsync();
            foreach (var r in timed.Where(r => r.TaskDuration is > 0))
            {
                var share = r.Duration / r.TaskDuration!.Value;
                quotas.Add(Entry(r.PersonId!.Value, r.TaskTypeId), r.Date,
                    Round((r.NbFrames ?? 0) * share), Round((r.NbDrawings ?? 0) * share));
            }
            if (scope.TaskType is null) return quotas.Json;

            var untimed = await AssignedAsync(tasks.Where(r => r.Task.RealStartDate != null && !db.TimeSpents.Any(s => s.TaskId == r.Task.Id)), scope);
            foreach (var r in untimed)
            {
                var delivered = (feedback ? r.EndDate : r.DoneDate)!.Value;
                var start = r.RealStartDate!.Value;
                var days = (int)Math.Floor((delivered - start).TotalDays);
                var businessDays = BusinessDays(start, delivered) + 1;
                var frames = Round((r.NbFrames ?? 0) / (double)businessDays);
                for (var (x, day) = (0, delivered); x < days + 1; x++, day = day.AddDays(1))
                    if (IsWeekday(day)) quotas.Add(Entry(r.Assignee, r.TaskTypeId), day, frames, r.NbDrawings ?? 0);
            }
            return quotas.Json;
        }

        foreach (var r in await AssignedAsync(tasks, scope))
            quotas.Add(Entry(r.Assignee, r.TaskTypeId), (feedback ? r.EndDate : r.DoneDate)!.Value, r.NbFrames ?? 0, r.NbDrawings ?? 0);
        return quotas.Json;
    }

    /// <summary>
    /// The project's shot tasks a quota counts: delivered, that is sent to feedback (an end date)
    /// or, when <paramref name="feedback"/> is false, done (a done date).
    /// </summary>
    IQueryable<ShotTask> DeliveredShotTasks(Guid project, bool feedback) =>
        EntityKinds.OfKind(db, db.Entities, "Shot")
            .Join(db.Tasks.AsNoTracking().Where(t => t.ProjectId == project), e => (Guid?)e.Id, t => t.EntityId,
                (e, t) => new ShotTask { Task = t, NbFrames = e.NbFrames })
            .Where(r => feedback ? r.Task.EndDate != null : r.Task.DoneDate != null);

    /// <summary>
    /// The shots a person's quota counts over a period (Zou's get_*_quota_shots), for one project
    /// and task type (project_id, task_type_id; none: nothing), sorted by full name, each with its
    /// "full_name" and "weight". Weighted: the shots whose delivered tasks the person logged time on
    /// in the period, weighing each time spent's share of the task's time (rounded to 2 places);
    /// then those assigned to them with no time logged at all, started, and delivered in the
    /// period (in the caller's time zone), weighing the part of their business days inside it.
    /// Raw: the shots whose tasks assigned to them were delivered in the period, weight 1. The
    /// project's managers ask for anyone, everyone else for themselves (admins for anyone).
    /// </summary>
    public async Task<JsonArray> PersonQuotaShotsAsync(string personId, Func<Periods.Period> period, IQueryCollection query)
    {
        var person = await PathPersons.IdAsync(db, personId);
        Guid? Argument(string key) => query.TryGetValue(key, out var value) ? ProjectsService.ArgumentId(value.ToString()) : null;
        var (project, taskType) = (Argument("project_id"), Argument("task_type_id"));
        var (weighted, feedback) = CountMode(query, "count_mode must be equal to weighted, weighteddone, feedback, or done");
        if (!await permissions.IsManagerOfAsync(project)) permissions.CheckSelfOrAdmin(person);
        var (start, end) = period();
        if (project is not { } projectId || taskType is not { } taskTypeId) return [];

        var (localStart, localEnd) = (start.ToDateTime(TimeOnly.MinValue), end.ToDateTime(TimeOnly.MinValue));
        var zone = await TimeZoneAsync();
        var (utcStart, utcEnd) = (Utc(localStart, zone), Utc(localEnd, zone));
        var tasks = DeliveredShotTasks(projectId, feedback).Where(r => r.Task.TaskTypeId == taskTypeId);
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == person).Select(l => l.TaskId);
        var weights = new List<(Guid Shot, double Weight)>();

        if (weighted)
        {
            var timed = await tasks
                .Join(db.TimeSpents.Where(s => s.PersonId == person && s.Date >= start && s.Date < end), r => (Guid?)r.Task.Id, s => s.TaskId,
                    (r, s) => new { Shot = r.Task.EntityId!.Value, TaskDuration = r.Task.Duration, s.Duration, s.Date, s.Id })
                .OrderBy(r => r.Date).ThenBy(r => r.Id)
                .ToListAsync();
            foreach (var r in timed)
            {
                var share = r.TaskDuration is > 0 ? Math.Round(r.Duration / r.TaskDuration.Value, 2, MidpointRounding.ToEven) : 0;
                var index = weights.FindIndex(w => w.Shot == r.Shot);
                if (index < 0) weights.Add((r.Shot, share));
                else weights[index] = (r.Shot, weights[index].Weight + share);
            }
            var untimed = await tasks
                .Where(r => r.Task.RealStartDate != null && r.Task.RealStartDate <= utcEnd && assigned.Contains(r.Task.Id)
                    && !db.TimeSpents.Any(s => s.TaskId == r.Task.Id)
                    && (feedback ? r.Task.EndDate >= utcStart : r.Task.DoneDate >= utcStart))
                .Select(r => new { Shot = r.Task.EntityId!.Value, r.Task.RealStartDate, r.Task.EndDate, r.Task.DoneDate })
                .ToListAsync();
            foreach (var r in untimed.Where(r => weights.All(w => w.Shot != r.Shot)).DistinctBy(r => r.Shot))
            {
                var (taskStart, taskEnd) = (r.RealStartDate!.Value, (feedback ? r.EndDate : r.DoneDate)!.Value);
                var businessDays = BusinessDays(taskStart, taskEnd) + 1;
                var inside = (taskStart >= localStart, taskEnd <= localEnd) switch
                {
                    (true, true) => businessDays,
                    (true, false) => BusinessDays(taskStart, localEnd) + 1,
                    (false, true) => BusinessDays(localStart, taskEnd) + 1,
                    _ => 1,
                };
                weights.Add((r.Shot, Math.Round(inside / (double)businessDays, 2, MidpointRounding.ToEven)));
            }
        }
        else
        {
            var delivered = await tasks
                .Where(r => assigned.Contains(r.Task.Id)
                    && (feedback ? r.Task.EndDate >= utcStart && r.Task.EndDate <= utcEnd : r.Task.DoneDate >= utcStart && r.Task.DoneDate <= utcEnd))
                .Select(r => r.Task.EntityId!.Value)
                .ToListAsync();
            weights.AddRange(delivered.Select(shot => (shot, 1.0)));
        }
        return await QuotaShotsAsync(weights, integerWeights: !weighted);
    }

    /// <summary>The shots as Zou serializes entities, each with its full name and weight, by full name.</summary>
    async Task<JsonArray> QuotaShotsAsync(List<(Guid Shot, double Weight)> weights, bool integerWeights)
    {
        var ids = weights.Select(w => w.Shot).Distinct().ToList();
        var shots = await db.Entities.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync();
        var objects = (await serializer.ObjectsAsync(shots)).ToDictionary(o => (string)o["id"]!);
        var names = await EntityNames.FullNamesAsync(db, ids);
        return [.. weights
            .Select(w =>
            {
                var shot = (JsonObject)objects[ZouSerializer.Uuid(w.Shot)].DeepClone();
                shot["full_name"] = names[w.Shot].Name;
                shot["weight"] = integerWeights ? JsonValue.Create((long)w.Weight) : JsonValue.Create(w.Weight);
                return shot;
            })
            .OrderBy(s => (string)s["full_name"]!, StringComparer.Ordinal)
            .Select(s => (JsonNode)s)];
    }

    /// <summary>A local date-time in the zone, as naive UTC (a time skipped by a clock change moves an hour on).</summary>
    static DateTime Utc(DateTime local, TimeZoneInfo zone)
    {
        var time = DateTime.SpecifyKind(zone.IsInvalidTime(local) ? local.AddHours(1) : local, DateTimeKind.Unspecified);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(time, zone), DateTimeKind.Unspecified);
    }

    /// <summary>The weekdays after <paramref name="start"/> up to <paramref name="end"/>'s whole days (Zou's get_business_days).</summary>
    static int BusinessDays(DateTime start, DateTime end) =>
        Enumerable.Range(1, Math.Max((int)Math.Floor((end - start).TotalDays), 0)).Count(x => IsWeekday(start.AddDays(x)));

    /// <summary>A shot task with its shot's frame count (a member-init shape, so queries compose on it).</summary>
    sealed class ShotTask
    {
        public required ProductionTask Task { get; init; }
        public int? NbFrames { get; init; }
    }

    sealed class AssignedTask
    {
        public Guid Assignee { get; init; }
        public Guid? TaskTypeId { get; init; }
        public int? NbFrames { get; init; }
        public int? NbDrawings { get; init; }
        public DateTime? RealStartDate { get; init; }
        public DateTime? EndDate { get; init; }
        public DateTime? DoneDate { get; init; }
    }

    /// <summary>
    /// One row per task and assignee, by delivery date: for a person, every assignee of the tasks
    /// they hold (as Zou); narrowed, the caller's rows only.
    /// </summary>
    async Task<List<AssignedTask>> AssignedAsync(IQueryable<ShotTask> tasks, QuotaScope scope)
    {
        var links = db.TaskPersonLinks.AsNoTracking();
        if (scope.Narrowed is { } narrowed) links = links.Where(l => l.PersonId == narrowed);
        if (scope.Person is { } person)
        {
            var held = db.TaskPersonLinks.Where(l => l.PersonId == person).Select(l => l.TaskId);
            tasks = tasks.Where(r => held.Contains(r.Task.Id));
        }
        return await tasks
            .Join(links, r => r.Task.Id, l => l.TaskId, (r, l) => new AssignedTask
            {
                Assignee = l.PersonId, TaskTypeId = r.Task.TaskTypeId, NbFrames = r.NbFrames, NbDrawings = r.Task.NbDrawings,
                RealStartDate = r.Task.RealStartDate, EndDate = r.Task.EndDate, DoneDate = r.Task.DoneDate,
            })
            .OrderBy(r => r.EndDate).ThenBy(r => r.DoneDate).ThenBy(r => r.Assignee)
            .ToListAsync();
    }

    static bool IsWeekday(DateTime day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Python's round(): halves to even.</summary>
    static long Round(double value) => (long)Math.Round(value, MidpointRounding.ToEven);

    /// <summary>The caller's time zone, else the instance default (DEFAULT_TIMEZONE), else UTC.</summary>
    async Task<TimeZoneInfo> TimeZoneAsync()
    {
        var name = await db.Persons.Where(p => p.Id == permissions.User.Id).Select(p => p.Timezone).FirstOrDefaultAsync();
        foreach (var candidate in new[] { name, settings.DefaultTimezone })
            if (candidate is not null && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone)) return zone;
        return TimeZoneInfo.Utc;
    }

    static string Key(Guid? id) => id is { } value ? ZouSerializer.Uuid(value) : "None";

    static JsonObject Child(JsonObject parent, string key, Func<JsonObject>? create = null)
    {
        if (parent[key] is JsonObject child) return child;
        parent[key] = child = create?.Invoke() ?? [];
        return child;
    }

    static JsonObject StatusBucket(string? name, string? color) => new()
    {
        ["name"] = name, ["color"] = color, ["count"] = 0L, ["frames"] = 0L, ["drawings"] = 0L,
    };

    static JsonObject Counts(params string[] keys)
    {
        var counts = new JsonObject();
        foreach (var key in keys) counts[key] = new JsonObject { ["count"] = 0L, ["frames"] = 0L, ["drawings"] = 0L };
        return counts;
    }

    static JsonObject RetakeStats()
    {
        var stats = new JsonObject { ["max_retake_count"] = 0L, ["evolution"] = new JsonObject() };
        foreach (var (key, value) in Counts("done", "retake", "other").ToList())
            stats[key] = value!.DeepClone();
        return stats;
    }

    static void AddCounts(JsonObject bucket, long count, long frames, long drawings)
    {
        bucket["count"] = bucket["count"]!.GetValue<long>() + count;
        bucket["frames"] = bucket["frames"]!.GetValue<long>() + frames;
        bucket["drawings"] = bucket["drawings"]!.GetValue<long>() + drawings;
    }

    /// <summary>
    /// Zou's quota dictionaries: per entry, day / week / month / year buckets of frames, seconds,
    /// count and drawings, with "entries" counting the distinct days of each month, weeks and
    /// months of each year. Weeks are "&lt;calendar year&gt;-&lt;ISO week&gt;", unpadded.
    /// </summary>
    sealed class QuotaTable(double fps, TimeZoneInfo zone)
    {
        public JsonObject Json { get; } = [];

        /// <summary>A delivery date-time (naive UTC), counted on its day in the caller's time zone.</summary>
        public void Add(string entry, DateTime at, long frames, long drawings) =>
            Add(entry, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone)), frames, drawings);

        /// <summary>A calendar day (a time spent's), counted as it is, for the entry and the "total".</summary>
        public void Add(string entry, DateOnly day, long frames, long drawings)
        {
            AddTo(entry, day, frames, drawings);
            AddTo("total", day, frames, drawings);
        }

        void AddTo(string entry, DateOnly day, long frames, long drawings)
        {
            var dayKey = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var year = dayKey[..4];
            var month = dayKey[..7];
            var week = $"{year}-{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue))}";
            var table = Child(Json, entry, NewEntry);
            foreach (var (period, key, entriesKey) in new[] { ("day", dayKey, month), ("week", week, year), ("month", month, year), ("year", year, null) })
            {
                var buckets = (JsonObject)table[period]!;
                var frameCounts = (JsonObject)buckets["frames"]!;
                if (!frameCounts.ContainsKey(key))
                {
                    buckets["frames"]![key] = 0L;
                    buckets["seconds"]![key] = 0d;
                    buckets["count"]![key] = 0L;
                    buckets["drawings"]![key] = 0L;
                    if (entriesKey is not null)
                    {
                        var entries = (JsonObject)buckets["entries"]!;
                        entries[entriesKey] = (entries[entriesKey]?.GetValue<long>() ?? 0) + 1;
                    }
                }
                buckets["frames"]![key] = buckets["frames"]![key]!.GetValue<long>() + frames;
                buckets["seconds"]![key] = buckets["seconds"]![key]!.GetValue<double>() + frames / fps;
                buckets["drawings"]![key] = buckets["drawings"]![key]!.GetValue<long>() + drawings;
                buckets["count"]![key] = buckets["count"]![key]!.GetValue<long>() + 1;
            }
        }

        static JsonObject NewEntry()
        {
            var entry = new JsonObject();
            foreach (var period in new[] { "day", "week", "month" })
                entry[period] = new JsonObject
                {
                    ["frames"] = new JsonObject(), ["seconds"] = new JsonObject(), ["count"] = new JsonObject(),
                    ["entries"] = new JsonObject(), ["drawings"] = new JsonObject(),
                };
            entry["year"] = new JsonObject
            {
                ["frames"] = new JsonObject(), ["seconds"] = new JsonObject(), ["count"] = new JsonObject(), ["drawings"] = new JsonObject(),
            };
            return entry;
        }
    }
}
