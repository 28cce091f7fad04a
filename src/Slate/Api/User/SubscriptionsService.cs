using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Entities;
using Slate.Api.Tasks;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// The caller's subscriptions (behavior-services.md §2.4): to tasks, and the legacy ones to a
/// (sequence, task type) pair. Subscribing needs access to the task or the sequence (Zou checks
/// nothing); reading and removing one's own subscriptions needs nothing more. Subscribing twice
/// returns the existing row.
/// </summary>
public sealed class SubscriptionsService(SlateDb db, Permissions permissions, EntityService entities, ZouSerializer serializer)
{
    Guid Me => permissions.User.Id;

    /// <summary>GET /data/user/tasks/&lt;task_id&gt;/subscribed.</summary>
    public async Task<bool> HasTaskAsync(string taskId)
    {
        var id = EntityService.PathId(taskId);
        return await db.Subscriptions.AnyAsync(s => s.PersonId == Me && s.TaskId == id);
    }

    /// <summary>POST /actions/user/tasks/&lt;task_id&gt;/subscribe.</summary>
    public async Task<JsonObject> SubscribeAsync(string taskId) =>
        (await SubscribeAsync([EntityService.PathId(taskId)]))[0]!.AsObject();

    /// <summary>POST /actions/user/tasks/subscribe {task_ids}: one subscription per listed task, in the body's order.</summary>
    public async Task<JsonArray> SubscribeManyAsync(JsonObject body) => await SubscribeAsync(RequestBody.RequiredIds(body, "task_ids"));

    /// <summary>DELETE /actions/user/tasks/&lt;task_id&gt;/unsubscribe.</summary>
    public async Task UnsubscribeAsync(string taskId) => await UnsubscribeAsync([EntityService.PathId(taskId)]);

    /// <summary>POST /actions/user/tasks/unsubscribe {task_ids}: answers the ids as sent.</summary>
    public async Task<JsonNode> UnsubscribeManyAsync(JsonObject body)
    {
        await UnsubscribeAsync(RequestBody.RequiredIds(body, "task_ids"));
        return body["task_ids"]!.DeepClone();
    }

    /// <summary>GET /data/user/{sequences|entities}/&lt;id&gt;/task-types/&lt;task_type_id&gt;/subscribed.</summary>
    public async Task<bool> HasSequenceAsync(string sequenceId, string taskTypeId)
    {
        var (sequence, taskType) = (EntityService.PathId(sequenceId), EntityService.PathId(taskTypeId));
        return await db.Subscriptions.AnyAsync(s => s.PersonId == Me && s.EntityId == sequence && s.TaskTypeId == taskType);
    }

    /// <summary>POST /actions/user/sequences/&lt;id&gt;/task-types/&lt;task_type_id&gt;/subscribe: the sequence must be readable.</summary>
    public async Task<JsonObject> SubscribeSequenceAsync(string sequenceId, string taskTypeId)
    {
        var sequence = await entities.ReadableAsync(sequenceId, null);
        var taskType = EntityService.PathId(taskTypeId);
        if (!await db.TaskTypes.AnyAsync(t => t.Id == taskType)) throw new NotFoundException();
        var subscription = await db.Subscriptions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.PersonId == Me && s.EntityId == sequence.Id && s.TaskTypeId == taskType);
        if (subscription is null)
        {
            db.Subscriptions.Add(subscription = new Subscription { PersonId = Me, EntityId = sequence.Id, TaskTypeId = taskType });
            await db.SaveChangesAsync();
        }
        return await serializer.RowAsync(subscription);
    }

    /// <summary>DELETE /actions/user/sequences/&lt;id&gt;/task-types/&lt;task_type_id&gt;/unsubscribe.</summary>
    public async Task UnsubscribeSequenceAsync(string sequenceId, string taskTypeId)
    {
        var (sequence, taskType) = (EntityService.PathId(sequenceId), EntityService.PathId(taskTypeId));
        db.Subscriptions.RemoveRange(await db.Subscriptions
            .Where(s => s.PersonId == Me && s.EntityId == sequence && s.TaskTypeId == taskType).ToListAsync());
        await db.SaveChangesAsync();
    }

    /// <summary>GET /data/user/projects/&lt;project_id&gt;/task-types/&lt;task_type_id&gt;/sequence-subscriptions: the sequence ids.</summary>
    public async Task<JsonArray> SequenceIdsAsync(string projectId, string taskTypeId)
    {
        var (project, taskType) = (EntityService.PathId(projectId), EntityService.PathId(taskTypeId));
        var ids = await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == Me && s.TaskTypeId == taskType)
            .Join(db.Entities.Where(e => e.ProjectId == project), s => s.EntityId, e => (Guid?)e.Id, (s, e) => e.Id)
            .ToListAsync();
        return EntityService.Ids(ids);
    }

    /// <summary>Subscribes the caller to every task once they may read them all (404 for an unknown one), in one save.</summary>
    async Task<JsonArray> SubscribeAsync(List<Guid> taskIds)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToListAsync();
        if (tasks.Count != taskIds.Distinct().Count()) throw new NotFoundException();
        await permissions.CheckTasksAccessAsync(tasks);
        var existing = await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == Me && s.TaskId != null && taskIds.Contains(s.TaskId.Value))
            .ToDictionaryAsync(s => s.TaskId!.Value);
        foreach (var id in taskIds.Distinct().Where(id => !existing.ContainsKey(id)))
            db.Subscriptions.Add(existing[id] = new Subscription { PersonId = Me, TaskId = id });
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(taskIds.Select(id => existing[id]).ToList());
    }

    async Task UnsubscribeAsync(List<Guid> taskIds)
    {
        db.Subscriptions.RemoveRange(await db.Subscriptions
            .Where(s => s.PersonId == Me && s.TaskId != null && taskIds.Contains(s.TaskId.Value)).ToListAsync());
        await db.SaveChangesAsync();
    }
}
