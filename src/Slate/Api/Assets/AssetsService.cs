using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Breakdown;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Assets;

/// <summary>
/// The assets blueprint's rules (behavior-production.md §1.2-1.9): asset types are the entity
/// types that are not temporal; assets are the entities of those types. What every kind of
/// entity shares (finding, listing, creating, removing, tasks) is <see cref="EntityService"/>.
/// </summary>
public sealed class AssetsService(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, EntityService entities, WithTasksService withTasks,
    CrudContext crud, CastingService casting, AssetInstancesService instances)
{
    const string Asset = EntityKinds.Asset;

    /// <summary>The generic collection's filters for entity types.</summary>
    static readonly EntityTypeCollection TypeRules = new();

    /// <summary>
    /// Every asset type with its workflow (task_types), filtered like a CRUD list; ?project_id=
    /// keeps the types the project has assets of (its team only: Zou lets anyone ask).
    /// </summary>
    public async Task<JsonArray> AssetTypesAsync(IQueryCollection query)
    {
        var types = QueryFilters.Apply(EntityKinds.AssetTypes(db), query, TypeRules, crud);
        if (query.TryGetValue("project_id", out var project))
        {
            var projectId = QueryFilters.Uuid(project.ToString());
            await permissions.CheckProjectAccessAsync(projectId);
            types = types.Where(t => db.Entities.Any(e => e.EntityTypeId == t.Id && e.ProjectId == projectId));
        }
        return AsAssetTypes(await serializer.RowsAsync(await types.OrderBy(t => t.Name).ToListAsync(), relations: true));
    }

    /// <summary>One asset type with its workflow; 404 for a temporal type or an unknown id.</summary>
    public async Task<JsonObject> AssetTypeAsync(string assetTypeId)
    {
        var id = PathId(assetTypeId);
        var type = await EntityKinds.AssetTypes(db).FirstOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        var json = await serializer.RowAsync(type, relations: true);
        json["type"] = "AssetType";
        return json;
    }

    /// <summary>The types of the project's assets (team members).</summary>
    public async Task<JsonArray> ProjectAssetTypesAsync(string projectId)
    {
        var project = await ProjectAsync(projectId);
        return await AssetTypesOfAsync(db.Entities.Where(e => e.ProjectId == project));
    }

    /// <summary>The types of the assets cast in the shot (its team).</summary>
    public async Task<JsonArray> ShotAssetTypesAsync(string shotId)
    {
        var shot = await entities.FindAsync(shotId, "Shot");
        await permissions.CheckProjectAccessAsync(shot.ProjectId);
        var cast = db.EntityLinks.Where(l => l.EntityInId == shot.Id).Select(l => l.EntityOutId);
        return await AssetTypesOfAsync(db.Entities.Where(e => cast.Contains(e.Id)));
    }

    async Task<JsonArray> AssetTypesOfAsync(IQueryable<Entity> assets)
    {
        var typeIds = assets.Select(e => e.EntityTypeId);
        var types = await EntityKinds.AssetTypes(db).Where(t => typeIds.Contains(t.Id)).OrderBy(t => t.Name).ToListAsync();
        return AsAssetTypes(await serializer.RowsAsync(types));
    }

    /// <summary>Entity type rows as Zou's asset types (type "AssetType").</summary>
    public static JsonArray AsAssetTypes(JsonArray rows)
    {
        foreach (var row in rows) row!["type"] = "AssetType";
        return rows;
    }

    /// <summary>/data/assets and /data/assets/all: the assets of the caller's projects, filtered by the query.</summary>
    public Task<JsonArray> AssetsAsync(IQueryCollection query) => ListAsync(query, null);

    /// <summary>The project's assets (team members), optionally of one asset type.</summary>
    public async Task<JsonArray> ProjectAssetsAsync(string projectId, string? assetTypeId, IQueryCollection query)
    {
        var project = await ProjectAsync(projectId);
        var scope = db.Entities.AsNoTracking().Where(e => e.ProjectId == project);
        if (assetTypeId is not null)
        {
            var type = await AssetTypeIdAsync(assetTypeId);
            scope = scope.Where(e => e.EntityTypeId == type);
        }
        return await ListAsync(query, scope);
    }

    /// <summary>
    /// Zou's get_assets: column filters, and two of its own: episode_id (the assets whose main
    /// episode it is or that are cast in it; "main" for the ones without main episode, "all" for
    /// every one) and assigned_to (the ones the caller holds a task on).
    /// </summary>
    async Task<JsonArray> ListAsync(IQueryCollection query, IQueryable<Entity>? scope)
    {
        var rows = await entities.ListedAsync(Asset, query, scope);
        if (query.TryGetValue("episode_id", out var episode) && episode.ToString() is { } value and not "all")
        {
            if (value == "main") rows = rows.Where(e => e.SourceId == null);
            else
            {
                var episodeId = QueryFilters.Uuid(value);
                rows = rows.Where(e => e.SourceId == episodeId
                    || db.EntityLinks.Any(l => l.EntityOutId == e.Id && l.EntityInId == episodeId));
            }
        }
        if (query.ContainsKey("assigned_to"))
        {
            var assigned = permissions.AssignedEntityIds();
            rows = rows.Where(e => assigned.Contains(e.Id));
        }
        return await entities.PresentAsync(await rows.OrderBy(e => e.Name).ToListAsync(), Asset);
    }

    /// <summary>
    /// Zou's full asset: the asset with its relations, project and asset type names, and the
    /// with-tasks row (tasks, main episode, episodes it is cast in); source_id and nb_frames left out.
    /// </summary>
    public async Task<JsonObject> FullAssetAsync(string assetId)
    {
        var asset = await entities.ReadableAsync(assetId, Asset);
        var json = await entities.PresentAsync(asset, Asset, relations: true);
        json.Remove("source_id");
        json.Remove("nb_frames");
        json["project_name"] = await db.Projects.Where(p => p.Id == asset.ProjectId).Select(p => p.Name).FirstAsync();
        json["asset_type_id"] = ZouSerializer.Uuid(asset.EntityTypeId);
        json["asset_type_name"] = await db.EntityTypes.Where(t => t.Id == asset.EntityTypeId).Select(t => t.Name).FirstAsync();
        foreach (var (key, value) in await withTasks.AssetRowAsync(asset)) json[key] = value?.DeepClone();
        return json;
    }

    /// <summary>
    /// A new asset of the type in the project (its managers): 201 with the row, or the existing
    /// asset of that name and type. episode_id, the main episode, must be an episode of the project.
    /// </summary>
    public async Task<JsonObject> CreateAsync(string projectId, string assetTypeId, JsonObject fields)
    {
        var (name, description, data) = EntityService.NewEntityFields(fields);
        var isShared = fields["is_shared"] switch
        {
            null => false,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            _ => throw new ValidationFailedException(("is_shared", "Input should be a valid boolean")),
        };
        var episodeId = RequestBody.OptionalId(fields, "episode_id");

        if (!Values.TryUuid(projectId, out var project)) throw new NotFoundException();
        await permissions.CheckManagerOfAsync(project);
        if (!await db.Projects.AnyAsync(p => p.Id == project)) throw new NotFoundException();
        var type = await AssetTypeIdAsync(assetTypeId);
        if (episodeId is { } episode
            && !await EntityKinds.OfKind(db, db.Entities, EntityKinds.Episode).AnyAsync(e => e.Id == episode && e.ProjectId == project))
            throw new NotFoundException();

        var asset = new Entity
        {
            Name = name, Description = description, Data = data, IsShared = isShared,
            ProjectId = project, EntityTypeId = type, SourceId = episodeId,
        };
        var saved = await entities.GetOrCreateAsync(asset, Asset, new JsonObject { ["asset_type"] = ZouSerializer.Uuid(type) });
        return await entities.PresentAsync(saved, Asset);
    }

    /// <summary>Cancels the asset when it has tasks, deletes it otherwise or when forced (managers, or its creator in the team).</summary>
    public async Task RemoveAsync(string assetId, bool force)
    {
        var asset = await entities.FindAsync(assetId, Asset, tracked: true);
        await entities.CheckRemovableAsync(asset);
        await entities.RemoveAsync(asset, Asset, force);
    }

    /// <summary>
    /// Shares (or unshares) assets with other projects: the assets given (managers of each of
    /// their projects; 404 for an id that is not an asset), or a project's (optionally only some
    /// of them, or one asset type's). Answers the assets changed (200).
    /// </summary>
    public async Task<JsonArray> ShareAsync(JsonObject fields, string? projectId = null, string? assetTypeId = null)
    {
        var isShared = fields["is_shared"] switch
        {
            null => true,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            _ => throw new ValidationFailedException(("is_shared", "Input should be a valid boolean")),
        };
        List<Guid>? ids = fields["asset_ids"] switch
        {
            null => null,
            JsonArray items => [.. items.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id)
                ? id
                : throw new ValidationFailedException(("asset_ids", "Input should be a valid UUID")))],
            _ => throw new ValidationFailedException(("asset_ids", "Input should be a valid list")),
        };

        var assets = EntityKinds.OfKind(db, db.Entities, Asset);
        if (projectId is null)
        {
            ids ??= [];
            var projects = await assets.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.ProjectId }).ToListAsync();
            if (ids.Except(projects.Select(p => p.Id)).Any()) throw new NotFoundException();
            foreach (var project in projects.Select(p => p.ProjectId).Distinct()) await permissions.CheckManagerOfAsync(project);
        }
        else
        {
            var project = PathId(projectId);
            await permissions.CheckManagerOfAsync(project);
            assets = assets.Where(e => e.ProjectId == project);
            if (assetTypeId is not null)
            {
                var type = await AssetTypeIdAsync(assetTypeId);
                assets = assets.Where(e => e.EntityTypeId == type);
                ids = null;
            }
        }
        if (ids is not null) assets = assets.Where(e => ids.Contains(e.Id));

        var changed = await assets.ToListAsync();
        foreach (var asset in changed)
        {
            asset.IsShared = isShared;
            events.Emit("asset:update", new JsonObject { ["asset_id"] = ZouSerializer.Uuid(asset.Id) }, asset.ProjectId);
        }
        await db.SaveChangesAsync();
        return await entities.PresentAsync(changed, Asset);
    }

    /// <summary>
    /// The shared assets of other projects cast in this project's shots (optionally the shots of
    /// one of its episodes; "main" and "all" mean every shot), canceled ones left out.
    /// </summary>
    public async Task<JsonArray> SharedUsedAsync(string projectId, string? episodeId = null)
    {
        var project = await ProjectAsync(projectId);
        var shots = EntityKinds.OfKind(db, db.Entities, "Shot").Where(s => s.ProjectId == project)
            .Join(db.Entities, s => s.ParentId, q => (Guid?)q.Id, (s, q) => new { s.Id, Episode = q.ParentId });
        if (episodeId is not null and not ("main" or "all"))
        {
            var episode = PathId(episodeId);
            if (!await EntityKinds.OfKind(db, db.Entities, EntityKinds.Episode).AnyAsync(e => e.Id == episode && e.ProjectId == project))
                throw new NotFoundException();
            shots = shots.Where(s => s.Episode == episode);
        }
        var castIn = db.EntityLinks.Where(l => shots.Any(s => s.Id == l.EntityInId)).Select(l => l.EntityOutId);
        var assets = await EntityKinds.OfKind(db, db.Entities.AsNoTracking(), Asset)
            .Where(e => e.IsShared && e.Canceled != true && e.ProjectId != project && castIn.Contains(e.Id))
            .OrderBy(e => e.Name)
            .ToListAsync();
        return await entities.PresentAsync(assets, Asset);
    }

    /// <summary>The assets cast in the asset, as asset rows (the asset's readers).</summary>
    public async Task<JsonArray> CastAssetsAsync(string assetId) =>
        await casting.CastEntitiesAsync(await entities.ReadableAsync(assetId, Asset));

    /// <summary>The shots and assets the asset is cast in (the asset's readers).</summary>
    public async Task<JsonArray> CastInAsync(string assetId) =>
        await casting.CastInAsync(await entities.ReadableAsync(assetId, Asset));

    /// <summary>The assets cast in the asset with their occurrences and labels (the asset's readers).</summary>
    public async Task<JsonArray> CastingAsync(string assetId) =>
        await casting.CastingAsync(await entities.ReadableAsync(assetId, Asset));

    /// <summary>Replaces the assets cast in the asset (its project's managers); answers the body as sent.</summary>
    public async Task<JsonArray> ReplaceCastingAsync(string assetId, JsonNode? body)
    {
        var items = CastingService.RequireList(body);
        return await casting.ReplaceAsync(await entities.FindAsync(assetId, Asset, tracked: true), items);
    }

    /// <summary>The asset's instances listed in shots, by shot (the asset's readers).</summary>
    public async Task<JsonObject> ShotInstancesAsync(string assetId) =>
        await instances.InShotsAsync(await entities.ReadableAsync(assetId, Asset));

    /// <summary>The asset's instances, by scene (the asset's readers).</summary>
    public async Task<JsonObject> SceneInstancesAsync(string assetId) =>
        await instances.InScenesAsync(await entities.ReadableAsync(assetId, Asset));

    /// <summary>The instances placed inside the asset, by instantiated asset (the asset's readers).</summary>
    public async Task<JsonObject> InstancesInsideAsync(string assetId) =>
        await instances.InsideAsync(await entities.ReadableAsync(assetId, Asset));

    /// <summary>Places a new instance of another asset inside the asset (its project's managers), 201.</summary>
    public async Task<JsonObject> AddInstanceInsideAsync(string assetId, JsonObject body) =>
        await instances.AddInsideAsync(await entities.FindAsync(assetId, Asset), body);

    /// <summary>An asset type id of the path; 404 for a temporal type or an unknown id.</summary>
    async Task<Guid> AssetTypeIdAsync(string assetTypeId)
    {
        var id = PathId(assetTypeId);
        return await EntityKinds.AssetTypes(db).AnyAsync(t => t.Id == id) ? id : throw new NotFoundException();
    }

    static Guid PathId(string text) => EntityService.PathId(text);

    Task<Guid> ProjectAsync(string projectId) => entities.ProjectAsync(projectId);
}
