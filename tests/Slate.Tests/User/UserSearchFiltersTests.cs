using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.User;

/// <summary>/data/user/filters and /data/user/filter-groups: the caller's saved searches (behavior-production.md §10).</summary>
public class UserSearchFiltersTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] FilterKeys =
        ["list_type", "entity_type", "name", "search_query", "is_shared", "department_id", "search_filter_group_id", "person_id",
         "project_id", "id", "created_at", "updated_at", "type"];

    static readonly string[] GroupKeys =
        ["list_type", "entity_type", "name", "color", "is_shared", "person_id", "project_id", "department_id", "id", "created_at",
         "updated_at", "type"];

    [Fact]
    public async Task An_artist_saves_a_filter_and_finds_it_by_list_type_and_project()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var client = await factory.ClientForAsync(artist);

        var created = await client.PostAsJsonAsync("/api/data/user/filters", new
        {
            name = "Waiting for approval", query = "modeling=wfa", list_type = "asset", entity_type = "Asset", project_id = project.Id,
            is_shared = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var filter = await created.ReadJsonObjectAsync();
        Assert.Equal(FilterKeys, filter.Select(p => p.Key));
        Assert.Equal("modeling=wfa", (string?)filter["search_query"]);
        Assert.Equal(artist.Id.ToString(), (string?)filter["person_id"]);
        Assert.False((bool)filter["is_shared"]!); // only the project's managers share
        var todo = await (await client.PostAsJsonAsync("/api/data/user/filters", new { name = "Mine", query = "wip" })).ReadJsonObjectAsync();
        Assert.Equal("todo", (string?)todo["list_type"]);

        var closed = await factory.CreateProjectAsync(false, (artist, null));
        await client.PostAsJsonAsync("/api/data/user/filters", new { name = "Old", query = "x", list_type = "asset", project_id = closed.Id });

        var listed = await (await client.GetAsync("/api/data/user/filters")).ReadJsonObjectAsync();
        AssertJsonEqual(new JsonObject
        {
            ["asset"] = new JsonObject { [project.Id.ToString()] = new JsonArray(filter.DeepClone()) },
            ["todo"] = new JsonObject { ["all"] = new JsonArray(todo.DeepClone()) },
        }, listed);
    }

    [Fact]
    public async Task Nobody_reads_changes_or_deletes_another_persons_filters()
    {
        var owner = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var admin = await factory.CreatePersonAsync("admin");
        var ownerClient = await factory.ClientForAsync(owner);
        var filter = await (await ownerClient.PostAsJsonAsync("/api/data/user/filters", new { name = "Mine", query = "wip" })).ReadJsonObjectAsync();
        var group = await (await ownerClient.PostAsJsonAsync("/api/data/user/filter-groups", new { name = "G", color = "#000000" })).ReadJsonObjectAsync();

        foreach (var intruder in new[] { await factory.ClientForAsync(other), await factory.ClientForAsync(admin) })
        {
            Assert.DoesNotContain((string?)filter["id"], ListedIds(await (await intruder.GetAsync("/api/data/user/filters")).ReadJsonObjectAsync()));
            Assert.DoesNotContain((string?)group["id"], ListedIds(await (await intruder.GetAsync("/api/data/user/filter-groups")).ReadJsonObjectAsync()));
            await (await intruder.PutAsJsonAsync($"/api/data/user/filters/{filter["id"]}", new { name = "Taken" }))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            await (await intruder.DeleteAsync($"/api/data/user/filters/{filter["id"]}"))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            await (await intruder.GetAsync($"/api/data/user/filter-groups/{group["id"]}"))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            await (await intruder.PutAsJsonAsync($"/api/data/user/filter-groups/{group["id"]}", new { name = "Taken" }))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            await (await intruder.DeleteAsync($"/api/data/user/filter-groups/{group["id"]}"))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            // Nor may they put their own filter in someone else's private group.
            await (await intruder.PostAsJsonAsync("/api/data/user/filters", new { name = "In", query = "x", search_filter_group_id = group["id"] }))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        }
        Assert.Equal("Mine", await factory.WithDb(db => db.SearchFilters.Where(f => f.Id == Guid.Parse((string)filter["id"]!)).Select(f => f.Name).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.SearchFilterGroups.AnyAsync(g => g.Id == Guid.Parse((string)group["id"]!))));
        await (await ownerClient.PutAsJsonAsync("/api/data/user/filters/not-a-uuid", new { name = "x" }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await ownerClient.PutAsJsonAsync($"/api/data/user/filters/{Guid.NewGuid()}", new { name = "x" }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    /// <summary>The ids of every row of a {list_type: {project: [rows]}} listing.</summary>
    static List<string?> ListedIds(JsonObject listing) =>
        [.. listing.SelectMany(byType => byType.Value!.AsObject().SelectMany(byProject => byProject.Value!.AsArray().Select(row => (string?)row!["id"])))];

    [Fact]
    public async Task The_owner_changes_and_deletes_a_filter()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var filter = await (await client.PostAsJsonAsync("/api/data/user/filters", new { name = "Mine", query = "wip" })).ReadJsonObjectAsync();
        var group = await (await client.PostAsJsonAsync("/api/data/user/filter-groups", new { name = "G" })).ReadJsonObjectAsync();

        var changed = await client.PutAsJsonAsync($"/api/data/user/filters/{filter["id"]}",
            new { name = "Renamed", search_query = "done", search_filter_group_id = group["id"] });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await changed.ReadJsonObjectAsync();
        Assert.Equal(FilterKeys, body.Select(p => p.Key));
        Assert.Equal(("Renamed", "done"), ((string?)body["name"], (string?)body["search_query"]));
        Assert.Equal((string?)group["id"], (string?)body["search_filter_group_id"]);
        var detached = await (await client.PutAsJsonAsync($"/api/data/user/filters/{filter["id"]}", new { search_filter_group_id = (Guid?)null }))
            .ReadJsonObjectAsync();
        Assert.Null(detached["search_filter_group_id"]);
        Assert.Equal("Renamed", (string?)detached["name"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/user/filters/{filter["id"]}")).StatusCode);
        Assert.Empty(await (await client.GetAsync("/api/data/user/filters")).ReadJsonObjectAsync());
        await (await client.DeleteAsync($"/api/data/user/filters/{filter["id"]}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_filters_body_is_validated_before_anything_is_saved()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);

        var missing = await client.PostAsJsonAsync("/api/data/user/filters", new { query = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        AssertJsonEqual(JsonNode.Parse("""{"error":true,"message":"Validation error.","data":{"errors":[{"field":"name","message":"Field required"}]}}""")!,
            await missing.JsonAsync());
        var empty = await client.PostAsJsonAsync("/api/data/user/filters", new { name = "n", query = "" });
        Assert.Equal("String should have at least 1 character", (string?)(await empty.JsonAsync())["data"]!["errors"]![0]!["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/data/user/filters", new { name = "n", query = "q", project_id = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/data/user/filters", new { name = new string('n', 201), query = "q" })).StatusCode);
        var unknownProject = await client.PostAsJsonAsync("/api/data/user/filters", new { name = "n", query = "q", project_id = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknownProject.StatusCode);
        Assert.NotNull((await unknownProject.JsonAsync())["message"]);
        await (await client.PostAsJsonAsync("/api/data/user/filters", new { name = "n", query = "q", department_id = Guid.NewGuid() }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsJsonAsync("/api/data/user/filters", new { name = "n", query = "q", search_filter_group_id = Guid.NewGuid() }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.False(await factory.WithDb(db => db.SearchFilters.AnyAsync(f => f.PersonId == artist.Id)));
    }

    [Fact]
    public async Task Managers_share_filters_with_their_team_and_departments_narrow_them()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var member = await factory.CreatePersonAsync();
        var artistOutside = await factory.CreatePersonAsync();
        var outsider = await factory.CreatePersonAsync();
        var department = await factory.CreateDepartmentAsync(member);
        var project = await factory.CreateProjectAsync(true, (manager, null), (member, null), (artistOutside, null));
        var managerClient = await factory.ClientForAsync(manager);

        var group = await (await managerClient.PostAsJsonAsync("/api/data/user/filter-groups",
            new { name = "Team", list_type = "shot", project_id = project.Id, is_shared = true })).ReadJsonObjectAsync();
        Assert.True((bool)group["is_shared"]!);
        var shared = await (await managerClient.PostAsJsonAsync("/api/data/user/filters",
            new { name = "Retakes", query = "rtk", list_type = "shot", project_id = project.Id, is_shared = true, search_filter_group_id = group["id"] }))
            .ReadJsonObjectAsync();
        Assert.True((bool)shared["is_shared"]!);
        var forDepartment = await (await managerClient.PostAsJsonAsync("/api/data/user/filters",
            new { name = "Dept", query = "d", list_type = "shot", project_id = project.Id, is_shared = true, department_id = department.Id }))
            .ReadJsonObjectAsync();
        await (await managerClient.PostAsJsonAsync("/api/data/user/filters",
                new { name = "Mixed", query = "x", list_type = "shot", project_id = project.Id, search_filter_group_id = group["id"] }))
            .AssertWrongParameterAsync("A search filter should have the same value for is_shared than its search filter group.");

        List<string?> Names(JsonObject listing) => [.. (listing["shot"]?[project.Id.ToString()]?.AsArray() ?? []).Select(f => (string?)f!["name"]).Order()];
        Assert.Equal(["Dept", "Retakes"], Names(await (await (await factory.ClientForAsync(member)).GetAsync("/api/data/user/filters")).ReadJsonObjectAsync()));
        Assert.Equal(["Retakes"], Names(await (await (await factory.ClientForAsync(artistOutside)).GetAsync("/api/data/user/filters")).ReadJsonObjectAsync()));
        Assert.Empty(await (await (await factory.ClientForAsync(outsider)).GetAsync("/api/data/user/filters")).ReadJsonObjectAsync());
        var memberGroups = await (await (await factory.ClientForAsync(member)).GetAsync("/api/data/user/filter-groups")).ReadJsonObjectAsync();
        Assert.Equal((string?)group["id"], (string?)memberGroups["shot"]![project.Id.ToString()]![0]!["id"]);
        Assert.Equal(forDepartment["id"]!.ToString(), (await factory.WithDb(db => db.SearchFilters.SingleAsync(f => f.DepartmentId == department.Id))).Id.ToString());

        // Unsharing the group takes its filters along.
        var unshared = await (await managerClient.PutAsJsonAsync($"/api/data/user/filter-groups/{group["id"]}", new { is_shared = false, color = "#123456" }))
            .ReadJsonObjectAsync();
        Assert.Equal(GroupKeys, unshared.Select(p => p.Key));
        Assert.False((bool)unshared["is_shared"]!);
        Assert.Equal("#123456", (string?)unshared["color"]);
        Assert.False(await factory.WithDb(db => db.SearchFilters.Where(f => f.Id == Guid.Parse((string)shared["id"]!)).Select(f => f.IsShared).SingleAsync()));
        Assert.Equal(["Dept"], Names(await (await (await factory.ClientForAsync(member)).GetAsync("/api/data/user/filters")).ReadJsonObjectAsync()));
        // Sharing again without naming a project the caller manages is turned down.
        var again = await (await managerClient.PutAsJsonAsync($"/api/data/user/filter-groups/{group["id"]}", new { is_shared = true })).ReadJsonObjectAsync();
        Assert.False((bool)again["is_shared"]!);
    }

    [Fact]
    public async Task Filter_groups_are_created_read_and_deleted_with_their_filters()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var client = await factory.ClientForAsync(artist);

        var created = await client.PostAsJsonAsync("/api/data/user/filter-groups",
            new { name = "Reviews", color = "#ab26ff", list_type = "asset", project_id = project.Id, is_shared = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = await created.ReadJsonObjectAsync();
        Assert.Equal(GroupKeys, group.Select(p => p.Key));
        Assert.Equal("SearchFilterGroup", (string?)group["type"]);
        var older = await (await client.PostAsJsonAsync("/api/data/user/filter-groups", new { name = "Plain" })).ReadJsonObjectAsync();
        Assert.Equal(("todo", ""), ((string?)older["list_type"], (string?)older["color"]));
        var tooLong = await client.PostAsJsonAsync("/api/data/user/filter-groups", new { name = "Bad", color = "#123456789" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("color", (string?)(await tooLong.JsonAsync())["data"]!["errors"]![0]!["field"]);

        var one = await client.GetAsync($"/api/data/user/filter-groups/{group["id"]}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        AssertJsonEqual(group, await one.JsonAsync());
        var listed = await (await client.GetAsync("/api/data/user/filter-groups")).ReadJsonObjectAsync();
        Assert.Equal((string?)group["id"], (string?)listed["asset"]![project.Id.ToString()]![0]!["id"]);
        Assert.Equal((string?)older["id"], (string?)listed["todo"]!["all"]![0]!["id"]);

        var filter = await (await client.PostAsJsonAsync("/api/data/user/filters",
            new { name = "In group", query = "x", list_type = "asset", project_id = project.Id, search_filter_group_id = group["id"] })).ReadJsonObjectAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/user/filter-groups/{group["id"]}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.SearchFilters.AnyAsync(f => f.Id == Guid.Parse((string)filter["id"]!))));
        await (await client.GetAsync($"/api/data/user/filter-groups/{group["id"]}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Bots_are_refused()
    {
        var bot = await factory.BotClientAsync("admin");
        await (await bot.GetAsync("/api/data/user/filters")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await bot.PostAsJsonAsync("/api/data/user/filter-groups", new { name = "G" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/data/user/filters")).StatusCode);
    }
}
