using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// The tasks blueprint's reads (behavior-production.md §3.8), and finding the task a path names.
/// </summary>
public sealed class TasksService(SlateDb db, Permissions permissions)
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
}
