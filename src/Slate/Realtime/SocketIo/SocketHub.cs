using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Realtime.EngineIo;
using Slate.Security;

namespace Slate.Realtime.SocketIo;

/// <summary>
/// Socket.IO v5 over Engine.IO, with Zou's two namespaces: "/" for anyone (gazu connects to it)
/// and "/events" for holders of a valid access token, who receive the committed events of the
/// projects they may read (all of them for admins; events of no project for everyone) and the
/// events of the review rooms they are in. A session closes when its token's access ends (logout,
/// password change, person deactivated or deleted: <see cref="AccessEnded"/>) or when the token expires.
/// </summary>
public sealed class SocketHub(IEventBus bus, ReviewRooms rooms, IServiceScopeFactory scopes, ILogger<SocketHub> log)
    : BackgroundService, IEngineHandler
{
    public const string EventsNamespace = "/events";
    // python-socketio's answer when a connect handler refuses, as Zou's does without a valid token.
    const string Rejected = "Connection rejected by server";

    // Task.Delay waits at most about 49 days: tokens living longer are waited for in steps.
    static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    readonly ConcurrentDictionary<string, SocketClient> clients = new();

    public void Opened(EngineSession session, HttpContext handshake)
    {
        // The handshake went through the authentication middleware: the caller is known, or not.
        var client = new SocketClient(session, handshake.Items[typeof(CurrentUser)] as CurrentUser);
        clients[session.Id] = client;
        session.Closed += closed =>
        {
            clients.TryRemove(closed.Id, out _);
            LeaveRooms(client);
        };
        if (client.User?.Token.Expires is { } expires) _ = CloseAtAsync(session, expires);
    }

    static async Task CloseAtAsync(EngineSession session, DateTimeOffset expires)
    {
        try
        {
            for (var left = expires - DateTimeOffset.UtcNow; left > TimeSpan.Zero; left = expires - DateTimeOffset.UtcNow)
                await Task.Delay(left < LongestWait ? left : LongestWait, session.Closing);
            session.Close();
        }
        catch (OperationCanceledException)
        {
            // Closed before.
        }
    }

    public void Received(EngineSession session, string message)
    {
        if (!clients.TryGetValue(session.Id, out var client)) return;
        if (SocketPacket.Decode(message) is not { } packet)
        {
            session.Close();
            return;
        }
        switch (packet.Type)
        {
            case SocketPacket.Connect: Connect(client, packet.Namespace); break;
            case SocketPacket.Disconnect:
                if (packet.Namespace == EventsNamespace) LeaveRooms(client);
                client.Namespaces.TryRemove(packet.Namespace, out _);
                break;
            case SocketPacket.Event when packet.Namespace == EventsNamespace && client.OnEvents:
                // Events without a handler are ignored and not acknowledged, as python-socketio does.
                if (packet.Data is JsonArray args && args.FirstOrDefault() is JsonValue first
                    && first.TryGetValue<string>(out var name) && ReviewRooms.Handles(name))
                    client.Enqueue(() => HandleAsync(client, name, args, packet.AckId));
                break;
        }
    }

    /// <summary>Zou's handlers return nothing: the acknowledgement, when asked for, is empty.</summary>
    async Task HandleAsync(SocketClient client, string name, JsonArray args, long? ackId)
    {
        await Run(() => rooms.HandleAsync(client, name, args));
        if (ackId is { } id) client.Send(new SocketPacket(SocketPacket.Ack, EventsNamespace, new JsonArray(), id));
    }

    /// <summary>A client's event handled; a failure is logged and neither the socket nor the hub goes down with it.</summary>
    async Task Run(Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (Exception e)
        {
            log.LogError(e, "A socket event could not be handled");
        }
    }

    /// <summary>The /events socket goes: after its pending events, its person leaves the review rooms (Zou's disconnect).</summary>
    void LeaveRooms(SocketClient client)
    {
        if (client.OnEvents) client.Enqueue(() => Run(() => rooms.DisconnectedAsync(client)));
    }

    void Connect(SocketClient client, string nsp)
    {
        if (nsp != "/" && nsp != EventsNamespace)
            client.Send(new SocketPacket(SocketPacket.ConnectError, nsp, new JsonObject { ["message"] = "Invalid namespace" }));
        else if (nsp == EventsNamespace && client.User is null)
            client.Send(new SocketPacket(SocketPacket.ConnectError, nsp, new JsonObject { ["message"] = Rejected }));
        else
        {
            var sid = Guid.NewGuid().ToString("N");
            client.Namespaces[nsp] = sid;
            client.Send(new SocketPacket(SocketPacket.Connect, nsp, new JsonObject { ["sid"] = sid }));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The project teams read for the messages waiting together (a burst): one query per project
        // instead of one per event. Forgotten once the bus is drained, and whenever a team may change.
        Dictionary<Guid, HashSet<Guid>> teams = [];
        try
        {
            await foreach (var message in bus.Received.ReadAllAsync(stoppingToken))
            {
                try
                {
                    switch (message)
                    {
                        case PublishedEvent { Room: { } room } published: DeliverToRoom(published, room); break;
                        case PublishedEvent published: await DeliverAsync(published, teams, stoppingToken); break;
                        case AccessEnded ended: Close(ended); break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Bus message {Message} could not be delivered to sockets", message.GetType().Name);
                }
                if (!bus.Received.TryPeek(out _)) teams.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>The event as its listeners get it, encoded once for all of them.</summary>
    static string FrameOf(PublishedEvent published) =>
        EnginePackets.Message + SocketPacket.EventOf(EventsNamespace, published.Name, published.Data).Encode();

    /// <summary>The room was entered with an access check: everyone in it hears its events.</summary>
    void DeliverToRoom(PublishedEvent published, string room)
    {
        var frame = FrameOf(published);
        foreach (var listener in clients.Values.Where(c => c.OnEvents && c.Rooms.ContainsKey(room))) listener.Session.Send(frame);
    }

    /// <summary>Sessions opened with the token (or any of the person's tokens) close; clients reconnect with what they now hold.</summary>
    void Close(AccessEnded ended)
    {
        foreach (var client in clients.Values.Where(c => c.User?.Id == ended.PersonId && (ended.TokenId is null || c.User.Token.Jti == ended.TokenId)))
            client.Session.Close();
    }

    async Task DeliverAsync(PublishedEvent published, Dictionary<Guid, HashSet<Guid>> teams, CancellationToken ct)
    {
        // Team changes are committed before they publish project:update; removing a person publishes person:*.
        if (published.Name.StartsWith("project:", StringComparison.Ordinal) || published.Name.StartsWith("person:", StringComparison.Ordinal))
            teams.Clear();
        var listeners = clients.Values.Where(c => c.OnEvents).ToList();
        if (listeners.Count == 0) return;
        if (published.ProjectId is { } project && listeners.Any(c => !c.User!.IsAdmin))
        {
            if (!teams.TryGetValue(project, out var team)) teams[project] = team = await TeamOfAsync(project, ct);
            listeners = [.. listeners.Where(c => c.User!.IsAdmin || team.Contains(c.User.Id))];
        }
        var frame = FrameOf(published);
        foreach (var listener in listeners) listener.Session.Send(frame);
    }

    async Task<HashSet<Guid>> TeamOfAsync(Guid projectId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        return [.. await db.ProjectPersonLinks.AsNoTracking().Where(l => l.ProjectId == projectId).Select(l => l.PersonId).ToListAsync(ct)];
    }
}
