using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Assets;
using Slate.Api.Projects;
using Slate.Data;
using Slate.Domain;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// GET /data/user/context, Kitsu's first call (behavior-production.md §10): the studio's reference
/// data, the people (safe rows for managers, minimal for the others; guests left out), the
/// caller's open projects in the /data/projects/open format, their project roles, unread
/// notification count and saved searches, and the user limit for admins. Vendors get no custom
/// actions or status automations (the collections refuse them those). A fixed number of queries
/// whatever the studio's size.
/// </summary>
public sealed class UserContextService(
    SlateDb db, Permissions permissions, ZouSerializer serializer, Settings settings,
    AssetsService assets, ProjectsService projects, SearchFiltersService filters)
{
    public async Task<JsonObject> ContextAsync()
    {
        var vendor = permissions.GlobalRole == "vendor";
        var context = new JsonObject
        {
            ["asset_types"] = await assets.AssetTypesAsync(QueryCollection.Empty),
            ["custom_actions"] = vendor ? new JsonArray() : await AllAsync<CustomAction>(),
            ["status_automations"] = vendor ? new JsonArray() : await AllAsync<StatusAutomation>(),
            ["departments"] = await AllAsync<Department>(),
            ["studios"] = await AllAsync<Studio>(),
            ["notification_count"] = await db.Notifications.CountAsync(n => n.PersonId == permissions.User.Id && !n.Read),
            ["persons"] = await PersonsAsync(),
            ["project_status"] = await AllAsync<ProjectStatus>(),
            ["project_roles"] = await ProjectRolesAsync(),
            ["projects"] = await projects.OpenProjectsAsync(null),
            ["task_types"] = await AllAsync<TaskType>(),
            ["task_status"] = await AllAsync<ProductionTaskStatus>(),
            ["search_filters"] = await filters.FiltersAsync(),
            ["search_filter_groups"] = await filters.GroupsAsync(),
            ["preview_background_files"] = await AllAsync<PreviewBackgroundFile>(),
            ["plugins"] = new JsonArray([.. (await db.Plugins.AsNoTracking().OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync())
                .Select(p => (JsonNode)Presentations.Plugin(p))]),
        };
        if (permissions.IsAdmin) context["user_limit"] = settings.UserLimit;
        return context;
    }

    /// <summary>Every row of a reference table, in creation order.</summary>
    async Task<JsonArray> AllAsync<T>() where T : Model =>
        await serializer.RowsAsync(await db.Set<T>().AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync());

    /// <summary>Everyone but guests, with their departments: safe rows for admins and managers (salaries for admins only), minimal ones for the others.</summary>
    async Task<JsonArray> PersonsAsync()
    {
        var rows = await db.Persons.AsNoTracking().Where(p => !p.IsGuest)
            .OrderBy(p => p.FirstName).ThenBy(p => p.LastName).ThenBy(p => p.Id).ToListAsync();
        var manager = permissions.GlobalRole is "admin" or "manager";
        var objects = await serializer.ObjectsAsync(rows, relations: true);
        return new JsonArray([.. objects.Select(p => (JsonNode)(manager ? Presentations.SafePerson(p, withSalary: permissions.IsAdmin) : Presentations.MinimalPerson(p)))]);
    }

    /// <summary>The projects where the caller's team link carries its own role: {project_id: role}.</summary>
    async Task<JsonObject> ProjectRolesAsync()
    {
        var links = await db.ProjectPersonLinks.AsNoTracking()
            .Where(l => l.PersonId == permissions.User.Id && l.Role != null)
            .Select(l => new { l.ProjectId, l.Role })
            .ToListAsync();
        return new JsonObject(links.Select(l => KeyValuePair.Create(ZouSerializer.Uuid(l.ProjectId), (JsonNode?)l.Role)));
    }
}
