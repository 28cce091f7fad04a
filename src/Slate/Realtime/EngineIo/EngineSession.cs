using System.Security.Cryptography;
using System.Threading.Channels;

namespace Slate.Realtime.EngineIo;

/// <summary>
/// One Engine.IO connection, whatever its transport: the packets waiting to go out (bounded: a
/// client too slow to read them is dropped, the sender never waits) and the pongs it answered.
/// </summary>
public sealed class EngineSession
{
    /// <summary>
    /// Packets a client may leave unread before it is dropped: ten bursts of issue 9's 1,000
    /// events, so a client a little slow during one is not dropped. An event's frame is one
    /// string shared by every session, so a full queue holds references, not copies.
    /// </summary>
    public const int QueueLimit = 10_000;

    readonly Channel<string> outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueLimit) { SingleReader = true });
    readonly SemaphoreSlim pongs = new(0);
    readonly CancellationTokenSource closing = new();

    public string Id { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    /// <summary>The websocket carries the packets; polling requests are refused from then on.</summary>
    public bool OnWebSocket { get; set; }

    public bool IsClosed => closing.IsCancellationRequested;
    public CancellationToken Closing => closing.Token;
    public ChannelReader<string> Outgoing => outgoing.Reader;

    /// <summary>Called once, when the session ends (by either side or by a timeout).</summary>
    public event Action<EngineSession>? Closed;

    /// <summary>Queues a packet; a full queue closes the session instead of waiting.</summary>
    public void Send(string packet)
    {
        if (!outgoing.Writer.TryWrite(packet)) Close();
    }

    public void Pong() => pongs.Release();

    /// <summary>True when the client answered a ping within the timeout.</summary>
    public async Task<bool> PongedAsync(TimeSpan timeout) => await pongs.WaitAsync(timeout, closing.Token);

    public void Close()
    {
        lock (closing)
        {
            if (closing.IsCancellationRequested) return;
            closing.Cancel();
        }
        outgoing.Writer.TryComplete();
        Closed?.Invoke(this);
    }
}
