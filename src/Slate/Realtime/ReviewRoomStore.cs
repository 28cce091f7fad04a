using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slate.Realtime;

/// <summary>
/// Who takes part in each review room and where its player is, as Zou's event stream keeps them:
/// in this node's memory. With several nodes each knows the people who joined through it; a
/// store shared between nodes would replace this class. Answers are copies, safe to send.
/// </summary>
public sealed class ReviewRoomStore
{
    static readonly HashSet<string> ComparingKeys = ["enable", "task_type", "revision", "mode", "comparison_preview_index"];

    readonly Dictionary<string, JsonObject> rooms = [];
    readonly Lock gate = new();

    /// <summary>The people of the room, which now exists (opening the playlist page).</summary>
    public JsonArray Open(string room)
    {
        lock (gate) return People(RoomOf(room));
    }

    /// <summary>
    /// Adds the person; the first one sets the player state from <paramref name="data"/>.
    /// Returns the people and the whole state.
    /// </summary>
    public (JsonArray People, JsonObject State) Join(string room, Guid person, JsonObject data)
    {
        lock (gate)
        {
            var state = RoomOf(room);
            var people = state["people"]!.AsArray();
            if (people.Count == 0) SetPlayer(state, data);
            if (!Contains(people, person)) people.Add(person.ToString());
            state["playlist_id"] = room;
            return (People(state), (JsonObject)state.DeepClone());
        }
    }

    /// <summary>Removes the person; a room left empty is forgotten. Returns the people left.</summary>
    public JsonArray Leave(string room, Guid person)
    {
        lock (gate)
        {
            if (!rooms.TryGetValue(room, out var state)) return [];
            var people = state["people"]!.AsArray();
            if (people.FirstOrDefault(p => Is(p, person)) is { } found) people.Remove(found);
            if (people.Count == 0) rooms.Remove(room);
            return People(state);
        }
    }

    /// <summary>Removes the person from every room they joined (their socket closed): each room with its people left.</summary>
    public List<(string Room, JsonArray People)> LeaveEverywhere(Guid person)
    {
        lock (gate)
        {
            var joined = rooms.Where(r => Contains(r.Value["people"]!.AsArray(), person)).Select(r => r.Key).ToList();
            return [.. joined.Select(room => (room, Leave(room, person)))];
        }
    }

    /// <summary>The player's new state (the people stay); returns the whole state.</summary>
    public JsonObject Update(string room, JsonObject data)
    {
        lock (gate)
        {
            var state = RoomOf(room);
            SetPlayer(state, data);
            return (JsonObject)state.DeepClone();
        }
    }

    JsonObject RoomOf(string room)
    {
        if (!rooms.TryGetValue(room, out var state)) rooms[room] = state = Empty();
        return state;
    }

    static JsonArray People(JsonObject state) => (JsonArray)state["people"]!.DeepClone();

    static bool Contains(JsonArray people, Guid person) => people.Any(p => Is(p, person));

    static bool Is(JsonNode? node, Guid person) => (string?)node == person.ToString();

    static JsonObject Empty() => new()
    {
        ["playlist_id"] = null, ["user_id"] = null, ["local_id"] = null, ["people"] = new JsonArray(),
        ["is_playing"] = false, ["current_entity_id"] = null, ["current_entity_index"] = null,
        ["current_preview_file_id"] = null, ["current_preview_file_index"] = null, ["current_frame"] = 0,
        ["is_repeating"] = null, ["is_annotations_displayed"] = false, ["is_zoom_enabled"] = false,
        ["is_waveform_displayed"] = false, ["is_laser_mode"] = null, ["handle_in"] = null, ["handle_out"] = null,
        ["speed"] = null,
        ["comparing"] = new JsonObject
        {
            ["enable"] = false, ["task_type"] = null, ["revision"] = null, ["mode"] = "sidebyside", ["comparison_preview_index"] = 0,
        },
    };

    /// <summary>
    /// Zou's player update: these keys take the sent value or their default; the frame only when
    /// sent; comparing only as an object, without unknown keys; speed only when a number.
    /// </summary>
    static void SetPlayer(JsonObject state, JsonObject data)
    {
        state["playlist_id"] = Sent(data, "playlist_id") ?? "";
        foreach (var key in (string[])["user_id", "local_id", "is_repeating", "is_laser_mode", "current_entity_id",
                     "current_entity_index", "current_preview_file_id", "current_preview_file_index", "handle_in", "handle_out"])
            state[key] = Sent(data, key);
        foreach (var key in (string[])["is_playing", "is_annotations_displayed", "is_zoom_enabled", "is_waveform_displayed"])
            state[key] = data.ContainsKey(key) ? Sent(data, key) : false;
        if (data.ContainsKey("current_frame")) state["current_frame"] = Sent(data, "current_frame");
        if (data["comparing"] is JsonObject comparing)
            state["comparing"] = new JsonObject(comparing.Where(p => ComparingKeys.Contains(p.Key))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        if (data["speed"] is JsonValue speed && speed.GetValueKind() == JsonValueKind.Number) state["speed"] = speed.DeepClone();
    }

    static JsonNode? Sent(JsonObject data, string key) => data[key]?.DeepClone();
}
