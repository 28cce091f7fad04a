using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace Slate.Realtime.EngineIo;

/// <summary>What runs on top of Engine.IO (Socket.IO): told of new sessions and of their messages.</summary>
public interface IEngineHandler
{
    /// <summary>A session was opened by this handshake request (its credentials are the session's).</summary>
    void Opened(EngineSession session, HttpContext handshake);
    void Received(EngineSession session, string message);
}

/// <summary>
/// Engine.IO protocol 4 at /socket.io/ (python-engineio and engine.io answer the same): the
/// polling transport (GET waits for packets, POST sends them) and the websocket transport,
/// opened directly or upgraded from polling. Pings every interval; no pong in time closes.
/// </summary>
public sealed class EngineServer
{
    public const int MaxPayload = 1_000_000;
    readonly ConcurrentDictionary<string, EngineSession> sessions = new();
    readonly IEngineHandler handler;
    readonly Settings settings;
    readonly ILogger<EngineServer> log;

    public EngineServer(IEngineHandler handler, Settings settings, ILogger<EngineServer> log, IHostApplicationLifetime lifetime)
    {
        (this.handler, this.settings, this.log) = (handler, settings, log);
        // Open sockets and pending polls would otherwise hold a graceful shutdown until its timeout.
        lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var session in sessions.Values) session.Close();
        });
    }

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["EIO"] != "4") { await RefuseAsync(context, 5, "Unsupported protocol version"); return; }
        var transport = query["transport"].ToString();
        if (transport is not ("polling" or "websocket")) { await RefuseAsync(context, 0, "Transport unknown"); return; }

        var sid = query["sid"].ToString();
        EngineSession? session = null;
        if (sid.Length > 0 && !sessions.TryGetValue(sid, out session)) { await RefuseAsync(context, 1, "Session ID unknown"); return; }

        if (transport == "websocket")
        {
            if (!context.WebSockets.IsWebSocketRequest || session is { OnWebSocket: true }) { await RefuseAsync(context, 3, "Bad request"); return; }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await RunWebSocketAsync(context, socket, session);
        }
        else if (session is null)
        {
            if (!HttpMethods.IsGet(context.Request.Method)) { await RefuseAsync(context, 2, "Bad handshake method"); return; }
            await WriteTextAsync(context, OpenPacket(Open(context), ["websocket"]));
        }
        else if (session.OnWebSocket) await RefuseAsync(context, 3, "Bad request");
        else if (HttpMethods.IsGet(context.Request.Method)) await PollAsync(context, session);
        else if (HttpMethods.IsPost(context.Request.Method)) await ReceivePostAsync(context, session);
        else await RefuseAsync(context, 3, "Bad request");
    }

    EngineSession Open(HttpContext context)
    {
        var session = new EngineSession();
        sessions[session.Id] = session;
        session.Closed += closed => sessions.TryRemove(closed.Id, out _);
        handler.Opened(session, context);
        _ = KeepAliveAsync(session);
        return session;
    }

    string OpenPacket(EngineSession session, string[] upgrades) => EnginePackets.Open + new JsonObject
    {
        ["sid"] = session.Id,
        ["upgrades"] = new JsonArray([.. upgrades.Select(u => JsonValue.Create(u))]),
        ["pingInterval"] = settings.SocketPingInterval,
        ["pingTimeout"] = settings.SocketPingTimeout,
        ["maxPayload"] = MaxPayload,
    }.ToJsonString();

    async Task KeepAliveAsync(EngineSession session)
    {
        try
        {
            while (!session.IsClosed)
            {
                await Task.Delay(settings.SocketPingInterval, session.Closing);
                session.Send(EnginePackets.Ping.ToString());
                if (!await session.PongedAsync(TimeSpan.FromMilliseconds(settings.SocketPingTimeout)))
                {
                    log.LogDebug("Socket session {Sid} closed: no pong in time", session.Id);
                    session.Close();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session closed meanwhile.
        }
    }

    /// <summary>A long poll: answers as soon as packets wait (the pings make sure it does within the interval).</summary>
    static async Task PollAsync(HttpContext context, EngineSession session)
    {
        try
        {
            if (!await session.Outgoing.WaitToReadAsync(context.RequestAborted))
            {
                await WriteTextAsync(context, EnginePackets.Close.ToString());
                return;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var packets = new List<string>();
        while (packets.Count < EngineSession.QueueLimit && session.Outgoing.TryRead(out var packet)) packets.Add(packet);
        await WriteTextAsync(context, EnginePackets.Join(packets));
    }

    async Task ReceivePostAsync(HttpContext context, EngineSession session)
    {
        if (context.Request.ContentLength > MaxPayload) { await RefuseAsync(context, 3, "Bad request", 413); return; }
        // A chunked body has no length to check first: the server stops reading it at maxPayload.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxPayload;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var payload = await reader.ReadToEndAsync(context.RequestAborted);
        foreach (var packet in EnginePackets.Split(payload)) Receive(session, packet);
        await WriteTextAsync(context, "ok");
    }

    void Receive(EngineSession session, string packet)
    {
        if (packet.Length == 0) return;
        switch (packet[0])
        {
            case EnginePackets.Close: session.Close(); break;
            case EnginePackets.Ping: session.Send(EnginePackets.Pong + packet[1..]); break;
            case EnginePackets.Pong: session.Pong(); break;
            case EnginePackets.Message: handler.Received(session, packet[1..]); break;
            // Noops, and binary messages ("b" + base64): no handler takes binary data.
        }
    }

    async Task RunWebSocketAsync(HttpContext context, WebSocket socket, EngineSession? upgrading)
    {
        var session = upgrading;
        try
        {
            if (session is null)
            {
                session = Open(context);
                await SendAsync(socket, OpenPacket(session, []), context.RequestAborted);
            }
            else if (!await ProbeAsync(socket, session, context.RequestAborted))
            {
                return; // the session goes on polling
            }
            session.OnWebSocket = true;
            var writing = WriteAllAsync(socket, session);
            try
            {
                while (await ReadMessageAsync(socket, session.Closing) is { } packet) Receive(session, packet);
            }
            finally
            {
                session.Close();
                await writing;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // Closed or dropped by the other side, or closed by the session (a timeout, a full queue).
            if (session is { OnWebSocket: true } || upgrading is null) session?.Close();
        }
    }

    /// <summary>The upgrade: 2probe/3probe on the new socket, a noop to end the pending poll, then the client's 5.</summary>
    async Task<bool> ProbeAsync(WebSocket socket, EngineSession session, CancellationToken ct)
    {
        if (await ReadMessageAsync(socket, ct) != "2probe") return false;
        await SendAsync(socket, "3probe", ct);
        session.Send(EnginePackets.Noop.ToString());
        while (await ReadMessageAsync(socket, ct) is { } packet)
        {
            if (packet == EnginePackets.Upgrade.ToString()) return true;
            Receive(session, packet);
        }
        return false;
    }

    static async Task WriteAllAsync(WebSocket socket, EngineSession session)
    {
        try
        {
            await foreach (var packet in session.Outgoing.ReadAllAsync()) await SendAsync(socket, packet, CancellationToken.None);
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            session.Close();
        }
    }

    static Task SendAsync(WebSocket socket, string packet, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, true, ct);

    /// <summary>The next text message, null once the socket closes; larger than maxPayload closes it too.</summary>
    static async Task<string?> ReadMessageAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, ct);
            if (read.MessageType == WebSocketMessageType.Close || message.Length + read.Count > MaxPayload) return null;
            message.Write(buffer, 0, read.Count);
            if (read.EndOfMessage) return read.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.ToArray()) : "";
        }
    }

    static Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=UTF-8";
        return context.Response.WriteAsync(text);
    }

    /// <summary>engine.io's refusal: 400 with its error code and message.</summary>
    static Task RefuseAsync(HttpContext context, int code, string message, int status = 400) =>
        Results.Json(new { code, message }, statusCode: status).ExecuteAsync(context);
}
