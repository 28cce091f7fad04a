using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Projects;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;
using static Slate.Data.Periods;

namespace Slate.Api.Persons;

/// <summary>
/// People's time sheets (behavior-production.md §8.4-8.5): the time spents of a person (raw, or
/// totalled per task over a year, month, week or day), the studio's time tables, and day offs.
/// The persons routes name the person, the user routes are the caller's own: both land here.
/// Who sees what comes from <see cref="Permissions.PersonTimeReachAsync"/> and
/// <see cref="Permissions.TimeReachAsync"/>. Every answer is one query after the checks.
/// </summary>
public sealed class PersonTimeService(SlateDb db, Permissions permissions, ZouSerializer serializer)
{
    /// <summary>Units of the studio's time tables: the key each time spent is counted under.</summary>
    public enum TableUnit { Year, Month, Week, Day }

    Guid Me => permissions.User.Id;

    /// <summary>Admins: a person's time spents between start_date and end_date (both or neither).</summary>
    public async Task<JsonArray> PersonTimeSpentsAsync(string personId, string? startDate, string? endDate)
    {
        var person = await PathPersons.IdAsync(db, personId);
        permissions.CheckAdmin();
        return await TimeSpentsAsync(person, startDate, endDate);
    }

    /// <summary>The caller's own time spents between start_date and end_date (both or neither).</summary>
    public Task<JsonArray> UserTimeSpentsAsync(string? startDate, string? endDate) => TimeSpentsAsync(Me, startDate, endDate);

    /// <summary>A person's time spents of one day: theirs and admins' in full, managers' and supervisors' within their reach.</summary>
    public async Task<JsonArray> PersonDayTimeSpentsAsync(string personId, string date)
    {
        var person = await PathPersons.IdAsync(db, personId);
        var reach = await permissions.PersonTimeReachAsync(person);
        return await DayRowsAsync(person, Day(date, "Invalid month or year."), reach.Projects, reach.Departments);
    }

    public Task<JsonArray> UserDayTimeSpentsAsync(string date) => DayRowsAsync(Me, Day(date, "Wrong date format."), null, null);

    /// <summary>The caller's time spent on a task that day; 404 when there is none.</summary>
    public async Task<JsonObject> UserTaskTimeSpentAsync(string taskId, string date)
    {
        var me = Me;
        var day = Day(date, "Wrong date format.");
        var task = Values.TryUuid(taskId, out var id) ? id : throw new NotFoundException();
        var spent = await db.TimeSpents.AsNoTracking().FirstOrDefaultAsync(t => t.PersonId == me && t.TaskId == task && t.Date == day)
            ?? throw new NotFoundException();
        return await serializer.RowAsync(spent);
    }

    /// <summary>
    /// A person's time over a period, one row per task with its project, entity, sequence and
    /// episode names and the summed duration; optionally one project (project_id), which must be
    /// within a manager's or supervisor's reach (403).
    /// </summary>
    public async Task<JsonArray> PeriodTotalsAsync(string personId, Func<Period> period, string? projectId)
    {
        var person = await PathPersons.IdAsync(db, personId);
        var reach = await permissions.PersonTimeReachAsync(person);
        var projects = ProjectsWithin(reach, projectId is null ? null : ProjectsService.ArgumentId(projectId));
        var (start, end) = period();

        var spent = Narrow(db.TimeSpents.AsNoTracking().Where(t => t.PersonId == person && t.Date >= start && t.Date < end),
            projects, reach.Departments, studio: null);
        var rows = await (
                from ts in spent
                join t in db.Tasks on ts.TaskId equals (Guid?)t.Id
                join e in db.Entities on t.EntityId equals (Guid?)e.Id
                join p in db.Projects on t.ProjectId equals (Guid?)p.Id
                join et in db.EntityTypes on e.EntityTypeId equals et.Id
                join sq in db.Entities on e.ParentId equals (Guid?)sq.Id into sequences
                from sq in sequences.DefaultIfEmpty()
                join ep in db.Entities on sq!.ParentId equals (Guid?)ep.Id into episodes
                from ep in episodes.DefaultIfEmpty()
                group ts.Duration by new
                {
                    TaskId = t.Id, t.TaskTypeId, ProjectId = p.Id, ProjectName = p.Name, EntityName = e.Name,
                    EntityTypeName = et.Name, SequenceName = (string?)sq!.Name, EpisodeName = (string?)ep!.Name,
                } into g
                select new { g.Key, Duration = g.Sum() })
            .ToListAsync();

        return [.. rows
            .OrderBy(r => r.Key.ProjectName, StringComparer.Ordinal).ThenBy(r => r.Key.EntityName, StringComparer.Ordinal).ThenBy(r => r.Key.TaskId)
            .Select(r => (JsonNode)new JsonObject
            {
                ["task_id"] = ZouSerializer.Uuid(r.Key.TaskId),
                ["task_type_id"] = r.Key.TaskTypeId is { } type ? ZouSerializer.Uuid(type) : null,
                ["project_id"] = ZouSerializer.Uuid(r.Key.ProjectId),
                ["project_name"] = r.Key.ProjectName,
                ["entity_name"] = r.Key.EntityName,
                ["entity_type_name"] = r.Key.EntityTypeName,
                ["sequence_name"] = r.Key.SequenceName,
                ["episode_name"] = r.Key.EpisodeName,
                ["duration"] = r.Duration,
            })];
    }

