using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Assets, shots, sequences, episodes, edits, scenes and concepts, all rows of the entity table
/// (behavior-platform.md §2.10-2.11, behavior-production.md §1.7). Lists are narrowed to open
/// team projects, and where the caller is a vendor to the entities they hold a task on; "type"
/// and the events name the entity's kind. A PUT merges "data" into the stored JSON.
/// </summary>
public sealed class EntityCollection : CrudCollection<Entity>
{
    /// <summary>Zou's ENTITY_STATUSES codes.</summary>
    static readonly HashSet<string> Statuses = ["standby", "running", "complete", "canceled"];

    /// <summary>A shot keeps a version of itself when it was last changed longer ago than this.</summary>
    static readonly TimeSpan ShotVersionInterval = TimeSpan.FromSeconds(60);

    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;

    public override Task<IQueryable<Entity>> NarrowListAsync(IQueryable<Entity> rows, CrudContext c) =>
        c.Permissions.NarrowEntitiesAsync(rows);

    public override Task CheckReadAsync(Entity row, CrudContext c) => c.Permissions.CheckEntityAccessAsync(row.ProjectId, row.Id);

    public override Task CheckCreateAsync(JsonObject body, CrudContext c) => c.Permissions.CheckManagerOfAsync(Body.Uuid(body, "project_id"));

