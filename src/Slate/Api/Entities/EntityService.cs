using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Entities;

/// <summary>
/// The rules every kind of entity shares (behavior-production.md §1): finding one of a kind,
/// listing with Zou's filters narrowed to what the caller reaches, creating with "an existing
/// name returns the existing row", and removing (cancel when tasks exist, a real delete when
/// forced or when none do). The asset, shot, sequence... areas build on this.
/// </summary>
public sealed class EntityService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, CrudContext crud)
{
    /// <summary>The generic collection's rules for entities: its filters and what it refuses to filter on.</summary>
    static readonly EntityCollection Rules = new();

    /// <summary>The entity of that kind; 404 for a malformed id, an unknown one or another kind (as Zou's get_*_raw).</summary>
    public async Task<Entity> FindAsync(string id, string kind, bool tracked = false)
    {
        if (!Values.TryUuid(id, out var entityId)) throw new NotFoundException();
        var rows = tracked ? db.Entities : db.Entities.AsNoTracking();
        return await EntityKinds.OfKind(db, rows, kind).FirstOrDefaultAsync(e => e.Id == entityId)
            ?? throw new NotFoundException();
    }

    /// <summary>The entity of that kind once the caller may read it (team, and for a vendor a task of theirs on it).</summary>
    public async Task<Entity> ReadableAsync(string id, string kind)
    {
        var entity = await FindAsync(id, kind);
        await permissions.CheckEntityAccessAsync(entity.ProjectId, entity.Id);
        return entity;
    }

    /// <summary>
    /// The entities of a kind matching the query string's column filters (QueryFilters), the
    /// caller's projects only (a vendor's: what they are assigned to). A project_id filter needs
    /// access to that project (403), as Zou's check_criterion_access.
    /// </summary>
    public async Task<IQueryable<Entity>> ListedAsync(string kind, IQueryCollection query, IQueryable<Entity>? scope = null)
    {
        if (query.TryGetValue("project_id", out var project))
            await permissions.CheckProjectAccessAsync(QueryFilters.Uuid(project.ToString()));
        var rows = EntityKinds.OfKind(db, scope ?? db.Entities.AsNoTracking(), kind);
        rows = QueryFilters.Apply(rows, query, Rules, crud);
        return await permissions.NarrowEntitiesAsync(rows);
    }

    /// <summary>Rows as Zou serializes them with obj_type: "type" is the kind.</summary>
    public async Task<JsonArray> PresentAsync(IReadOnlyList<Entity> rows, string kind, bool relations = false)
    {
        var objects = await serializer.ObjectsAsync(rows, relations);
        foreach (var json in objects) json["type"] = kind;
        return new JsonArray([.. objects]);
    }

    public async Task<JsonObject> PresentAsync(Entity row, string kind, bool relations = false) =>
        (JsonObject)(await PresentAsync([row], kind, relations))[0]!;

