using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Security;

/// <summary>
/// Answers "may the caller read or change this project's data?" (behavior-platform.md §3): the
/// global role, team membership with its optional per-project role, and departments. Every area
/// asks here, so the rules live in one place. Lookups are cached for the request.
/// </summary>
public sealed class Permissions(CurrentUser user, SlateDb db)
{
    readonly Dictionary<Guid, string?> projectRoles = [];
    List<Guid>? departments;
    List<(Guid Project, string Role)>? openTeamRoles;
    List<Guid>? vendorProjectIds;

    public CurrentUser User => user;
    public bool IsAdmin => user.IsAdmin;
    public string GlobalRole => user.Person.Role;

    /// <summary>The caller's role in the project: null outside its team; admins are always "admin".</summary>
    public async Task<string?> ProjectRoleAsync(Guid? projectId)
    {
        if (IsAdmin) return "admin";
        if (projectId is not { } id) return null;
        if (projectRoles.TryGetValue(id, out var known)) return known;
        var link = await db.ProjectPersonLinks.AsNoTracking()
            .Where(l => l.ProjectId == id && l.PersonId == user.Id)
            .Select(l => new { l.Role })
            .FirstOrDefaultAsync();
        return projectRoles[id] = link is null ? null : link.Role ?? GlobalRole;
    }

    /// <summary>Admin, or in the project's team.</summary>
    public async Task<bool> HasProjectAccessAsync(Guid? projectId) => await ProjectRoleAsync(projectId) is not null;

    /// <summary>Admin, or in the team with the manager role there.</summary>
    public async Task<bool> IsManagerOfAsync(Guid? projectId) => await ProjectRoleAsync(projectId) is "admin" or "manager";

    /// <summary>Admin, or in the team as manager or supervisor.</summary>
    public async Task<bool> IsSupervisorOfAsync(Guid? projectId) =>
        await ProjectRoleAsync(projectId) is "admin" or "manager" or "supervisor";

    public async Task CheckProjectAccessAsync(Guid? projectId)
    {
        if (!await HasProjectAccessAsync(projectId)) throw new PermissionDeniedException();
    }

    public async Task CheckManagerOfAsync(Guid? projectId)
    {
        if (!await IsManagerOfAsync(projectId)) throw new PermissionDeniedException();
    }

    public async Task CheckSupervisorOfAsync(Guid? projectId)
    {
        if (!await IsSupervisorOfAsync(projectId)) throw new PermissionDeniedException();
    }

    /// <summary>Project access refused to the project's vendors (Zou's check_project_access then block_access_to_vendor).</summary>
    public async Task CheckProjectAccessNotVendorAsync(Guid? projectId)
    {
        if (await ProjectRoleAsync(projectId) is null or "vendor") throw new PermissionDeniedException();
    }

    /// <summary>Project access for the team but its vendors and clients (schedule versions, day offs).</summary>
    public async Task CheckProjectStaffAsync(Guid? projectId)
    {
        if (await ProjectRoleAsync(projectId) is null or "vendor" or "client") throw new PermissionDeniedException();
    }

    public void CheckAdmin() => user.CheckAdmin();

    /// <summary>
    /// Admins and the project's managers; a supervisor of the project only when the departments
    /// are given and cover all of the supervisor's own (all when they have none) (Zou's
    /// check_all_departments_access).
    /// </summary>
    public async Task CheckAllDepartmentsAccessAsync(Guid? projectId, IReadOnlyCollection<Guid> departments)
    {
        var role = await ProjectRoleAsync(projectId);
        if (role is "admin" or "manager") return;
        if (role == "supervisor" && departments.Count > 0)
        {
            var mine = await DepartmentIdsAsync();
            if (mine.All(departments.Contains)) return;
        }
        throw new PermissionDeniedException();
    }

    /// <summary>Admins, or the person themselves (Zou's check_person_access).</summary>
    public void CheckSelfOrAdmin(Guid personId)
    {
        if (!IsAdmin && personId != user.Id) throw new PermissionDeniedException();
    }

    /// <summary>
    /// How much of people's time the caller reads (Zou's time tables and per-person time views):
    /// admins all of it; managers and supervisors (global role) the time logged on the projects
    /// whose team holds them, supervisors only on their departments' task types (all when they
    /// have none); everyone else only their own.
    /// </summary>
    public sealed record TimeReach(List<Guid>? Projects, List<Guid>? Departments, Guid? OnlyPerson);

