using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Comments;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// Assigning and unassigning tasks, and their priority (behavior-production.md §3.4): tasks the
/// caller may not change are skipped in the batch routes, as Zou does; the assignee joins the
/// project's team and gets an "assignation" notification unless they assigned themselves. Each
/// route loads its tasks, links and task types with a fixed number of queries and saves once.
/// </summary>
public sealed class AssignationsService(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, NotificationService notifications)
{
    /// <summary>Zou's answer when the assignee is not a person (400, a body of its own).</summary>
    static ApiException UnknownAssignee() => new(400, new JsonObject { ["error"] = "Assignee doesn't exist in database." });

    /// <summary>PUT /actions/tasks/&lt;id&gt;/assign: the task with its assignees.</summary>
    public async Task<JsonObject> AssignAsync(string taskId, JsonObject body)
    {
        var personText = RequestBody.RequiredText(body, "person_id");
        var task = await TasksService.FindAsync(db, taskId, tracked: true);
        var person = await PersonAsync(personText) ?? throw UnknownAssignee();
        var assigned = await AssignManyAsync([task], person);
        if (assigned.Count == 0) throw new PermissionDeniedException();
        return await serializer.RowAsync(task, relations: true);
    }

    /// <summary>PUT /actions/persons/&lt;id&gt;/assign: the tasks assigned, with their assignees; missing or forbidden ones skipped.</summary>
    public async Task<JsonArray> AssignTasksAsync(string personId, JsonObject body)
    {
        var ids = RequestBody.RequiredIds(body, "task_ids");
        var found = await db.Tasks.Where(t => ids.Contains(t.Id)).ToListAsync();
        var tasks = found.OrderBy(t => ids.IndexOf(t.Id)).ToList();
        if (tasks.Count == 0) return [];
        var person = await PersonAsync(personId) ?? throw UnknownAssignee();
        var assigned = await AssignManyAsync(tasks, person);
        return await serializer.RowsAsync(assigned, relations: true);
    }

