using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Slate.Cli;
using Slate.Tests.Infrastructure;
using StackExchange.Redis;

namespace Slate.Tests.Realtime;

/// <summary>
/// Two Slate processes sharing the suite's database (one SQLite file, or PostgreSQL) and one
/// Redis (KV_HOST), as nodes behind a load balancer; started once for the class.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string AdminEmail = "nodes@studio.com";
    const string AdminPassword = "nodes-password";

    readonly TestDatabase database = new();
    public RedisServer Redis { get; private set; } = null!;
    public ServerProcess A { get; private set; } = null!;
    public ServerProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await database.CreateAsync();
        var context = new CommandContext(new StringWriter(), new StringWriter(), database.Settings);
        Assert.Equal(0, await CommandLine.RunAsync(["create-admin", AdminEmail, "--password", AdminPassword], context));
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>(database.Settings.Concat(Redis.Settings));
        // One after the other: the first one brings the schema up to date.
        A = await ServerProcess.StartAsync(settings);
        B = await ServerProcess.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>A client of its own logged in as the admin on that node, and its access token.</summary>
    public static async Task<(HttpClient Client, string Token)> LogInAsync(ServerProcess node)
    {
        var client = new HttpClient { BaseAddress = node.Address };
        var token = (string)(await client.LoginAsync(AdminEmail, AdminPassword))["access_token"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    /// <summary>A claim of the token: "sub" (the person's id), "jti"...</summary>
    public static string Claim(string token, string name) =>
        (string)JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))![name]!;

    /// <summary>A connection to the test Redis, as another program (a Zou node) would make.</summary>
    public Task<ConnectionMultiplexer> ConnectToRedisAsync() => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Redis.Port}");
}

