using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Tasks (behavior-platform.md §2.10, §2.11; behavior-production.md §3). Lists: vendors see the
/// tasks assigned to them, other non-admins the tasks of their open team projects (only the
/// assigned ones where their project role is vendor). Reading one needs the project and, for a
/// vendor, a task assigned on its entity. Creating needs a manager of the entity's project (Zou
/// checks nothing). Updating: a manager, or a supervisor of the task type's department limited to
/// the planning columns. Deleting: a manager; force also deletes the task's comments and files.
/// </summary>
public sealed class TasksCollection : CrudCollection<ProductionTask>
{
    /// <summary>What a department supervisor may change (Zou's check_supervisor_task_access).</summary>
    static readonly HashSet<string> SupervisorColumns = ["priority", "start_date", "due_date", "estimation", "difficulty", "data"];

    /// <summary>Entity types that are not asset types: a task type for "Asset" fits every other one.</summary>
    static readonly HashSet<string> TemporalKinds = ["Shot", "Sequence", "Episode", "Edit", "Scene", "Concept"];

    const string ProjectMismatch = "The task must be in the project of its entity.";

    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;

    public override async Task<IQueryable<ProductionTask>> NarrowListAsync(IQueryable<ProductionTask> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return rows;
        if (c.Permissions.GlobalRole != "vendor")
        {
            var projects = await c.Permissions.OpenTeamProjectIdsAsync();
            rows = rows.Where(t => t.ProjectId != null && projects.Contains(t.ProjectId.Value));
        }
        return await c.Permissions.NarrowVendorTasksAsync(rows);
    }

    /// <summary>`?episode_id=`: tasks whose entity's parent sequence belongs to that episode.</summary>
    public override IQueryable<ProductionTask>? ExtraFilter(IQueryable<ProductionTask> rows, string key, string value, CrudContext c)
    {
        if (key != "episode_id") return null;
        var episodeId = QueryFilters.Uuid(value);
        var entities = c.Db.Entities;
        return rows.Where(t => entities.Any(e => e.Id == t.EntityId
            && entities.Any(sequence => sequence.Id == e.ParentId && sequence.ParentId == episodeId)));
    }

    public override async Task CheckReadAsync(ProductionTask row, CrudContext c)
    {
        await c.Permissions.CheckProjectAccessAsync(row.ProjectId);
        await c.Permissions.CheckEntityAccessAsync(row.ProjectId, row.EntityId);
    }

    /// <summary>Zou lets any logged-in person create a task anywhere; Slate asks for a manager of the entity's project.</summary>
    public override async Task CheckCreateAsync(JsonObject body, CrudContext c)
    {
        var entity = await EntityAsync(Body.RequiredUuid(body, "entity_id"), c);
        await c.Permissions.CheckManagerOfAsync(entity.ProjectId);
    }

