using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Assets;

/// <summary>Asset types: the entity types that are not temporal (behavior-production.md §1.2).</summary>
public class AssetTypesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static List<string> Names(JsonArray rows) => [.. rows.Select(r => (string)r!["name"]!)];

    [Fact]
    public async Task Everyone_lists_asset_types_with_their_workflow_but_never_temporal_types()
    {
        var prop = await factory.EntityTypeAsync(TestData.Unique("Prop"));
        await factory.EntityTypeAsync("Shot");
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync());

        var rows = await ArrayAsync(await artist.GetAsync("/api/data/asset-types"));
        var row = Assert.Single(rows, r => (string?)r!["id"] == prop.Id.ToString())!;
        Assert.Equal("AssetType", (string?)row["type"]);
        Assert.Empty(row["task_types"]!.AsArray());
        Assert.DoesNotContain("Shot", Names(rows));

        var one = await (await artist.GetAsync($"/api/data/asset-types/{prop.Id}")).ReadJsonObjectAsync();
        Assert.Equal(prop.Name, (string?)one["name"]);
        Assert.Equal("AssetType", (string?)one["type"]);
        Assert.True(one.ContainsKey("task_types"));
        var named = await ArrayAsync(await artist.GetAsync($"/api/data/asset-types?name={prop.Name.ToLowerInvariant()}"));
        Assert.Equal([prop.Name], Names(named));
    }

    [Fact]
    public async Task A_temporal_type_or_a_malformed_id_is_not_an_asset_type()
    {
        var admin = await Admin();
        var shot = await factory.EntityTypeAsync("Shot");
        await (await admin.GetAsync($"/api/data/asset-types/{shot.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/asset-types/nope")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task The_project_filter_and_route_give_the_types_of_its_assets_to_its_team_only()
    {
        var member = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (member, null));
        var used = TestData.Unique("Used");
        await factory.CreateEntityAsync(project, used);
        await factory.EntityTypeAsync(TestData.Unique("Unused"));
        var client = await factory.ClientForAsync(member);

        Assert.Equal([used], Names(await ArrayAsync(await client.GetAsync($"/api/data/asset-types?project_id={project.Id}"))));
        var types = await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/asset-types"));
        Assert.Equal([used], Names(types));
        Assert.Equal("AssetType", (string?)types[0]!["type"]);
        Assert.False(types[0]!.AsObject().ContainsKey("task_types"));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/projects/{project.Id}/asset-types")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/asset-types?project_id={project.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await Admin()).GetAsync($"/api/data/projects/{Guid.NewGuid()}/asset-types")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_shot_gives_the_types_of_the_assets_cast_in_it()
    {
        var member = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (member, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var castType = TestData.Unique("Cast");
        var cast = await factory.CreateEntityAsync(project, castType);
        await factory.CreateEntityAsync(project, TestData.Unique("NotCast"));
        await factory.WithDb(db =>
        {
            db.EntityLinks.Add(new EntityLink { EntityInId = shot.Id, EntityOutId = cast.Id });
            return db.SaveChangesAsync();
        });

        var client = await factory.ClientForAsync(member);
        Assert.Equal([castType], Names(await ArrayAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/asset-types"))));
        await (await client.GetAsync($"/api/data/shots/{cast.Id}/asset-types")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/shots/{shot.Id}/asset-types")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
