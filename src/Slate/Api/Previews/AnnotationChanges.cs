using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Http;

namespace Slate.Api.Previews;

/// <summary>
/// The body of update-annotations (behavior-production.md §5.8): additions, updates and
/// deletions of drawing objects, each list keyed by the annotation's "time", checked on reading
/// (a shape Zou would crash on is a 400 here) and merged into the stored list. No database.
/// </summary>
public sealed class AnnotationChanges
{
    readonly List<JsonObject> additions;
    readonly List<JsonObject> updates;
    readonly List<JsonObject> deletions;

    AnnotationChanges(List<JsonObject> additions, List<JsonObject> updates, List<JsonObject> deletions) =>
        (this.additions, this.updates, this.deletions) = (additions, updates, deletions);

    /// <summary>The three lists (each optional, empty by default); 400 naming the first field that is not what Zou expects.</summary>
    public static AnnotationChanges Read(JsonObject body) => new(
        Entries(body, "additions", drawings: true),
        Entries(body, "updates", drawings: true),
        Entries(body, "deletions", drawings: false));

    /// <summary>
    /// The stored annotations with the changes applied, in Zou's order: every object gets an id
    /// when it has none; additions append the times not annotated yet and, at a known time,
    /// the objects whose id is new; updates replace the objects whose id exists at that time
    /// (moved to the end of its list); deletions remove objects by id; times left without
    /// objects are dropped.
    /// </summary>
    public JsonArray ApplyTo(JsonNode? stored)
    {
        var entries = (stored as JsonArray ?? []).OfType<JsonObject>().Select(Cleaned).ToList();
        var byTime = new Dictionary<string, JsonObject>();
        foreach (var entry in entries) byTime[TimeKey(entry)] = entry;

        foreach (var addition in additions.Select(Cleaned))
        {
            if (!byTime.TryGetValue(TimeKey(addition), out var entry))
            {
                entries.Add(addition);
                byTime[TimeKey(addition)] = addition;
                continue;
            }
            var objects = ObjectsOf(entry);
            var known = objects.Select(IdOf).ToHashSet();
            foreach (var added in ObjectsOf(addition).ToList().Where(o => !known.Contains(IdOf(o))))
                objects.Add(Detached(added));
        }

        foreach (var update in updates)
        {
            if (!byTime.TryGetValue(TimeKey(update), out var entry)) continue;
            var objects = ObjectsOf(entry);
            var known = objects.Where(o => o!.AsObject().ContainsKey("id")).Select(IdOf).ToHashSet();
            var replacements = ObjectsOf(update).Where(o => o!.AsObject().ContainsKey("id")).ToList();
            var replaced = replacements.Select(IdOf).ToHashSet();
            SetObjects(entry, [
                .. objects.Where(o => !replaced.Contains(IdOf(o))).Select(Detached),
                .. replacements.Where(o => known.Contains(IdOf(o))).Select(o => o!.DeepClone()),
            ]);
        }

        foreach (var deletion in deletions)
        {
            if (!byTime.TryGetValue(TimeKey(deletion), out var entry)) continue;
            var removed = (deletion["objects"] as JsonArray ?? []).Select(Text).ToHashSet();
            SetObjects(entry, [.. ObjectsOf(entry).Where(o => !removed.Contains(IdOf(o))).Select(Detached)]);
        }

        return [.. entries.Where(e => ObjectsOf(e).Count > 0)];
    }

    static List<JsonObject> Entries(JsonObject body, string key, bool drawings)
    {
        if (!body.ContainsKey(key)) return [];
        if (body[key] is not JsonArray items) throw new ValidationFailedException((key, "Input should be a valid list"));
        var entries = new List<JsonObject>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{key}.{i}";
            if (items[i] is not JsonObject entry) throw new ValidationFailedException((field, "Input should be a valid dictionary"));
            if (!entry.ContainsKey("time")) throw new ValidationFailedException(($"{field}.time", "Field required"));
            if (drawings)
            {
                if (entry.ContainsKey("drawing") && entry["drawing"] is not JsonObject)
                    throw new ValidationFailedException(($"{field}.drawing", "Input should be a valid dictionary"));
                CheckObjects(entry["drawing"] as JsonObject, $"{field}.drawing.objects", items: true);
            }
            else
            {
                CheckObjects(entry, $"{field}.objects", items: false);
            }
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>"objects", when given, is a list: of drawing objects (dictionaries) in a drawing, of ids in a deletion.</summary>
    static void CheckObjects(JsonObject? owner, string field, bool items)
    {
        if (owner is null || !owner.ContainsKey("objects")) return;
        if (owner["objects"] is not JsonArray objects) throw new ValidationFailedException((field, "Input should be a valid list"));
        for (var i = 0; i < objects.Count; i++)
            if (items && objects[i] is not JsonObject)
                throw new ValidationFailedException(($"{field}.{i}", "Input should be a valid dictionary"));
    }

    /// <summary>A copy of an annotation whose objects are all dictionaries, each with an id.</summary>
    static JsonObject Cleaned(JsonObject entry)
    {
        var copy = (JsonObject)entry.DeepClone();
        var objects = ObjectsOf(copy);
        SetObjects(copy, [.. objects.OfType<JsonObject>().Select(Detached)]);
        foreach (var item in ObjectsOf(copy)) EnsureId(item!.AsObject());
        return copy;
    }

    /// <summary>Zou gives an id to an object whose id is missing or falsy (null, "", 0...).</summary>
    static void EnsureId(JsonObject item)
    {
        var id = item["id"];
        var missing = id switch
        {
            null => true,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => ((string)v!).Length == 0,
                JsonValueKind.Number => v.TryGetValue<double>(out var number) && number == 0,
                JsonValueKind.False => true,
                _ => false,
            },
            JsonArray a => a.Count == 0,
            JsonObject o => o.Count == 0,
            _ => false,
        };
        if (missing) item["id"] = ZouSerializer.Uuid(Guid.NewGuid());
    }

    /// <summary>The annotation's drawing objects, the drawing and its list created when missing.</summary>
    static JsonArray ObjectsOf(JsonObject entry)
    {
        if (entry["drawing"] is not JsonObject drawing) entry["drawing"] = drawing = [];
        if (drawing["objects"] is not JsonArray objects) drawing["objects"] = objects = [];
        return objects;
    }

    static void SetObjects(JsonObject entry, JsonNode?[] objects) => ((JsonObject)entry["drawing"]!)["objects"] = new JsonArray(objects);

    /// <summary>The node, free to go in another list (a node has one parent).</summary>
    static JsonNode? Detached(JsonNode? node) => node?.DeepClone();

    static string IdOf(JsonNode? item) => Text(item?["id"]);

    /// <summary>A JSON value as a key: numbers by value (0 and 0.0 are one time, as in Python), anything else by its JSON text.</summary>
    static string Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : value?.ToJsonString() ?? "null";

    static string TimeKey(JsonObject entry) => Text(entry["time"]);
}
