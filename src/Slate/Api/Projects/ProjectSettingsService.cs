using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// What a production uses (behavior-production.md §2.6): its asset types, task types, task
/// statuses, status automations and preview backgrounds, each a link table of the project.
/// The project's managers add and remove them; adding an unknown row is a 400, removing one that
/// is not linked does nothing. Each change tells the project's clients to refetch it (project:update).
/// </summary>
public sealed class ProjectSettingsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, ProjectsService projects)
{
    /// <summary>The rows linked to the project through <typeparamref name="TLink"/>, for readers the check lets in.</summary>
    public async Task<JsonArray> ListAsync<TLink, TModel>(string projectId, bool managersOnly) where TLink : class where TModel : Model
    {
        var project = await projects.ProjectAsync(projectId, managersOnly ? permissions.CheckManagerOfAsync : permissions.CheckProjectAccessAsync);
        var relation = RelationOf<TLink>();
        var ids = LinksOf<TLink>(project.Id, relation).Select(l => EF.Property<Guid>(l, relation.TargetProperty));
        var rows = await db.Set<TModel>().AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
        return await serializer.RowsAsync(rows);
    }

    /// <summary>Links the row named by the body's <paramref name="key"/>; the project, without relations.</summary>
    public async Task<JsonObject> AddAsync<TLink, TModel>(string projectId, JsonObject body, string key) where TLink : class, new() where TModel : Model
    {
        var text = RequestBody.RequiredText(body, key);
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        var id = await ExistingIdAsync<TModel>(text);
        var relation = RelationOf<TLink>();
        if (await LinksOf<TLink>(project.Id, relation).AnyAsync(l => EF.Property<Guid>(l, relation.TargetProperty) == id))
            return await serializer.RowAsync(project);
        AddLink<TLink>(relation, project.Id, id);
        return await SaveAsync(project);
    }

