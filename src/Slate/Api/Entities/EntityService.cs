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

    /// <summary>
    /// The entity of that kind (any kind when null); 404 for a malformed id, an unknown one or
    /// another kind (as Zou's get_*_raw).
    /// </summary>
    public async Task<Entity> FindAsync(string id, string? kind, bool tracked = false)
    {
        if (!Values.TryUuid(id, out var entityId)) throw new NotFoundException();
        var rows = tracked ? db.Entities : db.Entities.AsNoTracking();
        if (kind is not null) rows = EntityKinds.OfKind(db, rows, kind);
        return await rows.FirstOrDefaultAsync(e => e.Id == entityId) ?? throw new NotFoundException();
    }

    /// <summary>An id of the path; 404 when it is not a UUID.</summary>
    public static Guid PathId(string text) => Values.TryUuid(text, out var id) ? id : throw new NotFoundException();

    /// <summary>A project id of the path the caller may read: 403 outside its team, 404 when it does not exist.</summary>
    public async Task<Guid> ProjectAsync(string projectId)
    {
        var id = PathId(projectId);
        await permissions.CheckProjectAccessAsync(id);
        if (!await db.Projects.AnyAsync(p => p.Id == id)) throw new NotFoundException();
        return id;
    }

    /// <summary>The entity of that kind once the caller may read it (team, and for a vendor a task of theirs on it).</summary>
    public async Task<Entity> ReadableAsync(string id, string? kind)
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

    /// <summary>
    /// Rows as Zou serializes them with obj_type: "type" is the kind; a vendor does not see the
    /// metadata restricted to other departments (Zou's mask_metadata_for_vendor).
    /// </summary>
    public async Task<JsonArray> PresentAsync(IReadOnlyList<Entity> rows, string kind, bool relations = false)
    {
        var objects = await serializer.ObjectsAsync(rows, relations);
        var hidden = rows.Count == 0 ? [] : await permissions.HiddenMetadataAsync(kind);
        for (var i = 0; i < objects.Count; i++)
        {
            objects[i]["type"] = kind;
            if (objects[i]["data"] is JsonObject data && hidden.TryGetValue(rows[i].ProjectId, out var fields))
                foreach (var field in fields) data.Remove(field);
        }
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
    /// concept links and output files go with it, and its children lose their parent (shots their scene)
    /// ("&lt;kind&gt;:delete"). One transaction.
    /// </summary>
    public async Task RemoveAsync(Entity entity, string kind, bool force)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await StageRemovalAsync(entity, kind, force);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Zou's remove_sequence/remove_episode: a plain delete while nothing hangs from the entity
    /// (400 "Some data are still linked to this &lt;kind&gt;." when entities, tasks, casting links or
    /// playlists do); forced, what it holds goes first (forced too, the deepest first: an episode's
    /// sequences with their shots and scenes, the assets whose main episode it is, its playlists),
    /// then it ("&lt;kind&gt;:delete"). One transaction.
    /// </summary>
    public async Task RemoveContainerAsync(Entity entity, string kind, bool force)
    {
        if (!force && await IsLinkedAsync(entity.Id))
            throw new BadRequestException($"Some data are still linked to this {kind.ToLowerInvariant()}.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (force) await StageContentsRemovalAsync(entity.Id, [entity.Id]);
        await db.ScheduleItems.Where(i => i.ObjectId == entity.Id).ExecuteDeleteAsync();
        await StageRemovalAsync(entity, kind, force: true);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Whether entities hang from it (children, scene shots, main-episode assets), or tasks, casting links or playlists point at it.</summary>
    async Task<bool> IsLinkedAsync(Guid id) =>
        await db.Entities.AnyAsync(e => e.ParentId == id || e.SourceId == id)
        || await db.Tasks.AnyAsync(t => t.EntityId == id)
        || await db.EntityLinks.AnyAsync(l => l.EntityInId == id || l.EntityOutId == id)
        || await db.Playlists.AnyAsync(p => p.EpisodeId == id);

    /// <summary>
    /// The forced removal of what the entity holds: its episode playlists, and the entities under it
    /// (its children, and the assets whose main episode it is), theirs before them, each once.
    /// </summary>
    async Task StageContentsRemovalAsync(Guid id, HashSet<Guid> staged)
    {
        var playlists = db.Playlists.Where(p => p.EpisodeId == id).Select(p => p.Id);
        await db.Notifications.Where(n => n.PlaylistId != null && playlists.Contains(n.PlaylistId.Value)).ExecuteDeleteAsync();
        await db.BuildJobs.Where(j => playlists.Contains(j.PlaylistId)).ExecuteDeleteAsync();
        await db.PlaylistShareLinks.Where(l => playlists.Contains(l.PlaylistId)).ExecuteDeleteAsync();
        await db.Playlists.Where(p => p.EpisodeId == id).ExecuteDeleteAsync();

        var contents = await db.Entities.Where(e => e.ParentId == id || e.SourceId == id).ToListAsync();
        var kinds = await EntityKinds.OfTypesAsync(db, contents.Select(e => e.EntityTypeId));
        foreach (var item in contents.Where(e => e.ParentId == id || kinds[e.EntityTypeId] == EntityKinds.Asset)
            .OrderBy(e => kinds[e.EntityTypeId] == "Scene"))
        {
            if (!staged.Add(item.Id)) continue;
            await StageContentsRemovalAsync(item.Id, staged);
            await StageRemovalAsync(item, kinds[item.EntityTypeId], force: true);
        }
    }

    /// <summary>
    /// Zou's delete-entities: the shots, edits, concepts and assets of the project among the ids
    /// (others skipped), canceled or deleted as <see cref="RemoveAsync"/> would; concepts and
    /// entities already canceled are always deleted. The project's managers, or a team member for
    /// the entities they created. Answers the ids handled; one transaction.
    /// </summary>
    public async Task<JsonArray> RemoveManyAsync(string projectId, JsonNode? body, bool force)
    {
        if (!Values.TryUuid(projectId, out var project) || !await db.Projects.AnyAsync(p => p.Id == project)) throw new NotFoundException();
        if (body is not JsonArray items) throw new WrongParameterException("Request body must be a JSON array.");
        var ids = items.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id)
            ? id
            : throw new WrongParameterException("Request body must only contain valid UUIDs.")).ToList();

        var found = await db.Entities.Where(e => ids.Contains(e.Id) && e.ProjectId == project).ToListAsync();
        var kinds = await EntityKinds.OfTypesAsync(db, found.Select(e => e.EntityTypeId));
        var removed = found
            .Where(e => kinds[e.EntityTypeId] is EntityKinds.Asset or "Shot" or "Edit" or "Concept")
            .OrderBy(e => ids.IndexOf(e.Id))
            .ToList();
        if (!await permissions.IsManagerOfAsync(project))
            foreach (var entity in removed) await CheckRemovableAsync(entity);

        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var entity in removed)
        {
            var kind = kinds[entity.EntityTypeId];
            await StageRemovalAsync(entity, kind, force || entity.Canceled == true || kind == "Concept");
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Ids(removed.Select(e => e.Id));
    }

    /// <summary>The cancel or the delete of one entity, into the unit of work (the bulk statements run at once).</summary>
    async Task StageRemovalAsync(Entity entity, string kind, bool force)
    {
        var taskIds = await db.Tasks.Where(t => t.EntityId == entity.Id).Select(t => t.Id).ToListAsync();
        if (taskIds.Count > 0 && !force)
        {
            entity.Canceled = true;
            events.EmitEntity(kind, "update", entity.Id, entity.ProjectId);
            return;
        }

        // Bulk statements first: the task removal below loads what it deletes into the unit of work.
        await db.EntityVersions.Where(v => v.EntityId == entity.Id).ExecuteDeleteAsync();
        await db.Subscriptions.Where(s => s.EntityId == entity.Id).ExecuteDeleteAsync();
        await db.EntityLinks.Where(l => l.EntityInId == entity.Id || l.EntityOutId == entity.Id).ExecuteDeleteAsync();
        await db.EntityConceptLinks.Where(l => l.EntityInId == entity.Id || l.EntityOutId == entity.Id).ExecuteDeleteAsync();
        await db.Entities.Where(e => e.ParentId == entity.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ParentId, (Guid?)null));
        await db.Entities.Where(e => e.SourceId == entity.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SourceId, (Guid?)null));
        var workingFiles = db.WorkingFiles.Where(f => f.EntityId == entity.Id).Select(f => (Guid?)f.Id);
        await db.OutputFiles.Where(f => f.EntityId == entity.Id || workingFiles.Contains(f.SourceFileId)).ExecuteDeleteAsync();
        await RowBinder.DeleteLinksAsync(entity.Id, typeof(Entity), db);
        TaskDeletion.EmitRemoved(events, await TaskDeletion.RemoveAsync(db, taskIds, force: true));
        db.Entities.Remove(entity);
        events.EmitEntity(kind, "delete", entity.Id, entity.ProjectId);
    }

    /// <summary>/data/&lt;kind&gt;s/&lt;id&gt;/tasks: the tasks of an entity of that kind the caller may read, detailed.</summary>
    public async Task<JsonArray> TasksOfAsync(string entityId, string kind, bool relations)
    {
        var entity = await ReadableAsync(entityId, kind);
        return await TasksAsync(db.Tasks.Where(t => t.EntityId == entity.Id), relations);
    }

    /// <summary>/data/&lt;kind&gt;s/&lt;id&gt;/task-types: the task types an entity of that kind the caller may read has tasks of.</summary>
    public async Task<JsonArray> TaskTypesOfAsync(string entityId, string kind)
    {
        var entity = await ReadableAsync(entityId, kind);
        return await TaskTypesAsync(db.Tasks.Where(t => t.EntityId == entity.Id));
    }

    /// <summary>
    /// The tasks with the names Kitsu shows (project, task type, status, entity type, entity), in
    /// Zou's order; with relations, their assignees. A vendor gets only the ones assigned to them.
    /// </summary>
    public async Task<JsonArray> TasksAsync(IQueryable<ProductionTask> tasks, bool relations)
    {
        var rows = await (await permissions.NarrowVendorTasksAsync(tasks)).AsNoTracking()
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

    /// <summary>The task types of the tasks (for a vendor, of the ones assigned to them), by name.</summary>
    public async Task<JsonArray> TaskTypesAsync(IQueryable<ProductionTask> tasks)
    {
        var typeIds = (await permissions.NarrowVendorTasksAsync(tasks)).Select(t => t.TaskTypeId);
        var taskTypes = await db.TaskTypes.AsNoTracking()
            .Where(tt => typeIds.Contains(tt.Id))
            .OrderBy(tt => tt.Name)
            .ToListAsync();
        return await serializer.RowsAsync(taskTypes);
    }

    /// <summary>Zou's news list for one entity: one page of up to 2000, newest first, with the author.</summary>
    const int EntityNewsLimit = 2000;

    /// <summary>
    /// The news of the entity's tasks, as Zou's project news rows (task, status of the comment,
    /// preview, project and full entity name, the author as a short person), in one page.
    /// </summary>
    public async Task<JsonObject> NewsAsync(string entityId)
    {
        var entity = await ReadableAsync(entityId, null);
        var query = db.News.AsNoTracking()
            .Join(db.Tasks.Where(t => t.EntityId == entity.Id), n => n.TaskId, t => t.Id, (n, t) => new { News = n, Task = t })
            .Join(db.Projects, r => r.Task.ProjectId, p => p.Id, (r, p) => new { r.News, r.Task, ProjectName = p.Name });
        var total = await query.CountAsync();
        var rows = await query
            .OrderByDescending(r => r.News.CreatedAt)
            .Take(EntityNewsLimit)
            .Select(r => new
            {
                r.News, r.Task.TaskTypeId, r.Task.ProjectId, r.ProjectName,
                CommentStatusId = db.Comments.Where(c => c.Id == r.News.CommentId).Select(c => (Guid?)c.TaskStatusId).FirstOrDefault(),
                Preview = db.PreviewFiles.Where(p => p.Id == r.News.PreviewFileId).Select(p => new { p.Extension, p.Revision }).FirstOrDefault(),
            })
            .ToListAsync();
        var authorIds = rows.Select(r => r.News.AuthorId).Distinct().ToList();
        var authors = await db.Persons.AsNoTracking().Where(p => authorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var name = (await EntityNames.FullNamesAsync(db, [entity.Id])).GetValueOrDefault(entity.Id);

        var data = rows.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = ZouSerializer.Uuid(r.News.Id),
            ["type"] = "News",
            ["author_id"] = ZouSerializer.Uuid(r.News.AuthorId),
            ["comment_id"] = ZouSerializer.Value(r.News.CommentId),
            ["task_id"] = ZouSerializer.Uuid(r.News.TaskId),
            ["task_type_id"] = ZouSerializer.Value(r.TaskTypeId),
            ["task_status_id"] = ZouSerializer.Value(r.CommentStatusId),
            ["task_entity_id"] = ZouSerializer.Uuid(entity.Id),
            ["preview_file_id"] = ZouSerializer.Value(r.News.PreviewFileId),
            ["preview_file_extension"] = r.Preview?.Extension,
            ["preview_file_revision"] = r.Preview?.Revision,
            ["project_id"] = ZouSerializer.Value(r.ProjectId),
            ["project_name"] = r.ProjectName,
            ["created_at"] = ZouSerializer.Value(r.News.CreatedAt),
            ["change"] = r.News.Change,
            ["full_entity_name"] = name?.Name ?? "",
            ["episode_id"] = ZouSerializer.Value(name?.EpisodeId),
            ["entity_preview_file_id"] = ZouSerializer.Value(entity.PreviewFileId),
            ["person"] = authors.TryGetValue(r.News.AuthorId, out var author) ? Presentations.ShortPerson(author) : null,
        }).ToArray();
        return new JsonObject
        {
            ["data"] = new JsonArray(data),
            ["total"] = total,
            ["nb_pages"] = (int)Math.Ceiling(total / (double)EntityNewsLimit),
            ["limit"] = EntityNewsLimit,
            ["offset"] = 0,
            ["page"] = 1,
        };
    }

    /// <summary>The previews of the entity's tasks, by task type name, newest revision first, then position.</summary>
    public async Task<JsonArray> PreviewFilesAsync(string entityId)
    {
        var entity = await ReadableAsync(entityId, null);
        var previews = await db.PreviewFiles.AsNoTracking()
            .Join(db.Tasks.Where(t => t.EntityId == entity.Id), p => p.TaskId, t => (Guid?)t.Id, (p, t) => new { Preview = p, t.TaskTypeId })
            .Join(db.TaskTypes, r => r.TaskTypeId, tt => tt.Id, (r, tt) => new { r.Preview, TaskType = tt.Name })
            .OrderBy(r => r.TaskType).ThenByDescending(r => r.Preview.Revision).ThenBy(r => r.Preview.Position)
            .Select(r => r.Preview)
            .ToListAsync();
        return new JsonArray([.. previews.Select(p => (JsonNode)Presentations.PreviewFile(p))]);
    }

    /// <summary>The time spent on the entity's tasks, latest day first.</summary>
    public async Task<JsonArray> TimeSpentsAsync(string entityId)
    {
        var entity = await ReadableAsync(entityId, null);
        var taskIds = db.Tasks.Where(t => t.EntityId == entity.Id).Select(t => (Guid?)t.Id);
        var rows = await db.TimeSpents.AsNoTracking()
            .Where(t => taskIds.Contains(t.TaskId))
            .OrderByDescending(t => t.Date)
            .ToListAsync();
        return await serializer.RowsAsync(rows);
    }

    /// <summary>
    /// Zou's create_tasks_for_entity: a "main" task of each task type given (every type valid for
    /// the entity when none is), skipping the types it already has one of. A type must be enabled
    /// in the project, in the asset type's workflow when that has one, and meant for the entity's
    /// kind (400 otherwise). New tasks start on the default status (the concept one for concepts).
    /// The team, except vendors and clients; answers the created tasks with their names (201).
    /// </summary>
    public async Task<JsonArray> CreateTasksAsync(string entityId, JsonObject body)
    {
        var entity = await ReadableAsync(entityId, null);
        if (await permissions.ProjectRoleAsync(entity.ProjectId) is "vendor" or "client") throw new PermissionDeniedException();
        var requested = TaskTypeIds(body);

        var kind = (await EntityKinds.OfTypesAsync(db, [entity.EntityTypeId]))[entity.EntityTypeId];
        var kindName = kind == EntityKinds.Asset ? kind : await db.EntityTypes.Where(t => t.Id == entity.EntityTypeId).Select(t => t.Name).FirstAsync();
        var inProject = (await db.ProjectTaskTypeLinks.AsNoTracking()
            .Where(l => l.ProjectId == entity.ProjectId).Select(l => l.TaskTypeId).ToListAsync()).ToHashSet();
        HashSet<Guid>? inWorkflow = null;
        if (kind == EntityKinds.Asset)
        {
            var workflow = await db.TaskTypeAssetTypeLinks.AsNoTracking()
                .Where(l => l.AssetTypeId == entity.EntityTypeId).Select(l => l.TaskTypeId).ToListAsync();
            if (workflow.Count > 0) inWorkflow = [.. workflow];
        }

        List<TaskType> taskTypes;
        if (requested.Count == 0)
        {
            var candidates = inProject.Where(id => inWorkflow is null || inWorkflow.Contains(id)).ToList();
            taskTypes = await db.TaskTypes.AsNoTracking()
                .Where(t => candidates.Contains(t.Id) && (t.ForEntity == null || t.ForEntity == "" || t.ForEntity == kindName))
                .ToListAsync();
        }
        else
        {
            var found = await db.TaskTypes.AsNoTracking().Where(t => requested.Contains(t.Id)).ToListAsync();
            taskTypes = [.. requested.Select(id => found.FirstOrDefault(t => t.Id == id) ?? throw new NotFoundException())];
            foreach (var type in taskTypes)
            {
                if (!string.IsNullOrEmpty(type.ForEntity) && type.ForEntity != kindName)
                    throw new WrongParameterException($"Task type {type.Id} is for {type.ForEntity} entities, got {kindName}.");
                if (!inProject.Contains(type.Id))
                    throw new WrongParameterException($"Task type {type.Id} is not enabled in project {entity.ProjectId}.");
                if (inWorkflow is not null && !inWorkflow.Contains(type.Id))
                    throw new WrongParameterException($"Task type {type.Id} is not in the workflow of asset type {entity.EntityTypeId}.");
            }
        }
        if (taskTypes.Count == 0) return [];

        var typeIds = taskTypes.Select(t => (Guid?)t.Id).ToList();
        var existing = (await db.Tasks.AsNoTracking()
            .Where(t => t.EntityId == entity.Id && t.Name == "main" && typeIds.Contains(t.TaskTypeId))
            .Select(t => t.TaskTypeId).ToListAsync()).ToHashSet();
        var status = await DefaultTaskStatus.GetOrCreateAsync(db, events, forConcept: kindName == "Concept");
        return await AddTasksAsync([.. taskTypes.DistinctBy(t => t.Id).Where(t => !existing.Contains(t.Id)).Select(type => (entity, type))], status);
    }

    /// <summary>
    /// Zou's task creation (_build_task_no_commit, _finalize_task_creation): a "main" task of each
    /// (entity, task type) pair on the status given, with zero durations and the caller as
    /// assigner, each with its "task:new" event, in one save. Answers them with their status and
    /// task type names and no assignees (201 bodies of every creation route).
    /// </summary>
    public async Task<JsonArray> AddTasksAsync(IReadOnlyList<(Entity Entity, TaskType Type)> pairs, ProductionTaskStatus status)
    {
        var created = pairs.Select(pair => (pair.Type, Task: new ProductionTask
        {
            Name = "main", Duration = 0, Estimation = 0, CompletionRate = 0, ProjectId = pair.Entity.ProjectId, TaskTypeId = pair.Type.Id,
            TaskStatusId = status.Id, EntityId = pair.Entity.Id, AssignerId = permissions.User.Id,
        })).ToList();
        foreach (var (_, task) in created)
        {
            db.Tasks.Add(task);
            events.Emit("task:new", new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id) }, task.ProjectId);
        }
        await db.SaveChangesAsync();

        var objects = await serializer.ObjectsAsync(created.Select(c => c.Task).ToList());
        for (var i = 0; i < created.Count; i++)
        {
            var type = created[i].Type;
            objects[i]["assignees"] = new JsonArray();
            objects[i]["task_status_name"] = status.Name;
            objects[i]["task_status_short_name"] = status.ShortName;
            objects[i]["task_status_color"] = status.Color;
            objects[i]["task_type_name"] = type.Name;
            objects[i]["task_type_color"] = type.Color;
            objects[i]["task_type_priority"] = type.Priority;
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>The body's task_type_ids: a list of ids, empty when absent; 400 otherwise, 404 for an id that is not one.</summary>
    static List<Guid> TaskTypeIds(JsonObject body) => body["task_type_ids"] switch
    {
        null => [],
        JsonArray ids => [.. ids.Select(id => id is JsonValue value && value.TryGetValue<string>(out var text)
            ? Values.TryUuid(text, out var typeId) ? typeId : throw new NotFoundException()
            : throw new ValidationFailedException(("task_type_ids", "Input should be a valid string")))],
        _ => throw new ValidationFailedException(("task_type_ids", "Input should be a valid list")),
    };

    /// <summary>Assignee ids of each task, in one query.</summary>
    public Task<Dictionary<Guid, List<Guid>>> AssigneesAsync(List<Guid> taskIds) =>
        AssigneesByTaskAsync(db.TaskPersonLinks.Where(l => taskIds.Contains(l.TaskId)));

    /// <summary>The assignee ids of the tasks of these links, by task, in one query.</summary>
    public static async Task<Dictionary<Guid, List<Guid>>> AssigneesByTaskAsync(IQueryable<TaskPersonLink> links,
        CancellationToken cancel = default)
    {
        var pairs = await links.AsNoTracking().Select(l => new { l.TaskId, l.PersonId }).ToListAsync(cancel);
        return pairs.GroupBy(l => l.TaskId).ToDictionary(g => g.Key, g => g.Select(l => l.PersonId).ToList());
    }

    /// <summary>
    /// The columns every new entity takes: name (required), description (<paramref name="absentDescription"/>
    /// when absent), data ({} when absent).
    /// </summary>
    public static (string Name, string? Description, JsonObject? Data) NewEntityFields(JsonObject fields, string? absentDescription = "")
    {
        var name = RequestBody.RequiredText(fields, "name");
        var description = fields.ContainsKey("description") ? RequestBody.OptionalText(fields, "description") : absentDescription;
        var data = fields["data"] switch
        {
            null when fields.ContainsKey("data") => null,
            null => new JsonObject(),
            JsonObject given => (JsonObject)given.DeepClone(),
            _ => throw new ValidationFailedException(("data", "Input should be a valid dictionary")),
        };
        return (name, description, data);
    }

    public static JsonArray Ids(IEnumerable<Guid> ids) => new([.. ids.Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
}
