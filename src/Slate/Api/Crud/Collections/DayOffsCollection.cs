using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// day-offs (behavior-platform.md §2.10, behavior-production.md §8.4): admins list; a day off is
/// read, created, changed and deleted by its person or an admin, and only an admin gives it to
/// someone else. Periods of one person may not overlap (touching days count); the time spents
/// inside a new or moved period are deleted.
/// </summary>
public sealed class DayOffsCollection : CrudCollection<DayOff>
{
    static Task OwnOrAdmin(Guid? personId, CrudContext c)
    {
        if (!c.Permissions.IsAdmin && personId != c.User.Id) throw new PermissionDeniedException();
        return Task.CompletedTask;
    }

    public override Task CheckReadAsync(DayOff row, CrudContext c) => OwnOrAdmin(row.PersonId, c);
    public override Task CheckCreateAsync(JsonObject body, CrudContext c) => OwnOrAdmin(Body.Uuid(body, "person_id"), c);
    public override Task CheckDeleteAsync(DayOff row, CrudContext c) => OwnOrAdmin(row.PersonId, c);

    public override Task CheckUpdateAsync(DayOff row, JsonObject body, CrudContext c)
    {
        if (body.ContainsKey("person_id") && Body.Uuid(body, "person_id") != row.PersonId) c.Permissions.CheckAdmin();
        return OwnOrAdmin(row.PersonId, c);
    }

    public override async Task BeforeSaveAsync(DayOff row, CrudContext c)
    {
        // Zou's own refusals: no person (a missing key), and its check date <= end_date.
        if (row.PersonId is null) throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.NotNull });
        if (row.Date > row.EndDate) throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.Integrity });
        if (await c.Db.DayOffs.AnyAsync(d => d.PersonId == row.PersonId && d.Id != row.Id && d.Date <= row.EndDate && d.EndDate >= row.Date))
            throw new WrongParameterException("Day off already exists for this period");

        var covered = await c.Db.TimeSpents
            .Where(t => t.PersonId == row.PersonId && t.Date >= row.Date && t.Date <= row.EndDate)
            .ToListAsync();
        c.Db.RemoveRange(covered);
        await TaskDurations.RecomputeAsync(c, covered.Select(t => t.TaskId));
    }
}
