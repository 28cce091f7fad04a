using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>
/// A small Socket.IO client over the test server's websocket: connects (directly, or upgrading
/// a polling session), answers pings unless told not to, and waits for the packets a test expects.
/// </summary>
public sealed class SocketTestClient(WebSocket socket) : IAsyncDisposable
{
    public const string Open = "/socket.io/?EIO=4&transport=";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public bool AnswersPings { get; set; } = true;

    /// <summary>A websocket to /socket.io with the handshake's credentials (a bearer token or the access cookie).</summary>
    public static async Task<SocketTestClient> ConnectAsync(SlateFactory factory, string? bearer = null, string? cookie = null, string? sid = null)
    {
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (bearer is not null) request.Headers.Authorization = $"Bearer {bearer}";
            if (cookie is not null) request.Headers.Cookie = $"access_token_cookie={cookie}";
        };
        var path = Open + "websocket" + (sid is null ? "" : $"&sid={sid}");
        return new SocketTestClient(await client.ConnectAsync(new Uri(factory.Server.BaseAddress, path), CancellationToken.None));
    }

    /// <summary>A websocket to /socket.io of a server on a real address (a <see cref="ServerProcess"/>), with a bearer token.</summary>
    public static async Task<SocketTestClient> ConnectAsync(Uri server, string bearer)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        await socket.ConnectAsync(new UriBuilder(new Uri(server, Open + "websocket")) { Scheme = "ws" }.Uri, CancellationToken.None);
        return new SocketTestClient(socket);
    }

    /// <summary>Connected directly over websocket, the open packet read, joined to a namespace ("/events").</summary>
    public static Task<SocketTestClient> JoinAsync(SlateFactory factory, string nsp, string? bearer = null, string? cookie = null) =>
        JoinAsync(ConnectAsync(factory, bearer, cookie), nsp);

    /// <summary>The same, to a server on a real address.</summary>
    public static Task<SocketTestClient> JoinAsync(Uri server, string nsp, string bearer) => JoinAsync(ConnectAsync(server, bearer), nsp);

    static async Task<SocketTestClient> JoinAsync(Task<SocketTestClient> connecting, string nsp)
    {
        var client = await connecting;
        Assert.StartsWith("0{", await client.ReceiveAsync());
        await client.SendAsync(nsp == "/" ? "40" : $"40{nsp},");
        return client;
    }

    public static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    public Task SendAsync(string packet) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Emits an event on /events, asking for an acknowledgement when given an id.</summary>
    public Task EmitAsync(string name, JsonNode? data, long? ackId = null) =>
        SendAsync($"42/events,{ackId}" + new JsonArray(name, data?.DeepClone()).ToJsonString());

    /// <summary>The next packet as it arrived, null once the server closed the socket.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[65536];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult read;
            try { read = await socket.ReceiveAsync(buffer, timeout.Token); }
            catch (WebSocketException) { return null; }
            if (read.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, read.Count);
            if (read.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    /// <summary>The next packet other than a ping (pings are answered when <see cref="AnswersPings"/>).</summary>
    public async Task<string?> NextAsync()
    {
        while (await ReceiveAsync() is { } packet)
        {
            if (packet != "2") return packet;
            if (AnswersPings) await SendAsync("3");
        }
        return null;
    }

    /// <summary>The next event of /events: its name and data.</summary>
    public async Task<(string Name, JsonObject Data)> NextEventAsync()
    {
        var packet = await NextAsync();
        Assert.NotNull(packet);
        Assert.StartsWith("42/events,", packet);
        var array = JsonNode.Parse(packet["42/events,".Length..])!.AsArray();
        return ((string)array[0]!, array[1]!.AsObject());
    }

    /// <summary>Says goodbye without waiting for the server's answer (the test server may already have let go).</summary>
    public async ValueTask DisposeAsync()
    {
        try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
        catch (Exception e) when (e is IOException or WebSocketException or ObjectDisposedException or InvalidOperationException) { }
        socket.Dispose();
    }
}
