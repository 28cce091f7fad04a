using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Persons;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// Time spent per task, person and day (behavior-production.md §3.7): set, add, delete and read.
/// Writes need the person assigned to the task and the caller to be that person, an admin or a
/// manager of the project (403 otherwise); the task's duration stays the sum of its time spents
/// (TaskDurations) in the same save.
/// </summary>
public sealed class TimeSpentsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, CrudContext crud, TasksService tasks)
{
    /// <summary>GET /actions/tasks/&lt;id&gt;/time-spents[/&lt;date&gt;]: {"total": sum, "&lt;person_id&gt;": [rows]}.</summary>
    public async Task<JsonObject> ListAsync(string taskId, string? date)
    {
        var task = await tasks.ReadableAsync(taskId);
        var rows = db.TimeSpents.AsNoTracking().Where(t => t.TaskId == task.Id);
        if (date is not null)
        {
            var day = Day(date);
            rows = rows.Where(t => t.Date == day);
        }
        var spents = await rows.OrderBy(t => t.Date).ThenBy(t => t.CreatedAt).ToListAsync();
        var objects = await serializer.ObjectsAsync(spents);
        var answer = new JsonObject { ["total"] = spents.Sum(t => t.Duration) };
        for (var i = 0; i < spents.Count; i++)
        {
            var person = ZouSerializer.Uuid(spents[i].PersonId ?? Guid.Empty);
            if (answer[person] is not JsonArray list) answer[person] = list = [];
            list.Add(objects[i]);
        }
        return answer;
    }

    /// <summary>POST .../persons/&lt;id&gt;[/add]: sets (or adds to) the person's time on the task that day; answers the row.</summary>
    public async Task<JsonObject> SetAsync(string taskId, string date, string personId, JsonObject body, bool add)
    {
        var task = await TasksService.FindAsync(db, taskId, tracked: true);
        var person = await CheckPersonAsync(personId, task.ProjectId);
        var duration = RequestBody.BoundedNumber(body, "duration", integer: false, minimum: 0, strict: true);
        await CheckAccessAsync(task, person.Id);
        var day = Day(date);

        var spent = await db.TimeSpents.FirstOrDefaultAsync(t => t.TaskId == task.Id && t.PersonId == person.Id && t.Date == day);
        if (spent is null)
        {
            db.TimeSpents.Add(spent = new TimeSpent { TaskId = task.Id, PersonId = person.Id, Date = day, Duration = duration });
            await PresenceService.UpdateLastPresenceAsync(db, events, person.Id, day);
            events.Emit("time-spent:new", new JsonObject { ["time_spent_id"] = ZouSerializer.Uuid(spent.Id) }, task.ProjectId);
        }
        else
        {
            spent.Duration = add ? spent.Duration + duration : duration;
            events.Emit("time-spent:update", new JsonObject { ["time_spent_id"] = ZouSerializer.Uuid(spent.Id) }, task.ProjectId);
        }
        await TaskDurations.RecomputeAsync(crud, [task.Id]);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(spent);
    }

    /// <summary>
    /// DELETE .../persons/&lt;id&gt;: removes the person's time on the task that day (404 when there is
    /// none); answers the removed row with a zero duration, as Zou does.
    /// </summary>
    public async Task<JsonObject> DeleteAsync(string taskId, string date, string personId)
    {
        var task = await TasksService.FindAsync(db, taskId);
        var person = await CheckPersonAsync(personId, projectId: null);
        await CheckAccessAsync(task, person.Id);
        var day = Day(date);
        var spent = await db.TimeSpents.FirstOrDefaultAsync(t => t.TaskId == task.Id && t.PersonId == person.Id && t.Date == day)
            ?? throw new NotFoundException();
        db.TimeSpents.Remove(spent);
        events.Emit("time-spent:delete", new JsonObject { ["time_spent_id"] = ZouSerializer.Uuid(spent.Id) }, task.ProjectId);
        await TaskDurations.RecomputeAsync(crud, [task.Id]);
        await db.SaveChangesAsync();
        var answer = await serializer.RowAsync(spent);
        answer["duration"] = 0;
        return answer;
    }

    /// <summary>The person of the path (404 when unknown); a bot only in a project open to bots (403).</summary>
    async Task<Person> CheckPersonAsync(string personId, Guid? projectId)
    {
        var person = (Values.TryUuid(personId, out var id) ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) : null)
            ?? throw new NotFoundException();
        if (person.IsBot && !(projectId is { } project && await db.Projects.AnyAsync(p => p.Id == project && p.IsBotCollaborationEnabled == true)))
            throw new PermissionDeniedException();
        return person;
    }

    /// <summary>Zou's check_time_spent_access: the person is assigned, and the caller is them, an admin or a manager of the project.</summary>
    async Task CheckAccessAsync(ProductionTask task, Guid personId)
    {
        var assigned = await db.TaskPersonLinks.AnyAsync(l => l.TaskId == task.Id && l.PersonId == personId);
        if (!assigned || personId != permissions.User.Id && !await permissions.IsManagerOfAsync(task.ProjectId))
            throw new PermissionDeniedException();
    }

    /// <summary>A day of the path (YYYY-MM-DD); 400 "Wrong date format." otherwise.</summary>
    static DateOnly Day(string text) => Periods.Day(text, "Wrong date format.");
}
