using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// The saved searches the caller sees (Zou's get_user_filters and get_user_filter_groups), as
/// <c>{list_type: {project_id or "all": [rows]}}</c>: their own, and the ones shared in projects
/// they reach (Zou shows shared ones of any project), in open projects or none; a filter of a
/// department only to its members and to managers. One query each (plus the caller's team and
/// departments, cached for the request).
/// </summary>
public sealed class UserFilters(SlateDb db, Permissions permissions, ZouSerializer serializer)
{
    /// <summary>The caller's search filters, oldest first.</summary>
    public async Task<JsonObject> FiltersAsync()
    {
        var rows = await (await VisibleAsync(db.SearchFilters)).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync();
        return await GroupedAsync(rows, rows.Select(f => (f.ListType, f.ProjectId)).ToList());
    }

    /// <summary>The caller's search filter groups, newest first (as Zou).</summary>
    public async Task<JsonObject> GroupsAsync()
    {
        var rows = await (await VisibleAsync(db.SearchFilterGroups)).OrderByDescending(g => g.CreatedAt).ThenBy(g => g.Id).ToListAsync();
        return await GroupedAsync(rows, rows.Select(g => (g.ListType, g.ProjectId)).ToList());
    }

    /// <summary>
    /// Own, or shared in a project the caller reaches; in an open project or none; of no
    /// department, of one of the caller's, or any for managers. Filters and groups share these
    /// column names.
    /// </summary>
    async Task<IQueryable<T>> VisibleAsync<T>(DbSet<T> set) where T : Model
    {
        var me = (Guid?)permissions.User.Id;
        var admin = permissions.IsAdmin;
        var team = (await permissions.OpenTeamProjectIdsAsync()).Select(id => (Guid?)id).ToList();
        var manager = permissions.GlobalRole is "admin" or "manager";
        var departments = (await permissions.DepartmentIdsAsync()).Select(id => (Guid?)id).ToList();
        var openProjects = db.Projects
            .Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name))
            .Select(p => (Guid?)p.Id);
        return set.AsNoTracking()
            .Where(r => EF.Property<Guid?>(r, "PersonId") == me
                || EF.Property<bool>(r, "IsShared") && EF.Property<Guid?>(r, "ProjectId") != null
                    && (admin || team.Contains(EF.Property<Guid?>(r, "ProjectId"))))
            .Where(r => EF.Property<Guid?>(r, "ProjectId") == null || openProjects.Contains(EF.Property<Guid?>(r, "ProjectId")))
            .Where(r => EF.Property<Guid?>(r, "DepartmentId") == null || manager || departments.Contains(EF.Property<Guid?>(r, "DepartmentId")));
    }

    /// <summary>Rows by list type, then by project id ("all" for none), in the rows' order.</summary>
    async Task<JsonObject> GroupedAsync<T>(List<T> rows, List<(string ListType, Guid? ProjectId)> keys) where T : class
    {
        var objects = await serializer.ObjectsAsync(rows);
        var result = new JsonObject();
        for (var i = 0; i < rows.Count; i++)
        {
            var (listType, projectId) = keys[i];
            var byProject = (JsonObject)(result[listType] ??= new JsonObject());
            var project = projectId is { } id ? ZouSerializer.Uuid(id) : "all";
            ((JsonArray)(byProject[project] ??= new JsonArray())).Add(objects[i]);
        }
        return result;
    }
}
