using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/events (api_event): admins only, and an unpaginated list holds the latest 1000 rows.</summary>
public class EventsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var admin = await factory.AdminClientAsync();
        var name = Unique("test:");

        var created = await admin.PostAsJsonAsync("/api/data/events", new { name, data = new { shot_id = "x" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var apiEvent = await created.ReadJsonObjectAsync();
        Assert.Equal("ApiEvent", (string?)apiEvent["type"]);
        Assert.Equal("x", (string?)apiEvent["data"]!["shot_id"]);
        var id = (string)apiEvent["id"]!;

        Assert.Equal(id, (string?)Assert.Single((await (await admin.GetAsync($"/api/data/events?name={Uri.EscapeDataString(name)}")).JsonAsync()).AsArray())!["id"]);
        var page = await (await admin.GetAsync($"/api/data/events?name={Uri.EscapeDataString(name)}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        Assert.Equal(name, (string?)(await (await admin.GetAsync($"/api/data/events/{id}")).ReadJsonObjectAsync())["name"]);
        var put = await admin.PutAsJsonAsync($"/api/data/events/{id}", new { data = new { shot_id = "y" } });
        Assert.Equal("y", (string?)(await put.ReadJsonObjectAsync())["data"]!["shot_id"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/events/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_unpaginated_list_holds_the_latest_1000_oldest_first()
    {
        var admin = await factory.AdminClientAsync();
        var name = Unique("burst:");
        var start = new DateTime(2026, 1, 1);
        await factory.WithDb(async db =>
        {
            db.ApiEvents.AddRange(Enumerable.Range(0, 1005).Select(i => new ApiEvent { Name = name, CreatedAt = start.AddSeconds(i) }));
            return await db.SaveChangesAsync();
        });

        var rows = (await (await admin.GetAsync($"/api/data/events?name={Uri.EscapeDataString(name)}")).JsonAsync()).AsArray();

        Assert.Equal(1000, rows.Count);
        Assert.Equal("2026-01-01T00:00:05", (string?)rows[0]!["created_at"]);
        Assert.Equal("2026-01-01T00:16:44", (string?)rows[^1]!["created_at"]);
        var lastPage = await (await admin.GetAsync($"/api/data/events?name={Uri.EscapeDataString(name)}&page=2&limit=1000")).ReadJsonObjectAsync();
        Assert.Equal(1005, (int)lastPage["total"]!);
        Assert.Equal(5, lastPage["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Managers_are_refused()
    {
        var apiEvent = await factory.Save(new ApiEvent { Name = "project:update", Data = new JsonObject() });
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));

        await (await manager.GetAsync("/api/data/events")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/events/{apiEvent.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/events/{apiEvent.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
