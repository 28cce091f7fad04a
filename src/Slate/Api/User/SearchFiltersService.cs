using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;
using static Slate.Http.RequestBody;

namespace Slate.Api.User;

/// <summary>
/// The caller's saved searches and their groups (behavior-production.md §10, Zou's user_service
/// filters): listed by list type then project ("all" without one), the caller's own and the
/// shared ones of their open team projects, department ones only for the department's members
/// and managers. Only the owner reads, changes or deletes one (404 for anyone else, admins too);
/// sharing is for the project's managers and silently turned off for others.
/// </summary>
public sealed class SearchFiltersService(SlateDb db, Permissions permissions, ZouSerializer serializer)
{
    const string SharingMismatch = "A search filter should have the same value for is_shared than its search filter group.";

    /// <summary>GET /data/user/filters.</summary>
    public async Task<JsonObject> FiltersAsync()
    {
        var (me, open, team) = await ScopeAsync();
        var rows = await db.SearchFilters.AsNoTracking()
            .Where(f => f.ProjectId == null || open.Contains(f.ProjectId.Value))
            .Where(f => f.PersonId == me || f.IsShared && (f.ProjectId == null || team == null || team.Contains(f.ProjectId.Value)))
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id)
            .ToListAsync();
        return await ByListTypeAndProjectAsync(rows, f => (f.ListType, f.ProjectId, f.DepartmentId), keepEmptyListTypes: false);
    }

    /// <summary>GET /data/user/filter-groups, newest first.</summary>
    public async Task<JsonObject> GroupsAsync()
    {
        var (me, open, team) = await ScopeAsync();
        var rows = await db.SearchFilterGroups.AsNoTracking()
            .Where(g => g.ProjectId == null || open.Contains(g.ProjectId.Value))
            .Where(g => g.PersonId == me || g.IsShared && (g.ProjectId == null || team == null || team.Contains(g.ProjectId.Value)))
            .OrderByDescending(g => g.CreatedAt).ThenBy(g => g.Id)
            .ToListAsync();
        // Zou opens a group's list type before it checks the department, so a hidden group leaves an empty list type.
        return await ByListTypeAndProjectAsync(rows, g => (g.ListType, g.ProjectId, g.DepartmentId), keepEmptyListTypes: true);
    }

    /// <summary>POST /data/user/filters.</summary>
    public async Task<JsonObject> CreateFilterAsync(JsonObject body)
    {
        var filter = new SearchFilter
        {
            Name = BoundedText(body, "name", 200, required: true)!,
            SearchQuery = BoundedText(body, "query", 500, required: true)!,
            ListType = ListType(body),
            ProjectId = RequestBody.OptionalId(body, "project_id"),
            EntityType = BoundedText(body, "entity_type", 80),
            SearchFilterGroupId = RequestBody.OptionalId(body, "search_filter_group_id"),
            DepartmentId = RequestBody.OptionalId(body, "department_id"),
            PersonId = permissions.User.Id,
        };
        filter.IsShared = filter.ProjectId is not null && OptionalFlag(body, "is_shared") == true && await permissions.IsManagerOfAsync(filter.ProjectId);
        if (filter.SearchFilterGroupId is { } groupId && (await VisibleGroupAsync(groupId)).IsShared != filter.IsShared)
            throw new WrongParameterException(SharingMismatch);
        await CheckDepartmentAsync(filter.DepartmentId);
        db.SearchFilters.Add(filter);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(filter);
    }

    /// <summary>PUT /data/user/filters/&lt;id&gt;: name, search_query, search_filter_group_id (null detaches), is_shared, project_id, department_id.</summary>
    public async Task<JsonObject> UpdateFilterAsync(string filterId, JsonObject body)
    {
        var filter = await OwnAsync(db.SearchFilters, filterId, f => f.PersonId);
        var name = BoundedText(body, "name", 200);
        var query = BoundedText(body, "search_query", 500);
        var groupGiven = body.ContainsKey("search_filter_group_id");
        var groupId = RequestBody.OptionalId(body, "search_filter_group_id");
        var projectId = RequestBody.OptionalId(body, "project_id");
        var departmentId = RequestBody.OptionalId(body, "department_id");
        await CheckDepartmentAsync(departmentId);
        var shared = await AllowedSharingAsync(OptionalFlag(body, "is_shared"), filter.IsShared, projectId);
        if ((groupGiven ? groupId : filter.SearchFilterGroupId) is { } group
            && (await VisibleGroupAsync(group)).IsShared != (shared ?? filter.IsShared))
            throw new WrongParameterException(SharingMismatch);

        if (name is not null) filter.Name = name;
        if (query is not null) filter.SearchQuery = query;
        if (groupGiven) filter.SearchFilterGroupId = groupId;
        if (shared is { } isShared) filter.IsShared = isShared;
        if (projectId is not null) filter.ProjectId = projectId;
        if (departmentId is not null) filter.DepartmentId = departmentId;
        await db.SaveChangesAsync();
        return await serializer.RowAsync(filter);
    }

    /// <summary>DELETE /data/user/filters/&lt;id&gt;.</summary>
    public async Task RemoveFilterAsync(string filterId)
    {
        db.SearchFilters.Remove(await OwnAsync(db.SearchFilters, filterId, f => f.PersonId));
        await db.SaveChangesAsync();
    }

    /// <summary>POST /data/user/filter-groups.</summary>
    public async Task<JsonObject> CreateGroupAsync(JsonObject body)
    {
        var group = new SearchFilterGroup
        {
            Name = BoundedText(body, "name", 200, required: true)!,
            Color = BoundedText(body, "color", 8) ?? "",
            ListType = ListType(body),
            ProjectId = RequestBody.OptionalId(body, "project_id"),
            EntityType = BoundedText(body, "entity_type", 80),
            DepartmentId = RequestBody.OptionalId(body, "department_id"),
            PersonId = permissions.User.Id,
        };
        group.IsShared = group.ProjectId is not null && OptionalFlag(body, "is_shared") == true && await permissions.IsManagerOfAsync(group.ProjectId);
        await CheckDepartmentAsync(group.DepartmentId);
        db.SearchFilterGroups.Add(group);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(group);
    }

    /// <summary>GET /data/user/filter-groups/&lt;id&gt;.</summary>
    public async Task<JsonObject> GroupAsync(string groupId) =>
        await serializer.RowAsync(await OwnAsync(db.SearchFilterGroups.AsNoTracking(), groupId, g => g.PersonId));

    /// <summary>
    /// PUT /data/user/filter-groups/&lt;id&gt;: name, color, is_shared, project_id, department_id.
    /// When is_shared is sent, the group's filters follow the group's resulting sharing.
    /// </summary>
    public async Task<JsonObject> UpdateGroupAsync(string groupId, JsonObject body)
    {
        var group = await OwnAsync(db.SearchFilterGroups, groupId, g => g.PersonId);
        var name = BoundedText(body, "name", 200);
        var color = BoundedText(body, "color", 8);
        var projectId = RequestBody.OptionalId(body, "project_id");
        var departmentId = RequestBody.OptionalId(body, "department_id");
        await CheckDepartmentAsync(departmentId);
        var shared = await AllowedSharingAsync(OptionalFlag(body, "is_shared"), group.IsShared, projectId);

        if (name is not null) group.Name = name;
        if (color is not null) group.Color = color;
        if (shared is { } isShared)
        {
            group.IsShared = isShared;
            foreach (var filter in await db.SearchFilters.Where(f => f.SearchFilterGroupId == group.Id).ToListAsync())
                filter.IsShared = isShared;
        }
        if (projectId is not null) group.ProjectId = projectId;
        if (departmentId is not null) group.DepartmentId = departmentId;
        await db.SaveChangesAsync();
        return await serializer.RowAsync(group);
    }

    /// <summary>DELETE /data/user/filter-groups/&lt;id&gt;: the group and the filters in it.</summary>
    public async Task RemoveGroupAsync(string groupId)
    {
        var group = await OwnAsync(db.SearchFilterGroups, groupId, g => g.PersonId);
        db.SearchFilters.RemoveRange(await db.SearchFilters.Where(f => f.SearchFilterGroupId == group.Id).ToListAsync());
        db.SearchFilterGroups.Remove(group);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The caller, the open projects, and the projects whose shared searches they see: their
    /// open team projects (null for admins: every open project).
    /// </summary>
    async Task<(Guid Me, List<Guid> Open, List<Guid>? Team)> ScopeAsync()
    {
        var open = await db.Projects.AsNoTracking()
            .Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name))
            .Select(p => p.Id).ToListAsync();
        return (permissions.User.Id, open, permissions.IsAdmin ? null : await permissions.OpenTeamProjectIdsAsync());
    }

    /// <summary>{list_type: {project_id or "all": [rows]}}; department rows only for its members and global managers.</summary>
    async Task<JsonObject> ByListTypeAndProjectAsync<T>(List<T> rows, Func<T, (string ListType, Guid? ProjectId, Guid? DepartmentId)> keys, bool keepEmptyListTypes)
        where T : class
    {
        var seesDepartments = permissions.GlobalRole is "admin" or "manager";
        var mine = await permissions.DepartmentIdsAsync();
        var objects = await serializer.ObjectsAsync(rows);
        var result = new JsonObject();
        for (var i = 0; i < rows.Count; i++)
        {
            var (listType, projectId, departmentId) = keys(rows[i]);
            var shown = departmentId is not { } department || seesDepartments || mine.Contains(department);
            if (!shown && !keepEmptyListTypes) continue;
            if (result[listType] is not JsonObject byProject) result[listType] = byProject = [];
            if (!shown) continue;
            var project = projectId is { } id ? ZouSerializer.Uuid(id) : "all";
            if (byProject[project] is not JsonArray list) byProject[project] = list = [];
            list.Add(objects[i]);
        }
        return result;
    }

    /// <summary>A row of the caller's own (404 for a malformed id, an unknown row or another person's).</summary>
    async Task<T> OwnAsync<T>(IQueryable<T> rows, string id, Func<T, Guid?> owner) where T : Model
    {
        if (!Values.TryUuid(id, out var rowId)) throw new NotFoundException();
        var row = await rows.FirstOrDefaultAsync(r => r.Id == rowId);
        return row is not null && owner(row) == permissions.User.Id ? row : throw new NotFoundException();
    }

    /// <summary>A group a filter may join: the caller's own or a shared one they see (404 otherwise).</summary>
    async Task<SearchFilterGroup> VisibleGroupAsync(Guid groupId)
    {
        var me = permissions.User.Id;
        var group = await db.SearchFilterGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && (g.PersonId == me || g.IsShared))
            ?? throw new NotFoundException();
        if (group.PersonId != me && !await permissions.HasProjectAccessAsync(group.ProjectId)) throw new NotFoundException();
        return group;
    }

    /// <summary>
    /// The sharing an update may set (Zou's _deny_sharing_without_manager_access): a change of
    /// is_shared needs the project_id of the body to be one the caller manages, else it is false.
    /// </summary>
    async Task<bool?> AllowedSharingAsync(bool? requested, bool current, Guid? bodyProjectId)
    {
        if (requested is not { } shared || shared == current) return requested;
        return bodyProjectId is not null && await permissions.IsManagerOfAsync(bodyProjectId) && shared;
    }

    async Task CheckDepartmentAsync(Guid? departmentId)
    {
        if (departmentId is { } id && !await db.Departments.AnyAsync(d => d.Id == id)) throw new NotFoundException();
    }

    static string ListType(JsonObject body) =>
        body.ContainsKey("list_type")
            ? BoundedText(body, "list_type", 80) ?? throw new ValidationFailedException(("list_type", "Input should be a valid string"))
            : "todo";
}
