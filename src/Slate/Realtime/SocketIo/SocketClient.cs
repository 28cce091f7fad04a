using System.Collections.Concurrent;
using Slate.Realtime.EngineIo;
using Slate.Security;

namespace Slate.Realtime.SocketIo;

/// <summary>
/// An Engine.IO session's Socket.IO side: who opened it, the namespaces it joined and the review
/// rooms its /events socket is in.
/// </summary>
public sealed class SocketClient(EngineSession session, CurrentUser? user)
{
    readonly Lock gate = new();
    Task handling = Task.CompletedTask;

    public EngineSession Session { get; } = session;
    public CurrentUser? User { get; } = user;
    public ConcurrentDictionary<string, string> Namespaces { get; } = new();

    /// <summary>The review rooms (playlist ids) whose events this socket receives, with their project.</summary>
    public ConcurrentDictionary<string, Guid?> Rooms { get; } = new();

    public bool OnEvents => User is not null && Namespaces.ContainsKey(SocketHub.EventsNamespace);

    public void Send(SocketPacket packet) => Session.Send(EnginePackets.Message + packet.Encode());

    /// <summary>Runs the work after the client's earlier work: its events are handled in the order they came.</summary>
    public void Enqueue(Func<Task> work)
    {
        lock (gate) handling = handling.ContinueWith(_ => work(), TaskScheduler.Default).Unwrap();
    }
}
