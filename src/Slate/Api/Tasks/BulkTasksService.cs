using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// Creating one task type's tasks for many entities of a project, and deleting tasks in bulk
/// (behavior-production.md §3.3, §3.8, §11 checks 18-19). Creation reuses the task rows every
/// creation route makes (EntityService.AddTasksAsync); deletion removes what goes with the tasks
/// (TaskDeletion), set-based, in one transaction.
/// </summary>
public sealed class BulkTasksService(SlateDb db, Permissions permissions, Events events, EntityService entities, CrudContext crud)
{
    /// <summary>The entity collection's filters, which the query string of a creation applies (?id=, ?parent_id=...).</summary>
    static readonly EntityCollection Filters = new();

    /// <summary>
    /// .../task-types/&lt;id&gt;/&lt;kind&gt;s/create-tasks: a "main" task of the type for each listed
    /// entity of the kind in the project (ids of other projects skipped, 404 for an id that is
    /// not one of that kind), or for every one matching the query string when the body is absent,
    /// {} or []; entities that already have a task of the type are skipped. Managers of the
    /// project; for concepts, the team but vendors and clients.
    /// </summary>
    public async Task<JsonArray> CreateForKindAsync(string projectId, string taskTypeId, string kind, HttpRequest request)
    {
        var project = await CheckCreatorAsync(projectId, kind == "Concept");
        var taskType = await TaskTypeAsync(taskTypeId);
        var ids = await IdsAsync(request);
        var rows = EntityKinds.OfKind(db, db.Entities.AsNoTracking(), kind);
        var targets = ids.Count > 0
            ? await ListedAsync(rows, ids, project)
            : await QueryFilters.Apply(rows.Where(e => e.ProjectId == project), request.Query, Filters, crud).OrderBy(e => e.Name).ToListAsync();
        return await CreateAsync(targets, taskType, kind == "Concept");
    }

