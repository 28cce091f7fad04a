using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slate.Realtime.SocketIo;

/// <summary>
/// A Socket.IO v5 packet, as carried in an Engine.IO message:
/// type digit, [attachments "-"], [namespace ","], [ack id], [JSON data].
/// </summary>
public sealed record SocketPacket(int Type, string Namespace = "/", JsonNode? Data = null, long? AckId = null)
{
    public const int Connect = 0, Disconnect = 1, Event = 2, Ack = 3, ConnectError = 4, BinaryEvent = 5, BinaryAck = 6;

    public string Encode()
    {
        var text = Type.ToString();
        if (Namespace != "/") text += Namespace + ",";
        if (AckId is { } id) text += id;
        if (Data is not null) text += Data.ToJsonString();
        return text;
    }

    /// <summary>The packet, or null when the text is not one (the connection is then dropped).</summary>
    public static SocketPacket? Decode(string text)
    {
        if (text.Length == 0 || text[0] is < '0' or > '6') return null;
        var type = text[0] - '0';
        var at = 1;
        if (type is BinaryEvent or BinaryAck)
        {
            // Binary attachments are not supported: the count is skipped, the packet still parses.
            var dash = text.IndexOf('-', at);
            if (dash < 0) return null;
            at = dash + 1;
        }
        var nsp = "/";
        if (at < text.Length && text[at] == '/')
        {
            var comma = text.IndexOf(',', at);
            nsp = comma < 0 ? text[at..] : text[at..comma];
            at = comma < 0 ? text.Length : comma + 1;
        }
        var idStart = at;
        while (at < text.Length && char.IsAsciiDigit(text[at])) at++;
        long? ackId = at > idStart && long.TryParse(text[idStart..at], out var id) ? id : null;
        JsonNode? data = null;
        if (at < text.Length)
        {
            try { data = JsonNode.Parse(text[at..]); }
            catch (JsonException) { return null; }
        }
        return new SocketPacket(type, nsp, data, ackId);
    }

    public static SocketPacket EventOf(string nsp, string name, JsonNode data) => new(Event, nsp, new JsonArray(name, data));
}
