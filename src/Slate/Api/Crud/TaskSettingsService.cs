using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Crud;

/// <summary>
/// The crud blueprint's routes that are not generic: which task types and statuses a project
/// uses and in which order, and the studio-wide order of task types. Linking and reordering in a
/// project is for its managers, and tells the project's clients to refetch it (project:update).
/// </summary>
public sealed class TaskSettingsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    /// <summary>Links a task type to a project, or changes the priority of the existing link.</summary>
    public async Task<JsonObject> LinkTaskTypeAsync(JsonObject args)
    {
        var projectId = RequiredId(args, "project_id");
        var taskTypeId = RequiredId(args, "task_type_id");
        var priority = Priority(args);
        await CheckManagedProjectAsync(projectId);
        if (!await db.TaskTypes.AnyAsync(t => t.Id == taskTypeId)) throw new NotFoundException();

        var link = await db.ProjectTaskTypeLinks.FirstOrDefaultAsync(l => l.ProjectId == projectId && l.TaskTypeId == taskTypeId);
        if (link is null) db.Add(link = new ProjectTaskTypeLink { ProjectId = projectId, TaskTypeId = taskTypeId });
        link.Priority = priority;
        return await SaveLinkAsync(link, projectId);
    }

    /// <summary>Links a task status to a project, or changes the priority and board roles of the existing link.</summary>
    public async Task<JsonObject> LinkTaskStatusAsync(JsonObject args)
    {
        var projectId = RequiredId(args, "project_id");
        var taskStatusId = RequiredId(args, "task_status_id");
        var priority = Priority(args);
        var roles = RolesForBoard(args);
        await CheckManagedProjectAsync(projectId);
        if (!await db.TaskStatuses.AnyAsync(s => s.Id == taskStatusId)) throw new NotFoundException();

        var link = await db.ProjectTaskStatusLinks.FirstOrDefaultAsync(l => l.ProjectId == projectId && l.TaskStatusId == taskStatusId);
        if (link is null) db.Add(link = new ProjectTaskStatusLink { ProjectId = projectId, TaskStatusId = taskStatusId });
        link.Priority = priority;
        link.RolesForBoard = roles;
        return await SaveLinkAsync(link, projectId);
    }

    /// <summary>Studio-wide task type priorities from their order in the list (admins).</summary>
    public async Task<JsonArray> ReorderTaskTypesAsync(JsonNode? body)
    {
        permissions.CheckAdmin();
        var ids = IdList(body, "task_type_ids");
        var updated = Reorder(await db.TaskTypes.Where(t => ids.Contains(t.Id)).ToListAsync(), ids, t => t.Id, (t, p) => t.Priority = p);
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(updated);
    }

    /// <summary>The project's task type priorities from their order in the list; types not linked are skipped.</summary>
    public async Task<JsonArray> ReorderProjectTaskTypesAsync(string projectId, JsonNode? body)
    {
        var project = PathId(projectId);
        await CheckManagedProjectAsync(project);
        var ids = IdList(body, "task_type_ids");
        var links = await db.ProjectTaskTypeLinks.Where(l => l.ProjectId == project).ToListAsync();
        return await SaveLinksAsync(Reorder(links, ids, l => l.TaskTypeId, (l, p) => l.Priority = p), project);
    }

    /// <summary>The project's task status priorities from their order in the list; board roles are kept.</summary>
    public async Task<JsonArray> ReorderProjectTaskStatusesAsync(string projectId, JsonNode? body)
    {
        var project = PathId(projectId);
        await CheckManagedProjectAsync(project);
        var ids = IdList(body, "task_status_ids");
        var links = await db.ProjectTaskStatusLinks.Where(l => l.ProjectId == project).ToListAsync();
        return await SaveLinksAsync(Reorder(links, ids, l => l.TaskStatusId, (l, p) => l.Priority = p), project);
    }

    /// <summary>Priority = position in the list, from 1 (unknown ids keep their place in the count).</summary>
    static List<T> Reorder<T>(List<T> rows, List<Guid> ids, Func<T, Guid> idOf, Action<T, int> setPriority)
    {
        var byId = rows.ToDictionary(idOf);
        var updated = new List<T>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!byId.TryGetValue(ids[i], out var row)) continue;
            setPriority(row, i + 1);
            updated.Add(row);
        }
        return updated;
    }

    async Task<JsonObject> SaveLinkAsync(object link, Guid projectId)
    {
        events.Emit("project:update", new JsonObject(), projectId);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(link);
    }

    async Task<JsonArray> SaveLinksAsync<T>(List<T> links, Guid projectId) where T : class
    {
        events.Emit("project:update", new JsonObject(), projectId);
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(links);
    }

    /// <summary>The caller must manage the project (403), and it must exist (404).</summary>
    async Task CheckManagedProjectAsync(Guid projectId)
    {
        await permissions.CheckManagerOfAsync(projectId);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId)) throw new NotFoundException();
    }

    static Guid PathId(string text) => Values.TryUuid(text, out var id) ? id : throw new WrongParameterException("Malformed ID.");

    static Guid RequiredId(JsonObject args, string key) =>
        args.ContainsKey(key) ? Body.RequiredUuid(args, key) : throw new WrongParameterException($"Missing required parameter: {key}");

    /// <summary>Zou's int(priority), 1 when absent; null stays null.</summary>
    static int? Priority(JsonObject args)
    {
        if (!args.TryGetPropertyValue("priority", out var value)) return 1;
        if (value is null) return null;
        if (value is JsonValue number && (number.TryGetValue<int>(out var priority)
                || number.TryGetValue<string>(out var text) && int.TryParse(text, out priority)))
            return priority;
        throw new WrongParameterException("Wrong value for parameter priority.");
    }

    /// <summary>Board roles, given once or repeated; none when absent (Zou then stores an empty list).</summary>
    static List<string> RolesForBoard(JsonObject args) => args["roles_for_board"] switch
    {
        null => [],
        JsonArray roles => roles.Select(role => role is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new WrongParameterException("Wrong value for parameter roles_for_board.")).ToList(),
        JsonValue v when v.TryGetValue<string>(out var role) => [role],
        _ => throw new WrongParameterException("Wrong value for parameter roles_for_board."),
    };

    /// <summary>The id list of a reorder body; 400 when the body or an id is malformed.</summary>
    static List<Guid> IdList(JsonNode? body, string key)
    {
        if (body is not JsonObject fields || fields[key] is not JsonArray items)
            throw new WrongParameterException($"Request body must be a JSON object with a '{key}' list.");
        return items.Select(item => item?.GetValueKind() == JsonValueKind.String && Values.TryUuid((string)item!, out var id)
            ? id
            : throw new ApiException(400, ApiException.ErrorBody("One of the ID sent in parameter is not properly formatted."))).ToList();
    }
}