    async Task<Person?> PersonAsync(string id) =>
        Values.TryUuid(id, out var personId) ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId) : null;

    /// <summary>
    /// Assigns the person to each task the caller may assign them to (bots only in projects open
    /// to them), sets the caller as assigner, notifies the assignee, emits task:assign and
    /// task:update, and adds the person to the team of the first task's project. One save.
    /// </summary>
    async Task<List<ProductionTask>> AssignManyAsync(List<ProductionTask> tasks, Person person)
    {
        var taskIds = tasks.Select(t => t.Id).ToList();
        var departments = await DepartmentsAsync(tasks);
        var alreadyAssigned = (await db.TaskPersonLinks.AsNoTracking()
            .Where(l => taskIds.Contains(l.TaskId) && l.PersonId == person.Id).Select(l => l.TaskId).ToListAsync()).ToHashSet();
        var personDepartments = await db.DepartmentLinks.AsNoTracking()
            .Where(l => l.PersonId == person.Id).Select(l => l.DepartmentId).ToListAsync();
        var botProjects = person.IsBot
            ? (await db.Projects.AsNoTracking().Where(p => p.IsBotCollaborationEnabled == true).Select(p => p.Id).ToListAsync()).ToHashSet()
            : [];

        var assigned = new List<ProductionTask>();
        foreach (var task in tasks)
        {
            if (person.IsBot && !(task.ProjectId is { } project && botProjects.Contains(project))) continue;
            if (!await permissions.CanAssignAsync(task.ProjectId, departments.GetValueOrDefault(task.Id), person.Id, personDepartments)) continue;
            if (!alreadyAssigned.Contains(task.Id)) db.TaskPersonLinks.Add(new TaskPersonLink { TaskId = task.Id, PersonId = person.Id });
            task.AssignerId = permissions.User.Id;
            task.UpdatedAt = Clock.UtcNow();
            notifications.AddAssignation(task, person.Id, permissions.User.Id);
            events.Emit("task:assign", new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id), ["person_id"] = ZouSerializer.Uuid(person.Id) }, task.ProjectId);
            events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id) }, task.ProjectId);
            assigned.Add(task);
        }
        if (assigned.Count == 0) return assigned;
        if (assigned[0].ProjectId is { } teamProject
            && !await db.ProjectPersonLinks.AnyAsync(l => l.ProjectId == teamProject && l.PersonId == person.Id))
            db.ProjectPersonLinks.Add(new ProjectPersonLink { ProjectId = teamProject, PersonId = person.Id });
        await db.SaveChangesAsync();
        return assigned;
    }

    /// <summary>
    /// PUT /actions/tasks/clear-assignation: removes the person (every assignee when none is
    /// given) from each task the caller may unassign; answers the ids of those tasks.
    /// </summary>
    public async Task<JsonArray> ClearAsync(JsonObject body)
    {
        var ids = RequestBody.RequiredIds(body, "task_ids");
        Guid? personId = RequestBody.OptionalText(body, "person_id") is { } text
            ? Values.TryUuid(text, out var parsed) ? parsed : Guid.Empty
            : null;
        var tasks = (await db.Tasks.Where(t => ids.Contains(t.Id)).ToListAsync()).OrderBy(t => ids.IndexOf(t.Id)).ToList();
        var taskIds = tasks.Select(t => t.Id).ToList();
        var departments = await DepartmentsAsync(tasks);
        var links = await db.TaskPersonLinks.Where(l => taskIds.Contains(l.TaskId)).ToListAsync();

        var cleared = new List<Guid>();
        foreach (var task in tasks)
        {
            var own = links.Where(l => l.TaskId == task.Id).ToList();
            var callerAssigned = own.Any(l => l.PersonId == permissions.User.Id);
            if (!await permissions.CanUnassignAsync(task.ProjectId, departments.GetValueOrDefault(task.Id), personId, callerAssigned)) continue;
            var removed = own.Where(l => personId is null || l.PersonId == personId).ToList();
            db.TaskPersonLinks.RemoveRange(removed);
            task.UpdatedAt = Clock.UtcNow();
            // Zou announces the person named even when they were not assigned (a malformed id names nobody).
            var unassigned = personId is { } one ? one == Guid.Empty ? [] : [one] : removed.Select(l => l.PersonId);
            foreach (var person in unassigned)
                events.Emit("task:unassign", new JsonObject { ["person_id"] = ZouSerializer.Uuid(person), ["task_id"] = ZouSerializer.Uuid(task.Id) }, task.ProjectId);
            events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id) }, task.ProjectId);
            cleared.Add(task.Id);
        }
        await db.SaveChangesAsync();
        return new JsonArray([.. cleared.Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
    }

    /// <summary>
    /// PUT /actions/tasks/set-priority: the priority of each task the caller may plan (managers,
    /// supervisors of the task type's department); answers those tasks.
    /// </summary>
    public async Task<JsonArray> SetPriorityAsync(JsonObject body)
    {
        var ids = RequestBody.RequiredIds(body, "task_ids");
        var priority = (int)RequestBody.BoundedNumber(body, "priority", integer: true, minimum: 0, strict: false);
        var tasks = (await db.Tasks.Where(t => ids.Contains(t.Id)).ToListAsync()).OrderBy(t => ids.IndexOf(t.Id)).ToList();
        var departments = await DepartmentsAsync(tasks);
        var updated = new List<ProductionTask>();
        foreach (var task in tasks)
        {
            if (!await permissions.IsManagerOfAsync(task.ProjectId)
                && !(await permissions.ProjectRoleAsync(task.ProjectId) == "supervisor"
                    && await permissions.CoversDepartmentAsync(departments.GetValueOrDefault(task.Id)))) continue;
            task.Priority = priority;
            events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id) }, task.ProjectId);
            updated.Add(task);
        }
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(updated);
    }

    /// <summary>The department of each task's task type, in one query.</summary>
    async Task<Dictionary<Guid, Guid?>> DepartmentsAsync(List<ProductionTask> tasks)
    {
        var typeIds = tasks.Select(t => t.TaskTypeId).Distinct().ToList();
        var types = await db.TaskTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.DepartmentId);
        return tasks.ToDictionary(t => t.Id, t => t.TaskTypeId is { } type ? types.GetValueOrDefault(type) : null);
    }
}
