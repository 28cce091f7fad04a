using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// What kind of entity a row of the entity table is, decided by its entity type's name
/// (behavior-production.md §1.2): the temporal kinds have fixed type names, every other type is
/// an asset type.
/// </summary>
public static class EntityKinds
{
    public const string Asset = "Asset";
    public const string Episode = "Episode";

    /// <summary>Zou makes these types on first use; they are never asset types.</summary>
    public static readonly string[] TemporalTypeNames = ["Episode", "Sequence", "Shot", "Edit", "Scene", "Concept"];

    /// <summary>The kind the API names an entity by ("type" in its JSON, its events' prefix).</summary>
    public static string Of(string? typeName) =>
        typeName is not null && TemporalTypeNames.Contains(typeName) ? typeName : Asset;

    /// <summary>The kind of each entity type, in one query.</summary>
    public static async Task<Dictionary<Guid, string>> OfTypesAsync(SlateDb db, IEnumerable<Guid> typeIds)
    {
        var ids = typeIds.Distinct().ToList();
        var names = await db.EntityTypes.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Name })
            .ToListAsync();
        return ids.ToDictionary(id => id, id => Of(names.FirstOrDefault(n => n.Id == id)?.Name));
    }

    /// <summary>The entity types that are asset types (every type but the temporal ones).</summary>
    public static IQueryable<EntityType> AssetTypes(SlateDb db) =>
        db.EntityTypes.AsNoTracking().Where(t => !TemporalTypeNames.Contains(t.Name));

    /// <summary>The entities of a kind, as one filter on their type's name (no query per row).</summary>
    public static IQueryable<Entity> OfKind(SlateDb db, IQueryable<Entity> entities, string kind) => kind == Asset
        ? entities.Where(e => db.EntityTypes.Any(t => t.Id == e.EntityTypeId && !TemporalTypeNames.Contains(t.Name)))
        : entities.Where(e => db.EntityTypes.Any(t => t.Id == e.EntityTypeId && t.Name == kind));

    /// <summary>The entity type of that name; a missing one is added to the unit of work (Zou's get-or-create).</summary>
    public static async Task<EntityType> TypeNamedAsync(SlateDb db, string name)
    {
        var type = await db.EntityTypes.FirstOrDefaultAsync(t => t.Name == name)
            ?? db.EntityTypes.Local.FirstOrDefault(t => t.Name == name);
        if (type is null) db.EntityTypes.Add(type = new EntityType { Name = name });
        return type;
    }
}
