using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Data;
using StackExchange.Redis;

namespace Slate.Realtime;

/// <summary>
/// Who takes part in each review room and where its player is. Zou's event stream keeps them in
/// its one process's memory; Slate keeps them in this node's memory, or, with KV_HOST, in Redis,
/// so that the nodes sharing it agree (a room's key expires a while after its last change, so the
/// people of a node that died go too). While Redis is away each node uses its memory. Answers
/// are copies, safe to send.
/// </summary>
public sealed class ReviewRoomStore(KeyValueStore? shared = null)
{
    static readonly HashSet<string> ComparingKeys = ["enable", "task_type", "revision", "mode", "comparison_preview_index"];
    static readonly TimeSpan SharedLifetime = TimeSpan.FromHours(12);

    readonly Dictionary<string, JsonObject> rooms = [];
    readonly Lock gate = new();

    /// <summary>The people of the room.</summary>
    public Task<JsonArray> PeopleAsync(string room) => ChangeAsync(room, People);

    /// <summary>
    /// Adds the person; the first one sets the player state from <paramref name="data"/>.
    /// Returns the people and the whole state.
    /// </summary>
    public Task<(JsonArray People, JsonObject State)> JoinAsync(string room, Guid person, JsonObject data) =>
        ChangeAsync(room, state =>
        {
            var people = state["people"]!.AsArray();
            if (people.Count == 0) SetPlayer(state, data);
            if (!Contains(people, person)) people.Add(person.ToString());
            state["playlist_id"] = room;
            return (People(state), (JsonObject)state.DeepClone());
        });

    /// <summary>Removes the person (a room left empty is forgotten): the people left, and whether the person was there.</summary>
    public Task<(JsonArray People, bool Left)> LeaveAsync(string room, Guid person) =>
        ChangeAsync(room, state =>
        {
            var people = state["people"]!.AsArray();
            var found = people.FirstOrDefault(p => Is(p, person));
            if (found is not null) people.Remove(found);
            return (People(state), found is not null);
        });

    /// <summary>The player's new state (the people stay); returns the whole state.</summary>
    public Task<JsonObject> UpdateAsync(string room, JsonObject data) =>
        ChangeAsync(room, state =>
        {
            SetPlayer(state, data);
            return (JsonObject)state.DeepClone();
        });

    /// <summary>The change applied to the room's state, which is kept while people are in it.</summary>
    async Task<T> ChangeAsync<T>(string room, Func<JsonObject, T> change)
    {
        if (shared?.Database(KeyValueStore.EventsIndex) is { } redis)
        {
            try
            {
                return await ChangeSharedAsync(redis, room, change);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Redis went away: this node's memory until it is back.
            }
        }
        lock (gate)
        {
            var state = rooms.GetValueOrDefault(room) ?? Empty();
            var result = change(state);
            if (IsEmpty(state)) rooms.Remove(room);
            else rooms[room] = state;
            return result;
        }
    }

    /// <summary>Read, change, and written only if no other node wrote the room meanwhile (else again).</summary>
    static async Task<T> ChangeSharedAsync<T>(IDatabase redis, string room, Func<JsonObject, T> change)
    {
        var key = new RedisKey("slate:review-room:" + room);
        while (true)
        {
            var stored = await redis.StringGetAsync(key);
            var state = stored.IsNull ? Empty() : JsonNode.Parse(stored.ToString())!.AsObject();
            var result = change(state);
            var write = redis.CreateTransaction();
            write.AddCondition(stored.IsNull ? Condition.KeyNotExists(key) : Condition.StringEqual(key, stored));
            var written = IsEmpty(state) ? write.KeyDeleteAsync(key) : write.StringSetAsync(key, state.ToJsonString(), SharedLifetime);
            if (await write.ExecuteAsync())
            {
                await written;
                return result;
            }
        }
    }

    static bool IsEmpty(JsonObject state) => state["people"]!.AsArray().Count == 0;

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
