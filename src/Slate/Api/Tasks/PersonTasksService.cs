using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// A person's task lists (behavior-production.md §3.8): their unfinished and finished tasks in
/// open projects (for non-admins, the open projects whose team holds the caller), in Zou's row
/// format (get_person_tasks), and the tasks of one type on the entities they work on. Vendors
/// may only ask about themselves and, like clients, get no rows. Every list runs a fixed number
/// of queries whatever its length.
/// </summary>
public sealed class PersonTasksService(SlateDb db, Permissions permissions, ZouSerializer serializer, TaskRows taskRows)
{
    /// <summary>GET /data/persons/&lt;id&gt;/tasks (not done) and /done-tasks (done, latest end first).</summary>
    public async Task<JsonArray> TasksAsync(string personId, bool done)
    {
        var person = await CheckedPersonAsync(personId);
        if (permissions.GlobalRole is "vendor" or "client") return [];
        var projects = await ReachedOpenProjectsAsync();
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == person.Id).Select(l => l.TaskId);
        var tasks = db.Tasks.AsNoTracking()
            .Where(t => assigned.Contains(t.Id) && t.ProjectId != null && projects.Contains(t.ProjectId.Value))
            .Where(t => db.TaskStatuses.Any(st => st.Id == t.TaskStatusId && st.IsDone == done));
        var ordered = done
            ? tasks.OrderByDescending(t => t.EndDate)
                .ThenBy(t => db.TaskTypes.Where(tt => tt.Id == t.TaskTypeId).Select(tt => tt.Name).FirstOrDefault())
                .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId).Select(e => e.Name).FirstOrDefault())
            : tasks.OrderBy(t => db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Name).FirstOrDefault())
                .ThenBy(t => db.TaskTypes.Where(tt => tt.Id == t.TaskTypeId).Select(tt => tt.Name).FirstOrDefault())
                .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId).Select(e => e.Name).FirstOrDefault());
        return await taskRows.BuildAsync(await ordered.ThenBy(t => t.Id).ToListAsync(), TaskRows.Layout.ToDo);
    }

    /// <summary>
    /// GET /data/persons/&lt;id&gt;/related-tasks/&lt;task_type_id&gt;: the tasks of that type on the
    /// entities where the person has a task, in the open projects the caller reaches.
    /// </summary>
    public async Task<JsonArray> RelatedAsync(string personId, string taskTypeId)
    {
        var person = await CheckedPersonAsync(personId);
        var taskType = EntityService.PathId(taskTypeId);
        var projects = await ReachedOpenProjectsAsync();
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == person.Id).Select(l => l.TaskId);
        var entityIds = db.Tasks.Where(t => assigned.Contains(t.Id)).Select(t => t.EntityId);
        var tasks = db.Tasks.AsNoTracking()
            .Where(t => entityIds.Contains(t.EntityId) && t.TaskTypeId == taskType && t.ProjectId != null && projects.Contains(t.ProjectId.Value));
        var rows = await (await permissions.NarrowVendorTasksAsync(tasks)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync();
        return await serializer.RowsAsync(rows);
    }

    /// <summary>The person of the path (404 unknown, 403 for a bot); a vendor may only name themselves.</summary>
    async Task<Person> CheckedPersonAsync(string personId)
    {
        var person = (Values.TryUuid(personId, out var id) ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) : null)
            ?? throw new NotFoundException();
        if (person.IsBot) throw new PermissionDeniedException();
        if (person.Id != permissions.User.Id && permissions.GlobalRole == "vendor") throw new PermissionDeniedException();
        return person;
    }

    /// <summary>Open projects: every one for admins, else those whose team holds the caller.</summary>
    async Task<List<Guid>> ReachedOpenProjectsAsync() => permissions.IsAdmin
        ? await db.Projects.AsNoTracking()
            .Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name))
            .Select(p => p.Id).ToListAsync()
        : await permissions.OpenTeamProjectIdsAsync();
}
