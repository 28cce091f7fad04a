using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Api.Persons;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// A person's task lists (behavior-production.md §3.8): their unfinished and finished tasks in
/// open projects (for non-admins, the open projects whose team holds the caller), in Zou's row
/// format (get_person_tasks), and the tasks of one type on the entities they work on. Vendors
/// may only ask about themselves and, like clients, get no rows. The caller's own lists
/// (/data/user/tasks, done-tasks, tasks-to-check) live here too. Every list runs a fixed number
/// of queries whatever its length.
/// </summary>
public sealed class PersonTasksService(SlateDb db, Permissions permissions, ZouSerializer serializer, TaskRows taskRows)
{
    /// <summary>GET /data/persons/&lt;id&gt;/tasks (not done) and /done-tasks (done, latest end first).</summary>
    public async Task<JsonArray> TasksAsync(string personId, bool done)
    {
        var person = await CheckedPersonAsync(personId);
        if (permissions.GlobalRole is "vendor" or "client") return [];
        return await AssignedRowsAsync(person.Id, await ReachedOpenProjectsAsync(), done);
    }

    /// <summary>
    /// GET /data/user/tasks (not done) and /data/user/done-tasks (done): the caller's tasks in the
    /// open projects whose team holds them, admins included (Zou's related projects).
    /// </summary>
    public async Task<JsonArray> UserTasksAsync(bool done) =>
        await AssignedRowsAsync(permissions.User.Id, await permissions.OpenTeamProjectIdsAsync(), done);

    /// <summary>
    /// GET /data/user/tasks-to-check: tasks waiting for feedback (a feedback-request status) that
    /// the caller checks: every open project for admins; in their open team projects, all of a
    /// project they manage and, where they supervise, those of their departments' task types (all
    /// when they have no department); nothing for anyone else. The role is the one held in each
    /// project (Zou reads the global one).
    /// </summary>
    public async Task<JsonArray> TasksToCheckAsync()
    {
        var tasks = Listable().Where(t => db.TaskStatuses.Any(st => st.Id == t.TaskStatusId && st.IsFeedbackRequest == true));
        if (permissions.IsAdmin)
        {
            var open = await ReachedOpenProjectsAsync();
            tasks = tasks.Where(t => t.ProjectId != null && open.Contains(t.ProjectId.Value));
        }
        else
        {
            var roles = await permissions.OpenTeamRolesAsync();
            var managed = roles.Where(r => r.Role == "manager").Select(r => r.Project).ToList();
            var supervised = roles.Where(r => r.Role == "supervisor").Select(r => r.Project).ToList();
            if (managed.Count == 0 && supervised.Count == 0) return [];
            var departments = await permissions.DepartmentIdsAsync();
            var everyDepartment = departments.Count == 0;
            var ofDepartments = db.TaskTypes.Where(tt => tt.DepartmentId != null && departments.Contains(tt.DepartmentId.Value)).Select(tt => (Guid?)tt.Id);
            tasks = tasks.Where(t => t.ProjectId != null && (managed.Contains(t.ProjectId.Value)
                || supervised.Contains(t.ProjectId.Value) && (everyDepartment || ofDepartments.Contains(t.TaskTypeId))));
        }
        return await taskRows.BuildAsync(await ByProjectTypeAndEntity(tasks).ThenBy(t => t.Id).ToListAsync(), TaskRows.Layout.ToCheck);
    }

    /// <summary>The person's tasks in those projects, not done or done (latest end first), as to-do rows.</summary>
    async Task<JsonArray> AssignedRowsAsync(Guid personId, List<Guid> projects, bool done)
    {
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == personId).Select(l => l.TaskId);
        var tasks = Listable()
            .Where(t => assigned.Contains(t.Id) && t.ProjectId != null && projects.Contains(t.ProjectId.Value))
            .Where(t => db.TaskStatuses.Any(st => st.Id == t.TaskStatusId && st.IsDone == done));
        var ordered = done
            ? tasks.OrderByDescending(t => t.EndDate)
                .ThenBy(t => db.TaskTypes.Where(tt => tt.Id == t.TaskTypeId).Select(tt => tt.Name).FirstOrDefault())
                .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId).Select(e => e.Name).FirstOrDefault())
            : ByProjectTypeAndEntity(tasks);
        return await taskRows.BuildAsync(await ordered.ThenBy(t => t.Id).ToListAsync(), TaskRows.Layout.ToDo);
    }

    /// <summary>Tasks with the entity and task type a row names (Zou's inner joins drop the others).</summary>
    IQueryable<ProductionTask> Listable() => db.Tasks.AsNoTracking().Where(t => t.EntityId != null && t.TaskTypeId != null);

    /// <summary>Tasks by project name, then task type name, then entity name.</summary>
    IOrderedQueryable<ProductionTask> ByProjectTypeAndEntity(IQueryable<ProductionTask> tasks) => tasks
        .OrderBy(t => db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Name).FirstOrDefault())
        .ThenBy(t => db.TaskTypes.Where(tt => tt.Id == t.TaskTypeId).Select(tt => tt.Name).FirstOrDefault())
        .ThenBy(t => db.Entities.Where(e => e.Id == t.EntityId).Select(e => e.Name).FirstOrDefault());

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
        var person = await PathPersons.FindAsync(db, personId);
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
