using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// The rows other rows hang from (a comment's or a preview's task, a file's entity), read without
/// tracking. A missing parent is null: non-admins are then refused, as no rule can grant access.
/// </summary>
public static class Parents
{
    public static async Task<ProductionTask?> TaskAsync(CrudContext c, Guid? taskId) =>
        taskId is null ? null : await c.Db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId);

    public static async Task<Entity?> EntityAsync(CrudContext c, Guid? entityId) =>
        entityId is null ? null : await c.Db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId);

    public static Task<Guid?> TaskProjectAsync(CrudContext c, Guid? taskId) =>
        c.Db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.ProjectId).FirstOrDefaultAsync();

    public static Task<Guid?> EntityProjectAsync(CrudContext c, Guid? entityId) =>
        c.Db.Entities.AsNoTracking().Where(e => e.Id == entityId).Select(e => (Guid?)e.ProjectId).FirstOrDefaultAsync();

    /// <summary>The task's project and entity access (Zou's check_task_access); refused when the task is gone.</summary>
    public static async Task CheckTaskAccessAsync(CrudContext c, Guid? taskId)
    {
        if (c.Permissions.IsAdmin) return;
        var task = await TaskAsync(c, taskId) ?? throw new Http.PermissionDeniedException();
        await c.Permissions.CheckEntityAccessAsync(task.ProjectId, task.EntityId);
    }
}