    /// <summary>
    /// Adds the entity unless one of the same kind already has its name in the project under
    /// the same parent: that one is answered instead and nothing is written. A new one is saved
    /// with its "&lt;kind&gt;:new" event, whose payload <paramref name="eventData"/> completes.
    /// </summary>
    public async Task<Entity> GetOrCreateAsync(Entity entity, string kind, JsonObject eventData)
    {
        var existing = await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.ProjectId == entity.ProjectId
            && e.EntityTypeId == entity.EntityTypeId && e.ParentId == entity.ParentId && e.Name == entity.Name);
        if (existing is not null) return existing;
        entity.CreatedBy = permissions.User.Id;
        db.Entities.Add(entity);
        var prefix = kind.ToLowerInvariant();
        var data = new JsonObject { [$"{prefix}_id"] = ZouSerializer.Uuid(entity.Id) };
        foreach (var (key, value) in eventData) data[key] = value?.DeepClone();
        events.Emit($"{prefix}:new", data, entity.ProjectId);
        await db.SaveChangesAsync();
        return entity;
    }

    /// <summary>The project's managers, or the entity's creator while in its team.</summary>
    public async Task CheckRemovableAsync(Entity entity)
    {
        if (!await permissions.IsManagerOrCreatorAsync(entity.ProjectId, entity.CreatedBy)) throw new PermissionDeniedException();
    }

    /// <summary>
    /// Zou's remove_asset/remove_shot...: with tasks and no force the entity is only canceled
    /// ("&lt;kind&gt;:update"); otherwise its tasks (forced), versions, subscriptions, casting and
    /// concept links and output files go with it, and its children lose their parent
    /// ("&lt;kind&gt;:delete"). One transaction.
    /// </summary>
    public async Task RemoveAsync(Entity entity, string kind, bool force)
    {
        var prefix = kind.ToLowerInvariant();
        var payload = new JsonObject { [$"{prefix}_id"] = ZouSerializer.Uuid(entity.Id) };
        var taskIds = await db.Tasks.Where(t => t.EntityId == entity.Id).Select(t => t.Id).ToListAsync();
        if (taskIds.Count > 0 && !force)
        {
            entity.Canceled = true;
            events.Emit($"{prefix}:update", payload, entity.ProjectId);
            await db.SaveChangesAsync();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Bulk statements first: the task removal below loads what it deletes into the unit of work.
        await db.EntityVersions.Where(v => v.EntityId == entity.Id).ExecuteDeleteAsync();
        await db.Subscriptions.Where(s => s.EntityId == entity.Id).ExecuteDeleteAsync();
        await db.EntityLinks.Where(l => l.EntityInId == entity.Id || l.EntityOutId == entity.Id).ExecuteDeleteAsync();
        await db.EntityConceptLinks.Where(l => l.EntityInId == entity.Id || l.EntityOutId == entity.Id).ExecuteDeleteAsync();
        await db.Entities.Where(e => e.ParentId == entity.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ParentId, (Guid?)null));
        var workingFiles = db.WorkingFiles.Where(f => f.EntityId == entity.Id).Select(f => (Guid?)f.Id);
        await db.OutputFiles.Where(f => f.EntityId == entity.Id || workingFiles.Contains(f.SourceFileId)).ExecuteDeleteAsync();
        await RowBinder.DeleteLinksAsync(entity.Id, typeof(Entity), db);
        await TaskDeletion.RemoveAsync(db, taskIds, force: true);
        db.Entities.Remove(entity);
        events.Emit($"{prefix}:delete", payload, entity.ProjectId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The entity's tasks with the names Kitsu shows (project, task type, status, entity type,
    /// entity), in Zou's order; with relations, their assignees.
    /// </summary>
    public async Task<JsonArray> TasksAsync(Guid entityId, bool relations)
    {
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.EntityId == entityId)
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => new { Task = t, Project = p.Name })
            .Join(db.TaskTypes, r => r.Task.TaskTypeId, tt => tt.Id, (r, tt) => new { r.Task, r.Project, TaskType = tt.Name })
            .Join(db.TaskStatuses, r => r.Task.TaskStatusId, s => s.Id, (r, s) => new { r.Task, r.Project, r.TaskType, Status = s.Name })
            .Join(db.Entities, r => r.Task.EntityId, e => e.Id, (r, e) => new { r.Task, r.Project, r.TaskType, r.Status, Entity = e.Name, e.EntityTypeId })
            .Join(db.EntityTypes, r => r.EntityTypeId, et => et.Id, (r, et) => new { r.Task, r.Project, r.TaskType, r.Status, r.Entity, EntityType = et.Name })
            .OrderBy(r => r.Task.Name).ThenBy(r => r.Project).ThenBy(r => r.TaskType).ThenBy(r => r.EntityType).ThenBy(r => r.Entity)
            .ToListAsync();
        var objects = await serializer.ObjectsAsync(rows.Select(r => r.Task).ToList());
        var assignees = relations ? await AssigneesAsync(rows.Select(r => r.Task.Id).ToList()) : null;
        for (var i = 0; i < rows.Count; i++)
        {
            objects[i]["project_name"] = rows[i].Project;
            objects[i]["task_type_name"] = rows[i].TaskType;
            objects[i]["task_status_name"] = rows[i].Status;
            objects[i]["entity_type_name"] = rows[i].EntityType;
            objects[i]["entity_name"] = rows[i].Entity;
            if (assignees is not null) objects[i]["assignees"] = Ids(assignees.GetValueOrDefault(rows[i].Task.Id) ?? []);
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>The task types the entity has a task of.</summary>
    public async Task<JsonArray> TaskTypesAsync(Guid entityId)
    {
        var taskTypes = await db.TaskTypes.AsNoTracking()
            .Where(tt => db.Tasks.Any(t => t.EntityId == entityId && t.TaskTypeId == tt.Id))
            .ToListAsync();
        return await serializer.RowsAsync(taskTypes);
    }

    /// <summary>Assignee ids of each task, in one query.</summary>
    public async Task<Dictionary<Guid, List<Guid>>> AssigneesAsync(List<Guid> taskIds)
    {
        var links = await db.TaskPersonLinks.AsNoTracking()
            .Where(l => taskIds.Contains(l.TaskId))
            .Select(l => new { l.TaskId, l.PersonId })
            .ToListAsync();
        return links.GroupBy(l => l.TaskId).ToDictionary(g => g.Key, g => g.Select(l => l.PersonId).ToList());
    }

    public static JsonArray Ids(IEnumerable<Guid> ids) => new([.. ids.Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
}
