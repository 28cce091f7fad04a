using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/asset-instances: admins list, create and delete; the asset's team reads and changes one, within its project.</summary>
public class AssetInstancesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<AssetInstance> CreateInstanceAsync(Production production, int number = 1) =>
        factory.Save(new AssetInstance { AssetId = production.EntityId, Name = Unique("Hero_"), Number = number });

    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var shot = await factory.CreateTaskAsync(production);

        var created = await admin.PostAsJsonAsync("/api/data/asset-instances",
            new { asset_id = production.EntityId, name = "Hero_0001", number = 1, shots = new[] { shot.EntityId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var instance = await created.ReadJsonObjectAsync();
        Assert.Equal(shot.EntityId.ToString(), (string?)instance["shots"]![0]);
        var id = (string)instance["id"]!;
        await CreateInstanceAsync(production, 2);

        Assert.Equal(2, (await (await admin.GetAsync($"/api/data/asset-instances?asset_id={production.EntityId}")).JsonAsync()).AsArray().Count);
        Assert.Single((await (await admin.GetAsync($"/api/data/asset-instances?asset_id={production.EntityId}&number=2")).JsonAsync()).AsArray());
        var page = await (await admin.GetAsync($"/api/data/asset-instances?asset_id={production.EntityId}&page=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["total"]!);

        Assert.Equal("Hero_0001", (string?)(await (await admin.GetAsync($"/api/data/asset-instances/{id}")).ReadJsonObjectAsync())["name"]);
        var put = await admin.PutAsJsonAsync($"/api/data/asset-instances/{id}", new { description = "In the forest", number = 7 });
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("In the forest", (string?)updated["description"]);
        Assert.Equal(1, (int)updated["number"]!); // the number never changes through a PUT
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/asset-instances/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.AssetInstanceLinks.AnyAsync(l => l.AssetInstanceId == Guid.Parse(id))));
    }

    [Fact]
    public async Task The_team_reads_and_changes_one_within_the_project()
    {
        var production = await factory.CreateProductionAsync();
        var instance = await CreateInstanceAsync(production);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user"));
        var vendorApi = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "vendor"));
        var foreign = await factory.CreateProductionAsync();

        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync($"/api/data/asset-instances/{instance.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await artist.PutAsJsonAsync($"/api/data/asset-instances/{instance.Id}", new { description = "Moved left" })).StatusCode);
        await (await vendorApi.GetAsync($"/api/data/asset-instances/{instance.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("manager"))).GetAsync($"/api/data/asset-instances/{instance.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        await (await artist.PutAsJsonAsync($"/api/data/asset-instances/{instance.Id}", new { target_asset_id = foreign.EntityId }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/asset-instances/{instance.Id}", new { shots = new[] { foreign.EntityId } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var unchanged = await factory.WithDb(db => db.AssetInstances.AsNoTracking().SingleAsync(a => a.Id == instance.Id));
        Assert.Null(unchanged.TargetAssetId);
        Assert.Equal("Moved left", unchanged.Description);

        await (await artist.GetAsync("/api/data/asset-instances")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PostAsJsonAsync("/api/data/asset-instances", new { asset_id = production.EntityId }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.DeleteAsync($"/api/data/asset-instances/{instance.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
