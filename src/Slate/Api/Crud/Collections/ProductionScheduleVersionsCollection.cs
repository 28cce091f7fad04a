using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Production schedule versions: read by the project's team but its vendors and clients
/// (<see cref="ScheduleVersionAccess"/>), created and updated by its managers, deleted by admins.
/// A version is copied only from another version of the same project.
/// </summary>
public sealed class ProductionScheduleVersionsCollection : CrudCollection<ProductionScheduleVersion>
{
    public override Task CheckListAsync(CrudContext c) => ScheduleVersionAccess.CheckListAsync(c);
    public override Task CheckReadAsync(ProductionScheduleVersion row, CrudContext c) => ScheduleVersionAccess.CheckReadAsync(row.ProjectId, c);

    public override Task CheckCreateAsync(JsonObject body, CrudContext c) =>
        c.Permissions.CheckManagerOfAsync(Body.Uuid(body, "project_id"));

    public override Task CheckUpdateAsync(ProductionScheduleVersion row, JsonObject body, CrudContext c) =>
        c.Permissions.CheckManagerOfAsync(row.ProjectId);

    public override Task BeforeCreateAsync(ProductionScheduleVersion row, JsonObject body, CrudContext c) =>
        CheckSourceAsync(row.ProductionScheduleFrom, row.ProjectId, c);

    public override Task BeforeUpdateAsync(ProductionScheduleVersion row, JsonObject body, CrudContext c) =>
        body.ContainsKey("production_schedule_from")
            ? CheckSourceAsync(Body.Uuid(body, "production_schedule_from"), row.ProjectId, c)
            : Task.CompletedTask;

    static async Task CheckSourceAsync(Guid? sourceId, Guid projectId, CrudContext c)
    {
        if (sourceId is { } id && !await c.Db.ProductionScheduleVersions.AnyAsync(v => v.Id == id && v.ProjectId == projectId))
            throw new WrongParameterException("The production schedule version it comes from must be in the same project.");
    }
}
