using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// A task's stored duration is the sum of its time spents. Whoever adds, changes or removes time
/// spents recomputes it here from the database and this request's tracked changes, so the total
/// is right once the single save happens; each task emits task:update, as Zou does.
/// </summary>
public static class TaskDurations
{
    public static async Task RecomputeAsync(CrudContext c, IEnumerable<Guid?> taskIds)
    {
        var changes = c.Db.ChangeTracker.Entries<TimeSpent>().Where(e => e.State != EntityState.Unchanged).ToList();
        var changed = changes.Select(e => e.Entity.Id).ToList();
        foreach (var taskId in taskIds.OfType<Guid>().Distinct())
        {
            if (await c.Db.Tasks.FindAsync(taskId) is not { } task) continue;
            var stored = await c.Db.TimeSpents
                .Where(t => t.TaskId == taskId && !changed.Contains(t.Id))
                .SumAsync(t => t.Duration);
            var pending = changes
                .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.TaskId == taskId)
                .Sum(e => e.Entity.Duration);
            task.Duration = stored + pending;
            c.Events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(taskId) }, task.ProjectId);
        }
    }
}
