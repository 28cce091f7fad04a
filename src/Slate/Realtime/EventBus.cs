using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace Slate.Realtime;

/// <summary>
/// What one node tells every node's socket hub (itself included). Polymorphic so that a bus
/// between processes can carry it as JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PublishedEvent), "event")]
[JsonDerivedType(typeof(AccessEnded), "access-ended")]
public abstract record BusMessage;

/// <summary>
/// An event for the sockets of the /events namespace, once its unit of work is committed (no
/// api_event id: Zou publishes before persisting). Sent to those who may read its project, or,
/// with <see cref="Room"/>, to the sockets in that review room only.
/// </summary>
public sealed record PublishedEvent(string Name, JsonObject Data, Guid? ProjectId, string? Room = null) : BusMessage;

/// <summary>
/// A person's access ended (logout, password change, deactivation, deletion): every hub closes
/// the /events sockets opened with that token, or all of the person's when <see cref="TokenId"/>
/// is null.
/// </summary>
public sealed record AccessEnded(Guid PersonId, string? TokenId) : BusMessage;

/// <summary>
/// Carries bus messages to every node's socket hub. In process for one node; over Redis
/// (KV_HOST) for several. Publishing never blocks nor fails the caller.
/// </summary>
public interface IEventBus
{
    void Publish(BusMessage message);
    ChannelReader<BusMessage> Received { get; }
}

/// <summary>One node: what is published here is received here.</summary>
public sealed class InProcessEventBus : IEventBus
{
    readonly Channel<BusMessage> channel = Channel.CreateUnbounded<BusMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(BusMessage message) => channel.Writer.TryWrite(message);
    public ChannelReader<BusMessage> Received => channel.Reader;
}
