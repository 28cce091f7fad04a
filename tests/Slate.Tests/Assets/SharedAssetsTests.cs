using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Assets;

/// <summary>Sharing assets with other projects and listing the shared ones a project uses (behavior-production.md §1.9, §11 check 10).</summary>
public class SharedAssetsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    Task<bool> SharedAsync(Entity asset) => factory.WithDb(db => db.Entities.Where(e => e.Id == asset.Id).Select(e => e.IsShared).SingleAsync());

    [Fact]
    public async Task Managers_of_every_project_involved_share_the_assets_given()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await ProjectAsync((manager, "manager"));
        var other = await ProjectAsync();
        var asset = await factory.CreateEntityAsync(project);
        var foreign = await factory.CreateEntityAsync(other);
        var client = await factory.ClientForAsync(manager);

        var shared = await ArrayAsync(await client.PostAsJsonAsync("/api/actions/assets/share", new { asset_ids = new[] { asset.Id } }));
        var row = Assert.Single(shared)!;
        Assert.True((bool)row["is_shared"]!);
        Assert.Equal("Asset", (string?)row["type"]);
        Assert.True(await SharedAsync(asset));
        Assert.Contains("asset:update", await factory.EventsAsync("asset_id", asset.Id));

        await (await client.PostAsJsonAsync("/api/actions/assets/share", new { asset_ids = new[] { asset.Id, foreign.Id } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await SharedAsync(foreign));
        await (await client.PostAsJsonAsync("/api/actions/assets/share", new { asset_ids = new[] { Guid.NewGuid() } }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/actions/assets/share", new { asset_ids = new[] { "x" } })).StatusCode);
    }

    [Fact]
    public async Task A_project_shares_all_some_or_one_types_assets()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, "manager"), (artist, null));
        var prop = await factory.EntityTypeAsync(TestData.Unique("Prop"));
        var hero = await factory.CreateEntityAsync(project);
        var sword = await factory.CreateEntityAsync(project, prop.Name);
        var foreign = await factory.CreateEntityAsync(await ProjectAsync());
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/actions/projects/{project.Id}";

        Assert.Equal(Ids(sword), Ids(await ArrayAsync(await client.PostAsJsonAsync($"{path}/asset-types/{prop.Id}/assets/share", new { }))));
        Assert.True(await SharedAsync(sword));
        Assert.False(await SharedAsync(hero));
        Assert.Equal(Ids(hero), Ids(await ArrayAsync(await client.PostAsJsonAsync($"{path}/assets/share", new { asset_ids = new[] { hero.Id, foreign.Id } }))));
        Assert.False(await SharedAsync(foreign));
        var unshared = await ArrayAsync(await client.PostAsJsonAsync($"{path}/assets/share", new { is_shared = false }));
        Assert.Equal(Ids(hero, sword), Ids(unshared));
        Assert.False(await SharedAsync(hero));

        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync($"{path}/assets/share", new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistClient.PostAsJsonAsync($"{path}/asset-types/{prop.Id}/assets/share", new { }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await SharedAsync(sword));
    }

    [Fact]
    public async Task Shared_used_lists_other_projects_shared_assets_cast_in_the_projects_shots()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var library = await ProjectAsync();
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var otherEpisode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var shared = await factory.CreateEntityAsync(library, "Character", e => e.IsShared = true);
        var notShared = await factory.CreateEntityAsync(library);
        var own = await factory.CreateEntityAsync(project, "Character", e => e.IsShared = true);
        await factory.WithDb(db =>
        {
            db.EntityLinks.AddRange(
                new EntityLink { EntityInId = shot.Id, EntityOutId = shared.Id },
                new EntityLink { EntityInId = shot.Id, EntityOutId = notShared.Id },
                new EntityLink { EntityInId = shot.Id, EntityOutId = own.Id });
            return db.SaveChangesAsync();
        });

        var client = await factory.ClientForAsync(member);
        Assert.Equal(Ids(shared), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/assets/shared-used"))));
        Assert.Equal(Ids(shared), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/episodes/{episode.Id}/assets/shared-used"))));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/episodes/{otherEpisode.Id}/assets/shared-used")));
        await (await client.GetAsync($"/api/data/projects/{project.Id}/episodes/{shot.Id}/assets/shared-used"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/projects/{project.Id}/assets/shared-used")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
