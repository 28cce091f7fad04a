using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// A production's schedule (behavior-production.md §8.1): its milestones and its schedule items,
/// one per task type and one per task type and asset type, episode, sequence or edit. Reading a
/// level creates the items it misses (starting today, ending tomorrow, schedule-item:new), all in
/// one unit of work; items of what no longer exists are left out. Not for the project's vendors.
/// </summary>
public sealed class ScheduleService(SlateDb db, Permissions permissions, Events events, ProjectsService projects, ZouSerializer serializer)
{
    /// <summary>The kinds of entity a task type must be for to get a schedule item.</summary>
    static readonly string?[] ScheduledKinds = ["Asset", "Shot", "Sequence", "Episode", "Edit"];

    public async Task<JsonArray> MilestonesAsync(string projectId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessNotVendorAsync);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ProjectId == project.Id)
            .OrderBy(m => m.Date).ThenBy(m => m.Name).ToListAsync();
        return new JsonArray([.. milestones.Select(m => (JsonNode)Presentations.Milestone(m))]);
    }

    /// <summary>Every schedule item of the project, as stored.</summary>
    public async Task<JsonArray> ItemsAsync(string projectId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessNotVendorAsync);
        return await serializer.RowsAsync(await db.ScheduleItems.AsNoTracking().Where(i => i.ProjectId == project.Id)
            .OrderBy(i => i.StartDate).ThenBy(i => i.CreatedAt).ToListAsync());
    }

    /// <summary>
    /// One item per task type the project's tasks use (for assets, shots, sequences, episodes or
    /// edits), created when missing, by start date.
    /// </summary>
    public async Task<JsonArray> TaskTypeItemsAsync(string projectId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessNotVendorAsync);
        var used = await db.TaskTypes.AsNoTracking()
            .Where(tt => ScheduledKinds.Contains(tt.ForEntity) && db.Tasks.Any(t => t.ProjectId == project.Id && t.TaskTypeId == tt.Id))
            .Select(tt => tt.Id).ToListAsync();
        var existing = await db.ScheduleItems.AsNoTracking().Where(i => i.ProjectId == project.Id && i.ObjectId == null).ToListAsync();
        var created = await CreateMissingAsync(project.Id, used.Except(existing.Select(i => i.TaskTypeId).OfType<Guid>())
            .Select(taskType => (taskType, (Guid?)null)));
        return new JsonArray([.. existing.Where(i => i.TaskTypeId is not { } type || used.Contains(type)).Concat(created)
            .OrderBy(i => i.StartDate).ThenBy(i => i.CreatedAt)
            .Select(i => (JsonNode)Presentations.ScheduleItem(i))]);
    }

    /// <summary>The task type's items per asset type of the project's assets (of an episode's assets by main episode).</summary>
    public async Task<JsonArray> AssetTypeItemsAsync(string projectId, string taskTypeId, string? episodeId)
    {
        var (project, taskType, episode) = await LevelAsync(projectId, taskTypeId, episodeId);
        var assets = EntityKinds.OfKind(db, db.Entities.Where(e => e.ProjectId == project), EntityKinds.Asset);
        if (episode is { } id) assets = assets.Where(e => e.SourceId == id);
        var types = await db.EntityTypes.AsNoTracking()
            .Where(t => assets.Any(a => a.EntityTypeId == t.Id))
            .Select(t => new Named(t.Id, t.Name)).ToListAsync();
        var existing = db.ScheduleItems.Where(i => i.ProjectId == project && i.TaskTypeId == taskType && db.EntityTypes.Any(t => t.Id == i.ObjectId));
        return await ObjectItemsAsync(project, taskType, types, existing);
    }

    /// <summary>The task type's items per episode of the project (the one episode when given).</summary>
    public async Task<JsonArray> EpisodeItemsAsync(string projectId, string taskTypeId, string? episodeId)
    {
        var (project, taskType, episode) = await LevelAsync(projectId, taskTypeId, episodeId);
        var episodes = Entities(project, EntityKinds.Episode);
        if (episode is { } id) episodes = episodes.Where(e => e.Id == id);
        return await EntityItemsAsync(project, taskType, episodes);
    }

    /// <summary>The task type's items per sequence of the project (of the episode when given).</summary>
    public async Task<JsonArray> SequenceItemsAsync(string projectId, string taskTypeId, string? episodeId)
    {
        var (project, taskType, episode) = await LevelAsync(projectId, taskTypeId, episodeId);
        var sequences = Entities(project, "Sequence");
        if (episode is { } id) sequences = sequences.Where(e => e.ParentId == id);
        return await EntityItemsAsync(project, taskType, sequences);
    }

    /// <summary>The task type's items per edit of the project that is not canceled (of the episode when given).</summary>
    public async Task<JsonArray> EditItemsAsync(string projectId, string taskTypeId, string? episodeId)
    {
        var (project, taskType, episode) = await LevelAsync(projectId, taskTypeId, episodeId);
        var edits = Entities(project, "Edit").Where(e => e.Canceled != true);
        if (episode is { } id) edits = edits.Where(e => e.ParentId == id);
        return await EntityItemsAsync(project, taskType, edits);
    }

    sealed record Named(Guid Id, string Name);

    IQueryable<Entity> Entities(Guid projectId, string kind) =>
        EntityKinds.OfKind(db, db.Entities.Where(e => e.ProjectId == projectId), kind);

    /// <summary>
    /// The path's project (its team but vendors), task type (400 malformed, 404 unknown) and the
    /// optional ?episode_id=, which must be an episode of the project (404).
    /// </summary>
    async Task<(Guid Project, Guid TaskType, Guid? Episode)> LevelAsync(string projectId, string taskTypeId, string? episodeId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessNotVendorAsync);
        var taskType = ProjectsService.ArgumentId(taskTypeId);
        Guid? episode = string.IsNullOrEmpty(episodeId) ? null : ProjectsService.ArgumentId(episodeId);
        if (!await db.TaskTypes.AnyAsync(t => t.Id == taskType)) throw new NotFoundException();
        if (episode is { } id && !await Entities(project.Id, EntityKinds.Episode).AnyAsync(e => e.Id == id)) throw new NotFoundException();
        return (project.Id, taskType, episode);
    }

    async Task<JsonArray> EntityItemsAsync(Guid project, Guid taskType, IQueryable<Entity> entities) => await ObjectItemsAsync(
        project, taskType,
        await entities.AsNoTracking().Select(e => new Named(e.Id, e.Name)).ToListAsync(),
        db.ScheduleItems.Where(i => i.ProjectId == project && i.TaskTypeId == taskType && entities.Any(e => e.Id == i.ObjectId)));

    /// <summary>
    /// The items of the task type for each object, the missing ones created; each with the
    /// object's name, by name.
    /// </summary>
    async Task<JsonArray> ObjectItemsAsync(Guid project, Guid taskType, List<Named> objects, IQueryable<ScheduleItem> existing)
    {
        var names = objects.ToDictionary(o => o.Id, o => o.Name);
        var items = await existing.AsNoTracking().ToListAsync();
        var created = await CreateMissingAsync(project, names.Keys.Except(items.Select(i => i.ObjectId).OfType<Guid>())
            .Select(id => (taskType, (Guid?)id)));
        return new JsonArray([.. items.Where(i => i.ObjectId is { } id && names.ContainsKey(id)).Concat(created)
            .Select(i =>
            {
                var json = Presentations.ScheduleItem(i);
                json["name"] = names[i.ObjectId!.Value];
                return json;
            })
            .OrderBy(json => (string?)json["name"], StringComparer.Ordinal)
            .Select(json => (JsonNode)json)]);
    }

    /// <summary>New items (today to tomorrow) with their schedule-item:new events, in one save.</summary>
    async Task<List<ScheduleItem>> CreateMissingAsync(Guid project, IEnumerable<(Guid TaskType, Guid? Object)> missing)
    {
        var today = DateOnly.FromDateTime(Clock.UtcNow());
        var created = missing.Select(m => new ScheduleItem
        {
            ProjectId = project, TaskTypeId = m.TaskType, ObjectId = m.Object, StartDate = today, EndDate = today.AddDays(1),
        }).ToList();
        if (created.Count == 0) return created;
        db.ScheduleItems.AddRange(created);
        foreach (var item in created)
            events.Emit("schedule-item:new", new JsonObject { ["schedule_item_id"] = ZouSerializer.Uuid(item.Id) }, project);
        await db.SaveChangesAsync();
        return created;
    }
}