    public override Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        if (body["name"] is null || Body.Text(body, "name") == "") body["name"] = "main";
        return Task.CompletedTask;
    }

    public override async Task BeforeCreateAsync(ProductionTask row, JsonObject body, CrudContext c)
    {
        var entity = await EntityAsync(row.EntityId, c);
        if (body.ContainsKey("project_id") && row.ProjectId != entity.ProjectId) throw new WrongParameterException(ProjectMismatch);
        row.ProjectId = entity.ProjectId;
        await CheckTaskTypeFitsAsync(row.TaskTypeId, entity, c);
        if (body.ContainsKey("assignees")) await AssigneesAsync(body, [], row.ProjectId, c);
        if (await c.Db.Tasks.AnyAsync(t => t.Name == row.Name && t.ProjectId == row.ProjectId
                && t.TaskTypeId == row.TaskTypeId && t.EntityId == row.EntityId))
            throw new ApiException(400, new JsonObject { ["message"] = "Task already exists." });
    }

    public override async Task CheckUpdateAsync(ProductionTask row, JsonObject body, CrudContext c)
    {
        if (await c.Permissions.IsManagerOfAsync(row.ProjectId)) return;
        if (body.All(pair => SupervisorColumns.Contains(pair.Key))
            && await c.Permissions.IsDepartmentSupervisorAsync(row.ProjectId, row.TaskTypeId)) return;
        throw new PermissionDeniedException();
    }

    public override async Task BeforeUpdateAsync(ProductionTask row, JsonObject body, CrudContext c)
    {
        // Metadata values pile up in data: the keys sent are merged into the current ones.
        if (body["data"] is JsonObject added && added.Count > 0)
        {
            var merged = row.Data is JsonObject current ? current.DeepClone().AsObject() : new JsonObject();
            foreach (var (key, value) in added) merged[key] = value?.DeepClone();
            body["data"] = merged;
        }
        // A task cannot leave its project, nor get a task type that does not fit its entity.
        if (body.ContainsKey("entity_id") || body.ContainsKey("task_type_id"))
        {
            var entity = await EntityAsync(body.ContainsKey("entity_id") ? Body.RequiredUuid(body, "entity_id") : row.EntityId, c);
            if (entity.ProjectId != row.ProjectId) throw new WrongParameterException(ProjectMismatch);
            await CheckTaskTypeFitsAsync(body.ContainsKey("task_type_id") ? Body.RequiredUuid(body, "task_type_id") : row.TaskTypeId, entity, c);
        }
        if (body.ContainsKey("assignees"))
        {
            var previous = await c.Db.TaskPersonLinks.Where(l => l.TaskId == row.Id).Select(l => l.PersonId).ToListAsync();
            var next = await AssigneesAsync(body, previous, row.ProjectId, c);
            foreach (var person in next.Except(previous)) c.Events.Emit("task:assign", Assignation(row, person), row.ProjectId);
            foreach (var person in previous.Except(next)) c.Events.Emit("task:unassign", Assignation(row, person), row.ProjectId);
        }
    }

    public override Task CheckDeleteAsync(ProductionTask row, CrudContext c) => c.Permissions.CheckManagerOfAsync(row.ProjectId);

    /// <summary>
    /// Comments name their task without a foreign key: Zou would leave them behind, Slate asks for
    /// force to delete them with the task.
    /// </summary>
    public override async Task DeleteAsync(ProductionTask row, bool force, CrudContext c)
    {
        if (!force && await c.Db.Comments.AnyAsync(comment => comment.ObjectId == row.Id))
            throw new WrongParameterException("The task has comments. Re-issue the request with force=true to delete them with it.");
        await TaskDeletion.RemoveAsync(c.Db, [row.Id], force);
    }

    /// <summary>Zou's task:delete names the entity and task type too; the other task events get the same payload.</summary>
    public override JsonObject EventData(ProductionTask row) => new()
    {
        ["task_id"] = ZouSerializer.Uuid(row.Id),
        ["entity_id"] = row.EntityId is { } entity ? ZouSerializer.Uuid(entity) : null,
        ["task_type_id"] = row.TaskTypeId is { } taskType ? ZouSerializer.Uuid(taskType) : null,
    };

    static JsonObject Assignation(ProductionTask task, Guid person) =>
        new() { ["task_id"] = ZouSerializer.Uuid(task.Id), ["person_id"] = ZouSerializer.Uuid(person) };

    /// <summary>The task's entity; 404 when unknown, as Zou's lookups answer.</summary>
    static async Task<Entity> EntityAsync(Guid? id, CrudContext c) =>
        (id is { } entityId ? await c.Db.Entities.FindAsync(entityId) : null) ?? throw new NotFoundException();

    /// <summary>A task type for "Asset" fits any asset; another one only entities of the kind it names.</summary>
    static async Task CheckTaskTypeFitsAsync(Guid? taskTypeId, Entity entity, CrudContext c)
    {
        if (taskTypeId is null) throw new WrongParameterException("task_type_id is required and must be a valid UUID");
        var taskType = await c.Db.TaskTypes.AsNoTracking().Where(t => t.Id == taskTypeId).Select(t => new { t.ForEntity }).FirstOrDefaultAsync()
            ?? throw new NotFoundException();
        var kind = await c.Db.EntityTypes.AsNoTracking().Where(t => t.Id == entity.EntityTypeId).Select(t => t.Name).FirstAsync();
        var fits = taskType.ForEntity == "Asset" ? !TemporalKinds.Contains(kind) : taskType.ForEntity == kind;
        if (!fits) throw new ApiException(400, ApiException.ErrorBody("Task type of the task does not match entity type."));
    }

    /// <summary>
    /// The existing persons the body assigns (unknown ids are dropped, as the binder does). Bots
    /// newly assigned are refused unless the project collaborates with bots.
    /// </summary>
    static async Task<List<Guid>> AssigneesAsync(JsonObject body, List<Guid> previous, Guid? projectId, CrudContext c)
    {
        var ids = RowBinder.Ids(body["assignees"]);
        var persons = await c.Db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.IsBot }).ToListAsync();
        if (persons.Any(p => p.IsBot && !previous.Contains(p.Id))
            && !await c.Db.Projects.AnyAsync(p => p.Id == projectId && p.IsBotCollaborationEnabled == true))
            throw new PermissionDeniedException();
        return persons.Select(p => p.Id).ToList();
    }
}