    public async Task<TimeReach> TimeReachAsync()
    {
        if (IsAdmin) return new(null, null, null);
        if (GlobalRole is "manager" or "supervisor")
            return new(await TeamProjectIdsAsync(), GlobalRole == "supervisor" ? await DepartmentIdsAsync() : null, null);
        return new(null, null, user.Id);
    }

    /// <summary>
    /// One person's time: all of it for admins and for the person themselves; within their reach
    /// for managers and supervisors; 403 for everyone else.
    /// </summary>
    public async Task<TimeReach> PersonTimeReachAsync(Guid personId)
    {
        if (IsAdmin || personId == user.Id) return new(null, null, null);
        var reach = await TimeReachAsync();
        return reach.OnlyPerson is null ? reach : throw new PermissionDeniedException();
    }

    /// <summary>Admins and managers by global role (before any project is known).</summary>
    public void CheckGlobalManager()
    {
        if (GlobalRole is not ("admin" or "manager")) throw new PermissionDeniedException();
    }

    /// <summary>Vendors are refused listings of shared project data.</summary>
    public void CheckNotVendor()
    {
        if (GlobalRole == "vendor") throw new PermissionDeniedException();
    }

    /// <summary>Vendors (by global role, or by their role in the project) are refused a project's shared listings.</summary>
    public async Task CheckNotVendorOfAsync(Guid? projectId)
    {
        CheckNotVendor();
        if (await ProjectRoleAsync(projectId) == "vendor") throw new PermissionDeniedException();
    }

    /// <summary>
    /// What non-admin lists are narrowed to: open projects whose team holds the caller
    /// (Zou's related-projects filter).
    /// </summary>
    public async Task<List<Guid>> OpenTeamProjectIdsAsync() => [.. (await OpenTeamRolesAsync()).Select(p => p.Project)];

    /// <summary>
    /// The open team projects where the caller works as a vendor (their project role, else their
    /// global one): there, lists show only what is assigned to them.
    /// </summary>
    public async Task<List<Guid>> OpenVendorProjectIdsAsync() =>
        [.. (await OpenTeamRolesAsync()).Where(p => p.Role == "vendor").Select(p => p.Project)];

    /// <summary>The open projects whose team holds the caller, with their role in each (project role, else global).</summary>
    public async Task<List<(Guid Project, string Role)>> OpenTeamRolesAsync()
    {
        if (openTeamRoles is not null) return openTeamRoles;
        var links = await db.ProjectPersonLinks.AsNoTracking()
            .Where(l => l.PersonId == user.Id)
            .Join(db.Projects, l => l.ProjectId, p => p.Id, (l, p) => new { p.Id, p.ProjectStatusId, l.Role })
            .Join(db.ProjectStatuses, p => p.ProjectStatusId, s => s.Id, (p, s) => new { p.Id, p.Role, s.Name })
            .Where(p => p.Name == OpenStatus.Name)
            .Select(p => new { p.Id, p.Role })
            .ToListAsync();
        return openTeamRoles = [.. links.Select(l => (l.Id, l.Role ?? GlobalRole))];
    }

    /// <summary>
    /// Project access, and for a vendor there, a task of the entity assigned to them (Zou's
    /// check_project_access then check_entity_access).
    /// </summary>
    public async Task CheckEntityAccessAsync(Guid? projectId, Guid? entityId)
    {
        var role = await ProjectRoleAsync(projectId);
        if (role is null || role == "vendor" && !await ReachedEntityIds().AnyAsync(id => id == entityId)) throw new PermissionDeniedException();
    }

    /// <summary>
    /// Access to one task (Zou's check_task_access): the entity's access, and where the caller works
    /// as a vendor, the task itself assigned to them (Zou lets them reach every task of the entity).
    /// </summary>
    public async Task CheckTaskAccessAsync(ProductionTask task)
    {
        await CheckEntityAccessAsync(task.ProjectId, task.EntityId);
        if (await ProjectRoleAsync(task.ProjectId) == "vendor" && !await IsAssignedToTaskAsync(task.Id))
            throw new PermissionDeniedException();
    }

