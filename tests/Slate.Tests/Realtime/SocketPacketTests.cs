using System.Text.Json.Nodes;
using Slate.Realtime.EngineIo;
using Slate.Realtime.SocketIo;

namespace Slate.Tests.Realtime;

/// <summary>The Socket.IO v5 packet codec and the Engine.IO polling payload.</summary>
public class SocketPacketTests
{
    [Theory]
    [InlineData("0", 0, "/", null, null)]
    [InlineData("0/events,", 0, "/events", null, null)]
    [InlineData("0/events,{\"token\":\"x\"}", 0, "/events", null, "{\"token\":\"x\"}")]
    [InlineData("1/events,", 1, "/events", null, null)]
    [InlineData("2[\"hello\",1]", 2, "/", null, "[\"hello\",1]")]
    [InlineData("2/events,12[\"hello\"]", 2, "/events", 12L, "[\"hello\"]")]
    [InlineData("3/events,12[]", 3, "/events", 12L, "[]")]
    [InlineData("51-/events,[\"up\",{\"_placeholder\":true,\"num\":0}]", 5, "/events", null, "[\"up\",{\"_placeholder\":true,\"num\":0}]")]
    public void Decodes_type_namespace_ack_id_and_data(string text, int type, string nsp, long? ackId, string? data)
    {
        var packet = SocketPacket.Decode(text);
        Assert.NotNull(packet);
        Assert.Equal(type, packet.Type);
        Assert.Equal(nsp, packet.Namespace);
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal(data, packet.Data?.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("9")]
    [InlineData("x")]
    [InlineData("2[\"unterminated\"")]
    [InlineData("5[\"no attachment count\"]")]
    public void Refuses_what_is_not_a_packet(string text) => Assert.Null(SocketPacket.Decode(text));

    [Fact]
    public void Encodes_the_default_namespace_without_its_name_and_others_with_a_comma()
    {
        Assert.Equal("0{\"sid\":\"a\"}", new SocketPacket(SocketPacket.Connect, "/", new JsonObject { ["sid"] = "a" }).Encode());
        Assert.Equal("4/events,{\"message\":\"no\"}", new SocketPacket(SocketPacket.ConnectError, "/events", new JsonObject { ["message"] = "no" }).Encode());
        Assert.Equal("2/events,[\"task:update\",{\"task_id\":\"t\"}]",
            SocketPacket.EventOf("/events", "task:update", new JsonObject { ["task_id"] = "t" }).Encode());
        Assert.Equal("3/events,7[]", new SocketPacket(SocketPacket.Ack, "/events", new JsonArray(), 7).Encode());
    }

    [Fact]
    public void Polling_payloads_are_joined_with_the_record_separator()
    {
        Assert.Equal("2\x1e" + "40", EnginePackets.Join(["2", "40"]));
        Assert.Equal(["3", "40/events,"], EnginePackets.Split("3\x1e" + "40/events,"));
    }
}
