using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// A production's time (behavior-production.md §8.3-8.5): the time spents logged on its tasks,
/// per task type and per department and month, and the day offs of its team. Each answer is a
/// fixed number of queries whatever the number of rows.
/// </summary>
public sealed class ProjectTimeService(SlateDb db, Permissions permissions, ProjectsService projects, ZouSerializer serializer)
{
    /// <summary>
    /// Every time spent on the project's tasks, for its team; where the caller works as vendor or
    /// client, only their own.
    /// </summary>
    public async Task<JsonArray> TimeSpentsAsync(string projectId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var rows = OnTasksOf(project.Id, taskTypeId: null);
        if (await permissions.ProjectRoleAsync(project.Id) is "vendor" or "client")
            rows = rows.Where(t => t.PersonId == permissions.User.Id);
        return await serializer.RowsAsync(await rows.OrderBy(t => t.Date).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync());
    }

    /// <summary>
    /// The time spents on the project's tasks of one task type (its managers), latest first,
    /// grouped by person; an optional date range, either bound alone. An unknown task type is a 404.
    /// </summary>
    public async Task<JsonObject> TaskTypeTimeSpentsAsync(string projectId, string taskTypeId, string? startDate, string? endDate)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        var taskType = ProjectsService.ArgumentId(taskTypeId);
        var (start, end) = DateRange(startDate, endDate);
        if (!await db.TaskTypes.AnyAsync(t => t.Id == taskType)) throw new NotFoundException();

        var rows = OnTasksOf(project.Id, taskType);
        if (start is { } from) rows = rows.Where(t => t.Date >= from);
        if (end is { } to) rows = rows.Where(t => t.Date <= to);
        var timeSpents = await rows.OrderByDescending(t => t.Date).ThenByDescending(t => t.CreatedAt).ToListAsync();
        var objects = await serializer.ObjectsAsync(timeSpents);
        var byPerson = new JsonObject();
        for (var i = 0; i < timeSpents.Count; i++)
            ((byPerson[PersonKey(timeSpents[i].PersonId)] ??= new JsonArray()) as JsonArray)!.Add(objects[i]);
        return byPerson;
    }

    /// <summary>
    /// The day offs of the team's members, by person in date order, overlapping the optional range;
    /// not for the project's vendors and clients. The description stays for the project's managers
    /// and for each person's own.
    /// </summary>
    public async Task<JsonObject> DayOffsAsync(string projectId, string? startDate, string? endDate)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectStaffAsync);
        var (start, end) = DateRange(startDate, endDate);
        var team = db.ProjectPersonLinks.Where(l => l.ProjectId == project.Id).Select(l => (Guid?)l.PersonId);
        var rows = db.DayOffs.AsNoTracking().Where(d => team.Contains(d.PersonId));
        if (start is { } from) rows = rows.Where(d => d.EndDate >= from);
        if (end is { } to) rows = rows.Where(d => d.Date <= to);
        var dayOffs = await rows.OrderBy(d => d.Date).ThenBy(d => d.CreatedAt).ToListAsync();

        var manager = await permissions.IsManagerOfAsync(project.Id);
        var objects = await serializer.ObjectsAsync(dayOffs);
        var byPerson = new JsonObject();
        for (var i = 0; i < dayOffs.Count; i++)
        {
            if (!manager && dayOffs[i].PersonId != permissions.User.Id) objects[i].Remove("description");
            ((byPerson[PersonKey(dayOffs[i].PersonId)] ??= new JsonArray()) as JsonArray)!.Add(objects[i]);
        }
        return byPerson;
    }

    /// <summary>
    /// Admins: the project's time spents by department (of the task type), person and month in the
    /// caller's timezone, with totals: {department: {"total", person: {"total", "YYYY-MM"}}}.
    /// </summary>
    public async Task<JsonObject> MonthTimeSpentsAsync(string projectId)
    {
        permissions.CheckAdmin();
        var id = ProjectsService.ArgumentId(projectId);
        if (!await db.Projects.AnyAsync(p => p.Id == id)) throw new NotFoundException();
        var rows = await OnTasksOf(id, taskTypeId: null)
            .Join(db.Tasks, ts => ts.TaskId, t => (Guid?)t.Id, (ts, t) => new { ts.Date, ts.PersonId, ts.Duration, t.TaskTypeId })
            .Join(db.TaskTypes, x => x.TaskTypeId, tt => (Guid?)tt.Id, (x, tt) => new { x.Date, x.PersonId, x.Duration, tt.DepartmentId })
            .Join(db.Departments, x => x.DepartmentId, d => (Guid?)d.Id, (x, d) => new { x.Date, x.PersonId, x.Duration, Department = d.Id })
            .OrderBy(x => x.Date)
            .ToListAsync();

        var zone = Zone(permissions.User.Person.Timezone);
        var result = new JsonObject();
        foreach (var row in rows)
        {
            // Zou formats the date (midnight UTC) in the caller's timezone: west of UTC it is the day before.
            var month = TimeZoneInfo.ConvertTimeFromUtc(row.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), zone)
                .ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var department = (JsonObject)(result[ZouSerializer.Uuid(row.Department)] ??= new JsonObject { ["total"] = 0.0 });
            var person = (JsonObject)(department[PersonKey(row.PersonId)] ??= new JsonObject { ["total"] = 0.0 });
            person[month] = (double)(person[month] ?? 0.0) + row.Duration;
            person["total"] = (double)person["total"]! + row.Duration;
            department["total"] = (double)department["total"]! + row.Duration;
        }
        return result;
    }

    /// <summary>The time spents of the project's tasks (of one task type when given), as a query.</summary>
    IQueryable<TimeSpent> OnTasksOf(Guid projectId, Guid? taskTypeId)
    {
        var tasks = db.Tasks.Where(t => t.ProjectId == projectId);
        if (taskTypeId is { } type) tasks = tasks.Where(t => t.TaskTypeId == type);
        var ids = tasks.Select(t => (Guid?)t.Id);
        return db.TimeSpents.AsNoTracking().Where(ts => ids.Contains(ts.TaskId));
    }

    /// <summary>Python's str() of a person id, as Zou keys its dictionaries.</summary>
    public static string PersonKey(Guid? personId) => personId is { } id ? ZouSerializer.Uuid(id) : "None";

    /// <summary>The optional start_date and end_date arguments; 400 with Zou's words when either is not a date.</summary>
    public static (DateOnly? Start, DateOnly? End) DateRange(string? startDate, string? endDate)
    {
        DateOnly? Read(string? text) => text is null
            ? null
            : Values.DateTimeValue(text) is { } date
                ? DateOnly.FromDateTime(date)
                : throw new WrongParameterException($"Wrong date format for {startDate ?? "None"} and/or {endDate ?? "None"}");
        return (Read(startDate), Read(endDate));
    }

    static TimeZoneInfo Zone(string? name) =>
        name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
}