    /// <summary>
    /// .../create-tasks/&lt;entity_type&gt;: the same for the entities of a type named in the path
    /// ("sequence" is Sequence; 404 when no type has that name), ?episode_id= keeping those under
    /// that episode. Managers of the project.
    /// </summary>
    public async Task<JsonArray> CreateForTypeAsync(string projectId, string taskTypeId, string entityType, HttpRequest request)
    {
        var project = await CheckCreatorAsync(projectId, concepts: false);
        var taskType = await TaskTypeAsync(taskTypeId);
        var name = entityType.Length == 0 ? "" : char.ToUpperInvariant(entityType[0]) + entityType[1..].ToLowerInvariant();
        var type = await db.EntityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name) ?? throw new NotFoundException();
        var ids = await IdsAsync(request);
        var rows = db.Entities.AsNoTracking().Where(e => e.EntityTypeId == type.Id);
        List<Entity> targets;
        if (ids.Count > 0) targets = await ListedAsync(rows, ids, project);
        else
        {
            rows = rows.Where(e => e.ProjectId == project);
            if (request.Query["episode_id"].ToString() is { Length: > 0 } episode)
            {
                var episodeId = QueryFilters.Uuid(episode);
                rows = rows.Where(e => e.ParentId == episodeId);
            }
            targets = await rows.OrderBy(e => e.Name).ToListAsync();
        }
        return await CreateAsync(targets, taskType, type.Name == "Concept");
    }

    /// <summary>The project of the path once the caller may create tasks in it (404 unknown, 403 otherwise).</summary>
    async Task<Guid> CheckCreatorAsync(string projectId, bool concepts)
    {
        var project = await entities.ProjectAsync(projectId);
        if (concepts)
        {
            if (await permissions.ProjectRoleAsync(project) is "vendor" or "client") throw new PermissionDeniedException();
        }
        else await permissions.CheckManagerOfAsync(project);
        return project;
    }

    async Task<TaskType> TaskTypeAsync(string id) =>
        (Values.TryUuid(id, out var typeId) ? await db.TaskTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId) : null)
            ?? throw new NotFoundException();

    /// <summary>Zou's validate_id_list(required=False): the ids of a JSON array body; none for an absent body or {}.</summary>
    static async Task<List<Guid>> IdsAsync(HttpRequest request) => await RequestBody.ReadJsonAsync(request) switch
    {
        null => [],
        JsonObject { Count: 0 } => [],
        JsonArray items => IdList(items),
        _ => throw new WrongParameterException("Request body must be a JSON array."),
    };

    static List<Guid> IdList(JsonArray items) =>
        [.. items.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id)
            ? id
            : throw new WrongParameterException("Request body must only contain valid UUIDs.")).Distinct()];

    /// <summary>The listed entities among <paramref name="rows"/>, in the list's order, those of the project only; 404 when one is not there at all.</summary>
    static async Task<List<Entity>> ListedAsync(IQueryable<Entity> rows, List<Guid> ids, Guid project)
    {
        var found = await rows.Where(e => ids.Contains(e.Id)).ToListAsync();
        if (found.Count != ids.Count) throw new NotFoundException();
        return [.. found.Where(e => e.ProjectId == project).OrderBy(e => ids.IndexOf(e.Id))];
    }

    /// <summary>The tasks of the type for the entities that have none yet, on the default status (the concept one for concepts); 201's body.</summary>
    async Task<JsonArray> CreateAsync(List<Entity> targets, TaskType taskType, bool forConcept)
    {
        if (targets.Count == 0) return [];
        var entityIds = targets.Select(e => (Guid?)e.Id).ToList();
        var existing = (await db.Tasks.AsNoTracking()
            .Where(t => entityIds.Contains(t.EntityId) && t.TaskTypeId == taskType.Id)
            .Select(t => t.EntityId).ToListAsync()).ToHashSet();
        var status = await DefaultTaskStatus.GetOrCreateAsync(db, events, forConcept);
        return await entities.AddTasksAsync([.. targets.Where(e => !existing.Contains(e.Id)).Select(e => (e, taskType))], status);
    }

    /// <summary>
    /// POST /actions/projects/&lt;id&gt;/delete-tasks: the listed tasks of the project are deleted with
    /// everything that goes with them (others skipped); answers the ids given, as Zou. Managers.
    /// </summary>
    public async Task<JsonArray> DeleteAsync(string projectId, JsonNode? body)
    {
        var project = await entities.ProjectAsync(projectId);
        await permissions.CheckManagerOfAsync(project);
        if (body is not JsonArray items) throw new WrongParameterException("Request body must be a JSON array.");
        var ids = IdList(items);
        await RemoveAsync(db.Tasks.Where(t => t.ProjectId == project && ids.Contains(t.Id)));
        return EntityService.Ids(ids);
    }

    /// <summary>DELETE /actions/projects/&lt;id&gt;/task-types/&lt;id&gt;/delete-tasks: every task of the type in the project, forced. Admins.</summary>
    public async Task DeleteForTaskTypeAsync(string projectId, string taskTypeId)
    {
        permissions.CheckAdmin();
        var project = EntityService.PathId(projectId);
        if (!await db.Projects.AnyAsync(p => p.Id == project)) throw new NotFoundException();
        var taskType = Values.TryUuid(taskTypeId, out var typeId) ? typeId : throw new NotFoundException();
        await RemoveAsync(db.Tasks.Where(t => t.ProjectId == project && t.TaskTypeId == taskType));
    }

    /// <summary>The tasks and what goes with them, each with its "task:delete" event, in one transaction.</summary>
    async Task RemoveAsync(IQueryable<ProductionTask> tasks)
    {
        var removed = await tasks.Select(t => t.Id).ToListAsync();
        if (removed.Count == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync();
        TaskDeletion.EmitRemoved(events, await TaskDeletion.RemoveAsync(db, removed, force: true));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
