using System.Net;
using System.Net.Http.Json;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>A server whose Redis (KV_HOST) is unreachable from the start: nothing listens on its port.</summary>
public sealed class RedisAwayFactory : SlateFactory
{
    readonly int port = ServerProcess.FreePort();

    protected override bool KeepsLog => true;

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["KV_HOST"] = "127.0.0.1",
        ["KV_PORT"] = port.ToString(),
    };
}

/// <summary>Redis is optional even when configured: without it a node serves on its own.</summary>
public class RedisAwayTests(RedisAwayFactory factory) : IClassFixture<RedisAwayFactory>
{
    [Fact]
    public async Task A_node_started_without_its_Redis_serves_delivers_its_own_events_and_keeps_logouts()
    {
        Assert.Contains("is unreachable", await factory.LoggedAsync("Redis at 127.0.0.1"));
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await using var socket = await SocketTestClient.JoinAsync(factory, "/events", bearer: SocketTestClient.TokenOf(admin));
        Assert.StartsWith("40/events,", await socket.NextAsync());

        var created = await admin.PostAsJsonAsync("/api/data/departments", new { name = Unique("Dept"), color = "#112233" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (name, data) = await socket.NextEventAsync();
        Assert.Equal("department:new", name);
        Assert.Equal((string)(await created.ReadJsonObjectAsync())["id"]!, (string)data["department_id"]!);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/auth/authenticated")).StatusCode);
    }
}
