using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>/socket.io: the Engine.IO handshake and transports, and the Socket.IO namespaces with their login.</summary>
public class EngineIoTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const string Polling = SocketTestClient.Open + "polling";

    async Task<(HttpClient Http, string Sid, JsonObject Open)> HandshakeAsync(string path = Polling)
    {
        var http = factory.CreateClient();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("0", text);
        var open = JsonNode.Parse(text[1..])!.AsObject();
        return (http, (string)open["sid"]!, open);
    }

    [Fact]
    public async Task Polling_handshake_answers_the_open_packet_at_the_root_and_under_api()
    {
        var (_, sid, open) = await HandshakeAsync();
        Assert.False(string.IsNullOrEmpty(sid));
        Assert.Equal("[\"websocket\"]", open["upgrades"]!.ToJsonString());
        Assert.Equal(25000, (int)open["pingInterval"]!);
        Assert.Equal(20000, (int)open["pingTimeout"]!);
        Assert.Equal(1000000, (int)open["maxPayload"]!);
        await HandshakeAsync("/api" + Polling);
    }

    [Fact]
    public async Task Polling_carries_the_default_namespace_connect_both_ways()
    {
        var (http, sid, _) = await HandshakeAsync();
        var post = await http.PostAsync($"{Polling}&sid={sid}", new StringContent("40"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("ok", await post.Content.ReadAsStringAsync());
        var poll = await http.GetStringAsync($"{Polling}&sid={sid}");
        Assert.StartsWith("40{\"sid\":", poll);
    }

    [Fact]
    public async Task A_polling_session_upgrades_to_websocket_with_the_probe()
    {
        var (http, sid, _) = await HandshakeAsync();
        var pending = http.GetStringAsync($"{Polling}&sid={sid}");
        await using var socket = await SocketTestClient.ConnectAsync(factory, sid: sid);
        await socket.SendAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveAsync());
        Assert.Equal("6", await pending);
        await socket.SendAsync("5");
        await socket.SendAsync("40");
        Assert.StartsWith("40{\"sid\":", await socket.NextAsync());

        var late = await http.GetAsync($"{Polling}&sid={sid}");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [Fact]
    public async Task A_direct_websocket_opens_without_upgrades_and_answers_a_client_ping()
    {
        await using var socket = await SocketTestClient.ConnectAsync(factory);
        var open = JsonNode.Parse((await socket.ReceiveAsync())![1..])!;
        Assert.Equal("[]", open["upgrades"]!.ToJsonString());
        await socket.SendAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveAsync());
        await socket.SendAsync("40");
        Assert.StartsWith("40{\"sid\":", await socket.NextAsync());
        await socket.SendAsync("40/unknown,");
        Assert.Equal("44/unknown,{\"message\":\"Invalid namespace\"}", await socket.NextAsync());
    }

    [Theory]
    [InlineData(Polling + "&sid=nope", 1, "Session ID unknown")]
    [InlineData("/socket.io/?EIO=3&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("/socket.io/?EIO=4&transport=carrier-pigeon", 0, "Transport unknown")]
    public async Task Bad_handshakes_answer_engine_io_errors(string path, int code, string message)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(code, (int)body!["code"]!);
        Assert.Equal(message, (string)body["message"]!);
    }

    [Fact]
    public async Task A_closed_session_is_forgotten()
    {
        var (http, sid, _) = await HandshakeAsync();
        await http.PostAsync($"{Polling}&sid={sid}", new StringContent("1"));
        var after = await http.GetAsync($"{Polling}&sid={sid}");
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
    }

    [Fact]
    public async Task Events_namespace_accepts_a_bearer_token_or_the_access_cookie()
    {
        var person = await factory.CreatePersonAsync();
        var token = SocketTestClient.TokenOf(await factory.ClientForAsync(person));

        await using var bearer = await SocketTestClient.JoinAsync(factory, "/events", bearer: token);
        Assert.StartsWith("40/events,{\"sid\":", await bearer.NextAsync());
        await using var cookie = await SocketTestClient.JoinAsync(factory, "/events", cookie: token);
        Assert.StartsWith("40/events,{\"sid\":", await cookie.NextAsync());
    }

    [Fact]
    public async Task Default_namespace_needs_no_token()
    {
        await using var socket = await SocketTestClient.JoinAsync(factory, "/");
        Assert.StartsWith("40{\"sid\":", await socket.NextAsync());
    }

    [Fact]
    public async Task Events_namespace_refuses_no_bad_or_revoked_tokens()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(person);
        var revoked = SocketTestClient.TokenOf(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/logout")).StatusCode);

        foreach (var token in new[] { null, "not-a-jwt", revoked })
        {
            await using var socket = await SocketTestClient.JoinAsync(factory, "/events", bearer: token);
            Assert.Equal("44/events,{\"message\":\"Connection rejected by server\"}", await socket.NextAsync());
        }
    }
}
