using System.Net;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>A server that pings every 200 ms and waits 300 ms for the pong.</summary>
public sealed class FastPingFactory : SlateFactory
{
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["SLATE_SOCKET_PING_INTERVAL"] = "200",
        ["SLATE_SOCKET_PING_TIMEOUT"] = "300",
    };
}

/// <summary>Server pings: answered sessions live on, silent ones are closed and forgotten.</summary>
public class PingTests(FastPingFactory factory) : IClassFixture<FastPingFactory>
{
    [Fact]
    public async Task A_client_that_pongs_keeps_being_pinged()
    {
        await using var socket = await SocketTestClient.ConnectAsync(factory);
        Assert.StartsWith("0{", await socket.ReceiveAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("2", await socket.ReceiveAsync());
            await socket.SendAsync("3");
        }
    }

    [Fact]
    public async Task A_websocket_client_that_never_pongs_is_closed()
    {
        await using var socket = await SocketTestClient.ConnectAsync(factory);
        socket.AnswersPings = false;
        Assert.StartsWith("0{", await socket.ReceiveAsync());
        Assert.Null(await socket.NextAsync());
    }

    [Fact]
    public async Task A_polling_session_that_never_pongs_is_forgotten()
    {
        var http = factory.CreateClient();
        var open = await http.GetStringAsync(SocketTestClient.Open + "polling");
        var sid = (string)System.Text.Json.Nodes.JsonNode.Parse(open[1..])!["sid"]!;
        await Waiting.UntilAsync(async () =>
            (await http.GetAsync($"{SocketTestClient.Open}polling&sid={sid}")).StatusCode == HttpStatusCode.BadRequest,
            "the silent session to be closed", 10);
    }
}
