using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/search-filters and /data/search-filter-groups: admin-only collections (people use /data/user/filters).</summary>
public class SearchFiltersTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_manages_groups_and_their_filters()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var client = await factory.ClientForAsync(admin);
        var name = "Reviews" + Guid.NewGuid().ToString("N")[..6];

        var group = await (await client.PostAsJsonAsync("/api/data/search-filter-groups",
            new { list_type = "asset", name, color = "#ab26ff", person_id = admin.Id })).ReadJsonObjectAsync();
        Assert.Equal(["color", "created_at", "department_id", "entity_type", "id", "is_shared", "list_type", "name", "person_id", "project_id", "type", "updated_at"],
            group.Select(p => p.Key).Order());
        var created = await client.PostAsJsonAsync("/api/data/search-filters", new
        {
            list_type = "asset", entity_type = "Asset", name = "Waiting", search_query = "modeling=wfa",
            search_filter_group_id = group["id"], person_id = admin.Id,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var filter = await created.ReadJsonObjectAsync();
        Assert.Equal("SearchFilter", (string?)filter["type"]);
        await client.PostAsJsonAsync("/api/data/search-filters",
            new { list_type = "shot", name = "Other", search_query = "x", search_filter_group_id = group["id"], person_id = admin.Id });

        var inGroup = (await (await client.GetAsync($"/api/data/search-filters?search_filter_group_id={group["id"]}&list_type=asset")).JsonAsync()).AsArray();
        Assert.Equal(filter["id"]!.ToString(), (string?)Assert.Single(inGroup)!["id"]);
        var page = await (await client.GetAsync($"/api/data/search-filters?search_filter_group_id={group["id"]}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["total"]!);
        Assert.Equal(name, (string?)(await (await client.GetAsync($"/api/data/search-filter-groups/{group["id"]}")).ReadJsonObjectAsync())["name"]);
        Assert.Single((await (await client.GetAsync($"/api/data/search-filter-groups?name={name}")).JsonAsync()).AsArray());

        var renamed = await (await client.PutAsJsonAsync($"/api/data/search-filters/{filter["id"]}", new { search_query = "modeling=done" })).ReadJsonObjectAsync();
        Assert.Equal("modeling=done", (string?)renamed["search_query"]);
        var recoloured = await (await client.PutAsJsonAsync($"/api/data/search-filter-groups/{group["id"]}", new { color = "#000000" })).ReadJsonObjectAsync();
        Assert.Equal("#000000", (string?)recoloured["color"]);

        // A group still holding filters cannot go (a foreign key), its filters can.
        var blocked = await client.DeleteAsync($"/api/data/search-filter-groups/{group["id"]}");
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await blocked.Content.ReadAsStringAsync());
        foreach (var row in (await (await client.GetAsync($"/api/data/search-filters?search_filter_group_id={group["id"]}")).JsonAsync()).AsArray())
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/search-filters/{row!["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/search-filter-groups/{group["id"]}")).StatusCode);
    }

    [Theory]
    [InlineData("search-filters")]
    [InlineData("search-filter-groups")]
    public async Task Others_are_refused_and_nothing_is_written(string path)
    {
        var manager = await factory.CreatePersonAsync("manager");
        var client = await factory.ClientForAsync(manager);
        var body = new JsonObject
        {
            ["list_type"] = "asset", ["name"] = "Mine", ["search_query"] = "x", ["color"] = "#000000", ["person_id"] = manager.Id.ToString(),
        };
        if (path == "search-filter-groups") body.Remove("search_query");

        await (await client.GetAsync($"/api/data/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync($"/api/data/{path}", body)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(async db =>
            await db.SearchFilters.AnyAsync(f => f.PersonId == manager.Id) || await db.SearchFilterGroups.AnyAsync(g => g.PersonId == manager.Id)));
    }
}
