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
/// projects they may read (all of them for admins; events of no project for everyone).
/// </summary>
public sealed class SocketHub(IEventBus bus, IServiceScopeFactory scopes, ILogger<SocketHub> log) : BackgroundService, IEngineHandler
{
    public const string EventsNamespace = "/events";
    // python-socketio's answer when a connect handler refuses, as Zou's does without a valid token.
    const string Rejected = "Connection rejected by server";

    /// <summary>An Engine.IO session's Socket.IO side: who opened it and the namespaces it joined.</summary>
    sealed record Client(EngineSession Session, CurrentUser? User)
    {
        public ConcurrentDictionary<string, string> Namespaces { get; } = new();
    }

    readonly ConcurrentDictionary<string, Client> clients = new();

    public void Opened(EngineSession session, HttpContext handshake)
    {
        // The handshake went through the authentication middleware: the caller is known, or not.
        clients[session.Id] = new Client(session, handshake.Items[typeof(CurrentUser)] as CurrentUser);
        session.Closed += closed => clients.TryRemove(closed.Id, out _);
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
            case SocketPacket.Disconnect: client.Namespaces.TryRemove(packet.Namespace, out _); break;
            // Events from clients (review rooms) have no handler yet: nothing to do, nothing to acknowledge.
        }
    }

    void Connect(Client client, string nsp)
    {
        if (nsp != "/" && nsp != EventsNamespace)
            Send(client, new SocketPacket(SocketPacket.ConnectError, nsp, new JsonObject { ["message"] = "Invalid namespace" }));
        else if (nsp == EventsNamespace && client.User is null)
            Send(client, new SocketPacket(SocketPacket.ConnectError, nsp, new JsonObject { ["message"] = Rejected }));
        else
        {
            var sid = Guid.NewGuid().ToString("N");
            client.Namespaces[nsp] = sid;
            Send(client, new SocketPacket(SocketPacket.Connect, nsp, new JsonObject { ["sid"] = sid }));
        }
    }

    static void Send(Client client, SocketPacket packet) => client.Session.Send(EnginePackets.Message + packet.Encode());

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
                        case PublishedEvent published: await DeliverAsync(published, teams, stoppingToken); break;
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

    async Task DeliverAsync(PublishedEvent published, Dictionary<Guid, HashSet<Guid>> teams, CancellationToken ct)
    {
        // Team changes are committed before they publish project:update; removing a person publishes person:*.
        if (published.Name.StartsWith("project:", StringComparison.Ordinal) || published.Name.StartsWith("person:", StringComparison.Ordinal))
            teams.Clear();
        var listeners = clients.Values.Where(c => c.User is not null && c.Namespaces.ContainsKey(EventsNamespace)).ToList();
        if (listeners.Count == 0) return;
        if (published.ProjectId is { } project && listeners.Any(c => !c.User!.IsAdmin))
        {
            if (!teams.TryGetValue(project, out var team)) teams[project] = team = await TeamOfAsync(project, ct);
            listeners = [.. listeners.Where(c => c.User!.IsAdmin || team.Contains(c.User.Id))];
        }
        var frame = EnginePackets.Message + SocketPacket.EventOf(EventsNamespace, published.Name, published.Data).Encode();
        foreach (var listener in listeners) listener.Session.Send(frame);
    }

    async Task<HashSet<Guid>> TeamOfAsync(Guid projectId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        return [.. await db.ProjectPersonLinks.AsNoTracking().Where(l => l.ProjectId == projectId).Select(l => l.PersonId).ToListAsync(ct)];
    }
}
