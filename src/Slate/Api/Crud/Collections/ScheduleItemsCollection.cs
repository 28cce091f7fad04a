using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Schedule items: listed, read, created and deleted by admins (Kitsu reads them through the
/// project routes); one item per project, task type and object. Updated by admins, managers of
/// the project, and its supervisors whose departments cover the item's task type.
/// </summary>
public sealed class ScheduleItemsCollection : CrudCollection<ScheduleItem>
{
    public override async Task BeforeCreateAsync(ScheduleItem row, JsonObject body, CrudContext c)
    {
        if (await c.Db.ScheduleItems.AnyAsync(i => i.ProjectId == row.ProjectId && i.TaskTypeId == row.TaskTypeId && i.ObjectId == row.ObjectId))
            throw new WrongParameterException("A similar schedule item already exists");
    }

    public override async Task CheckUpdateAsync(ScheduleItem row, JsonObject body, CrudContext c)
    {
        if (await c.Permissions.IsManagerOfAsync(row.ProjectId)) return;
        // A supervisor may not hand the item over to a task type outside their departments either.
        var taskTypes = new[] { row.TaskTypeId, body.ContainsKey("task_type_id") ? Body.Uuid(body, "task_type_id") : row.TaskTypeId };
        foreach (var taskType in taskTypes.Distinct())
            if (!await c.Permissions.IsDepartmentSupervisorAsync(row.ProjectId, taskType)) throw new PermissionDeniedException();
    }

    /// <summary>Zou ignores a man_days sent as a string (Kitsu's empty field) rather than failing.</summary>
    public override Task BeforeUpdateAsync(ScheduleItem row, JsonObject body, CrudContext c)
    {
        if (body["man_days"]?.GetValueKind() == JsonValueKind.String) body.Remove("man_days");
        return Task.CompletedTask;
    }
}
