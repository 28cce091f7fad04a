using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using TaskData = Slate.Tests.Crud.TaskData;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Assets;

/// <summary>An asset's casting, where it is cast, and its asset instances (behavior-production.md §1.10, §7, §11 check 40).</summary>
public class CastingTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    static async Task<JsonObject> ObjectAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    Task<List<(Guid Out, int? Occurences, string? Label)>> LinksAsync(Entity entity) => factory.WithDb(async db =>
        (await db.EntityLinks.Where(l => l.EntityInId == entity.Id).ToListAsync())
            .Select(l => (l.EntityOutId, l.NbOccurences, l.Label)).OrderBy(l => l.EntityOutId).ToList());

    Task<Entity> ReloadAsync(Entity entity) => factory.WithDb(db => db.Entities.SingleAsync(e => e.Id == entity.Id));

    async Task<List<JsonObject>> EventDataAsync(string name, string key, Guid id) =>
        [.. (await TaskData.EventsAsync(factory, name, key, id)).Select(e => e.Data!.AsObject())];

    [Fact]
    public async Task Managers_replace_an_assets_casting_which_its_team_reads()
    {
        var manager = await factory.CreatePersonAsync();
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, "manager"), (artist, null));
        var prop = await factory.EntityTypeAsync(TestData.Unique("Prop"));
        var hero = await factory.CreateEntityAsync(project);
        var sword = await factory.CreateEntityAsync(project, prop.Name, e => e.Name = "Sword");
        var shield = await factory.CreateEntityAsync(project, prop.Name, e => e.Name = "Shield");
        var broken = await factory.CreateEntityAsync(project, prop.Name, e => e.Canceled = true);
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/data/assets/{hero.Id}/casting";

        var body = new JsonArray
        {
            new JsonObject { ["asset_id"] = sword.Id.ToString(), ["nb_occurences"] = 2, ["label"] = "belt" },
            new JsonObject { ["asset_id"] = shield.Id.ToString(), ["nb_occurences"] = 1 },
            new JsonObject { ["asset_id"] = broken.Id.ToString(), ["nb_occurences"] = 1 },
            new JsonObject { ["asset_id"] = sword.Id.ToString() },
        };
        var answer = await ArrayAsync(await client.PutAsJsonAsync(path, body));
        Responses.AssertJsonEqual(body, answer);
        Assert.Equal(
            [(sword.Id, 2, "belt"), (shield.Id, 1, ""), (broken.Id, 1, "")],
            (await LinksAsync(hero)).OrderBy(l => l.Out == sword.Id ? 0 : l.Out == shield.Id ? 1 : 2).ToList());
        Assert.Equal(4, (await ReloadAsync(hero)).NbEntitiesOut);
        var update = Assert.Single(await EventDataAsync("asset:casting-update", "asset_id", hero.Id));
        Assert.Equal(4, (int)update["nb_entities_out"]!);
        Assert.Equal([.. new[] { sword.Id, shield.Id, broken.Id }.Select(id => id.ToString()).Order(StringComparer.Ordinal)],
            update["added_asset_ids"]!.AsArray().Select(id => (string)id!).ToList());
        Assert.Empty(update["removed_asset_ids"]!.AsArray());
        Assert.Equal(project.Id.ToString(), (string?)update["project_id"]);
        Assert.Equal(3, (await EventDataAsync("entity-link:new", "entity_in_id", hero.Id)).Count);

        var artistClient = await factory.ClientForAsync(artist);
        var casting = await ArrayAsync(await artistClient.GetAsync(path));
        Responses.AssertJsonEqual(new JsonArray
        {
            new JsonObject
            {
                ["asset_id"] = shield.Id.ToString(), ["asset_name"] = "Shield", ["asset_type_name"] = prop.Name, ["ready_for"] = null,
                ["episode_id"] = null, ["preview_file_id"] = null, ["nb_occurences"] = 1, ["label"] = "", ["is_shared"] = false,
                ["project_id"] = project.Id.ToString(),
            },
            new JsonObject
            {
                ["asset_id"] = sword.Id.ToString(), ["asset_name"] = "Sword", ["asset_type_name"] = prop.Name, ["ready_for"] = null,
                ["episode_id"] = null, ["preview_file_id"] = null, ["nb_occurences"] = 2, ["label"] = "belt", ["is_shared"] = false,
                ["project_id"] = project.Id.ToString(),
            },
        }, casting);
        var cast = await ArrayAsync(await artistClient.GetAsync($"/api/data/assets/{hero.Id}/assets"));
        Assert.Equal([broken.Name, "Shield", "Sword"], cast.Select(r => (string)r!["name"]!).ToList());
        Assert.All(cast, r => Assert.Equal("Asset", (string?)r!["type"]));

        await ArrayAsync(await client.PutAsJsonAsync(path, new JsonArray { new JsonObject { ["asset_id"] = shield.Id.ToString(), ["nb_occurences"] = 3 } }));
        Assert.Equal([(shield.Id, 3, "")], await LinksAsync(hero));
        var shrink = (await EventDataAsync("asset:casting-update", "asset_id", hero.Id)).Single(e => (int)e["nb_entities_out"]! == 1);
        Assert.Empty(shrink["added_asset_ids"]!.AsArray());
        Assert.Equal(2, shrink["removed_asset_ids"]!.AsArray().Count);

        await (await artistClient.PutAsJsonAsync(path, new JsonArray())).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Single(await LinksAsync(hero));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var route in (string[])["casting", "cast-in", "assets"])
            await (await outsider.GetAsync($"/api/data/assets/{hero.Id}/{route}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Bad_casting_bodies_are_refused_before_anything_is_written()
    {
        var manager = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, "manager"));
        var hero = await factory.CreateEntityAsync(project);
        var sword = await factory.CreateEntityAsync(project);
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var foreign = await factory.CreateEntityAsync(await ProjectAsync());
        var shared = await factory.CreateEntityAsync(await ProjectAsync(), "Character", e => e.IsShared = true);
        await factory.CastAsync(hero, sword);
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/data/assets/{hero.Id}/casting";
        JsonArray Cast(JsonNode? assetId, JsonNode? occurences) =>
            [new JsonObject { ["asset_id"] = assetId, ["nb_occurences"] = occurences }];

        await Responses.AssertWrongParameterAsync(await client.PutAsJsonAsync(path, new { asset_id = sword.Id }), "Request body must be a JSON array.");
        await Responses.AssertWrongParameterAsync(await client.PutAsJsonAsync(path, new JsonArray(1)), "Casting items must be JSON objects.");
        await Responses.AssertWrongParameterAsync(await client.PutAsJsonAsync(path, Cast("x", 1)), "asset_id must be an asset id.");
        await Responses.AssertWrongParameterAsync(await client.PutAsJsonAsync(path, Cast(sword.Id.ToString(), -1)),
            "nb_occurences must be a whole number, not negative.");
        var longLabel = new JsonArray { new JsonObject { ["asset_id"] = sword.Id.ToString(), ["nb_occurences"] = 1, ["label"] = new string('x', 81) } };
        await Responses.AssertWrongParameterAsync(await client.PutAsJsonAsync(path, longLabel), "label must be a text of 80 characters at most.");
        foreach (var missing in new[] { Guid.NewGuid(), shot.Id, foreign.Id })
            await (await client.PutAsJsonAsync(path, Cast(missing.ToString(), 1))).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PutAsJsonAsync($"/api/data/assets/{shot.Id}/casting", new JsonArray()))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal([(sword.Id, 1, "")], await LinksAsync(hero));
        Assert.Empty(await EventDataAsync("asset:casting-update", "asset_id", hero.Id));

        await ArrayAsync(await client.PutAsJsonAsync(path, Cast(shared.Id.ToString(), 1)));
        Assert.Equal([(shared.Id, 1, "")], await LinksAsync(hero));
    }

    [Fact]
    public async Task Cast_in_lists_the_shots_then_the_assets_the_caller_reaches()
    {
        var member = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await ProjectAsync((member, null), (vendor, null));
        var episode = await factory.CreateEntityAsync(project, "Episode", e => e.Name = "E01");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ01"; e.ParentId = episode.Id; });
        var loose = await factory.CreateEntityAsync(project, "Sequence", e => e.Name = "SQ00");
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH010"; e.ParentId = sequence.Id; });
        var looseShot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH001"; e.ParentId = loose.Id; });
        var canceled = await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = sequence.Id; e.Canceled = true; });
        var sword = await factory.CreateEntityAsync(project, "Character", e => e.IsShared = true);
        var hero = await factory.CreateEntityAsync(project);
        var elsewhere = await factory.CreateEntityAsync(await ProjectAsync(), "Shot", e => e.ParentId = sequence.Id);
        foreach (var holder in new[] { shot, looseShot, canceled, hero, elsewhere }) await factory.CastAsync(holder, sword);

        var rows = await ArrayAsync(await (await factory.ClientForAsync(member)).GetAsync($"/api/data/assets/{sword.Id}/cast-in"));
        Responses.AssertJsonEqual(new JsonArray
        {
            new JsonObject
            {
                ["shot_id"] = shot.Id.ToString(), ["shot_name"] = "SH010", ["sequence_name"] = "SQ01", ["episode_id"] = episode.Id.ToString(),
                ["episode_name"] = "E01", ["preview_file_id"] = null, ["nb_occurences"] = 1,
            },
            new JsonObject
            {
                ["shot_id"] = looseShot.Id.ToString(), ["shot_name"] = "SH001", ["sequence_name"] = "SQ00", ["episode_id"] = "None",
                ["episode_name"] = null, ["preview_file_id"] = null, ["nb_occurences"] = 1,
            },
            new JsonObject
            {
                ["asset_id"] = hero.Id.ToString(), ["asset_name"] = hero.Name, ["asset_type_name"] = "Character",
                ["preview_file_id"] = null, ["nb_occurences"] = 1,
            },
        }, rows);

        var vendorClient = await factory.ClientForAsync(vendor);
        await (await vendorClient.GetAsync($"/api/data/assets/{sword.Id}/cast-in")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.CreateTaskAsync(sword, vendor);
        await factory.CreateTaskAsync(shot, vendor);
        var reached = await ArrayAsync(await vendorClient.GetAsync($"/api/data/assets/{sword.Id}/cast-in"));
        Assert.Equal([shot.Id.ToString()], reached.Select(r => (string?)r!["shot_id"]).ToList());
    }

    [Fact]
    public async Task Managers_place_asset_instances_inside_an_asset_and_the_team_lists_them()
    {
        var manager = await factory.CreatePersonAsync();
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, "manager"), (artist, null));
        var hero = await factory.CreateEntityAsync(project);
        var sword = await factory.CreateEntityAsync(project, "Character", e => e.Name = "Big Sword");
        var foreign = await factory.CreateEntityAsync(await ProjectAsync());
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/data/assets/{hero.Id}/asset-asset-instances";

        var first = await ObjectAsync(await client.PostAsJsonAsync(path, new { asset_to_instantiate_id = sword.Id, description = "On the hero" }),
            HttpStatusCode.Created);
        Assert.Equal(
            ["asset_id", "name", "number", "description", "active", "data", "scene_id", "target_asset_id", "entity_id", "entity_type_id",
                "id", "created_at", "updated_at", "type"],
            first.Select(p => p.Key).ToList());
        Assert.Equal("Big_Sword_0001", (string?)first["name"]);
        Assert.Equal(hero.Id.ToString(), (string?)first["target_asset_id"]);
        Assert.Equal("AssetInstance", (string?)first["type"]);
        var second = await ObjectAsync(await client.PostAsJsonAsync(path, new { asset_to_instantiate_id = sword.Id }), HttpStatusCode.Created);
        Assert.Equal(2, (int)second["number"]!);
        Assert.Equal("Big_Sword_0002", (string?)second["name"]);
        Assert.Single(await EventDataAsync("asset_instance:new", "asset_instance_id", Guid.Parse((string)first["id"]!)));

        var artistClient = await factory.ClientForAsync(artist);
        var inside = await ObjectAsync(await artistClient.GetAsync(path));
        Assert.Equal([sword.Id.ToString()], inside.Select(p => p.Key).ToList());
        Assert.Equal([1, 2], inside[sword.Id.ToString()]!.AsArray().Select(i => (int)i!["number"]!).ToList());

        await (await artistClient.PostAsJsonAsync(path, new { asset_to_instantiate_id = sword.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync(path, new { asset_to_instantiate_id = foreign.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var invalid = await ObjectAsync(await client.PostAsJsonAsync(path, new { description = "none" }), HttpStatusCode.BadRequest);
        Assert.Equal("asset_to_instantiate_id", (string?)invalid["data"]!["errors"]![0]!["field"]);
        Assert.Equal(2, await factory.WithDb(db => db.AssetInstances.CountAsync(i => i.TargetAssetId == hero.Id)));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task An_assets_instances_are_listed_by_shot_and_by_scene()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var tree = await factory.CreateEntityAsync(project);
        var forest = await factory.CreateEntityAsync(project);
        var scene = await factory.CreateEntityAsync(project, "Scene");
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var (inScene, inForest) = await factory.WithDb(async db =>
        {
            var a = new AssetInstance { AssetId = tree.Id, SceneId = scene.Id, Number = 1, Name = "Tree_0001" };
            var b = new AssetInstance { AssetId = tree.Id, TargetAssetId = forest.Id, Number = 1, Name = "Tree_0001" };
            db.AssetInstances.AddRange(a, b);
            db.AssetInstanceLinks.Add(new AssetInstanceLink { EntityId = shot.Id, AssetInstanceId = a.Id });
            await db.SaveChangesAsync();
            return (a, b);
        });
        var client = await factory.ClientForAsync(member);

        var byShot = await ObjectAsync(await client.GetAsync($"/api/data/assets/{tree.Id}/shot-asset-instances"));
        Assert.Equal([shot.Id.ToString()], byShot.Select(p => p.Key).ToList());
        Assert.Equal(inScene.Id.ToString(), (string?)byShot[shot.Id.ToString()]![0]!["id"]);
        var byScene = await ObjectAsync(await client.GetAsync($"/api/data/assets/{tree.Id}/scene-asset-instances"));
        Assert.Equal(new[] { scene.Id.ToString(), "None" }.Order(), byScene.Select(p => p.Key).Order());
        Assert.Equal(inForest.Id.ToString(), (string?)byScene["None"]![0]!["id"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var route in (string[])["shot-asset-instances", "scene-asset-instances"])
            await (await outsider.GetAsync($"/api/data/assets/{tree.Id}/{route}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/assets/{shot.Id}/shot-asset-instances")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