    /// <summary>
    /// <see cref="CheckTaskAccessAsync"/> for many tasks at once: the team of each project, and in
    /// projects where the caller works as a vendor, each task assigned to them (one query for all).
    /// </summary>
    public async Task CheckTasksAccessAsync(IReadOnlyCollection<ProductionTask> tasks)
    {
        var vendorTasks = new List<Guid>();
        foreach (var task in tasks)
        {
            var role = await ProjectRoleAsync(task.ProjectId) ?? throw new PermissionDeniedException();
            if (role == "vendor") vendorTasks.Add(task.Id);
        }
        if (vendorTasks.Count == 0) return;
        var assigned = await db.TaskPersonLinks.AsNoTracking()
            .Where(l => l.PersonId == user.Id && vendorTasks.Contains(l.TaskId)).Select(l => l.TaskId).Distinct().CountAsync();
        if (assigned != vendorTasks.Distinct().Count()) throw new PermissionDeniedException();
    }

    /// <summary>Whether a task of the entity is assigned to the caller.</summary>
    public Task<bool> IsAssignedOnEntityAsync(Guid? entityId) => AssignedEntityIds().AnyAsync(id => id == entityId);

    /// <summary>The entities with a task assigned to the caller (all a vendor reaches), as a subquery.</summary>
    public IQueryable<Guid?> AssignedEntityIds() => db.TaskPersonLinks.AsNoTracking()
        .Where(l => l.PersonId == user.Id)
        .Join(db.Tasks, l => l.TaskId, t => t.Id, (l, t) => t.EntityId);

    /// <summary>
    /// What a vendor reaches: the entities they hold a task on, and the sequence and episode above
    /// them (Zou lists a vendor the sequences and episodes of their shots), as a subquery.
    /// </summary>
    public IQueryable<Guid?> ReachedEntityIds()
    {
        var assigned = AssignedEntityIds();
        var parents = db.Entities.Where(e => assigned.Contains(e.Id) && e.ParentId != null).Select(e => e.ParentId);
        var grandparents = db.Entities.Where(e => parents.Contains(e.Id) && e.ParentId != null).Select(e => e.ParentId);
        return assigned.Concat(parents).Concat(grandparents);
    }