    public override Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        if (!HasValidStatus(body)) throw new WrongParameterException("Invalid status");
        return Task.CompletedTask;
    }

    public override Task BeforeCreateAsync(Entity row, JsonObject body, CrudContext c)
    {
        row.CreatedBy = c.User.Id;
        return Task.CompletedTask;
    }

    public override IReadOnlySet<string> ProtectedOnUpdate { get; } =
        new HashSet<string> { "instance_casting", "entities_in", "entities_out", "shotgun_id", "created_by" };

    /// <summary>
    /// Admins, the project's managers and the entity's creator (in the team); a supervisor of the
    /// project only for "data" fields whose descriptors belong to one of their departments (any
    /// field when they have no department). Zou answers a refusal here with a 400; Slate with 403.
    /// </summary>
    public override async Task CheckUpdateAsync(Entity row, JsonObject body, CrudContext c)
    {
        if (await IsManagerOrCreatorAsync(row, c)) return;
        if (await c.Permissions.ProjectRoleAsync(row.ProjectId) == "supervisor" && await SupervisorMayChangeAsync(row, body, c)) return;
        throw new PermissionDeniedException();
    }

    /// <summary>Zou's check_metadata_department_access for supervisors.</summary>
    static async Task<bool> SupervisorMayChangeAsync(Entity row, JsonObject body, CrudContext c)
    {
        if (body.Any(pair => pair.Key != "data")) return false;
        var departments = await c.Permissions.DepartmentIdsAsync();
        if (departments.Count == 0) return true;
        var kind = await KindAsync(row, c);
        if (kind is not ("Shot" or "Asset" or "Edit") || body["data"] is not JsonObject { Count: > 0 } data) return false;
        var fields = data.Select(pair => pair.Key).ToList();
        var links = c.Db.DepartmentMetadataDescriptorLinks;
        var allowed = await c.Db.MetadataDescriptors
            .Where(d => d.ProjectId == row.ProjectId && d.EntityType == kind && fields.Contains(d.FieldName)
                && links.Any(l => l.MetadataDescriptorId == d.Id && departments.Contains(l.DepartmentId)))
            .Select(d => d.FieldName)
            .ToListAsync();
        return fields.All(allowed.Contains);
    }

    /// <summary>
    /// Zou's PUT: parent and source ids "null" mean none, the (name, project, type, parent)
    /// combination stays unique, the status is one of the codes, "data" is merged into the stored
    /// JSON, and a shot unchanged for a minute keeps a version of itself.
    /// </summary>
    public override async Task BeforeUpdateAsync(Entity row, JsonObject body, CrudContext c)
    {
        if (body["data"] is not (null or JsonObject)) throw new BadRequestException("data must be a JSON object.");
        foreach (var key in (string[])["parent_id", "source_id"])
            if (Body.Text(body, key) is "" or "null") body[key] = null;
        await CheckUniqueAsync(row, body, c);
        if (!HasValidStatus(body)) throw new BadRequestException("Invalid status");

        var data = row.Data?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in body["data"] as JsonObject ?? [])
            data[key] = value?.DeepClone();
        body["data"] = data;

        if (await KindAsync(row, c) == "Shot" && Clock.UtcNow() - row.UpdatedAt > ShotVersionInterval)
            c.Db.EntityVersions.Add(new EntityVersion { EntityId = row.Id, Name = row.Name, Data = data.DeepClone(), PersonId = c.User.Id });
    }

    static bool HasValidStatus(JsonObject body) =>
        !body.ContainsKey("status") || Body.Text(body, "status") is { } status && Statuses.Contains(status);

    /// <summary>Zou checks the unique combination by hand so that two top-level entities (null parent) cannot share a name.</summary>
    static async Task CheckUniqueAsync(Entity row, JsonObject body, CrudContext c)
    {
        var name = body.ContainsKey("name") ? Body.Text(body, "name") : row.Name;
        var typeId = body.ContainsKey("entity_type_id") ? Body.Uuid(body, "entity_type_id") : row.EntityTypeId;
        var parentId = row.ParentId;
        if (body.ContainsKey("parent_id"))
        {
            if (body["parent_id"] is null) parentId = null;
            else if (Body.Uuid(body, "parent_id") is { } parent) parentId = parent;
            else return; // not an id: refused when bound
        }
        if (name is null || typeId is null || name == row.Name && typeId == row.EntityTypeId && parentId == row.ParentId) return;
        if (await c.Db.Entities.AnyAsync(e => e.Id != row.Id && e.Name == name && e.ProjectId == row.ProjectId
                && e.EntityTypeId == typeId && e.ParentId == parentId))
            throw new BadRequestException(
                $"An entity with name '{name}', project_id '{row.ProjectId}', entity_type_id '{typeId}', and parent_id "
                + $"'{parentId?.ToString() ?? "None"}' already exists. The combination of these fields must be unique.");
    }

    /// <summary>Zou answers a PUT with the entity's relations too.</summary>
    public override Task<JsonObject> AnswerOneAsync(Entity row, OneAnswer answer, bool relations, CrudContext c) =>
        SerializeOneAsync(row, relations || answer == OneAnswer.Updated, c);

    /// <summary>"type" is the entity's kind (Asset, Shot...), on every answer including POST's (Zou's says "Entity").</summary>
    public override async Task<List<JsonObject>> PresentAsync(IReadOnlyList<Entity> rows, List<JsonObject> json, CrudContext c)
    {
        var kinds = await EntityKinds.OfTypesAsync(c.Db, rows.Select(row => row.EntityTypeId));
        for (var i = 0; i < rows.Count; i++) json[i]["type"] = kinds[rows[i].EntityTypeId];
        return json;
    }

    /// <summary>The project's managers, or the entity's creator while in the team (Zou lets a creator who left delete too).</summary>
    public override async Task CheckDeleteAsync(Entity row, CrudContext c)
    {
        if (!await IsManagerOrCreatorAsync(row, c)) throw new PermissionDeniedException();
    }

    static Task<bool> IsManagerOrCreatorAsync(Entity row, CrudContext c) =>
        c.Permissions.IsManagerOrCreatorAsync(row.ProjectId, row.CreatedBy);

    /// <summary>Subscriptions and concept links to the entity go with it (its own link rows go in the base delete).</summary>
    public override async Task DeleteAsync(Entity row, bool force, CrudContext c)
    {
        await c.Db.Subscriptions.Where(s => s.EntityId == row.Id).ExecuteDeleteAsync();
        await c.Db.EntityConceptLinks.Where(l => l.EntityOutId == row.Id).ExecuteDeleteAsync();
        await base.DeleteAsync(row, force, c);
    }

    /// <summary>asset:new, shot:update, sequence:delete... with asset_id, shot_id, sequence_id...</summary>
    public override async Task EmitAsync(Entity row, string verb, CrudContext c)
    {
        c.Events.EmitEntity(await KindAsync(row, c), verb, row.Id, row.ProjectId);
    }

    static async Task<string> KindAsync(Entity row, CrudContext c) =>
        (await EntityKinds.OfTypesAsync(c.Db, [row.EntityTypeId]))[row.EntityTypeId];
}