    /// <summary>Admins and the person: every time spent of the person in the month, raw.</summary>
    public async Task<JsonArray> MonthAllTimeSpentsAsync(string personId, string year, string month)
    {
        var person = await PathPersons.IdAsync(db, personId);
        permissions.CheckSelfOrAdmin(person);
        var (start, end) = Month(year, month, "Invalid month or year.");
        return await RowsAsync(db.TimeSpents.AsNoTracking().Where(t => t.PersonId == person && t.Date >= start && t.Date < end));
    }

    /// <summary>
    /// The studio's time table: {unit: {person_id: total}} over the period (every year when none),
    /// filtered by project_id, department_id and studio_id. Admins see everyone; managers and
    /// supervisors their projects (another project_id: 403), supervisors their departments
    /// (another department_id: 400); everyone else their own time only.
    /// </summary>
    public async Task<JsonObject> TableAsync(TableUnit unit, Func<Period>? period, IQueryCollection query)
    {
        var projectId = Argument(query, "project_id");
        var departmentId = Argument(query, "department_id");
        var studio = Argument(query, "studio_id");
        var reach = await permissions.TimeReachAsync();
        var projects = ProjectsWithin(reach, projectId);
        var departments = departmentId is { } department ? [department] : reach.Departments;
        if (departmentId is { } asked && reach.Departments is { } mine && !mine.Contains(asked))
            throw new WrongParameterException("Supervisor not allowed to access this department");

        var rows = db.TimeSpents.AsNoTracking();
        if (reach.OnlyPerson is { } person) rows = rows.Where(t => t.PersonId == person);
        if (period?.Invoke() is Period(var start, var end)) rows = rows.Where(t => t.Date >= start && t.Date < end);
        var totals = await Narrow(rows, projects, departments, studio)
            .GroupBy(t => new { t.Date, t.PersonId })
            .Select(g => new { g.Key.Date, g.Key.PersonId, Duration = g.Sum(t => t.Duration) })
            .ToListAsync();

        var table = new JsonObject();
        foreach (var row in totals.OrderBy(r => r.Date).ThenBy(r => r.PersonId))
        {
            var key = unit switch
            {
                TableUnit.Year => row.Date.Year,
                TableUnit.Month => row.Date.Month,
                TableUnit.Week => ISOWeek.GetWeekOfYear(row.Date.ToDateTime(TimeOnly.MinValue)),
                _ => row.Date.Day,
            };
            var column = (JsonObject)(table[key.ToString(CultureInfo.InvariantCulture)] ??= new JsonObject());
            var who = ProjectTimeService.PersonKey(row.PersonId);
            column[who] = (double)(column[who] ?? 0.0) + row.Duration;
        }
        return table;
    }

    /// <summary>Admins and the person: the day off covering that date, or {}.</summary>
    public async Task<JsonObject> PersonDayOffAsync(string personId, string date)
    {
        var person = await PathPersons.IdAsync(db, personId);
        permissions.CheckSelfOrAdmin(person);
        return await DayOffAsync(person, Day(date, "Invalid date format."));
    }

    public Task<JsonObject> UserDayOffAsync(string date) => DayOffAsync(Me, Day(date, "Wrong date format."));

