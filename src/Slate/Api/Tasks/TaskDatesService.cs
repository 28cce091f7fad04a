using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// GET /data/persons/task-dates (Zou's get_persons_tasks_dates), for the team schedule: per active
/// person, the first start and last due date of their tasks. Admins see every open project (or
/// the one asked for); supervisors and managers the one asked for when in its team, else their
/// open team projects, the other open projects only as merged anonymous busy periods.
/// </summary>
public sealed class TaskDatesService(SlateDb db, Permissions permissions)
{
    public async Task<JsonArray> ListAsync(IQueryCollection query)
    {
        var projectText = query["project_id"].ToString().Trim();
        Guid? projectId = projectText.Length == 0 ? null
            : Values.TryUuid(projectText, out var parsed) ? parsed : throw new WrongParameterException("Invalid project_id.");

        List<Guid> projects;
        List<Guid> busy = [];
        if (projectId is { } project)
        {
            if (!permissions.IsAdmin)
            {
                CheckSupervisor();
                if (!await permissions.HasProjectAccessAsync(project)) throw new PermissionDeniedException();
            }
            projects = [project];
        }
        else
        {
            var open = await db.Projects.AsNoTracking()
                .Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name))
                .Select(p => p.Id).ToListAsync();
            if (permissions.IsAdmin) projects = open;
            else
            {
                CheckSupervisor();
                projects = await permissions.OpenTeamProjectIdsAsync();
                busy = [.. open.Except(projects)];
            }
        }

        var active = db.Persons.Where(p => p.Active == true).Select(p => p.Id);
        var assigned = db.TaskPersonLinks.Where(l => active.Contains(l.PersonId))
            .Join(db.Tasks, l => l.TaskId, t => t.Id, (l, t) => new { l.PersonId, t.ProjectId, t.StartDate, t.DueDate });
        var spans = await assigned
            .Where(r => r.ProjectId != null && projects.Contains(r.ProjectId.Value))
            .GroupBy(r => r.PersonId)
            .Select(g => new { Person = g.Key, Min = g.Min(r => r.StartDate), Max = g.Max(r => r.DueDate) })
            .ToListAsync();
        var entries = spans.ToDictionary(s => s.Person, s => new JsonObject
        {
            ["person_id"] = ZouSerializer.Uuid(s.Person),
            ["min_date"] = Text(s.Min),
            ["max_date"] = Text(s.Max),
            ["busy_periods"] = new JsonArray(),
        });
        if (busy.Count > 0)
        {
            var periods = await assigned
                .Where(r => r.ProjectId != null && busy.Contains(r.ProjectId.Value) && r.StartDate != null && r.DueDate != null)
                .Select(r => new { r.PersonId, Start = r.StartDate!.Value, End = r.DueDate!.Value })
                .ToListAsync();
            foreach (var group in periods.GroupBy(p => p.PersonId))
            {
                if (!entries.TryGetValue(group.Key, out var entry))
                    entries[group.Key] = entry = new JsonObject
                    {
                        ["person_id"] = ZouSerializer.Uuid(group.Key), ["min_date"] = null, ["max_date"] = null, ["busy_periods"] = new JsonArray(),
                    };
                entry["busy_periods"] = new JsonArray([.. Merged(group.Select(p => (p.Start, p.End))).Select(p => (JsonNode)new JsonObject
                {
                    ["start_date"] = Text(p.Start), ["end_date"] = Text(p.End),
                })]);
            }
        }
        return new JsonArray([.. entries.Values]);
    }

    /// <summary>Supervisors and above by global role (Zou's check_at_least_supervisor_permissions).</summary>
    void CheckSupervisor()
    {
        if (permissions.GlobalRole is not ("admin" or "manager" or "supervisor")) throw new PermissionDeniedException();
    }

    /// <summary>Overlapping periods merged, so busy periods show neither how many tasks nor how the work is split.</summary>
    static List<(DateTime Start, DateTime End)> Merged(IEnumerable<(DateTime Start, DateTime End)> periods)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var (start, end) in periods.OrderBy(p => p.Start).ThenBy(p => p.End))
        {
            if (merged.Count > 0 && start <= merged[^1].End) merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            else merged.Add((start, end));
        }
        return merged;
    }

    /// <summary>Python's str() of a datetime ("2026-11-27 00:00:00", microseconds when there are some); null stays null.</summary>
    static string? Text(DateTime? value) => value is not { } time ? null
        : time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
