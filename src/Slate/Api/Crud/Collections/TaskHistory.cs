using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// A task's status, retake count, dates and duration follow from its comments and time spent
/// (Zou's reset_task_data): recomputed when a comment's status changes or a comment goes away.
/// Works on the request's unit of work, so it sees the pending change and is saved with it.
/// </summary>
public static class TaskHistory
{
    /// <summary>Recomputes the task (tracked, saved by the caller); returns it with its status before, or null when it is gone.</summary>
    public static async Task<(ProductionTask Task, Guid? PreviousStatusId)?> ResetAsync(Guid taskId, CrudContext c)
    {
        var db = c.Db;
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId);
        if (task is null) return null;
        // Tracked rows: a comment edited or removed in this request is seen as it will be saved.
        var comments = (await db.Comments.Where(x => x.ObjectId == taskId).ToListAsync())
            .Where(x => db.Entry(x).State != EntityState.Deleted)
            .OrderBy(x => x.CreatedAt)
            .ToList();
        var statusIds = comments.Select(x => x.TaskStatusId).OfType<Guid>().Distinct().ToList();
        var statuses = await db.TaskStatuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);

        var previous = task.TaskStatusId;
        task.TaskStatusId = await DefaultStatusAsync(task, c) ?? task.TaskStatusId;
        task.RetakeCount = 0;
        task.RealStartDate = task.EndDate = task.DoneDate = task.LastCommentDate = null;
        var previousIsRetake = false;
        foreach (var comment in comments)
        {
            if (comment.TaskStatusId is not { } statusId || !statuses.TryGetValue(statusId, out var status)) continue;
            var isRetake = status.IsRetake == true;
            if (isRetake && !previousIsRetake) task.RetakeCount++;
            previousIsRetake = isRetake;
            if (status.IsWip == true) task.RealStartDate ??= comment.CreatedAt;
            if (status.IsFeedbackRequest == true) task.EndDate ??= comment.CreatedAt;
            if (status.IsDone == true) task.DoneDate = comment.CreatedAt;
            task.TaskStatusId = statusId;
            task.LastCommentDate = comment.CreatedAt;
        }
        task.Duration = await db.TimeSpents.Where(t => t.TaskId == taskId).SumAsync(t => (double?)t.Duration) ?? 0;

        c.Events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(taskId) }, task.ProjectId);
        return (task, previous);
    }

    public static void EmitStatusChanged(ProductionTask task, Guid? previousStatusId, Guid? newStatusId, Guid personId, CrudContext c) =>
        c.Events.Emit("task:status-changed", new JsonObject
        {
            ["task_id"] = ZouSerializer.Uuid(task.Id),
            ["new_task_status_id"] = ZouSerializer.Value(newStatusId),
            ["previous_task_status_id"] = ZouSerializer.Value(previousStatusId),
            ["person_id"] = ZouSerializer.Uuid(personId),
        }, task.ProjectId);

    /// <summary>The status a task without comments falls back to (concepts have their own); none when absent.</summary>
    static async Task<Guid?> DefaultStatusAsync(ProductionTask task, CrudContext c)
    {
        var isConcept = await c.Db.Entities.AsNoTracking()
            .Where(e => e.Id == task.EntityId)
            .Join(c.Db.EntityTypes, e => e.EntityTypeId, t => t.Id, (e, t) => t.Name)
            .AnyAsync(name => name == "Concept");
        return await DefaultTaskStatus.Query(c.Db, isConcept).AsNoTracking()
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync();
    }
}
