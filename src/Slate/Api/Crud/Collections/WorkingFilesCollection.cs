using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/working-files: listed by everyone but vendors, narrowed for non-admins to the projects
/// whose team holds them (open or not); one file is read with access to its task and changed
/// with action access on it; admins create and delete. A working file's project is its task's,
/// or its entity's when it has no task.
/// </summary>
public sealed class WorkingFilesCollection : NonVendorListCollection<WorkingFile>
{
    public override async Task<IQueryable<WorkingFile>> NarrowListAsync(IQueryable<WorkingFile> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return rows;
        var projects = await c.Permissions.TeamProjectIdsAsync();
        var nullableProjects = projects.Select(id => (Guid?)id).ToList();
        return rows.Where(w =>
            (w.TaskId != null && c.Db.Tasks.Any(t => t.Id == w.TaskId && nullableProjects.Contains(t.ProjectId)))
            || (w.TaskId == null && c.Db.Entities.Any(e => e.Id == w.EntityId && projects.Contains(e.ProjectId))));
    }

    public override async Task CheckReadAsync(WorkingFile row, CrudContext c)
    {
        if (row.TaskId is not null)
        {
            await Parents.CheckTaskAccessAsync(c, row.TaskId);
            return;
        }
        if (c.Permissions.IsAdmin) return;
        var entity = await Parents.EntityAsync(c, row.EntityId) ?? throw new PermissionDeniedException();
        await c.Permissions.CheckEntityAccessAsync(entity.ProjectId, entity.Id);
    }

    public override async Task CheckUpdateAsync(WorkingFile row, JsonObject body, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        if (await Parents.TaskAsync(c, row.TaskId) is { } task)
            await c.Permissions.CheckTaskActionAccessAsync(task);
        else
            await c.Permissions.CheckManagerOfAsync(await ProjectOfAsync(row, c));
    }

    public override async Task<Guid?> ProjectOfAsync(WorkingFile row, CrudContext c) =>
        row.TaskId is not null ? await Parents.TaskProjectAsync(c, row.TaskId) : await Parents.EntityProjectAsync(c, row.EntityId);
}
