using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/asset-instances: admins list, create and delete; the team (vendors only on assets they
/// work on) reads and changes one, and only within the asset's project. Its project is its
/// asset's; its number never changes through a PUT.
/// </summary>
public sealed class AssetInstancesCollection : CrudCollection<AssetInstance>
{
    /// <summary>Body keys naming entities, which must stay in the asset's project.</summary>
    static readonly string[] EntityKeys = ["asset_id", "scene_id", "target_asset_id", "entity_id"];

    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string> { "number" };

    public override async Task CheckReadAsync(AssetInstance row, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        await c.Permissions.CheckEntityAccessAsync(await ProjectOfAsync(row, c), row.AssetId);
    }

    public override async Task CheckUpdateAsync(AssetInstance row, JsonObject body, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        var projectId = await ProjectOfAsync(row, c);
        await c.Permissions.CheckEntityAccessAsync(projectId, row.AssetId);
        var named = EntityKeys.Select(key => Body.Uuid(body, key))
            .Concat(body["shots"] is JsonArray shots ? shots.Select(IdOf) : [])
            .OfType<Guid>().Distinct().ToList();
        if (await c.Db.Entities.AsNoTracking().AnyAsync(e => named.Contains(e.Id) && e.ProjectId != projectId))
            throw new PermissionDeniedException();
    }

    /// <summary>A relation item: an id, or an object with an "id".</summary>
    static Guid? IdOf(JsonNode? item) => item switch
    {
        JsonObject o => Body.Uuid(o, "id"),
        JsonValue v when v.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id) => id,
        _ => null,
    };

    public override Task<Guid?> ProjectOfAsync(AssetInstance row, CrudContext c) => Parents.EntityProjectAsync(c, row.AssetId);
}
