using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Slate.Bench.Load;

/// <summary>
/// A minimal Kitsu: one Engine.IO v4 websocket joined to Socket.IO's /events namespace with a
/// bearer token, answering the server's pings and counting the events it receives (the
/// task:new ones by task id, to match them with the tasks created).
/// </summary>
public sealed class EventsSocket : IAsyncDisposable
{
    const string Events = "/events";
    // The events are recognized in the bytes received: decoding 500 sockets' packets would take the server's cores.
    static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("42" + Events + ",");
    static readonly byte[] TaskNew = Encoding.UTF8.GetBytes("42" + Events + ",[\"task:new\",");
    static readonly byte[] TaskIdKey = Encoding.UTF8.GetBytes("\"task_id\":\"");
    const int UuidLength = 36;

    readonly ClientWebSocket socket = new();
    readonly byte[] buffer = new byte[16 * 1024];
    readonly CancellationTokenSource stopping = new();
    Task reading = Task.CompletedTask;
    int received;
    long lastReceivedAt;

    /// <summary>The task ids of the task:new events received, in order.</summary>
    public List<string> TaskIds { get; } = [];

    public int Received => Volatile.Read(ref received);

    /// <summary>When the last event arrived (a <see cref="Stopwatch"/> timestamp), 0 before any.</summary>
    public long LastReceivedAt => Volatile.Read(ref lastReceivedAt);

    /// <summary>Why the socket ended before it was disposed (the server dropped it), null while it is open.</summary>
    public string? Dropped { get; private set; }

    /// <summary>Connected, the open packet read and /events joined; then reading in the background.</summary>
    public static async Task<EventsSocket> JoinAsync(Uri server, string token, CancellationToken ct)
    {
        var client = new EventsSocket();
        client.socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        var url = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" };
        await client.socket.ConnectAsync(url.Uri, ct);
        if (await client.ReadTextAsync(ct) is not { } open || !open.StartsWith("0{", StringComparison.Ordinal))
            throw new InvalidOperationException("The socket did not open with an Engine.IO open packet.");
        await client.SendAsync($"40{Events},", ct);
        while (await client.ReadTextAsync(ct) is { } packet)
        {
            if (packet.StartsWith($"40{Events},", StringComparison.Ordinal)) break;
            if (packet == "2") await client.SendAsync("3", ct);
            else throw new InvalidOperationException($"Joining {Events} answered {packet}");
        }
        client.reading = client.ReadEventsAsync();
        return client;
    }

    async Task ReadEventsAsync()
    {
        try
        {
            int length;
            while ((length = await ReadAsync(stopping.Token)) >= 0)
            {
                var packet = buffer.AsSpan(0, length);
                if (packet is [(byte)'2']) await SendAsync("3", stopping.Token);
                else if (packet.StartsWith(EventPrefix)) Count(packet);
            }
            Dropped = "closed by the server";
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            Dropped = e.Message;
        }
    }

    void Count(ReadOnlySpan<byte> packet)
    {
        if (packet.StartsWith(TaskNew) && packet.IndexOf(TaskIdKey) is var at and >= 0 && at + TaskIdKey.Length + UuidLength <= packet.Length)
            TaskIds.Add(Encoding.ASCII.GetString(packet.Slice(at + TaskIdKey.Length, UuidLength)));
        Volatile.Write(ref lastReceivedAt, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref received);
    }

    /// <summary>The next message's length in <see cref="buffer"/>, -1 once the server closes the socket.</summary>
    async Task<int> ReadAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
            if (read.MessageType == WebSocketMessageType.Close) return -1;
            length += read.Count;
            if (read.EndOfMessage) return length;
            if (length == buffer.Length) throw new IOException($"A message longer than {buffer.Length} bytes.");
        }
    }

    async Task<string?> ReadTextAsync(CancellationToken ct) =>
        await ReadAsync(ct) is var length and >= 0 ? Encoding.UTF8.GetString(buffer, 0, length) : null;

    Task SendAsync(string packet, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, true, ct);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await reading;
        socket.Abort();
        socket.Dispose();
        stopping.Dispose();
    }
}
