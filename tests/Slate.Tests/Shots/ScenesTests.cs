using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Shots;

/// <summary>The shots blueprint's scene routes (behavior-production.md §1.3-1.8).</summary>
public class ScenesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Entity> SceneAsync(Project project, Entity? sequence, Guid? createdBy = null) =>
        factory.CreateEntityAsync(project, "Scene", e => { e.ParentId = sequence?.Id; e.CreatedBy = createdBy; });

    [Fact]
    public async Task Listings_hold_the_scenes_of_the_callers_projects()
    {
        var member = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (member, null));
        var other = await factory.CreateProjectAsync(true);
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var otherSequence = await factory.CreateEntityAsync(project, "Sequence");
        var scene = await SceneAsync(project, sequence);
        var second = await SceneAsync(project, otherSequence);
        var loose = await SceneAsync(project, null);
        await SceneAsync(other, await factory.CreateEntityAsync(other, "Sequence"));

        var client = await factory.ClientForAsync(member);
        var rows = await ArrayAsync(await client.GetAsync("/api/data/scenes/all"));
        Assert.Equal(Ids(scene, second), Ids(rows));
        var row = rows.First(r => (string?)r!["id"] == scene.Id.ToString())!;
        Assert.Equal("Scene", (string?)row["type"]);
        Assert.Equal(project.Name, (string?)row["project_name"]);
        Assert.Equal(sequence.Name, (string?)row["sequence_name"]);
        Assert.Equal(Ids(scene, second, loose), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/scenes"))));
        var ofSequence = await ArrayAsync(await client.GetAsync($"/api/data/sequences/{sequence.Id}/scenes"));
        Assert.Equal(Ids(scene), Ids(ofSequence));
        Assert.Equal("Scene", (string?)ofSequence[0]!["type"]);

        await (await client.GetAsync($"/api/data/scenes/all?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/projects/{other.Id}/scenes")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/sequences/{scene.Id}/scenes")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var vendor = await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"));
        await (await vendor.GetAsync("/api/data/scenes/all")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/sequences/{sequence.Id}/scenes")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_vendor_lists_the_scenes_they_work_on()
    {
        var vendor = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (vendor, "vendor"));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var theirs = await SceneAsync(project, sequence);
        await SceneAsync(project, sequence);
        await factory.CreateTaskAsync(theirs, vendor);

        var client = await factory.ClientForAsync(vendor);
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/scenes"))));
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/sequences/{sequence.Id}/scenes"))));
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync("/api/data/scenes/all"))));
    }

    [Fact]
    public async Task The_full_scene_adds_project_sequence_and_episode_names()
    {
        var project = await factory.CreateProjectAsync(true);
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var scene = await SceneAsync(project, sequence);
        var admin = await Admin();

        var json = await (await admin.GetAsync($"/api/data/scenes/{scene.Id}")).ReadJsonObjectAsync();
        Assert.Equal("Scene", (string?)json["type"]);
        Assert.Equal(
            ["type", "project_name", "sequence_id", "sequence_name", "episode_id", "episode_name"],
            json.Select(p => p.Key).SkipWhile(k => k != "type"));
        Assert.Equal(project.Name, (string?)json["project_name"]);
        Assert.Equal(sequence.Id.ToString(), (string?)json["sequence_id"]);
        Assert.Equal(sequence.Name, (string?)json["sequence_name"]);
        Assert.Equal(episode.Id.ToString(), (string?)json["episode_id"]);
        Assert.Equal(episode.Name, (string?)json["episode_name"]);

        await (await admin.GetAsync($"/api/data/scenes/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/scenes/undefined")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/scenes/{scene.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Managers_create_scenes_and_an_existing_name_answers_the_existing_row()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var foreign = await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Sequence");
        var path = $"/api/data/projects/{project.Id}/scenes";
        var client = await factory.ClientForAsync(manager);

        var post = await client.PostAsJsonAsync(path, new { name = "SC01", sequence_id = sequence.Id });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Scene", (string?)created["type"]);
        Assert.Equal(sequence.Id.ToString(), (string?)created["parent_id"]);
        Assert.Null(created["description"]);
        Responses.AssertJsonEqual(new JsonObject(), created["data"]);
        Assert.Equal(manager.Id.ToString(), (string?)created["created_by"]);
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal(["scene:new"], await factory.EventsAsync("scene_id", id));

        var again = await client.PostAsJsonAsync(path, new { name = "SC01", sequence_id = sequence.Id });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(id.ToString(), (string?)(await again.ReadJsonObjectAsync())["id"]);
        Assert.Equal(["scene:new"], await factory.EventsAsync("scene_id", id));

        await (await client.PostAsJsonAsync(path, new { name = "SC02", sequence_id = foreign.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { sequence_id = sequence.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { name = "SC02", sequence_id = "nope" })).StatusCode);
        await (await client.PostAsJsonAsync($"/api/data/projects/{Guid.NewGuid()}/scenes", new { name = "SC02" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(path, new { name = "SC02" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id && e.Name == "SC02")));
    }

    [Fact]
    public async Task A_scene_still_pointed_at_is_canceled_else_deleted()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var used = await SceneAsync(project, sequence);
        await factory.CreateTaskAsync(used);
        var free = await SceneAsync(project, sequence);
        var admin = await Admin();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/scenes/{used.Id}")).StatusCode);
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == used.Id && e.Canceled == true)));
        Assert.Equal(["scene:delete"], await factory.EventsAsync("scene_id", used.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/scenes/{free.Id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == free.Id)));

        var foreign = await SceneAsync(project, sequence);
        var own = await SceneAsync(project, sequence, artist.Id);
        var client = await factory.ClientForAsync(artist);
        await (await client.DeleteAsync($"/api/data/scenes/{foreign.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == foreign.Id)));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/scenes/{own.Id}")).StatusCode);
        await (await admin.DeleteAsync($"/api/data/scenes/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Managers_link_and_unlink_the_shots_of_the_scenes_project()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var scene = await SceneAsync(project, sequence);
        var otherScene = await SceneAsync(project, sequence);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var other = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var foreignProject = await factory.CreateProjectAsync(true);
        var foreign = await factory.CreateEntityAsync(foreignProject, "Shot", e => e.ParentId = sequence.Id);
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/data/scenes/{scene.Id}/shots";

        var post = await client.PostAsJsonAsync(path, new { shot_id = shot.Id });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var json = await post.ReadJsonObjectAsync();
        Assert.Equal("Entity", (string?)json["type"]);
        Assert.Equal(scene.Id.ToString(), (string?)json["source_id"]);
        Assert.Equal(["shot:add-to-scene", "shot:update"], await factory.EventsAsync("shot_id", shot.Id));

        var rows = await ArrayAsync(await client.GetAsync(path));
        Assert.Equal(Ids(shot), Ids(rows));
        Assert.Equal(sequence.Name, (string?)rows[0]!["sequence_name"]);
        Assert.Equal(project.Name, (string?)rows[0]!["project_name"]);
        Assert.Equal("Shot", (string?)rows[0]!["type"]);

        await (await client.PostAsJsonAsync(path, new { shot_id = foreign.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsJsonAsync(path, new { shot_id = sequence.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { shot_id = "SH010" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { })).StatusCode);
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(path, new { shot_id = other.Id })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == other.Id && e.SourceId != null)));
        Assert.Equal(Ids(shot), Ids(await ArrayAsync(await artistClient.GetAsync(path))));

        await (await artistClient.DeleteAsync($"{path}/{shot.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.DeleteAsync($"/api/data/scenes/{otherScene.Id}/shots/{shot.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.DeleteAsync($"{path}/undefined")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{path}/{shot.Id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == shot.Id && e.SourceId != null)));
        Assert.Equal(["shot:add-to-scene", "shot:remove-from-scene", "shot:update", "shot:update"], await factory.EventsAsync("shot_id", shot.Id));
        Assert.Empty(await ArrayAsync(await client.GetAsync(path)));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Tasks_and_task_types_of_a_scene()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var scene = await SceneAsync(project, await factory.CreateEntityAsync(project, "Sequence"));
        var task = await factory.CreateTaskAsync(scene, artist);
        var client = await factory.ClientForAsync(artist);

        var row = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/scenes/{scene.Id}/tasks")))!;
        Assert.Equal(task.Id.ToString(), (string?)row["id"]);
        Assert.Equal("Scene", (string?)row["entity_type_name"]);
        Assert.Equal(project.Name, (string?)row["project_name"]);
        var type = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/scenes/{scene.Id}/task-types")))!;
        Assert.Equal(task.TaskTypeId.ToString(), (string?)type["id"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/scenes/{scene.Id}/tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/scenes/{scene.Id}/task-types")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
