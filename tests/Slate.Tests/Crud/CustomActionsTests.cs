using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/custom-actions: read by all but vendors, written by admins, a name is required.</summary>
public class CustomActionsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var admin = await factory.AdminClientAsync();
        var name = Unique("Send to farm ");
        var created = await admin.PostAsJsonAsync("/api/data/custom-actions", new { name, url = "https://example.com/farm", entity_type = "shot" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var action = await created.ReadJsonObjectAsync();
        Assert.False((bool)action["is_ajax"]!);
        var id = (string)action["id"]!;

        Assert.Single((await (await admin.GetAsync($"/api/data/custom-actions?name={Uri.EscapeDataString(name)}")).JsonAsync()).AsArray());
        var page = await (await admin.GetAsync("/api/data/custom-actions?page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(name, (string?)(await (await admin.GetAsync($"/api/data/custom-actions/{id}")).ReadJsonObjectAsync())["name"]);
        var put = await admin.PutAsJsonAsync($"/api/data/custom-actions/{id}", new { is_ajax = true });
        Assert.True((bool)(await put.ReadJsonObjectAsync())["is_ajax"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/custom-actions/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"url": "https://example.com"}""")]
    [InlineData("""{"name": null, "url": "https://example.com"}""")]
    public async Task A_name_is_required(string body)
    {
        var admin = await factory.AdminClientAsync();
        var before = await factory.WithDb(db => db.CustomActions.CountAsync());

        var response = await admin.PostAsync("/api/data/custom-actions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Responses.AssertJsonEqual(JsonNode.Parse("""{"error": true, "message": "The 'name' field is required and cannot be None.", "data": null}""")!,
            await response.JsonAsync());
        Assert.Equal(before, await factory.WithDb(db => db.CustomActions.CountAsync()));
    }

    [Fact]
    public async Task The_name_cannot_be_removed()
    {
        var admin = await factory.AdminClientAsync();
        var name = Unique("Publish ");
        var id = (string)(await (await admin.PostAsJsonAsync("/api/data/custom-actions", new { name })).ReadJsonObjectAsync())["id"]!;

        var response = await admin.PutAsync($"/api/data/custom-actions/{id}", new StringContent("""{"name": null}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The 'name' field cannot be set to None.", (string?)(await response.ReadJsonObjectAsync())["message"]);
        Assert.True(await factory.WithDb(db => db.CustomActions.AnyAsync(a => a.Name == name)));
    }

    [Fact]
    public async Task Everyone_but_vendors_lists_and_only_admins_write()
    {
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync("/api/data/custom-actions")).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"))).GetAsync("/api/data/custom-actions"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var name = Unique("Artist action ");
        await (await artist.PostAsJsonAsync("/api/data/custom-actions", new { name })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.CustomActions.AnyAsync(a => a.Name == name)));
    }
}
