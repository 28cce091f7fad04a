using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>
/// Zou's preview rooms over /events: who may open a playlist's room, joins, leaves and
/// disconnections told to the room, the player state kept, relays, acknowledgements.
/// </summary>
public class ReviewRoomTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const string PeopleUpdated = "preview-room:room-people-updated";
    const string RoomUpdated = "preview-room:room-updated";

    sealed record Room(Playlist Playlist, Person First, Person Second)
    {
        public string Id => Playlist.Id.ToString();

        /// <summary>{"playlist_id": the room, ...more}.</summary>
        public JsonObject Data(JsonObject? more = null)
        {
            var data = new JsonObject { ["playlist_id"] = Id };
            foreach (var (key, value) in more ?? []) data[key] = value?.DeepClone();
            return data;
        }
    }

    /// <summary>A playlist of a project whose team holds two people.</summary>
    async Task<Room> CreateRoomAsync()
    {
        var first = await factory.CreatePersonAsync();
        var second = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(first, second);
        var playlist = await factory.Save(new Playlist { Name = TestData.Unique("Dailies"), ProjectId = project.Id });
        return new Room(playlist, first, second);
    }

    async Task<SocketTestClient> ListenAsync(Person person) => await factory.ListenAsync(await factory.ClientForAsync(person));

    static async Task<JsonObject> ExpectAsync(SocketTestClient socket, string name)
    {
        var (received, data) = await socket.NextEventAsync();
        Assert.Equal(name, received);
        return data;
    }

    static async Task ExpectPeopleAsync(SocketTestClient socket, Room room, params Person[] people) =>
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["people"] = new JsonArray([.. people.Select(p => (JsonNode)p.Id.ToString())]), ["playlist_id"] = room.Id, ["id"] = room.Id },
            await ExpectAsync(socket, PeopleUpdated)));

    /// <summary>The socket opens the playlist page and sees the room's people.</summary>
    static async Task OpenAsync(SocketTestClient socket, Room room, params Person[] people)
    {
        await socket.EmitAsync("preview-room:open-playlist", room.Data());
        await ExpectPeopleAsync(socket, room, people);
    }

    /// <summary>The two team members' sockets on the room's playlist page (the first saw the second arrive).</summary>
    sealed record OpenedRoom(SocketTestClient First, SocketTestClient Second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
        }
    }

    async Task<OpenedRoom> OpenBothAsync(Room room)
    {
        var opened = new OpenedRoom(await ListenAsync(room.First), await ListenAsync(room.Second));
        await OpenAsync(opened.First, room);
        await OpenAsync(opened.Second, room);
        await ExpectPeopleAsync(opened.First, room);
        return opened;
    }

    /// <summary>The packets of the next <paramref name="count"/> arrivals, whatever their order (acks are sent apart from room events).</summary>
    static async Task<List<string>> NextPacketsAsync(SocketTestClient socket, int count)
    {
        var packets = new List<string>();
        for (var i = 0; i < count; i++) packets.Add((await socket.NextAsync())!);
        return packets;
    }

    [Fact]
    public async Task Team_members_see_each_others_joins_the_player_state_and_annotations()
    {
        var room = await CreateRoomAsync();
        await using var opened = await OpenBothAsync(room);
        var (first, second) = opened;

        await first.EmitAsync("preview-room:join", room.Data(new() { ["current_frame"] = 12, ["is_playing"] = true }));
        foreach (var socket in new[] { first, second })
        {
            await ExpectPeopleAsync(socket, room, room.First);
            var state = await ExpectAsync(socket, RoomUpdated);
            Assert.Equal(12, (int)state["current_frame"]!);
            Assert.True((bool)state["is_playing"]!);
            Assert.Equal(room.Id, (string)state["playlist_id"]!);
        }

        // The room is not empty: the newcomer's player state does not replace the room's.
        await second.EmitAsync("preview-room:join", room.Data(new() { ["current_frame"] = 99 }));
        foreach (var socket in new[] { first, second })
        {
            await ExpectPeopleAsync(socket, room, room.First, room.Second);
            Assert.Equal(12, (int)(await ExpectAsync(socket, RoomUpdated))["current_frame"]!);
        }

        var annotation = room.Data(new() { ["frame"] = 3, ["annotations"] = new JsonArray(new JsonObject { ["type"] = "path" }) });
        await second.EmitAsync("preview-room:add-annotation", annotation);
        foreach (var socket in new[] { first, second })
            Assert.True(JsonNode.DeepEquals(annotation, await ExpectAsync(socket, "preview-room:add-annotation")));
        await first.EmitAsync("preview-room:panzoom-changed", room.Data(new() { ["zoom"] = 2 }));
        foreach (var socket in new[] { first, second })
            Assert.Equal(2, (int)(await ExpectAsync(socket, "preview-room:panzoom-changed"))["zoom"]!);
    }

    [Fact]
    public async Task An_outsider_is_refused_and_nothing_they_send_reaches_the_room_but_an_admin_may_open_it()
    {
        var room = await CreateRoomAsync();
        var outsider = await factory.CreatePersonAsync();
        await using var member = await ListenAsync(room.First);
        await using var intruder = await ListenAsync(outsider);
        await OpenAsync(member, room);

        await intruder.EmitAsync("preview-room:open-playlist", room.Data(), ackId: 1);
        await intruder.EmitAsync("preview-room:join", room.Data(), ackId: 2);
        await intruder.EmitAsync("preview-room:add-annotation", room.Data(), ackId: 3);
        await intruder.EmitAsync("preview-room:room-updated", room.Data(new() { ["current_frame"] = 5 }), ackId: 4);
        for (var id = 1; id <= 4; id++) Assert.Equal($"43/events,{id}[]", await intruder.NextAsync());

        await factory.EmitOutsideRequestAsync("test:marker");
        Assert.Equal("test:marker", (await intruder.NextEventAsync()).Name);
        Assert.Equal("test:marker", (await member.NextEventAsync()).Name);

        await using var admin = await ListenAsync(await factory.CreatePersonAsync("admin"));
        await OpenAsync(admin, room);
        await ExpectPeopleAsync(member, room);
    }

    [Fact]
    public async Task Malformed_or_unknown_playlists_are_refused_and_acknowledged_and_unknown_events_are_not()
    {
        var room = await CreateRoomAsync();
        await using var socket = await ListenAsync(room.First);

        await socket.EmitAsync("preview-room:open-playlist", new JsonObject { ["playlist_id"] = "not-an-id" }, ackId: 1);
        await socket.EmitAsync("preview-room:open-playlist", new JsonObject { ["playlist_id"] = Guid.NewGuid().ToString() }, ackId: 2);
        await socket.EmitAsync("preview-room:join", new JsonObject(), ackId: 3);
        await socket.EmitAsync("preview-room:join", "a text", ackId: 4);
        await socket.EmitAsync("preview-room:open-playlist", new JsonObject { ["playlist_id"] = 12 }, ackId: 5);
        await socket.SendAsync("42/events,6[\"preview-room:leave\"]");
        await socket.EmitAsync("preview-room:explode", room.Data(), ackId: 7);
        await socket.EmitAsync("task:update", room.Data(), ackId: 8);
        for (var id = 1; id <= 6; id++) Assert.Equal($"43/events,{id}[]", await socket.NextAsync());

        // Still served, and the unknown events were never acknowledged: the next ack is 9's.
        await socket.EmitAsync("preview-room:open-playlist", room.Data(), ackId: 9);
        var packets = await NextPacketsAsync(socket, 2);
        Assert.Contains("43/events,9[]", packets);
        Assert.Contains(packets, p => p.StartsWith($"42/events,[\"{PeopleUpdated}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaving_or_disconnecting_removes_the_person_and_tells_the_room()
    {
        var room = await CreateRoomAsync();
        await using var opened = await OpenBothAsync(room);
        var (first, second) = opened;
        await first.EmitAsync("preview-room:join", room.Data());
        await ExpectPeopleAsync(first, room, room.First);
        await ExpectAsync(first, RoomUpdated);
        await second.EmitAsync("preview-room:join", room.Data());
        await ExpectPeopleAsync(first, room, room.First, room.Second);
        await ExpectAsync(first, RoomUpdated);

        await second.EmitAsync("preview-room:leave", room.Data());
        await ExpectPeopleAsync(first, room, room.First);

        await second.EmitAsync("preview-room:join", room.Data());
        await ExpectPeopleAsync(first, room, room.First, room.Second);
        await ExpectAsync(first, RoomUpdated);
        await second.DisposeAsync();
        await ExpectPeopleAsync(first, room, room.First);
    }

    [Fact]
    public async Task Leaving_the_events_namespace_leaves_the_rooms_too()
    {
        var room = await CreateRoomAsync();
        await using var opened = await OpenBothAsync(room);
        var (first, second) = opened;
        await second.EmitAsync("preview-room:join", room.Data());
        await ExpectPeopleAsync(first, room, room.Second);
        await ExpectAsync(first, RoomUpdated);

        await second.SendAsync("41/events,");
        await ExpectPeopleAsync(first, room);
    }

    [Fact]
    public async Task A_socket_that_closed_the_playlist_hears_the_room_no_more()
    {
        var room = await CreateRoomAsync();
        await using var opened = await OpenBothAsync(room);
        var (first, second) = opened;

        await second.EmitAsync("preview-room:close-playlist", room.Data(), ackId: 1);
        Assert.Equal("43/events,1[]", await second.NextAsync());
        await first.EmitAsync("preview-room:change-version", room.Data(new() { ["preview_file_id"] = "p" }));
        await ExpectAsync(first, "preview-room:change-version");
        await factory.EmitOutsideRequestAsync("test:marker");
        Assert.Equal("test:marker", (await second.NextEventAsync()).Name);
    }

    [Fact]
    public async Task The_player_state_keeps_known_comparing_keys_and_numeric_speeds_only()
    {
        var room = await CreateRoomAsync();
        await using var socket = await ListenAsync(room.First);
        await OpenAsync(socket, room);

        await socket.EmitAsync("preview-room:join", room.Data(new()
        {
            ["comparing"] = new JsonObject { ["enable"] = true, ["mode"] = "overlay", ["injected"] = "x" },
            ["speed"] = "fast", ["user_id"] = "u1", ["handle_in"] = 4,
        }));
        await ExpectPeopleAsync(socket, room, room.First);
        var joined = await ExpectAsync(socket, RoomUpdated);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["enable"] = true, ["mode"] = "overlay" }, joined["comparing"]));
        Assert.Null(joined["speed"]);
        Assert.Equal("u1", (string)joined["user_id"]!);
        Assert.Equal(4, (int)joined["handle_in"]!);
        Assert.Equal(0, (int)joined["current_frame"]!);
        Assert.False(joined.ContainsKey("only_newcomer"));

        await socket.EmitAsync("preview-room:room-updated", room.Data(new() { ["speed"] = 2, ["comparing"] = "side", ["current_frame"] = 7 }));
        var updated = await ExpectAsync(socket, RoomUpdated);
        Assert.False((bool)updated["only_newcomer"]!);
        Assert.Equal(2, (int)updated["speed"]!);
        Assert.Equal(7, (int)updated["current_frame"]!);
        Assert.True(JsonNode.DeepEquals(joined["comparing"], updated["comparing"]));
        // Keys not sent go back to their defaults, as Zou does; the people stay.
        Assert.Null(updated["user_id"]);
        Assert.Null(updated["handle_in"]);
        Assert.Equal(room.First.Id.ToString(), (string)updated["people"]![0]!);

        await socket.SendAsync($"42/events,[\"{RoomUpdated}\",{room.Data().ToJsonString()},true]");
        Assert.True((bool)(await ExpectAsync(socket, RoomUpdated))["only_newcomer"]!);
    }
}
