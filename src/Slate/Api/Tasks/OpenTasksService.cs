using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// The open tasks of the productions the caller works on (Zou's get_open_tasks and
/// get_open_tasks_stats), for Kitsu's task lists and production stats: open projects for admins,
/// the open team projects for everyone else (a vendor's own tasks only), or the one project
/// asked for. Concept tasks are left out unless a task type is asked for.
/// </summary>
public sealed class OpenTasksService(SlateDb db, Permissions permissions, TaskRows taskRows)
{
    const int DefaultLimit = 100;

    /// <summary>GET /data/tasks/open-tasks: one page of rows (Kitsu's open-task layout) with the stats of every match.</summary>
    public async Task<JsonObject> ListAsync(IQueryCollection query)
    {
        var tasks = await FilteredAsync(query);
        var page = QueryArgs.Integer(query, "page");
        var limit = QueryArgs.Integer(query, "limit") ?? DefaultLimit;
        if (limit < 0) throw new WrongParameterException("limit must be a positive integer.");
        var ordered = tasks
            .OrderBy(t => db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Name).FirstOrDefault())
            .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId)
                .SelectMany(e => db.Entities.Where(sq => sq.Id == e.ParentId))
                .SelectMany(sq => db.Entities.Where(ep => ep.Id == sq.ParentId)).Select(ep => ep.Name).FirstOrDefault())
            .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId)
                .SelectMany(e => db.Entities.Where(sq => sq.Id == e.ParentId)).Select(sq => sq.Name).FirstOrDefault())
            .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId)
                .SelectMany(e => db.EntityTypes.Where(et => et.Id == e.EntityTypeId)).Select(et => et.Name).FirstOrDefault())
            .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId).Select(e => e.Name).FirstOrDefault())
            .ThenBy(t => db.TaskTypes.Where(tt => tt.Id == t.TaskTypeId).Select(tt => tt.Name).FirstOrDefault())
            .ThenBy(t => t.Id);
        var rows = await ordered.Skip(page is > 0 ? (page.Value - 1) * limit : 0).Take(limit).ToListAsync();

        var stats = new JsonObject { ["total_duration"] = 0, ["total_estimation"] = 0, ["total"] = 0, ["status"] = new JsonArray() };
        if (rows.Count > 0)
        {
            var totals = await tasks.GroupBy(t => 1)
                .Select(g => new { Count = g.Count(), Duration = g.Sum(t => t.Duration), Estimation = g.Sum(t => t.Estimation) })
                .FirstAsync();
            var byStatus = await tasks.GroupBy(t => t.TaskStatusId).Select(g => new { Status = g.Key, Amount = g.Count() }).ToListAsync();
            stats = new JsonObject
            {
                ["total_duration"] = totals.Duration,
                ["total_estimation"] = totals.Estimation,
                ["total"] = totals.Count,
                ["status"] = new JsonArray([.. byStatus.OrderBy(s => s.Status).Select(s => (JsonNode)new JsonObject
                {
                    ["task_status_id"] = ZouSerializer.Value(s.Status), ["amount"] = s.Amount,
                })]),
            };
        }
        return new JsonObject
        {
            ["data"] = await taskRows.BuildAsync(rows, TaskRows.Layout.Open),
            ["stats"] = stats,
            ["limit"] = limit,
            ["is_more"] = rows.Count > 0 && rows.Count == limit,
            ["page"] = page is > 0 ? page.Value : 1,
        };
    }

    /// <summary>
    /// GET /data/tasks/open-tasks/stats: per project, the number of tasks, of done ones, their
    /// duration and estimation, and the same per task type and status.
    /// </summary>
    public async Task<JsonObject> StatsAsync()
    {
        var tasks = (await ScopeAsync(null)).Where(t => !db.TaskTypes.Any(tt => tt.Id == t.TaskTypeId && tt.ForEntity == "Concept"));
        var groups = await tasks
            .GroupBy(t => new { t.ProjectId, t.TaskTypeId, t.TaskStatusId })
            .Select(g => new
            {
                g.Key.ProjectId, g.Key.TaskTypeId, g.Key.TaskStatusId, Amount = g.Count(),
                Duration = g.Sum(t => t.Duration) ?? 0, Estimation = g.Sum(t => t.Estimation) ?? 0,
            })
            .ToListAsync();
        var doneStatuses = (await db.TaskStatuses.AsNoTracking().Where(s => s.IsDone == true).Select(s => s.Id).ToListAsync()).ToHashSet();
        var answer = new JsonObject();
        foreach (var project in groups.GroupBy(g => g.ProjectId).OrderBy(g => g.Key))
        {
            var entries = project.OrderBy(g => g.TaskTypeId).ThenBy(g => g.TaskStatusId).Select(g => new
            {
                g.TaskStatusId, g.TaskTypeId, g.ProjectId, g.Amount,
                Done = g.TaskStatusId is { } status && doneStatuses.Contains(status) ? g.Amount : 0, g.Duration, g.Estimation,
            }).ToList();
            answer[ZouSerializer.Uuid(project.Key!.Value)] = new JsonObject
            {
                ["amount"] = entries.Sum(e => e.Amount),
                ["amount_done"] = entries.Sum(e => e.Done),
                ["total_duration"] = entries.Sum(e => e.Duration),
                ["total_estimation"] = entries.Sum(e => e.Estimation),
                ["task_types"] = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
                {
                    ["task_status_id"] = ZouSerializer.Value(e.TaskStatusId),
                    ["task_type_id"] = ZouSerializer.Value(e.TaskTypeId),
                    ["project_id"] = ZouSerializer.Value(e.ProjectId),
                    ["amount"] = e.Amount,
                    ["amount_done"] = e.Done,
                    ["total_duration"] = e.Duration,
                    ["total_estimation"] = e.Estimation,
                })]),
            };
        }
        return answer;
    }

    /// <summary>The tasks the caller's open-task lists cover: the project asked for (403 outside its team), else the open projects they reach.</summary>
    async Task<IQueryable<ProductionTask>> ScopeAsync(Guid? projectId)
    {
        var tasks = db.Tasks.AsNoTracking();
        if (projectId is { } project)
        {
            await permissions.CheckProjectAccessAsync(project);
            tasks = tasks.Where(t => t.ProjectId == project);
        }
        else if (permissions.IsAdmin)
            tasks = tasks.Where(t => db.Projects.Any(p => p.Id == t.ProjectId
                && db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name)));
        else
        {
            var projects = await permissions.OpenTeamProjectIdsAsync();
            tasks = tasks.Where(t => t.ProjectId != null && projects.Contains(t.ProjectId.Value));
        }
        return await permissions.NarrowVendorTasksAsync(tasks);
    }

    /// <summary>The scope narrowed by the query string's filters (400 for malformed ids, dates or numbers).</summary>
    async Task<IQueryable<ProductionTask>> FilteredAsync(IQueryCollection query)
    {
        var tasks = await ScopeAsync(QueryArgs.Uuid(query, "project_id"));
        if (QueryArgs.Uuid(query, "task_type_id") is { } taskType) tasks = tasks.Where(t => t.TaskTypeId == taskType);
        else tasks = tasks.Where(t => !db.TaskTypes.Any(tt => tt.Id == t.TaskTypeId && tt.ForEntity == "Concept"));
        if (QueryArgs.Uuid(query, "task_status_id") is { } status) tasks = tasks.Where(t => t.TaskStatusId == status);
        var links = db.TaskPersonLinks;
        if (QueryArgs.Text(query, "person_id") is { } persons)
        {
            if (persons == "unassigned") tasks = tasks.Where(t => !links.Any(l => l.TaskId == t.Id));
            else
            {
                var ids = persons.Split(',').Select(QueryFilters.Uuid).ToList();
                tasks = tasks.Where(t => links.Any(l => l.TaskId == t.Id && ids.Contains(l.PersonId)));
            }
        }
        if (QueryArgs.Uuid(query, "studio_id") is { } studio)
            tasks = tasks.Where(t => links.Any(l => l.TaskId == t.Id && db.Persons.Any(p => p.Id == l.PersonId && p.StudioId == studio)));
        if (QueryArgs.Uuid(query, "department_id") is { } department)
            tasks = tasks.Where(t => links.Any(l => l.TaskId == t.Id && db.DepartmentLinks.Any(d => d.PersonId == l.PersonId && d.DepartmentId == department)));
        if (Date(query, "start_date") is { } start) tasks = tasks.Where(t => t.StartDate >= start);
        if (Date(query, "due_date") is { } due) tasks = tasks.Where(t => t.DueDate <= due);
        if (QueryArgs.Integer(query, "priority") is { } priority) tasks = tasks.Where(t => db.TaskTypes.Any(tt => tt.Id == t.TaskTypeId && tt.Priority == priority));
        return tasks;
    }

    static DateTime? Date(IQueryCollection query, string key) => QueryArgs.Text(query, key) is not { } text ? null
        : Values.DateTimeValue(text) ?? throw new WrongParameterException($"Wrong date format for {key}: {text}");
}
