using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/playlists (behavior-production.md §6.2): never for vendors; lists narrowed for
/// non-admins to their teams' projects, and to the playlists marked for clients where they are
/// clients, which also holds for reading one (Zou lets clients read any playlist by id).
/// Supervisors and managers of the project create; managers, or the supervisor who created it
/// (or anyone's when no creator is known), change and delete.
/// </summary>
public sealed class PlaylistsCollection : CrudCollection<Playlist>
{
    static readonly string[] ForEntities = ["shot", "asset", "sequence", "edit", "episode"];

    public override Task CheckListAsync(CrudContext c)
    {
        c.Permissions.CheckNotVendor();
        return Task.CompletedTask;
    }

    /// <summary>Each project by the caller's role in it: vendors see none, clients only what is for them.</summary>
    public override Task<IQueryable<Playlist>> NarrowListAsync(IQueryable<Playlist> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return Task.FromResult(rows);
        var me = c.User.Id;
        var globalRole = c.Permissions.GlobalRole;
        return Task.FromResult(rows.Where(p => c.Db.ProjectPersonLinks.Any(l =>
            l.ProjectId == p.ProjectId && l.PersonId == me
            && (l.Role ?? globalRole) != "vendor"
            && ((l.Role ?? globalRole) != "client" || p.ForClient == true))));
    }

    public override async Task CheckReadAsync(Playlist row, CrudContext c)
    {
        var role = await c.Permissions.ProjectRoleAsync(row.ProjectId);
        if (role is null or "vendor" || role == "client" && row.ForClient != true) throw new PermissionDeniedException();
    }

    public override Task CheckCreateAsync(JsonObject body, CrudContext c) =>
        c.Permissions.CheckSupervisorOfAsync(Body.Uuid(body, "project_id"));

    /// <summary>Kitsu's "all" and "main" episodes are no episode; a malformed task type is none; the creator is the caller.</summary>
    public override Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        CheckForEntity(body);
        if (Body.Text(body, "episode_id") is "all" or "main") body["episode_id"] = null;
        if (body.ContainsKey("task_type_id") && Body.Uuid(body, "task_type_id") is null) body["task_type_id"] = null;
        body["created_by"] = ZouSerializer.Uuid(c.User.Id);
        return Task.CompletedTask;
    }

    public override Task CheckUpdateAsync(Playlist row, JsonObject body, CrudContext c) => CheckChangeAsync(row, c);
    public override Task CheckDeleteAsync(Playlist row, CrudContext c) => CheckChangeAsync(row, c);

    static async Task CheckChangeAsync(Playlist row, CrudContext c)
    {
        var role = await c.Permissions.ProjectRoleAsync(row.ProjectId);
        var allowed = role is "admin" or "manager" || role == "supervisor" && (row.CreatedBy is null || row.CreatedBy == c.User.Id);
        if (!allowed) throw new PermissionDeniedException();
    }

    /// <summary>Entries keep only their entity and preview; entries without a preview are dropped.</summary>
    public override Task BeforeUpdateAsync(Playlist row, JsonObject body, CrudContext c)
    {
        CheckForEntity(body);
        if (body["shots"] is JsonArray shots)
            body["shots"] = new JsonArray([.. shots.Select(EntryOf).OfType<JsonObject>()]);
        else if (body["shots"] is not null)
            throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.Format });
        return Task.CompletedTask;
    }

    static JsonObject? EntryOf(JsonNode? shot)
    {
        if (shot is not JsonObject entry) throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.Format });
        if (!entry.TryGetPropertyValue("preview_file_id", out var preview)) return null;
        var entity = entry.TryGetPropertyValue("entity_id", out var entityId) ? entityId
            : entry.TryGetPropertyValue("id", out var id) ? id
            : "";
        return new JsonObject { ["entity_id"] = entity?.DeepClone(), ["preview_file_id"] = preview?.DeepClone() };
    }

    static void CheckForEntity(JsonObject body)
    {
        if (body["for_entity"] is { } value && !(value is JsonValue text && text.TryGetValue<string>(out var name) && ForEntities.Contains(name)))
            throw new WrongParameterException($"for_entity must be one of {string.Join(", ", ForEntities)}");
    }

    /// <summary>Its notifications, build jobs and share links go with it (their stored movies are the builds' business).</summary>
    public override async Task DeleteAsync(Playlist row, bool force, CrudContext c)
    {
        var db = c.Db;
        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.PlaylistId == row.Id).ToListAsync());
        db.BuildJobs.RemoveRange(await db.BuildJobs.Where(j => j.PlaylistId == row.Id).ToListAsync());
        db.PlaylistShareLinks.RemoveRange(await db.PlaylistShareLinks.Where(l => l.PlaylistId == row.Id).ToListAsync());
        await base.DeleteAsync(row, force, c);
    }
}
