using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Assets;

/// <summary>The assets blueprint's listing, reading, creating and removing routes (behavior-production.md §1.4-1.8, §11 checks 1-4).</summary>
public class AssetsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    [Fact]
    public async Task Listings_hold_assets_only_of_the_callers_projects()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var other = await ProjectAsync();
        var hero = await factory.CreateEntityAsync(project, "Character", e => e.Name = TestData.Unique("Hero"));
        await factory.CreateEntityAsync(project, "Shot");
        var elsewhere = await factory.CreateEntityAsync(other);

        var client = await factory.ClientForAsync(member);
        foreach (var path in (string[])["/api/data/assets", "/api/data/assets/all"])
        {
            var rows = await ArrayAsync(await client.GetAsync(path));
            Assert.Equal(Ids(hero), Ids(rows));
            Assert.Equal("Asset", (string?)rows[0]!["type"]);
        }
        var admin = await Admin();
        var named = await ArrayAsync(await admin.GetAsync($"/api/data/assets/all?project_id={project.Id}&name={hero.Name.ToLowerInvariant()}"));
        Assert.Equal(Ids(hero), Ids(named));
        Assert.Contains(elsewhere.Id.ToString(), Ids(await ArrayAsync(await admin.GetAsync("/api/data/assets"))));

        await (await client.GetAsync($"/api/data/assets?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_vendor_lists_only_the_assets_they_hold_a_task_on()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await ProjectAsync((vendor, null));
        var assigned = await factory.CreateEntityAsync(project);
        await factory.CreateEntityAsync(project);
        await factory.CreateTaskAsync(assigned, vendor);

        var client = await factory.ClientForAsync(vendor);
        Assert.Equal(Ids(assigned), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/assets"))));
    }

    [Fact]
    public async Task The_episode_filter_takes_main_episode_and_episode_casting()
    {
        var project = await ProjectAsync();
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var main = await factory.CreateEntityAsync(project, "Character", e => e.SourceId = episode.Id);
        var cast = await factory.CreateEntityAsync(project);
        var none = await factory.CreateEntityAsync(project);
        await factory.WithDb(db =>
        {
            db.EntityLinks.Add(new EntityLink { EntityInId = episode.Id, EntityOutId = cast.Id });
            return db.SaveChangesAsync();
        });

        var admin = await Admin();
        var path = $"/api/data/projects/{project.Id}/assets";
        Assert.Equal(Ids(main, cast), Ids(await ArrayAsync(await admin.GetAsync($"{path}?episode_id={episode.Id}"))));
        Assert.Equal(Ids(cast, none), Ids(await ArrayAsync(await admin.GetAsync($"{path}?episode_id=main"))));
        Assert.Equal(3, (await ArrayAsync(await admin.GetAsync($"{path}?episode_id=all"))).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{path}?episode_id=nope")).StatusCode);
    }

    [Fact]
    public async Task Project_listings_need_the_team_and_an_asset_type_of_that_project()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var prop = await factory.EntityTypeAsync(TestData.Unique("Prop"));
        var sword = await factory.CreateEntityAsync(project, prop.Name);
        await factory.CreateEntityAsync(project);
        var shotType = await factory.EntityTypeAsync("Shot");

        var client = await factory.ClientForAsync(member);
        Assert.Equal(Ids(sword), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/asset-types/{prop.Id}/assets"))));
        await (await client.GetAsync($"/api/data/projects/{project.Id}/asset-types/{shotType.Id}/assets"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/projects/{project.Id}/assets")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/projects/{project.Id}/asset-types/{prop.Id}/assets"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task The_full_asset_adds_names_tasks_and_episodes()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var asset = await factory.CreateEntityAsync(project, "Character", e => e.Data = new JsonObject { ["complexity"] = "high" });
        await factory.WithDb(db =>
        {
            db.EntityLinks.Add(new EntityLink { EntityInId = episode.Id, EntityOutId = asset.Id });
            return db.SaveChangesAsync();
        });
        var task = await factory.CreateTaskAsync(asset, artist);
        await factory.CreateTaskAsync(asset);

        var client = await factory.ClientForAsync(artist);
        var response = await client.GetAsync($"/api/data/assets/{asset.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var full = await response.ReadJsonObjectAsync();
        Assert.Equal("Asset", (string?)full["type"]);
        Assert.Equal(project.Name, (string?)full["project_name"]);
        Assert.Equal("Character", (string?)full["asset_type_name"]);
        Assert.Equal(asset.EntityTypeId.ToString(), (string?)full["asset_type_id"]);
        Assert.Equal("None", (string?)full["ready_for"]);
        Assert.Equal("", (string?)full["episode_id"]);
        Assert.Equal(episode.Id.ToString(), (string?)Assert.Single(full["casting_episode_ids"]!.AsArray()));
        Assert.Equal(episode.Id.ToString(), (string?)Assert.Single(full["entities_in"]!.AsArray()));
        Assert.False(full.ContainsKey("source_id"));
        Assert.False(full.ContainsKey("nb_frames"));
        Assert.Equal("high", (string?)full["data"]!["complexity"]);
        var tasks = full["tasks"]!.AsArray();
        Assert.Equal(2, tasks.Count);
        var mine = tasks.Single(t => (string?)t!["id"] == task.Id.ToString())!;
        Assert.Equal(artist.Id.ToString(), (string?)Assert.Single(mine["assignees"]!.AsArray()));
        Assert.Equal("", (string?)mine["last_preview_file_id"]);
        Assert.False((bool)mine["is_subscribed"]!);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/assets/{asset.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/assets/{episode.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.GetAsync("/api/data/assets/undefined")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task An_asset_with_tasks_is_canceled_and_force_deletes_it()
    {
        var admin = await Admin();
        var project = await ProjectAsync();
        var asset = await factory.CreateEntityAsync(project);
        var child = await factory.CreateEntityAsync(project, "Character", e => e.ParentId = asset.Id);
        var task = await factory.CreateTaskAsync(asset);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/assets/{asset.Id}")).StatusCode);
        var canceled = await (await admin.GetAsync($"/api/data/assets/{asset.Id}")).ReadJsonObjectAsync();
        Assert.True((bool)canceled["canceled"]!);
        Assert.Contains("asset:update", await factory.EventsAsync("asset_id", asset.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/assets/{asset.Id}?force=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/assets/{asset.Id}")).StatusCode);
        Assert.Contains("asset:delete", await factory.EventsAsync("asset_id", asset.Id));
        await factory.WithDb(async db =>
        {
            Assert.False(await db.Tasks.AnyAsync(t => t.Id == task.Id));
            Assert.Null((await db.Entities.SingleAsync(e => e.Id == child.Id)).ParentId);
            return 0;
        });

        var bare = await factory.CreateEntityAsync(project);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/assets/{bare.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/assets/{bare.Id}")).StatusCode);
    }

    [Fact]
    public async Task Only_managers_and_the_creator_in_the_team_remove_an_asset()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var asset = await factory.CreateEntityAsync(project);
        var own = await factory.CreateEntityAsync(project, "Character", e => e.CreatedBy = artist.Id);

        var client = await factory.ClientForAsync(artist);
        await (await client.DeleteAsync($"/api/data/assets/{asset.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/assets/{own.Id}")).StatusCode);
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == asset.Id)));
    }

    [Fact]
    public async Task Managers_create_assets_and_an_existing_name_answers_the_existing_row()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, null), (artist, null));
        var character = await factory.EntityTypeAsync("Character");
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var path = $"/api/data/projects/{project.Id}/asset-types/{character.Id}/assets/new";
        var client = await factory.ClientForAsync(manager);

        var post = await client.PostAsJsonAsync(path, new { name = "car", description = "Test description", data = new { extra = "test extra" }, episode_id = episode.Id });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Asset", (string?)created["type"]);
        Assert.Equal("car", (string?)created["name"]);
        Assert.Equal(episode.Id.ToString(), (string?)created["source_id"]);
        Assert.Equal(manager.Id.ToString(), (string?)created["created_by"]);
        Responses.AssertJsonEqual(new JsonObject { ["extra"] = "test extra" }, created["data"]);
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal(["asset:new"], await factory.EventsAsync("asset_id", id));

        var again = await client.PostAsJsonAsync(path, new { name = "car", description = "other" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var existing = await again.ReadJsonObjectAsync();
        Assert.Equal(id.ToString(), (string?)existing["id"]);
        Assert.Equal("Test description", (string?)existing["description"]);
        Assert.Equal(["asset:new"], await factory.EventsAsync("asset_id", id));

        var minimal = await (await client.PostAsJsonAsync(path, new { name = "bike" })).ReadJsonObjectAsync();
        Assert.Equal("", (string?)minimal["description"]);
        Responses.AssertJsonEqual(new JsonObject(), minimal["data"]);
    }

    [Fact]
    public async Task Asset_creation_refuses_artists_bad_bodies_and_temporal_types()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, null), (artist, null));
        var character = await factory.EntityTypeAsync("Character");
        var shot = await factory.EntityTypeAsync("Shot");
        var otherEpisode = await factory.CreateEntityAsync(await ProjectAsync(), "Episode");
        var path = $"/api/data/projects/{project.Id}/asset-types/{character.Id}/assets/new";

        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(path, new { name = "car" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var client = await factory.ClientForAsync(manager);
        var missing = await client.PostAsJsonAsync(path, new { description = "no name" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Validation error.", (string?)(await missing.ReadJsonObjectAsync())["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { name = "car", data = "text" })).StatusCode);
        await (await client.PostAsJsonAsync($"/api/data/projects/{project.Id}/asset-types/{shot.Id}/assets/new", new { name = "car" }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsJsonAsync(path, new { name = "car", episode_id = otherEpisode.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id && e.Name == "car")));
    }

    [Fact]
    public async Task An_assets_tasks_and_task_types_are_for_its_team()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var asset = await factory.CreateEntityAsync(project);
        var task = await factory.CreateTaskAsync(asset, artist);
        var client = await factory.ClientForAsync(artist);

        var row = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/assets/{asset.Id}/tasks")))!;
        Assert.Equal(task.Id.ToString(), (string?)row["id"]);
        Assert.Equal("Task", (string?)row["type"]);
        Assert.Equal(project.Name, (string?)row["project_name"]);
        Assert.Equal(asset.Name, (string?)row["entity_name"]);
        Assert.Equal("Character", (string?)row["entity_type_name"]);
        Assert.NotNull((string?)row["task_type_name"]);
        Assert.NotNull((string?)row["task_status_name"]);
        Assert.False(row.AsObject().ContainsKey("assignees"));
        var related = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/assets/{asset.Id}/tasks?relations=true")))!;
        Assert.Equal(artist.Id.ToString(), (string?)Assert.Single(related["assignees"]!.AsArray()));

        var type = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/assets/{asset.Id}/task-types")))!;
        Assert.Equal(task.TaskTypeId.ToString(), (string?)type["id"]);
        Assert.Equal("TaskType", (string?)type["type"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/assets/{asset.Id}/tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/assets/{asset.Id}/task-types")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
