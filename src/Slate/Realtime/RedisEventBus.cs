using System.Text.Json;
using System.Threading.Channels;
using Slate.Data;
using StackExchange.Redis;

namespace Slate.Realtime;

/// <summary>
/// Several nodes sharing one Redis (KV_HOST): what a node publishes goes to its own hub at once
/// (its sockets keep working while Redis is away) and, through one Redis channel, to the other
/// nodes' hubs. Publishing only queues; a background loop sends the queue to Redis in order.
/// Messages published while Redis is unreachable reach this node's sockets only.
/// </summary>
public sealed class RedisEventBus(KeyValueStore store, ILogger<RedisEventBus> log) : BackgroundService, IEventBus
{
    /// <summary>
    /// Redis channels are server-wide (no database index); the name keeps Slate's messages apart
    /// from Zou's own socket server's.
    /// </summary>
    static readonly RedisChannel Channel = RedisChannel.Literal("slate:events");

    /// <summary>How many messages may wait for Redis before new ones go to this node only.</summary>
    const int QueueLimit = 10_000;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What travels on the channel: the message and the node it comes from.</summary>
    sealed record Envelope(Guid Node, BusMessage Message);

    readonly Guid node = Guid.NewGuid();
    readonly Channel<BusMessage> received = System.Threading.Channels.Channel.CreateUnbounded<BusMessage>(new UnboundedChannelOptions { SingleReader = true });
    readonly Channel<BusMessage> outgoing = System.Threading.Channels.Channel.CreateBounded<BusMessage>(
        new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    int overflowing;

    public ChannelReader<BusMessage> Received => received.Reader;

    public void Publish(BusMessage message)
    {
        received.Writer.TryWrite(message);
        if (outgoing.Writer.TryWrite(message)) return;
        if (Interlocked.Exchange(ref overflowing, 1) == 0)
            log.LogWarning("More than {Limit} bus messages wait for Redis; new ones reach this node's sockets only", QueueLimit);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var connection = await store.ConnectionAsync().WaitAsync(stoppingToken);
            await Task.WhenAll(ListenAsync(connection, stoppingToken), SendQueueAsync(connection, stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Subscribes once Redis is reachable (the connection subscribes again by itself after each
    /// reconnection); a queue keeps the messages of each node in the order it sent them.
    /// </summary>
    async Task ListenAsync(ConnectionMultiplexer connection, CancellationToken stoppingToken)
    {
        var subscriber = connection.GetSubscriber();
        while (true)
        {
            if (connection.IsConnected)
            {
                try
                {
                    // What an attempt cut short by Redis going away left registered goes first: no message twice.
                    await subscriber.UnsubscribeAsync(Channel);
                    (await subscriber.SubscribeAsync(Channel)).OnMessage(FromOtherNode);
                    return;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    // Gone again meanwhile: tried again once connected.
                }
            }
            await Task.Delay(500, stoppingToken);
        }
    }

    /// <summary>Sends what is queued, pipelined in order; dropped while Redis is unreachable.</summary>
    async Task SendQueueAsync(ConnectionMultiplexer connection, CancellationToken stoppingToken)
    {
        var subscriber = connection.GetSubscriber();
        var sends = new List<Task>();
        while (await outgoing.Reader.WaitToReadAsync(stoppingToken))
        {
            while (outgoing.Reader.TryRead(out var message))
            {
                if (connection.IsConnected)
                    sends.Add(subscriber.PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(node, message), Json)));
            }
            Volatile.Write(ref overflowing, 0);
            try
            {
                await Task.WhenAll(sends);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Redis went away meanwhile: the store logs it, and those messages stay on this node.
            }
            sends.Clear();
        }
    }

    void FromOtherNode(ChannelMessage message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((string)message.Message!, Json);
            if (envelope is not null && envelope.Node != node) received.Writer.TryWrite(envelope.Message);
        }
        catch (JsonException e)
        {
            log.LogWarning(e, "A message on Redis channel {Channel} is not a Slate bus message", Channel);
        }
    }
}
