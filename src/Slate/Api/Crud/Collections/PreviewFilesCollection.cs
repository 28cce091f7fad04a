using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/preview-files. A preview's project is its task's. Lists: everyone, narrowed for
/// non-admins to open team projects, and for vendors to the tasks assigned to them. One preview:
/// vendors when assigned to its task, others in the team. Admins create; the team's managers or
/// the task's assignees update (Zou means this, but its check compares an entity id with task
/// ids, so only managers pass); managers of the project delete.
/// </summary>
public sealed class PreviewFilesCollection : CrudCollection<PreviewFile>
{
    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;

    public override async Task<IQueryable<PreviewFile>> NarrowListAsync(IQueryable<PreviewFile> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return rows;
        var projects = (await c.Permissions.OpenTeamProjectIdsAsync()).Select(id => (Guid?)id).ToList();
        var tasks = c.Db.Tasks.Where(t => projects.Contains(t.ProjectId));
        if (c.Permissions.GlobalRole == "vendor")
        {
            var me = c.User.Id;
            tasks = tasks.Where(t => c.Db.TaskPersonLinks.Any(l => l.TaskId == t.Id && l.PersonId == me));
        }
        return rows.Where(p => tasks.Any(t => t.Id == p.TaskId));
    }

    public override async Task CheckReadAsync(PreviewFile row, CrudContext c)
    {
        var projectId = await ProjectOfAsync(row, c);
        var role = await c.Permissions.ProjectRoleAsync(projectId) ?? throw new PermissionDeniedException();
        if (role == "vendor" && !await c.Permissions.IsAssignedToTaskAsync(row.TaskId)) throw new PermissionDeniedException();
    }

    public override async Task CheckUpdateAsync(PreviewFile row, JsonObject body, CrudContext c)
    {
        if (await c.Permissions.IsManagerOfAsync(await ProjectOfAsync(row, c))) return;
        if (!await c.Permissions.HasProjectAccessAsync(await ProjectOfAsync(row, c)) || !await c.Permissions.IsAssignedToTaskAsync(row.TaskId))
            throw new PermissionDeniedException();
    }

    /// <summary>
    /// A new revision on a main preview (position 1) must be free on the task, and the task's
    /// other previews of the old revision (its extra positions) follow it.
    /// </summary>
    public override async Task BeforeUpdateAsync(PreviewFile row, JsonObject body, CrudContext c)
    {
        if (row.Position != 1 || !body.TryGetPropertyValue("revision", out var value)) return;
        int revision;
        try
        {
            if (Values.FromJson(value, typeof(int)) is not int read || read == row.Revision) return;
            revision = read;
        }
        catch (FormatException)
        {
            return; // the binder answers the malformed value
        }
        if (await c.Db.PreviewFiles.AnyAsync(p => p.TaskId == row.TaskId && p.Revision == revision && p.Position == 1 && p.Id != row.Id))
            throw new BadRequestException(
                $"Revision {revision} already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.");
        foreach (var extra in await c.Db.PreviewFiles.Where(p => p.TaskId == row.TaskId && p.Revision == row.Revision && p.Id != row.Id).ToListAsync())
            extra.Revision = revision;
    }

    public override async Task CheckDeleteAsync(PreviewFile row, CrudContext c) =>
        await c.Permissions.CheckManagerOfAsync(await ProjectOfAsync(row, c));

    public override Task DeleteAsync(PreviewFile row, bool force, CrudContext c) => PreviewFileRemoval.RemoveAsync([row], c, force);

    public override Task<Guid?> ProjectOfAsync(PreviewFile row, CrudContext c) => Parents.TaskProjectAsync(c, row.TaskId);
}
