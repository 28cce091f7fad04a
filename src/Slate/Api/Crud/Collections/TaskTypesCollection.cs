using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Task types: reference data (all read, admins write). A name may be used by one task type only,
/// whatever its entity kind or department (Zou's check, stricter than its unique constraint). A
/// type still scheduled or linked to projects is only deleted with force=true, which detaches it.
/// </summary>
public sealed class TaskTypesCollection : ReferenceCollection<TaskType>
{
    public override Task BeforeCreateAsync(TaskType row, JsonObject body, CrudContext c) => CheckNameIsFreeAsync(row.Name, row.Id, c);

    public override async Task BeforeUpdateAsync(TaskType row, JsonObject body, CrudContext c)
    {
        if (Body.Text(body, "name") is { } name) await CheckNameIsFreeAsync(name, row.Id, c);
    }

    static async Task CheckNameIsFreeAsync(string name, Guid id, CrudContext c)
    {
        if (await c.Db.TaskTypes.AnyAsync(t => t.Name == name && t.Id != id))
            throw new WrongParameterException("A task type with similar name already exists");
    }

    public override async Task DeleteAsync(TaskType row, bool force, CrudContext c)
    {
        var scheduleItems = await c.Db.ScheduleItems.Where(i => i.TaskTypeId == row.Id).ToListAsync();
        var projectLinks = await c.Db.ProjectTaskTypeLinks.Where(l => l.TaskTypeId == row.Id).ToListAsync();
        if (!force)
        {
            var blockers = new[] { (scheduleItems.Count, "schedule items"), (projectLinks.Count, "projects") }
                .Where(b => b.Item1 > 0).Select(b => b.Item2).ToList();
            if (blockers.Count > 0)
                throw new WrongParameterException(
                    $"Task type is attached to {string.Join(" and ", blockers)}. Re-issue the request with force=true to detach.");
        }
        c.Db.RemoveRange(scheduleItems);
        c.Db.RemoveRange(projectLinks);
        c.Db.Remove(row);
    }
}
