using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>
/// Writes a JSON body onto a row the way Zou's CRUD does (§2.5, §2.6): column keys set the
/// columns, relation keys (id lists) set link rows; on create an unknown key is refused, on
/// update it is ignored. Values that cannot be read answer 400 before anything is written.
/// </summary>
public static class RowBinder
{
    /// <summary>Never taken from a body: a client cannot choose ids or timestamps.</summary>
    static readonly HashSet<string> AlwaysProtected = ["id", "created_at", "updated_at", "type"];

    /// <summary>Relation id lists from the body, to write once the row is known.</summary>
    public sealed record LinkChanges(List<(Relation Relation, List<Guid> Targets)> Relations);

    public static LinkChanges Apply<T>(T row, JsonObject body, bool creating, IReadOnlySet<string> ignored, SlateDb db)
        where T : class
    {
        var columns = ModelColumns.Named(db.Model, typeof(T));
        var links = new List<(Relation, List<Guid>)>();
        foreach (var (key, value) in body)
        {
            if (AlwaysProtected.Contains(key) || ignored.Contains(key)) continue;
            if (columns.TryGetValue(key, out var column))
                column.Property.SetValue(row, Read(column, value));
            else if (Relations.Of(typeof(T)).FirstOrDefault(r => r.Name == key && r.ThroughLinkTable) is { } relation)
                links.Add((relation, Ids(value)));
            else if (creating)
                throw new ApiException(400, new JsonObject { ["message"] = $"'{key}' is an invalid keyword argument for {ZouSerializer.ModelName(typeof(T))}" });
        }
        if (creating) CheckRequired(row, body, columns.Values);
        return new LinkChanges(links);
    }

    static object? Read(ModelColumn column, JsonNode? value)
    {
        if (value is null)
            return column.Nullable ? null : throw Refused(DatabaseErrors.NotNull);
        object? read;
        try
        {
            read = Values.FromJson(value, column.ValueType);
        }
        catch (FormatException)
        {
            if (column.ValueType == typeof(DateTime) || column.ValueType == typeof(DateOnly))
                throw new WrongParameterException(
                    $"Invalid date format for '{column.Name}': '{(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString())}'. Expected an ISO 8601 date or datetime.");
            throw Refused(DatabaseErrors.Format);
        }
        if (read is string text && column.MaxLength is { } max && text.Length > max)
            throw Refused($"'{column.Name}' is too long: at most {max} characters.");
        return read;
    }

    /// <summary>Ids given as strings or as objects with an "id"; anything else is refused.</summary>
    public static List<Guid> Ids(JsonNode? value)
    {
        if (value is null) return [];
        if (value is not JsonArray items) throw Refused(DatabaseErrors.Format);
        return items.Select(item => item switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id) => id,
            JsonObject o when o["id"] is JsonValue v && v.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id) => id,
            _ => throw Refused(DatabaseErrors.Format),
        }).Distinct().ToList();
    }

    /// <summary>
    /// Zou's NOT NULL columns without a default must come in the body; the .NET defaults ("", an
    /// empty id, year 1) would otherwise pass for values.
    /// </summary>
    static void CheckRequired<T>(T row, JsonObject body, IEnumerable<ModelColumn> columns)
    {
        foreach (var column in columns.Where(c => !c.Nullable && !body.ContainsKey(c.Name) && c.Name is not ("id" or "created_at" or "updated_at")))
        {
            var current = column.Property.GetValue(row);
            if (current is Guid id && id == Guid.Empty || current is "" || current is DateOnly date && date == default
                || current is DateTime time && time == default)
                throw Refused(DatabaseErrors.NotNull);
        }
    }

    static ApiException Refused(string message) => new(400, new JsonObject { ["message"] = message });

    /// <summary>Makes the owner's link rows match the ids, keeping existing rows (and their extra columns).</summary>
    public static async Task WriteLinksAsync(Guid ownerId, LinkChanges changes, SlateDb db)
    {
        foreach (var (relation, targets) in changes.Relations)
            await (Task)typeof(RowBinder).GetMethod(nameof(WriteLinksOf), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(relation.Link)
                .Invoke(null, [ownerId, relation, targets, db])!;
    }

    static async Task WriteLinksOf<TLink>(Guid ownerId, Relation relation, List<Guid> targets, SlateDb db) where TLink : class, new()
    {
        var existing = await db.Set<TLink>()
            .Where(link => EF.Property<Guid?>(link, relation.OwnerProperty) == ownerId)
            .ToListAsync();
        var owner = typeof(TLink).GetProperty(relation.OwnerProperty)!;
        var target = typeof(TLink).GetProperty(relation.TargetProperty)!;
        var known = await KnownTargets(relation, targets, db);
        db.RemoveRange(existing.Where(link => !known.Contains((Guid)target.GetValue(link)!)));
        foreach (var id in known.Except(existing.Select(link => (Guid)target.GetValue(link)!)))
        {
            var link = new TLink();
            owner.SetValue(link, ownerId);
            target.SetValue(link, id);
            db.Add(link);
        }
    }

    /// <summary>Removes every link-table row naming the owner (its team, departments...), set-based.</summary>
    public static async Task DeleteLinksAsync(Guid ownerId, Type owner, SlateDb db)
    {
        foreach (var relation in Relations.Of(owner).Where(r => r.ThroughLinkTable))
            await (Task)typeof(RowBinder).GetMethod(nameof(DeleteLinksOf), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(relation.Link)
                .Invoke(null, [ownerId, relation, db])!;
    }

    static Task DeleteLinksOf<TLink>(Guid ownerId, Relation relation, SlateDb db) where TLink : class =>
        db.Set<TLink>().Where(link => EF.Property<Guid?>(link, relation.OwnerProperty) == ownerId).ExecuteDeleteAsync();

    /// <summary>Unknown ids are dropped, as Zou does, rather than failing on the foreign key.</summary>
    static async Task<List<Guid>> KnownTargets(Relation relation, List<Guid> targets, SlateDb db)
    {
        var foreignKey = db.Model.FindEntityType(relation.Link)!.GetForeignKeys()
            .First(fk => fk.Properties[0].Name == relation.TargetProperty);
        var targetType = foreignKey.PrincipalEntityType.ClrType;
        var found = await (Task<List<Guid>>)typeof(RowBinder).GetMethod(nameof(ExistingIds), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(targetType).Invoke(null, [targets, db])!;
        return targets.Where(found.Contains).ToList();
    }

    static Task<List<Guid>> ExistingIds<TTarget>(List<Guid> ids, SlateDb db) where TTarget : Model =>
        db.Set<TTarget>().Where(row => ids.Contains(row.Id)).Select(row => row.Id).ToListAsync();
}