    /// <summary>Admins and the person: their day offs overlapping the period, or all of them.</summary>
    public async Task<JsonArray> PersonDayOffsAsync(string personId, Func<Period>? period)
    {
        var person = await PathPersons.IdAsync(db, personId);
        permissions.CheckSelfOrAdmin(person);
        return await DayOffsAsync(person, period?.Invoke());
    }

    /// <summary>The day offs overlapping the month: everybody's for admins, the caller's own for everyone else.</summary>
    public Task<JsonArray> MonthDayOffsAsync(string year, string month) =>
        DayOffsAsync(permissions.IsAdmin ? null : Me, Month(year, month, "Invalid date format."));

    async Task<JsonArray> TimeSpentsAsync(Guid person, string? startDate, string? endDate)
    {
        var rows = db.TimeSpents.AsNoTracking().Where(t => t.PersonId == person);
        if (startDate is not null || endDate is not null)
        {
            if (startDate is null || endDate is null)
                throw new WrongParameterException("If querying for a range of dates, both a `start_date` and an `end_date` must be given.");
            var (start, end) = ProjectTimeService.DateRange(startDate, endDate);
            var (first, last) = (start!.Value, end!.Value);
            rows = rows.Where(t => t.Date >= first && t.Date <= last);
        }
        return await RowsAsync(rows);
    }

    Task<JsonArray> DayRowsAsync(Guid person, DateOnly day, List<Guid>? projects, List<Guid>? departments) =>
        RowsAsync(Narrow(db.TimeSpents.AsNoTracking().Where(t => t.PersonId == person && t.Date == day), projects, departments, studio: null));

    async Task<JsonArray> RowsAsync(IQueryable<TimeSpent> rows) =>
        await serializer.RowsAsync(await rows.OrderBy(t => t.Date).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync());

    async Task<JsonObject> DayOffAsync(Guid person, DateOnly day)
    {
        var dayOff = await db.DayOffs.AsNoTracking().FirstOrDefaultAsync(d => d.PersonId == person && d.Date <= day && d.EndDate >= day);
        return dayOff is null ? [] : await serializer.RowAsync(dayOff);
    }

    async Task<JsonArray> DayOffsAsync(Guid? person, Period? period)
    {
        var rows = db.DayOffs.AsNoTracking();
        if (person is { } id) rows = rows.Where(d => d.PersonId == id);
        if (period is { } p)
        {
            var (first, last) = (p.Start, p.LastDay);
            rows = rows.Where(d => d.EndDate >= first && d.Date <= last);
        }
        return await serializer.RowsAsync(await rows.OrderBy(d => d.Date).ThenBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync());
    }

    /// <summary>
    /// The projects the time is read on: the one asked for (which must be within the reach, 403
    /// otherwise), else the reach's (null: no limit).
    /// </summary>
    static List<Guid>? ProjectsWithin(Permissions.TimeReach reach, Guid? projectId)
    {
        if (projectId is { } asked && reach.Projects is { } mine && !mine.Contains(asked)) throw new PermissionDeniedException();
        return projectId is { } id ? [id] : reach.Projects;
    }

    /// <summary>Time spents on tasks of the projects, of task types of the departments (none: any) and by people of the studio.</summary>
    IQueryable<TimeSpent> Narrow(IQueryable<TimeSpent> rows, List<Guid>? projects, List<Guid>? departments, Guid? studio)
    {
        if (projects is not null)
        {
            var tasks = db.Tasks.Where(t => t.ProjectId != null && projects.Contains(t.ProjectId.Value)).Select(t => (Guid?)t.Id);
            rows = rows.Where(ts => tasks.Contains(ts.TaskId));
        }
        if (departments is { Count: > 0 })
        {
            var types = db.TaskTypes.Where(tt => tt.DepartmentId != null && departments.Contains(tt.DepartmentId.Value)).Select(tt => (Guid?)tt.Id);
            var tasks = db.Tasks.Where(t => types.Contains(t.TaskTypeId)).Select(t => (Guid?)t.Id);
            rows = rows.Where(ts => tasks.Contains(ts.TaskId));
        }
        if (studio is { } id)
        {
            var people = db.Persons.Where(p => p.StudioId == id).Select(p => (Guid?)p.Id);
            rows = rows.Where(ts => people.Contains(ts.PersonId));
        }
        return rows;
    }

    /// <summary>An optional id of the query string; 400 "Wrong UUID format." when malformed.</summary>
    static Guid? Argument(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var value) ? ProjectsService.ArgumentId(value.ToString()) : null;
}
