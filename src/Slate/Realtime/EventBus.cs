using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Slate.Realtime;

/// <summary>An event as it goes out to sockets once its unit of work is committed (no api_event id: Zou publishes before persisting).</summary>
public sealed record PublishedEvent(string Name, JsonObject Data, Guid? ProjectId);

/// <summary>
/// Carries committed events to every node's socket hub. In process only for now; a Redis bus
/// (several nodes) replaces this one without the hub or the commit hook changing.
/// </summary>
public interface IEventBus
{
    void Publish(PublishedEvent published);
    ChannelReader<PublishedEvent> Received { get; }
}

/// <summary>One node: what is published here is received here. Never blocks the publisher.</summary>
public sealed class InProcessEventBus : IEventBus
{
    readonly Channel<PublishedEvent> channel = Channel.CreateUnbounded<PublishedEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(PublishedEvent published) => channel.Writer.TryWrite(published);
    public ChannelReader<PublishedEvent> Received => channel.Reader;
}
