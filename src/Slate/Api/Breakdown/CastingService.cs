using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Breakdown;

/// <summary>
/// Casting (behavior-production.md §1.10, §7): the assets cast in an entity (a shot, an episode,
/// an asset that holds others...) are its entity_link rows, entity_in being the entity and
/// entity_out the asset, each with nb_occurences (Zou's spelling) and a label. The rules do not
/// depend on the kind of the entity casting; the routes that reach it check who may read it.
/// </summary>
public sealed class CastingService(SlateDb db, Permissions permissions, Events events, EntityService entities)
{
    /// <summary>
    /// Zou's get_casting: the assets cast in the entity, canceled ones left out, by asset type
    /// name then asset name, with the link's nb_occurences and label.
    /// </summary>
    public async Task<JsonArray> CastingAsync(Entity entity)
    {
        var rows = await db.EntityLinks.AsNoTracking()
            .Where(l => l.EntityInId == entity.Id)
            .Join(db.Entities.Where(e => e.Canceled != true), l => l.EntityOutId, e => e.Id, (l, e) => new { Link = l, Asset = e })
            .Join(db.EntityTypes, r => r.Asset.EntityTypeId, t => t.Id, (r, t) => new { r.Link, r.Asset, TypeName = t.Name })
            .OrderBy(r => r.TypeName).ThenBy(r => r.Asset.Name)
            .ToListAsync();
        return new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["asset_id"] = ZouSerializer.Uuid(r.Asset.Id),
            ["asset_name"] = r.Asset.Name,
            ["asset_type_name"] = r.TypeName,
            ["ready_for"] = ZouSerializer.Value(r.Asset.ReadyFor),
            ["episode_id"] = ZouSerializer.Value(r.Asset.SourceId),
            ["preview_file_id"] = ZouSerializer.Value(r.Asset.PreviewFileId),
            ["nb_occurences"] = r.Link.NbOccurences,
            ["label"] = r.Link.Label,
            ["is_shared"] = r.Asset.IsShared,
            ["project_id"] = ZouSerializer.Uuid(r.Asset.ProjectId),
        })]);
    }

    /// <summary>Zou's get_entity_casting: the entities cast in the entity as plain asset rows (canceled ones too), by name.</summary>
    public async Task<JsonArray> CastEntitiesAsync(Entity entity)
    {
        var cast = db.EntityLinks.Where(l => l.EntityInId == entity.Id).Select(l => l.EntityOutId);
        var rows = await db.Entities.AsNoTracking().Where(e => cast.Contains(e.Id)).OrderBy(e => e.Name).ToListAsync();
        return await entities.PresentAsync(rows, EntityKinds.Asset);
    }

    /// <summary>
    /// Zou's get_cast_in: where the asset is cast, canceled entities left out. First the shots
    /// (entities under a sequence) by episode (none last), sequence and shot name, with
    /// episode_id "None" when the sequence has no episode (Zou's str()); then the assets, by
    /// type name then name. Only the entities the caller reaches: a shared asset's other
    /// projects stay hidden outside their team, and a vendor sees the ones they work on.
    /// </summary>
    public async Task<JsonArray> CastInAsync(Entity asset)
    {
        var reachable = (await permissions.NarrowEntitiesAsync(db.Entities.AsNoTracking())).Where(e => e.Canceled != true);
        var links = db.EntityLinks.AsNoTracking().Where(l => l.EntityOutId == asset.Id);
        var shots = await (
                from l in links
                join e in reachable on l.EntityInId equals e.Id
                join s in db.Entities on e.ParentId equals s.Id
                join ep in db.Entities on s.ParentId equals ep.Id into episodes
                from ep in episodes.DefaultIfEmpty()
                select new
                {
                    l.EntityInId, ShotName = e.Name, SequenceName = s.Name, EpisodeId = (Guid?)ep.Id, EpisodeName = ep.Name,
                    e.PreviewFileId, l.NbOccurences,
                })
            .OrderBy(r => r.EpisodeName == null).ThenBy(r => r.EpisodeName).ThenBy(r => r.SequenceName).ThenBy(r => r.ShotName)
            .ToListAsync();
        var assets = await (
                from l in links
                join e in EntityKinds.OfKind(db, reachable, EntityKinds.Asset) on l.EntityInId equals e.Id
                join t in db.EntityTypes on e.EntityTypeId equals t.Id
                orderby t.Name, e.Name
                select new { l.EntityInId, e.Name, TypeName = t.Name, e.PreviewFileId, l.NbOccurences })
            .ToListAsync();

        var rows = new JsonArray();
        foreach (var r in shots)
            rows.Add(new JsonObject
            {
                ["shot_id"] = ZouSerializer.Uuid(r.EntityInId),
                ["shot_name"] = r.ShotName,
                ["sequence_name"] = r.SequenceName,
                ["episode_id"] = r.EpisodeId is { } episode ? ZouSerializer.Uuid(episode) : "None",
                ["episode_name"] = r.EpisodeName,
                ["preview_file_id"] = ZouSerializer.Value(r.PreviewFileId),
                ["nb_occurences"] = r.NbOccurences,
            });
        foreach (var r in assets)
            rows.Add(new JsonObject
            {
                ["asset_id"] = ZouSerializer.Uuid(r.EntityInId),
                ["asset_name"] = r.Name,
                ["asset_type_name"] = r.TypeName,
                ["preview_file_id"] = ZouSerializer.Value(r.PreviewFileId),
                ["nb_occurences"] = r.NbOccurences,
            });
        return rows;
    }

    /// <summary>A casting body must be a JSON array (Zou's 400, checked before anything else).</summary>
    public static JsonArray RequireList(JsonNode? body) =>
        body as JsonArray ?? throw new WrongParameterException("Request body must be a JSON array.");

    /// <summary>
    /// Zou's update_casting, for the project's managers: the entity's links are replaced by one
    /// per item holding both asset_id and nb_occurences (items without them are skipped; the last
    /// of an asset given twice wins), nb_entities_out becomes the number of items sent. Each
    /// asset must be an asset of the project or a shared one (404), nb_occurences a whole number
    /// not negative and label a text of 80 characters at most (400), all checked before anything
    /// is written. Emits entity-link:new per link and "&lt;kind&gt;:casting-update" with the
    /// assets added and removed; one transaction. Answers the items as sent.
    /// </summary>
    public async Task<JsonArray> ReplaceAsync(Entity entity, JsonArray items)
    {
        await permissions.CheckManagerOfAsync(entity.ProjectId);
        var cast = new Dictionary<Guid, (int? Occurences, string? Label)>();
        foreach (var item in items)
        {
            if (item is not JsonObject fields) throw new WrongParameterException("Casting items must be JSON objects.");
            if (!fields.ContainsKey("asset_id") || !fields.ContainsKey("nb_occurences")) continue;
            cast[AssetId(fields)] = (Occurences(fields), Label(fields));
        }
        var assetIds = cast.Keys.ToList();
        var found = await EntityKinds.OfKind(db, db.Entities.AsNoTracking(), EntityKinds.Asset)
            .CountAsync(e => assetIds.Contains(e.Id) && (e.ProjectId == entity.ProjectId || e.IsShared));
        if (found != assetIds.Count) throw new NotFoundException();

        var previous = await db.EntityLinks.Where(l => l.EntityInId == entity.Id).Select(l => l.EntityOutId).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.EntityLinks.Where(l => l.EntityInId == entity.Id).ExecuteDeleteAsync();
        foreach (var (assetId, (occurences, label)) in cast)
        {
            var link = new EntityLink { EntityInId = entity.Id, EntityOutId = assetId, NbOccurences = occurences, Label = label };
            db.EntityLinks.Add(link);
            events.Emit("entity-link:new", new JsonObject
            {
                ["entity_link_id"] = ZouSerializer.Uuid(link.Id),
                ["entity_in_id"] = ZouSerializer.Uuid(entity.Id),
                ["entity_out_id"] = ZouSerializer.Uuid(assetId),
                ["nb_occurences"] = occurences,
            }, entity.ProjectId);
        }
        entity.NbEntitiesOut = items.Count;

        var kind = (await EntityKinds.OfTypesAsync(db, [entity.EntityTypeId]))[entity.EntityTypeId];
        var prefix = kind is "Shot" or EntityKinds.Episode ? kind.ToLowerInvariant() : "asset";
        events.Emit($"{prefix}:casting-update", new JsonObject
        {
            [$"{prefix}_id"] = ZouSerializer.Uuid(entity.Id),
            ["nb_entities_out"] = items.Count,
            ["added_asset_ids"] = SortedIds(assetIds.Except(previous)),
            ["removed_asset_ids"] = SortedIds(previous.Except(assetIds)),
        }, entity.ProjectId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return items;
    }

    static JsonArray SortedIds(IEnumerable<Guid> ids) => EntityService.Ids(ids.OrderBy(ZouSerializer.Uuid, StringComparer.Ordinal));

    static Guid AssetId(JsonObject item) =>
        item["asset_id"] is JsonValue value && value.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id)
            ? id
            : throw new WrongParameterException("asset_id must be an asset id.");

    static int Occurences(JsonObject item) =>
        item["nb_occurences"] is JsonValue value && value.TryGetValue<int>(out var number) && number >= 0
            ? number
            : throw new WrongParameterException("nb_occurences must be a whole number, not negative.");

    static string? Label(JsonObject item) => item["label"] switch
    {
        null when item.ContainsKey("label") => null,
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) && text.Length <= 80 => text,
        _ => throw new WrongParameterException("label must be a text of 80 characters at most."),
    };
}
