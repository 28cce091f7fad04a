using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// The tasks blueprint's reads (behavior-production.md §3.8), and finding the task a path names.
/// </summary>
public sealed class TasksService(SlateDb db, Permissions permissions, ZouSerializer serializer, EntityService entities, Settings settings)
{
    /// <summary>The task of the path; 404 for a malformed or unknown id.</summary>
    public static async Task<ProductionTask> FindAsync(SlateDb db, string id, bool tracked = false)
    {
        if (!Values.TryUuid(id, out var taskId)) throw new NotFoundException();
        var rows = tracked ? db.Tasks : db.Tasks.AsNoTracking();
        return await rows.FirstOrDefaultAsync(t => t.Id == taskId) ?? throw new NotFoundException();
    }

    /// <summary>The task once the caller may read it: its project's team, and for a vendor a task of theirs on its entity.</summary>
    public async Task<ProductionTask> ReadableAsync(string id, bool tracked = false)
    {
        var task = await FindAsync(db, id, tracked);
        await permissions.CheckEntityAccessAsync(task.ProjectId, task.EntityId);
        return task;
    }

    /// <summary>GET /data/tasks/&lt;id&gt;/previews: the task's previews, newest revision first, every column.</summary>
    public async Task<JsonArray> PreviewsAsync(string taskId)
    {
        var task = await ReadableAsync(taskId);
        var previews = await db.PreviewFiles.AsNoTracking()
            .Where(p => p.TaskId == task.Id)
            .OrderByDescending(p => p.Revision).ThenBy(p => p.Position).ThenBy(p => p.CreatedAt)
            .ToListAsync();
        return await serializer.RowsAsync(previews);
    }

    /// <summary>
    /// GET /data/tasks/&lt;id&gt;/full: the task with its assignees, entity, entity type, project,
    /// status, task type, assigner, whether the caller is subscribed, and the sequence and episode
    /// above a shot, scene or sequence (Zou's get_full_task). Assignees and assigner are shown
    /// whole to admins, in their public form to everyone else.
    /// </summary>
    public async Task<JsonObject> FullAsync(string taskId)
    {
        var task = await ReadableAsync(taskId);
        var answer = await serializer.RowAsync(task, relations: true);
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == task.EntityId);
        var entityType = await db.EntityTypes.AsNoTracking().FirstAsync(t => t.Id == entity.EntityTypeId);
        var kind = EntityKinds.Of(entityType.Name);
        var assigneeIds = (answer["assignees"]?.AsArray() ?? []).Select(id => Guid.Parse((string)id!)).ToList();
        var assignees = await db.Persons.AsNoTracking().Where(p => assigneeIds.Contains(p.Id)).OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ToListAsync();

        var entityJson = await PresentedAsync(entity, kind);
        entityJson["type"] = "Entity";
        answer["entity"] = entityJson;
        answer["entity_type"] = await serializer.RowAsync(entityType);
        answer["is_subscribed"] = await db.Subscriptions.AnyAsync(s => s.TaskId == task.Id && s.PersonId == permissions.User.Id);
        answer["persons"] = new JsonArray([.. (await serializer.ObjectsAsync(assignees)).Select(p => (JsonNode)PersonForCaller(p))]);
        answer["project"] = await serializer.RowAsync(await db.Projects.AsNoTracking().FirstAsync(p => p.Id == task.ProjectId));
        answer["task_status"] = await serializer.RowAsync(await db.TaskStatuses.AsNoTracking().FirstAsync(st => st.Id == task.TaskStatusId));
        answer["task_type"] = await serializer.RowAsync(await db.TaskTypes.AsNoTracking().FirstAsync(t => t.Id == task.TaskTypeId));
        answer["type"] = "Task";
        if (await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == task.AssignerId) is { } assigner)
            answer["assigner"] = PersonForCaller(await serializer.RowAsync(assigner, relations: true));

        if (entity.ParentId is null || kind is not ("Sequence" or "Shot" or "Scene")) return answer;
        var sequence = kind == "Sequence" ? entity : await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entity.ParentId);
        if (sequence is null) return answer;
        answer["sequence"] = await PresentedAsync(sequence, "Sequence");
        if (sequence.ParentId is { } episodeId && await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == episodeId) is { } episode)
            answer["episode"] = await PresentedAsync(episode, EntityKinds.Episode);
        return answer;
    }

    /// <summary>The entity as its kind's routes show it (a vendor's hidden metadata masked), free to embed.</summary>
    async Task<JsonObject> PresentedAsync(Entity entity, string kind) => (JsonObject)(await entities.PresentAsync(entity, kind)).DeepClone();

    JsonObject PersonForCaller(JsonObject person) =>
        permissions.IsAdmin ? Presentations.SafePerson(person) : Presentations.MinimalPerson(person);

    /// <summary>GET /data/entities/&lt;id&gt;/task-types/&lt;id&gt;/tasks: the entity's tasks of that type by name (a vendor's own only).</summary>
    public async Task<JsonArray> EntityTasksAsync(string entityId, string taskTypeId)
    {
        var entity = await entities.ReadableAsync(entityId, null);
        var taskType = EntityService.PathId(taskTypeId);
        var tasks = await permissions.NarrowVendorTasksAsync(db.Tasks.AsNoTracking().Where(t => t.EntityId == entity.Id && t.TaskTypeId == taskType));
        return await serializer.RowsAsync(await tasks.OrderBy(t => t.Name).ToListAsync());
    }

    /// <summary>
    /// GET /data/projects/&lt;id&gt;/tasks: the project's tasks with their assignees, last updated
    /// first, ?task_type_id= and ?episode_id= narrowing them (a vendor's own only); every one
    /// without ?page=, else Zou's page envelope.
    /// </summary>
    public async Task<JsonNode> ProjectTasksAsync(string projectId, IQueryCollection query)
    {
        var project = EntityService.PathId(projectId);
        if (!await db.Projects.AnyAsync(p => p.Id == project)) throw new NotFoundException();
        await permissions.CheckProjectAccessAsync(project);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == project);
        if (query["task_type_id"].ToString() is { Length: > 0 } taskType)
        {
            var taskTypeId = QueryFilters.Uuid(taskType);
            tasks = tasks.Where(t => t.TaskTypeId == taskTypeId);
        }
        if (query["episode_id"].ToString() is { Length: > 0 } episode)
        {
            var episodeId = QueryFilters.Uuid(episode);
            var all = db.Entities;
            tasks = tasks.Where(t => all.Any(e => e.Id == t.EntityId && all.Any(sq => sq.Id == e.ParentId && sq.ParentId == episodeId)));
        }
        tasks = (await permissions.NarrowVendorTasksAsync(tasks)).OrderByDescending(t => t.UpdatedAt).ThenBy(t => t.Id);

        var page = query.TryGetValue("page", out var text)
            ? int.TryParse(text, out var number) ? number : throw new WrongParameterException("page must be an integer.")
            : 0;
        if (page < 1) return await serializer.RowsAsync(await tasks.ToListAsync(), relations: true);
        var limit = settings.RecordsPerPage;
        var total = await tasks.CountAsync();
        var offset = (page - 1) * limit;
        var rows = offset > total ? [] : await tasks.Skip(offset).Take(limit).ToListAsync();
        return new JsonObject
        {
            ["data"] = await serializer.RowsAsync(rows, relations: true),
            ["total"] = offset > total ? 0 : total,
            ["nb_pages"] = (int)Math.Ceiling(total / (double)limit),
            ["limit"] = limit,
            ["offset"] = offset,
            ["page"] = page,
        };
    }
}
