using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Breakdown;

/// <summary>
/// Asset instances (behavior-production.md §1.10): numbered placements of an asset in a scene or
/// inside another asset (target_asset_id), which shots may list (asset_instance_link). Listings
/// answer Zou's grouping, {key: [instances by number]}; the routes that reach them check who may
/// read the asset.
/// </summary>
public sealed class AssetInstancesService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    /// <summary>The asset's instances listed in shots, by shot (the shots the caller reaches).</summary>
    public async Task<JsonObject> InShotsAsync(Entity asset)
    {
        var reachable = await permissions.NarrowEntitiesAsync(db.Entities.AsNoTracking());
        var rows = await db.AssetInstances.AsNoTracking()
            .Where(i => i.AssetId == asset.Id)
            .Join(db.AssetInstanceLinks, i => i.Id, l => l.AssetInstanceId, (i, l) => new { Instance = i, ShotId = l.EntityId })
            .Where(r => reachable.Any(e => e.Id == r.ShotId))
            .OrderBy(r => r.Instance.Number).ThenBy(r => r.ShotId)
            .ToListAsync();
        return await GroupedAsync([.. rows.Select(r => (ZouSerializer.Uuid(r.ShotId), r.Instance))]);
    }

    /// <summary>
    /// All the asset's instances by scene, "None" grouping the ones in no scene (Zou's str());
    /// the scenes the caller does not reach are left out.
    /// </summary>
    public async Task<JsonObject> InScenesAsync(Entity asset)
    {
        var reachable = await permissions.NarrowEntitiesAsync(db.Entities.AsNoTracking());
        var rows = await db.AssetInstances.AsNoTracking()
            .Where(i => i.AssetId == asset.Id && (i.SceneId == null || reachable.Any(e => e.Id == i.SceneId)))
            .OrderBy(i => i.Number)
            .ToListAsync();
        return await GroupedAsync([.. rows.Select(i => (i.SceneId is { } scene ? ZouSerializer.Uuid(scene) : "None", i))]);
    }

    /// <summary>The instances placed inside the asset, by instantiated asset, then number.</summary>
    public async Task<JsonObject> InsideAsync(Entity asset)
    {
        var rows = await db.AssetInstances.AsNoTracking()
            .Where(i => i.TargetAssetId == asset.Id)
            .OrderBy(i => i.AssetId).ThenBy(i => i.Number)
            .ToListAsync();
        return await GroupedAsync([.. rows.Select(i => (ZouSerializer.Uuid(i.AssetId), i))]);
    }

    /// <summary>
    /// Zou's add_asset_instance_to_asset, for the project's managers: a new instance of
    /// asset_to_instantiate_id (an asset of the project or a shared one, 404 otherwise) inside
    /// the target asset, numbered after the last one of that pair and named
    /// "&lt;slugified asset name, case kept&gt;_&lt;number on 4 digits&gt;"; emits asset_instance:new.
    /// </summary>
    public async Task<JsonObject> AddInsideAsync(Entity target, JsonObject body)
    {
        var instantiatedId = body["asset_to_instantiate_id"] switch
        {
            null => throw new ValidationFailedException(("asset_to_instantiate_id", "Field required")),
            _ => RequestBody.OptionalId(body, "asset_to_instantiate_id")!.Value,
        };
        var description = RequestBody.OptionalText(body, "description");
        if (description?.Length > 200)
            throw new ValidationFailedException(("description", "String should have at most 200 characters"));
        await permissions.CheckManagerOfAsync(target.ProjectId);
        var instantiated = await EntityKinds.OfKind(db, db.Entities.AsNoTracking(), EntityKinds.Asset)
            .FirstOrDefaultAsync(e => e.Id == instantiatedId && (e.ProjectId == target.ProjectId || e.IsShared))
            ?? throw new NotFoundException();

        var last = await db.AssetInstances
            .Where(i => i.TargetAssetId == target.Id && i.AssetId == instantiated.Id)
            .MaxAsync(i => i.Number);
        var number = (last ?? 0) + 1;
        var instance = new AssetInstance
        {
            AssetId = instantiated.Id, TargetAssetId = target.Id, Number = number, Description = description,
            Name = $"{Slugs.Of(instantiated.Name, '_', lowercase: false)}_{number:D4}",
        };
        db.AssetInstances.Add(instance);
        events.Emit("asset_instance:new", new JsonObject
        {
            ["asset_id"] = ZouSerializer.Uuid(target.Id),
            ["asset_instantiated"] = ZouSerializer.Uuid(instantiated.Id),
            ["asset_instance_id"] = ZouSerializer.Uuid(instance.Id),
        }, target.ProjectId);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(instance);
    }

    async Task<JsonObject> GroupedAsync(List<(string Key, AssetInstance Instance)> rows)
    {
        var objects = await serializer.ObjectsAsync(rows.Select(r => r.Instance).ToList());
        var groups = new JsonObject();
        for (var i = 0; i < rows.Count; i++)
        {
            if (groups[rows[i].Key] is not JsonArray group) groups[rows[i].Key] = group = [];
            group.Add(objects[i]);
        }
        return groups;
    }
}
