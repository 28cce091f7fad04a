using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/studios: reference data, read by everyone, written by admins.</summary>
public class StudiosTests(SlateFactory factory) : IClassFixture<SlateFactory>
{

    [Fact]
    public async Task Admin_creates_lists_reads_updates_and_deletes()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var name = Unique("Studio ");

        var created = await admin.PostAsJsonAsync("/api/data/studios", new { name, color = "#009688" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var studio = await created.ReadJsonObjectAsync();
        Assert.Equal(["archived", "color", "created_at", "id", "name", "type", "updated_at"], studio.Select(p => p.Key).Order());
        Assert.Equal("Studio", (string?)studio["type"]);
        await admin.PostAsJsonAsync("/api/data/studios", new { name = Unique("Studio "), color = "#000000", archived = true });

        var found = (await (await admin.GetAsync($"/api/data/studios?name={Uri.EscapeDataString(name.ToUpperInvariant())}")).JsonAsync()).AsArray();
        Assert.Equal(studio["id"]!.ToString(), (string?)Assert.Single(found)!["id"]);
        var page = await (await admin.GetAsync("/api/data/studios?archived=true&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.True((int)page["total"]! >= 1);
        Assert.All(page["data"]!.AsArray(), row => Assert.True((bool)row!["archived"]!));

        var updated = await (await admin.PutAsJsonAsync($"/api/data/studios/{studio["id"]}", new { archived = true })).ReadJsonObjectAsync();
        Assert.True((bool)updated["archived"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/studios/{studio["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/studios/{studio["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Everyone_reads_and_only_admins_write()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var studio = await (await admin.PostAsJsonAsync("/api/data/studios", new { name = Unique("Studio "), color = "#009688" })).ReadJsonObjectAsync();
        var vendor = await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"));
        var name = Unique("Studio ");

        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync("/api/data/studios")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync($"/api/data/studios/{studio["id"]}")).StatusCode);
        await (await vendor.PostAsJsonAsync("/api/data/studios", new { name, color = "#000000" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await vendor.PutAsJsonAsync($"/api/data/studios/{studio["id"]}", new { name })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await vendor.DeleteAsync($"/api/data/studios/{studio["id"]}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Studios.AnyAsync(s => s.Name == name)));
    }
}