    /// <summary>
    /// Tasks a listing shows the caller: a vendor (by global role, or by their role in the task's
    /// project) only the ones assigned to them; everyone else all of them.
    /// </summary>
    public async Task<IQueryable<ProductionTask>> NarrowVendorTasksAsync(IQueryable<ProductionTask> tasks)
    {
        if (IsAdmin) return tasks;
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == user.Id).Select(l => l.TaskId);
        if (GlobalRole == "vendor") return tasks.Where(t => assigned.Contains(t.Id));
        var vendorProjects = await VendorProjectIdsAsync();
        return vendorProjects.Count == 0
            ? tasks
            : tasks.Where(t => t.ProjectId == null || !vendorProjects.Contains(t.ProjectId.Value) || assigned.Contains(t.Id));
    }

    /// <summary>Every project whose team holds the caller, open or not.</summary>
    public Task<List<Guid>> TeamProjectIdsAsync() => db.ProjectPersonLinks.AsNoTracking()
        .Where(l => l.PersonId == user.Id).Select(l => l.ProjectId).Distinct().ToListAsync();

    /// <summary>Team projects where the caller's effective role is vendor: there they only reach what they are assigned to.</summary>
    public async Task<List<Guid>> VendorProjectIdsAsync() => vendorProjectIds ??= await db.ProjectPersonLinks.AsNoTracking()
        .Where(l => l.PersonId == user.Id && (l.Role ?? GlobalRole) == "vendor")
        .Select(l => l.ProjectId).ToListAsync();

    /// <summary>
    /// Per project where the caller works as a vendor, the metadata fields of that entity type
    /// they may not see: descriptors restricted to departments that are not theirs (Zou's
    /// get_not_allowed_descriptors_fields_for_vendor). Empty for everyone else.
    /// </summary>
    public async Task<Dictionary<Guid, HashSet<string>>> HiddenMetadataAsync(string entityType, IReadOnlyCollection<Guid>? projects = null)
    {
        if (IsAdmin) return [];
        var vendorProjects = projects ?? await VendorProjectIdsAsync();
        if (vendorProjects.Count == 0) return [];
        var mine = await DepartmentIdsAsync();
        var links = db.DepartmentMetadataDescriptorLinks;
        var hidden = await db.MetadataDescriptors.AsNoTracking()
            .Where(d => vendorProjects.Contains(d.ProjectId) && d.EntityType == entityType)
            .Where(d => links.Any(l => l.MetadataDescriptorId == d.Id) && !links.Any(l => l.MetadataDescriptorId == d.Id && mine.Contains(l.DepartmentId)))
            .Select(d => new { d.ProjectId, d.FieldName })
            .ToListAsync();
        return hidden.GroupBy(d => d.ProjectId).ToDictionary(g => g.Key, g => g.Select(d => d.FieldName).ToHashSet());
    }

    /// <summary>
    /// A supervisor in the project's team whose departments cover the task type's department
    /// (Zou's supervisor branch of the task type checks; admins and managers are asked apart).
    /// </summary>
    public async Task<bool> IsDepartmentSupervisorAsync(Guid? projectId, Guid? taskTypeId)
    {
        if (await ProjectRoleAsync(projectId) != "supervisor") return false;
        var department = await db.TaskTypes.AsNoTracking()
            .Where(t => t.Id == taskTypeId).Select(t => t.DepartmentId).FirstOrDefaultAsync();
        return await CoversDepartmentAsync(department);
    }

    /// <summary>A person's role in a project: their team role when set, else their global role (Zou's get_project_role).</summary>
    public async Task<string?> RoleOfPersonInProjectAsync(Guid personId, Guid? projectId)
    {
        var link = await db.ProjectPersonLinks.AsNoTracking()
            .Where(l => l.ProjectId == projectId && l.PersonId == personId)
            .Select(l => new { l.Role })
            .FirstOrDefaultAsync();
        return link?.Role ?? await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Role).FirstOrDefaultAsync();
    }

    /// <summary>The caller is one of the task's assignees.</summary>
    public Task<bool> IsAssignedToTaskAsync(Guid? taskId) =>
        db.TaskPersonLinks.AsNoTracking().AnyAsync(l => l.TaskId == taskId && l.PersonId == user.Id);

    /// <summary>
    /// Admin, the project's managers, or the row's creator while in the team (Zou lets a creator
    /// who left act too: its creator branch never refuses).
    /// </summary>
    public async Task<bool> IsManagerOrCreatorAsync(Guid? projectId, Guid? createdBy) =>
        await ProjectRoleAsync(projectId) is { } role && (role is "admin" or "manager" || createdBy == user.Id);

    /// <summary>
    /// Entities a listing shows the caller: everything for admins; otherwise the open team
    /// projects' entities, and in those where they work as vendor only the ones they reach.
    /// </summary>
    public async Task<IQueryable<Entity>> NarrowEntitiesAsync(IQueryable<Entity> rows)
    {
        if (IsAdmin) return rows;
        var projects = await OpenTeamProjectIdsAsync();
        var vendorProjects = await OpenVendorProjectIdsAsync();
        var reached = ReachedEntityIds();
        return rows.Where(e => projects.Contains(e.ProjectId)
            && (!vendorProjects.Contains(e.ProjectId) || reached.Contains(e.Id)));
    }

    /// <summary>
    /// May the caller act on the task (comment, change its status, publish)? Admins; in the team,
    /// managers and clients; assignees; supervisors covering the task type's department; the
    /// entity's creator (Zou's check_task_action_access).
    /// </summary>
    public async Task<bool> HasTaskActionAccessAsync(ProductionTask task)
    {
        var role = await ProjectRoleAsync(task.ProjectId);
        if (role is null) return false;
        if (role is "admin" or "manager" or "client") return true;
        if (await IsAssignedToTaskAsync(task.Id)) return true;
        if (role == "supervisor" && await CoversDepartmentAsync(await TaskTypeDepartmentAsync(task.TaskTypeId))) return true;
        return await db.Entities.AsNoTracking().AnyAsync(e => e.Id == task.EntityId && e.CreatedBy == user.Id);
    }

    public async Task CheckTaskActionAccessAsync(ProductionTask task)
    {
        if (!await HasTaskActionAccessAsync(task)) throw new PermissionDeniedException();
    }

    /// <summary>
    /// Someone pulled into the task's conversation (Zou's check_task_mention_access): in the team,
    /// not a vendor there, and mentioned by a comment or a reply of the task, by name or through
    /// one of their departments. It lets them answer, nothing more.
    /// </summary>
    public async Task<bool> IsMentionedOnTaskAsync(ProductionTask task)
    {
        var role = await ProjectRoleAsync(task.ProjectId);
        if (role is null or "vendor") return false;
        var comments = db.Comments.AsNoTracking().Where(c => c.ObjectId == task.Id);
        var departments = await DepartmentIdsAsync();
        if (await comments.AnyAsync(c => db.CommentMentions.Any(m => m.Comment == c.Id && m.Person == user.Id)
                || db.CommentDepartmentMentions.Any(m => m.Comment == c.Id && departments.Contains(m.Department))))
            return true;
        // Replies keep their mentions inside the comment's JSON: read the replies of this one task.
        var replies = await comments.Where(c => c.Replies != null).Select(c => c.Replies).ToListAsync();
        var ids = departments.Select(ZouSerializer.Uuid).Append(ZouSerializer.Uuid(user.Id)).ToHashSet();
        return replies.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>())
            .Any(reply => new[] { "mentions", "department_mentions" }
                .Any(key => reply[key] is JsonArray mentioned && mentioned.Any(m => m is JsonValue v && v.TryGetValue<string>(out var id) && ids.Contains(id))));
    }

    /// <summary>Artists and clients (by their role in the project) may only use the statuses opened to them.</summary>
    public async Task CheckTaskStatusAllowedAsync(Guid? projectId, Guid? taskStatusId)
    {
        var role = await ProjectRoleAsync(projectId);
        if (role is not ("user" or "client")) return;
        var status = await db.TaskStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == taskStatusId)
            ?? throw new NotFoundException();
        if ((role == "user" ? status.IsArtistAllowed : status.IsClientAllowed) is not true)
            throw new PermissionDeniedException();
    }

    /// <summary>
    /// May the caller assign the person to a task of the project whose task type belongs to that
    /// department (Zou's check_task_department_access)? Admins; in the team, managers; supervisors
    /// with no department, or owning the department and sharing one with the assignee; anyone
    /// assigning themselves to a task of their own department.
    /// </summary>
    public async Task<bool> CanAssignAsync(Guid? projectId, Guid? departmentId, Guid personId, IReadOnlyCollection<Guid> personDepartments)
    {
        var role = await ProjectRoleAsync(projectId);
        if (role is null) return false;
        if (role is "admin" or "manager") return true;
        var mine = await DepartmentIdsAsync();
        var ownsDepartment = departmentId is { } id && mine.Contains(id);
        if (role == "supervisor" && (mine.Count == 0 || ownsDepartment && personDepartments.Any(mine.Contains))) return true;
        return ownsDepartment && personId == user.Id;
    }

    /// <summary>
    /// May the caller remove an assignee (one person, or all when null) from such a task (Zou's
    /// check_task_department_access_for_unassign)? Admins; in the team, managers, supervisors
    /// covering the department, and an assignee removing themselves.
    /// </summary>
    public async Task<bool> CanUnassignAsync(Guid? projectId, Guid? departmentId, Guid? personId, bool callerAssigned)
    {
        var role = await ProjectRoleAsync(projectId);
        if (role is null) return false;
        if (role is "admin" or "manager") return true;
        if (role == "supervisor" && await CoversDepartmentAsync(departmentId)) return true;
        return callerAssigned && personId == user.Id;
    }

    public Task<Guid?> TaskTypeDepartmentAsync(Guid? taskTypeId) => db.TaskTypes.AsNoTracking()
        .Where(t => t.Id == taskTypeId).Select(t => t.DepartmentId).FirstOrDefaultAsync();

    public async Task<List<Guid>> DepartmentIdsAsync() => departments ??= await db.DepartmentLinks.AsNoTracking()
        .Where(l => l.PersonId == user.Id).Select(l => l.DepartmentId).ToListAsync();

    /// <summary>
    /// A supervisor with no department covers every department; otherwise the department must be
    /// one of theirs.
    /// </summary>
    public async Task<bool> CoversDepartmentAsync(Guid? departmentId)
    {
        var mine = await DepartmentIdsAsync();
        return mine.Count == 0 || departmentId is { } id && mine.Contains(id);
    }
}
