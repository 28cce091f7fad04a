using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// A task's planning in a production schedule version. Read like the versions
/// (<see cref="ScheduleVersionAccess"/>), through the task's project; written by managers of that
/// project. The task and the version must be in the same project, and a link keeps both.
/// </summary>
public sealed class ProductionScheduleVersionTaskLinksCollection : CrudCollection<ProductionScheduleVersionTaskLink>
{
    public override Task CheckListAsync(CrudContext c) => ScheduleVersionAccess.CheckListAsync(c);

    /// <summary>
    /// `?project_id=`, which opens the list to the team, also narrows it to that project's tasks
    /// (Zou checks the project but lists every project's links).
    /// </summary>
    public override IQueryable<ProductionScheduleVersionTaskLink>? ExtraFilter(
        IQueryable<ProductionScheduleVersionTaskLink> rows, string key, string value, CrudContext c)
    {
        if (key != "project_id") return null;
        var projectId = QueryFilters.Uuid(value);
        var tasks = c.Db.Tasks;
        return rows.Where(l => tasks.Any(t => t.Id == l.TaskId && t.ProjectId == projectId));
    }

    public override async Task CheckReadAsync(ProductionScheduleVersionTaskLink row, CrudContext c) =>
        await ScheduleVersionAccess.CheckReadAsync(await TaskProjectAsync(row.TaskId, c), c);

    public override async Task CheckCreateAsync(JsonObject body, CrudContext c)
    {
        var versionId = Body.RequiredUuid(body, "production_schedule_version_id");
        var versionProject = await c.Db.ProductionScheduleVersions.Where(v => v.Id == versionId).Select(v => (Guid?)v.ProjectId).FirstOrDefaultAsync()
            ?? throw new NotFoundException();
        if (await TaskProjectAsync(Body.RequiredUuid(body, "task_id"), c) != versionProject)
            throw new WrongParameterException("The task and the production schedule version must be in the same project.");
        await c.Permissions.CheckManagerOfAsync(versionProject);
    }

    public override async Task CheckUpdateAsync(ProductionScheduleVersionTaskLink row, JsonObject body, CrudContext c) =>
        await c.Permissions.CheckManagerOfAsync(await TaskProjectAsync(row.TaskId, c));

    public override async Task CheckDeleteAsync(ProductionScheduleVersionTaskLink row, CrudContext c) =>
        await c.Permissions.CheckManagerOfAsync(await TaskProjectAsync(row.TaskId, c));

    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string> { "task_id", "production_schedule_version_id" };

    /// <summary>The project of the task; 404 when the task does not exist.</summary>
    static async Task<Guid?> TaskProjectAsync(Guid taskId, CrudContext c) =>
        await c.Db.Tasks.Where(t => t.Id == taskId).Select(t => new { t.ProjectId }).FirstOrDefaultAsync() is { } task
            ? task.ProjectId
            : throw new NotFoundException();
}
