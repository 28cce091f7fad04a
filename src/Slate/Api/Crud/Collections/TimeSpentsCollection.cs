using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// time-spents (behavior-platform.md §2.10, behavior-production.md §3.7): admins read and write;
/// a row may also be deleted by its person, or a manager of the task's project, provided that
/// person is assigned to the task. Every write keeps the task's duration equal to the sum of its
/// time spents. Lists take a date range, `?start_date=&amp;end_date=`, both or neither.
/// </summary>
public sealed class TimeSpentsCollection : CrudCollection<TimeSpent>
{
    public override IQueryable<TimeSpent>? ExtraFilter(IQueryable<TimeSpent> rows, string key, string value, CrudContext c)
    {
        if (key is not ("start_date" or "end_date")) return null;
        var start = c.Query["start_date"].ToString();
        var end = c.Query["end_date"].ToString();
        if (start.Length == 0 && end.Length == 0) return rows;
        if (start.Length == 0 || end.Length == 0)
            throw new WrongParameterException(
                "If querying for a range of dates, both a `start_date` and an `end_date` must be given.");
        var date = Values.DateTimeValue(value) is { } parsed
            ? DateOnly.FromDateTime(parsed)
            : throw new WrongParameterException($"One of the value of the filter has not the proper format: {key}={value}");
        return key == "start_date" ? rows.Where(t => t.Date >= date) : rows.Where(t => t.Date <= date);
    }

    public override async Task CheckDeleteAsync(TimeSpent row, CrudContext c)
    {
        var task = await c.Db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == row.TaskId);
        var assigned = task is not null
            && await c.Db.TaskPersonLinks.AnyAsync(l => l.TaskId == task.Id && l.PersonId == row.PersonId);
        if (!assigned || row.PersonId != c.User.Id && !c.Permissions.IsAdmin && !await c.Permissions.IsManagerOfAsync(task!.ProjectId))
            throw new PermissionDeniedException();
    }

    public override async Task BeforeSaveAsync(TimeSpent row, CrudContext c)
    {
        // The database's own check (duration > 0), answered before anything else is computed.
        if (row.Duration <= 0) throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.Integrity });
        var movedFrom = c.Db.Entry(row).OriginalValues.GetValue<Guid?>(nameof(TimeSpent.TaskId));
        await TaskDurations.RecomputeAsync(c, [row.TaskId, movedFrom]);
    }

    public override async Task DeleteAsync(TimeSpent row, bool force, CrudContext c)
    {
        c.Db.Remove(row);
        await TaskDurations.RecomputeAsync(c, [row.TaskId]);
    }
}
