using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Api.Crud;
using Slate.Realtime.SocketIo;
using Slate.Security;

namespace Slate.Realtime;

/// <summary>
/// Zou's preview rooms (behavior-services.md §1.3): people reviewing a playlist together, in a
/// room named by its id. Opening the playlist page puts the socket in the room (those who may
/// read the playlist's project only); joining makes the person a participant whose player is
/// kept in step. What a room hears goes through the bus, to the room's sockets on every node,
/// the sender's included. A refused or malformed event does nothing.
/// </summary>
public sealed class ReviewRooms(ReviewRoomStore store, IEventBus bus, IServiceScopeFactory scopes)
{
    const string Prefix = "preview-room:";

    /// <summary>Sent on as they came to everyone in the room.</summary>
    static readonly HashSet<string> Relayed =
    [
        "add-annotation", "remove-annotation", "update-annotation", "change-version", "panzoom-changed", "comparison-panzoom-changed",
    ];

    static readonly HashSet<string> Handled = ["open-playlist", "close-playlist", "join", "leave", "room-updated", .. Relayed];

    public static bool Handles(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) && Handled.Contains(name[Prefix.Length..]);

    /// <summary>
    /// A client event (<paramref name="args"/>: the name, then its arguments). Only opening and
    /// joining check access; the rest acts on rooms the socket opened (Zou takes them from anyone).
    /// </summary>
    public async Task HandleAsync(SocketClient socket, string name, JsonArray args)
    {
        if (args.Count < 2 || args[1] is not JsonObject data || RoomOf(data) is not { } room) return;
        var person = socket.User!.Id;
        var action = name[Prefix.Length..];
        switch (action)
        {
            case "open-playlist":
                if (await AccessAsync(socket.User, room) is not { } opened) return;
                socket.Rooms[room] = opened.ProjectId;
                PeopleUpdated(room, opened.ProjectId, await store.PeopleAsync(room));
                return;
            case "join":
                if (await AccessAsync(socket.User, room) is not { } joined) return;
                // A participant hears the room, and leaves it when the socket goes.
                socket.Rooms[room] = joined.ProjectId;
                var (people, state) = await store.JoinAsync(room, person, data);
                PeopleUpdated(room, joined.ProjectId, people);
                Publish("room-updated", state, joined.ProjectId, room);
                return;
            case "close-playlist":
                socket.Rooms.TryRemove(room, out _);
                return;
        }
        if (!socket.Rooms.TryGetValue(room, out var project)) return;
        switch (action)
        {
            case "leave":
                PeopleUpdated(room, project, (await store.LeaveAsync(room, person)).People);
                break;
            case "room-updated":
                // Zou's handler takes a second argument, only_newcomer, sent first in the state.
                var update = new JsonObject { ["only_newcomer"] = args.Count > 2 ? args[2]?.DeepClone() : false };
                foreach (var (key, value) in await store.UpdateAsync(room, data)) update[key] = value?.DeepClone();
                Publish("room-updated", update, project, room);
                break;
            default:
                Publish(action, (JsonObject)data.DeepClone(), project, room);
                break;
        }
    }

    /// <summary>The socket closed or left /events: its person leaves the rooms it was in, and those they took part in are told.</summary>
    public async Task DisconnectedAsync(SocketClient socket)
    {
        foreach (var (room, project) in socket.Rooms)
        {
            var (people, left) = await store.LeaveAsync(room, socket.User!.Id);
            if (left) PeopleUpdated(room, project, people);
        }
        socket.Rooms.Clear();
    }

    void PeopleUpdated(string room, Guid? projectId, JsonArray people) =>
        Publish("room-people-updated", new JsonObject { ["people"] = people, ["playlist_id"] = room, ["id"] = room }, projectId, room);

    void Publish(string action, JsonObject data, Guid? projectId, string room) =>
        bus.Publish(new PublishedEvent(Prefix + action, data, projectId, room));

    /// <summary>The room named by the data's playlist id, written as Slate writes ids; null when there is none.</summary>
    static string? RoomOf(JsonObject data) =>
        data["playlist_id"] is JsonValue value && value.TryGetValue<string>(out var text) && Values.TryUuid(text, out var id)
            ? id.ToString()
            : null;

    sealed record Access(Guid? ProjectId);

    /// <summary>The playlist's project when the person may read it (admins, its team), else null.</summary>
    async Task<Access?> AccessAsync(CurrentUser user, string room)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        var id = Guid.Parse(room);
        var playlist = await db.Playlists.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.ProjectId }).FirstOrDefaultAsync();
        if (playlist is null) return null;
        return await new Permissions(user, db).HasProjectAccessAsync(playlist.ProjectId) ? new Access(playlist.ProjectId) : null;
    }
}