/// <summary>Events and logouts made on one node hold on the other, and a Redis outage stops neither node.</summary>
public class NodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    static async Task<SocketTestClient> ListenAsync(ServerProcess node, string token)
    {
        var socket = await SocketTestClient.JoinAsync(node.Address, "/events", token);
        Assert.StartsWith("40/events,", await socket.NextAsync());
        return socket;
    }

    /// <summary>Creates a department through the node's HTTP API and returns its id (its "department:new" event carries it).</summary>
    static async Task<string> CreateDepartmentAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/api/data/departments", new { name = Unique("Dept"), color = "#112233" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonObjectAsync())["id"]!;
    }

    /// <summary>The ids of the next "department:new" events the socket gets (other events skipped).</summary>
    static async Task<List<string>> NextNewDepartmentsAsync(SocketTestClient socket, int count)
    {
        var ids = new List<string>();
        while (ids.Count < count)
        {
            var (name, data) = await socket.NextEventAsync();
            if (name == "department:new") ids.Add((string)data["department_id"]!);
        }
        return ids;
    }

    /// <summary>The data of the next event of that name the socket gets (other events skipped).</summary>
    static async Task<JsonObject> NextEventAsync(SocketTestClient socket, string name)
    {
        while (true)
        {
            var (received, data) = await socket.NextEventAsync();
            if (received == name) return data;
        }
    }

    static async Task<List<string>> NextPeopleAsync(SocketTestClient socket) =>
        [.. (await NextEventAsync(socket, "preview-room:room-people-updated"))["people"]!.AsArray().Select(p => (string)p!)];

    /// <summary>A playlist of a new project, made on that node: its id names a review room.</summary>
    static async Task<string> CreatePlaylistAsync(HttpClient client)
    {
        var project = await client.PostAsJsonAsync("/api/data/projects", new { name = Unique("Review") });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        var projectId = (string)(await project.ReadJsonObjectAsync())["id"]!;
        var playlist = await client.PostAsJsonAsync("/api/data/playlists", new { name = Unique("Dailies"), project_id = projectId });
        Assert.Equal(HttpStatusCode.Created, playlist.StatusCode);
        return (string)(await playlist.ReadJsonObjectAsync())["id"]!;
    }

    static string JtiOf(string token) => TwoNodes.Claim(token, "jti");

    [Fact]
    public async Task Events_of_changes_made_on_node_A_reach_sockets_on_both_nodes_once_and_in_order()
    {
        var (onA, token) = await TwoNodes.LogInAsync(nodes.A);
        await using var socketOnA = await ListenAsync(nodes.A, token);
        await using var socketOnB = await ListenAsync(nodes.B, token);

        var first = await CreateDepartmentAsync(onA);
        var second = await CreateDepartmentAsync(onA);

        Assert.Equal([first, second], await NextNewDepartmentsAsync(socketOnB, 2));
        // Node A delivered its own events itself and skipped them when Redis brought them back
        // (as it did to node B, before this third change).
        var third = await CreateDepartmentAsync(onA);
        Assert.Equal([first, second, third], await NextNewDepartmentsAsync(socketOnA, 3));
    }

    [Fact]
    public async Task A_review_room_is_one_room_across_nodes_its_people_and_player_state_shared_through_Redis()
    {
        var (onA, tokenOnA) = await TwoNodes.LogInAsync(nodes.A);
        var (_, tokenOnB) = await TwoNodes.LogInAsync(nodes.B);
        var room = await CreatePlaylistAsync(onA);
        await using var reviewerOnA = await ListenAsync(nodes.A, tokenOnA);
        await using var reviewerOnB = await ListenAsync(nodes.B, tokenOnB);
        await reviewerOnA.EmitAsync("preview-room:open-playlist", new JsonObject { ["playlist_id"] = room });
        Assert.Empty(await NextPeopleAsync(reviewerOnA));
        await reviewerOnB.EmitAsync("preview-room:open-playlist", new JsonObject { ["playlist_id"] = room });
        Assert.Empty(await NextPeopleAsync(reviewerOnB));
        Assert.Empty(await NextPeopleAsync(reviewerOnA));

        await reviewerOnB.EmitAsync("preview-room:join", new JsonObject { ["playlist_id"] = room, ["current_frame"] = 7 });
        Assert.Equal([TwoNodes.Claim(tokenOnB, "sub")], await NextPeopleAsync(reviewerOnA));
        foreach (var reviewer in new[] { reviewerOnA, reviewerOnB })
            Assert.Equal(7, (int)(await NextEventAsync(reviewer, "preview-room:room-updated"))["current_frame"]!);

        // A newcomer on node A finds the person who joined through node B, and the player where B left it.
        await using var newcomerOnA = await ListenAsync(nodes.A, tokenOnA);
        await newcomerOnA.EmitAsync("preview-room:open-playlist", new JsonObject { ["playlist_id"] = room });
        foreach (var reviewer in new[] { newcomerOnA, reviewerOnA })
            Assert.Equal([TwoNodes.Claim(tokenOnB, "sub")], await NextPeopleAsync(reviewer));
        await newcomerOnA.EmitAsync("preview-room:room-updated", new JsonObject { ["playlist_id"] = room, ["current_frame"] = 9 });
        Assert.Equal(9, (int)(await NextEventAsync(reviewerOnB, "preview-room:room-updated"))["current_frame"]!);
        await using var redis = await nodes.ConnectToRedisAsync();
        var stored = JsonNode.Parse((string)(await redis.GetDatabase(2).StringGetAsync($"slate:review-room:{room}"))!)!;
        Assert.Equal(9, (int)stored["current_frame"]!);

        // The participant's socket goes: the room on the other node is told, and forgotten once empty.
        await reviewerOnB.DisposeAsync();
        Assert.Empty(await NextPeopleAsync(reviewerOnA));
        Assert.False(await redis.GetDatabase(2).KeyExistsAsync($"slate:review-room:{room}"));
    }

    [Fact]
    public async Task A_logout_on_node_A_is_refused_on_node_B_closes_its_sockets_there_and_is_in_Redis_as_Zou_keeps_it()
    {
        var (onA, token) = await TwoNodes.LogInAsync(nodes.A);
        using var onB = new HttpClient { BaseAddress = nodes.B.Address };
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/authenticated")).StatusCode);
        await using var socketOnB = await ListenAsync(nodes.B, token);

        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/auth/logout")).StatusCode);

        await SocketAccessTests.AssertClosedAsync(socketOnB);
        var refused = await onB.GetAsync("/api/auth/authenticated");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await refused.ReadJsonObjectAsync())["msg"]);
        await using var redis = await nodes.ConnectToRedisAsync();
        var blocklist = redis.GetDatabase(0);
        Assert.Equal("true", (string?)await blocklist.StringGetAsync(JtiOf(token)));
        Assert.True(await blocklist.KeyTimeToLiveAsync(JtiOf(token)) > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_session_revoked_in_Redis_only_as_a_Zou_node_does_is_refused()
    {
        var (onB, token) = await TwoNodes.LogInAsync(nodes.B);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/authenticated")).StatusCode);

        await using var redis = await nodes.ConnectToRedisAsync();
        await redis.GetDatabase(0).StringSetAsync(JtiOf(token), "true", TimeSpan.FromMinutes(5));

        var refused = await onB.GetAsync("/api/auth/authenticated");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await refused.ReadJsonObjectAsync())["msg"]);
    }

    [Fact]
    public async Task Without_Redis_node_A_serves_and_its_sockets_get_events_and_delivery_between_nodes_resumes_when_Redis_is_back()
    {
        var (onA, token) = await TwoNodes.LogInAsync(nodes.A);
        await using var socketOnA = await ListenAsync(nodes.A, token);
        await using var socketOnB = await ListenAsync(nodes.B, token);

        nodes.Redis.Stop();
        try
        {
            var (loggedInWithoutRedis, laterToken) = await TwoNodes.LogInAsync(nodes.A);
            var created = await CreateDepartmentAsync(loggedInWithoutRedis);
            Assert.Equal([created], await NextNewDepartmentsAsync(socketOnA, 1));
            // A logout without Redis still holds, on both nodes (the database keeps it).
            Assert.Equal(HttpStatusCode.OK, (await loggedInWithoutRedis.GetAsync("/api/auth/logout")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await loggedInWithoutRedis.GetAsync("/api/auth/authenticated")).StatusCode);
            using var onB = new HttpClient { BaseAddress = nodes.B.Address };
            onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", laterToken);
            Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/auth/authenticated")).StatusCode);
        }
        finally
        {
            await nodes.Redis.StartAgainAsync();
        }

        // The nodes find Redis again by themselves, within seconds: changes made on A until then
        // reach only A's sockets, the first one after reaches B's too.
        var arrived = NextNewDepartmentsAsync(socketOnB, 1);
        var sent = new List<string>();
        await Waiting.UntilAsync(async () =>
        {
            sent.Add(await CreateDepartmentAsync(onA));
            await Task.WhenAny(arrived, Task.Delay(200));
            return arrived.IsCompleted;
        }, "node B to get node A's events again");
        Assert.Contains((await arrived).Single(), sent);
        // Logged once each way, though both of the node's Redis connections (commands, subscription) broke.
        var back = $"Redis at 127.0.0.1:{nodes.Redis.Port} is back";
        await Waiting.UntilAsync(() => nodes.A.Output.Contains(back), "node A to log that Redis is back");
        Assert.Single(Regex.Matches(nodes.A.Output, "is unreachable"));
        Assert.Single(Regex.Matches(nodes.A.Output, Regex.Escape(back)));
    }
}