    /// <summary>A task type with its priority (null when not given); a link already there is kept as it is.</summary>
    public async Task<JsonObject> AddTaskTypeAsync(string projectId, JsonObject body)
    {
        RequestBody.RequiredText(body, "task_type_id");
        var taskType = Body.RequiredUuid(body, "task_type_id");
        var priority = RequestBody.OptionalInt(body["priority"], "priority");
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        await ExistingIdAsync<TaskType>(taskType.ToString());
        if (!await db.ProjectTaskTypeLinks.AnyAsync(l => l.ProjectId == project.Id && l.TaskTypeId == taskType))
            db.ProjectTaskTypeLinks.Add(new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = taskType, Priority = priority });
        return await SaveAsync(project);
    }

    /// <summary>Unlinks the row; nothing to remove is not an error.</summary>
    public async Task RemoveAsync<TLink>(string projectId, string id) where TLink : class
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        var target = ProjectsService.PathId(id);
        var relation = RelationOf<TLink>();
        db.RemoveRange(await LinksOf<TLink>(project.Id, relation).Where(l => EF.Property<Guid>(l, relation.TargetProperty) == target).ToListAsync());
        await SaveAsync(project);
    }

    /// <summary>
    /// Several task types (with priorities), task statuses and asset types at once: unknown ids are
    /// skipped, links already there are kept (a task type's priority is updated when given), and
    /// with replace_task_types the task types missing from the list are unlinked.
    /// </summary>
    public async Task<JsonObject> BatchAsync(string projectId, JsonObject body)
    {
        var taskTypes = TaskTypeEntries(body);
        var statusIds = IdList(body, "task_status_ids");
        var assetTypeIds = IdList(body, "asset_type_ids");
        var replace = body["replace_task_types"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (bool)v,
            var v => Values.Boolean(v.ToString()) ?? throw new ValidationFailedException(("replace_task_types", "Input should be a valid boolean")),
        };
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);

        var wantedTypes = taskTypes.Keys.ToList();
        var knownTypes = await db.TaskTypes.Where(t => wantedTypes.Contains(t.Id)).Select(t => t.Id).ToListAsync();
        var typeLinks = await db.ProjectTaskTypeLinks.Where(l => l.ProjectId == project.Id).ToDictionaryAsync(l => l.TaskTypeId);
        foreach (var (taskType, priority) in taskTypes)
        {
            if (typeLinks.TryGetValue(taskType, out var link))
            {
                if (priority is not null) link.Priority = priority;
            }
            else if (knownTypes.Contains(taskType))
                db.ProjectTaskTypeLinks.Add(new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = taskType, Priority = priority });
        }
        if (replace) db.ProjectTaskTypeLinks.RemoveRange(typeLinks.Values.Where(l => !taskTypes.ContainsKey(l.TaskTypeId)));

        var linkedStatuses = await db.ProjectTaskStatusLinks.Where(l => l.ProjectId == project.Id).Select(l => l.TaskStatusId).ToListAsync();
        foreach (var status in await db.TaskStatuses.Where(s => statusIds.Contains(s.Id) && !linkedStatuses.Contains(s.Id)).Select(s => s.Id).ToListAsync())
            db.ProjectTaskStatusLinks.Add(new ProjectTaskStatusLink { ProjectId = project.Id, TaskStatusId = status });

        var linkedAssetTypes = await db.ProjectAssetTypeLinks.Where(l => l.ProjectId == project.Id).Select(l => l.AssetTypeId).ToListAsync();
        foreach (var assetType in await db.EntityTypes.Where(t => assetTypeIds.Contains(t.Id) && !linkedAssetTypes.Contains(t.Id)).Select(t => t.Id).ToListAsync())
            db.ProjectAssetTypeLinks.Add(new ProjectAssetTypeLink { ProjectId = project.Id, AssetTypeId = assetType });

        return await SaveAsync(project);
    }

    async Task<JsonObject> SaveAsync(Project project)
    {
        events.Emit("project:update", new JsonObject(), project.Id);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(project);
    }

    /// <summary>The id of an existing row; 400 "&lt;Model&gt; with id &lt;id&gt; not found" otherwise.</summary>
    async Task<Guid> ExistingIdAsync<TModel>(string text) where TModel : Model
    {
        if (Values.TryUuid(text, out var id) && await db.Set<TModel>().AnyAsync(m => m.Id == id)) return id;
        throw new WrongParameterException($"{ZouSerializer.ModelName(typeof(TModel))} with id {text} not found");
    }

    static Relation RelationOf<TLink>() => Relations.Of(typeof(Project)).Single(r => r.Link == typeof(TLink));

    IQueryable<TLink> LinksOf<TLink>(Guid projectId, Relation relation) where TLink : class =>
        db.Set<TLink>().Where(l => EF.Property<Guid>(l, relation.OwnerProperty) == projectId);

    void AddLink<TLink>(Relation relation, Guid projectId, Guid targetId) where TLink : class, new()
    {
        var entry = db.Add(new TLink());
        entry.Property(relation.OwnerProperty).CurrentValue = projectId;
        entry.Property(relation.TargetProperty).CurrentValue = targetId;
    }

    /// <summary>The batch's task types, by id with their priority; entries whose id is not a UUID are skipped like unknown ones.</summary>
    static Dictionary<Guid, int?> TaskTypeEntries(JsonObject body)
    {
        var entries = new Dictionary<Guid, int?>();
        if (body["task_types"] is null) return entries;
        if (body["task_types"] is not JsonArray items) throw new ValidationFailedException(("task_types", "Input should be a valid list"));
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject entry) throw new ValidationFailedException(($"task_types.{i}", "Input should be a valid dictionary"));
            if (entry["task_type_id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
                throw new ValidationFailedException(($"task_types.{i}.task_type_id", entry["task_type_id"] is null ? "Field required" : "Input should be a valid string"));
            var priority = RequestBody.OptionalInt(entry["priority"], $"task_types.{i}.priority");
            if (Values.TryUuid((string)id!, out var taskType)) entries[taskType] = priority;
        }
        return entries;
    }

    /// <summary>A list of id strings; those that are not UUIDs are skipped like unknown ones.</summary>
    static List<Guid> IdList(JsonObject body, string key)
    {
        if (body[key] is null) return [];
        if (body[key] is not JsonArray items) throw new ValidationFailedException((key, "Input should be a valid list"));
        var ids = new List<Guid>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
                throw new ValidationFailedException(($"{key}.{i}", "Input should be a valid string"));
            if (Values.TryUuid((string)value!, out var id)) ids.Add(id);
        }
        return ids;
    }
}
