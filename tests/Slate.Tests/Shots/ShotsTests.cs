using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Shots;

/// <summary>The shots blueprint's shot listing, creating and removing routes (behavior-production.md §1.3-1.8).</summary>
public class ShotsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    Task<Entity> ShotAsync(Project project, Entity? sequence, Guid? createdBy = null) =>
        factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = sequence?.Id; e.CreatedBy = createdBy; });

    [Fact]
    public async Task Listings_hold_the_shots_of_the_callers_projects_with_names()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var other = await ProjectAsync();
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var otherSequence = await factory.CreateEntityAsync(project, "Sequence");
        var shot = await ShotAsync(project, sequence);
        var second = await ShotAsync(project, otherSequence);
        var loose = await ShotAsync(project, null);
        await ShotAsync(other, await factory.CreateEntityAsync(other, "Sequence"));

        var client = await factory.ClientForAsync(member);
        foreach (var path in (string[])["/api/data/shots", "/api/data/shots/all"])
        {
            var rows = await ArrayAsync(await client.GetAsync(path));
            Assert.Equal(Ids(shot, second), Ids(rows));
            var row = rows.First(r => (string?)r!["id"] == shot.Id.ToString())!;
            Assert.Equal("Shot", (string?)row["type"]);
            Assert.Equal(project.Name, (string?)row["project_name"]);
            Assert.Equal(sequence.Name, (string?)row["sequence_name"]);
        }
        Assert.Equal(Ids(shot), Ids(await ArrayAsync(await client.GetAsync($"/api/data/shots?sequence_id={sequence.Id}"))));
        Assert.Equal(Ids(shot, second, loose), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/shots"))));

        await (await client.GetAsync($"/api/data/shots?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/projects/{other.Id}/shots")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/shots/all?sequence_id={shot.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_vendor_lists_only_the_shots_they_work_on()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await ProjectAsync((vendor, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var theirs = await ShotAsync(project, sequence);
        await ShotAsync(project, sequence);
        await factory.CreateTaskAsync(theirs, vendor);

        var client = await factory.ClientForAsync(vendor);
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/shots"))));
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync("/api/data/shots/all"))));
    }

    [Fact]
    public async Task Managers_create_shots_and_an_existing_name_answers_the_existing_row()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, null), (artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var foreign = await factory.CreateEntityAsync(await ProjectAsync(), "Sequence");
        var path = $"/api/data/projects/{project.Id}/shots";
        var client = await factory.ClientForAsync(manager);

        var post = await client.PostAsJsonAsync(path, new
        {
            name = "SH010", sequence_id = sequence.Id, nb_frames = 48, description = "Shot SH010", data = new { frame_in = 1001, frame_out = 1048 },
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Shot", (string?)created["type"]);
        Assert.Equal(48, (int?)created["nb_frames"]);
        Assert.Equal(sequence.Id.ToString(), (string?)created["parent_id"]);
        Responses.AssertJsonEqual(new JsonObject { ["frame_in"] = 1001, ["frame_out"] = 1048 }, created["data"]);
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal(["shot:new"], await factory.EventsAsync("shot_id", id));
        var payload = await factory.WithDb(async db => (await db.ApiEvents.AsNoTracking().Where(e => e.Name == "shot:new").ToListAsync())
            .Single(e => (string?)e.Data?["shot_id"] == id.ToString()).Data);
        Assert.Equal(episode.Id.ToString(), (string?)payload?["episode_id"]);

        var again = await (await client.PostAsJsonAsync(path, new { name = "SH010", sequence_id = sequence.Id, nb_frames = 1 })).ReadJsonObjectAsync();
        Assert.Equal(id.ToString(), (string?)again["id"]);
        Assert.Equal(48, (int?)again["nb_frames"]);
        var minimal = await (await client.PostAsJsonAsync(path, new { name = "SH020" })).ReadJsonObjectAsync();
        Assert.Null(minimal["description"]);
        Assert.Null(minimal["nb_frames"]);
        Responses.AssertJsonEqual(new JsonObject(), minimal["data"]);

        await (await client.PostAsJsonAsync(path, new { name = "SH030", sequence_id = foreign.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsJsonAsync(path, new { name = "SH030", sequence_id = episode.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { name = "SH030", nb_frames = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { name = "SH030", nb_frames = "many" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { nb_frames = 3 })).StatusCode);
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(path, new { name = "SH030" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id && e.Name == "SH030")));
    }

    [Fact]
    public async Task A_shot_with_tasks_is_canceled_and_force_deletes_it()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var shot = await ShotAsync(project, sequence);
        await factory.CreateTaskAsync(shot);
        var admin = await Admin();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/shots/{shot.Id}")).StatusCode);
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == shot.Id && e.Canceled == true)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/shots/{shot.Id}?force=true")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == shot.Id)));

        var foreign = await ShotAsync(project, sequence);
        var own = await ShotAsync(project, sequence, artist.Id);
        var client = await factory.ClientForAsync(artist);
        await (await client.DeleteAsync($"/api/data/shots/{foreign.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/shots/{own.Id}")).StatusCode);
        await (await admin.DeleteAsync($"/api/data/shots/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Managers_update_a_shot_and_data_is_replaced()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var otherSequence = await factory.CreateEntityAsync(project, "Sequence");
        var foreign = await factory.CreateEntityAsync(await ProjectAsync(), "Sequence");
        var shot = await factory.CreateEntityAsync(project, "Shot", e =>
        {
            e.ParentId = sequence.Id;
            e.Data = new JsonObject { ["frame_in"] = 1, ["kept"] = "no" };
        });
        var admin = await Admin();
        var path = $"/api/data/shots/{shot.Id}";

        var put = await admin.PutAsJsonAsync(path, new
        {
            nb_frames = 96, parent_id = otherSequence.Id, project_id = Guid.NewGuid(), data = new { frame_in = 1001, frame_out = 1096, fps = "25" },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var json = await put.ReadJsonObjectAsync();
        Assert.Equal("Entity", (string?)json["type"]);
        Assert.Equal(96, (int?)json["nb_frames"]);
        Assert.Equal(otherSequence.Id.ToString(), (string?)json["parent_id"]);
        Assert.Equal(project.Id.ToString(), (string?)json["project_id"]);
        Responses.AssertJsonEqual(new JsonObject { ["frame_in"] = 1001, ["frame_out"] = 1096, ["fps"] = "25" }, json["data"]);
        Assert.Equal(["shot:update"], await factory.EventsAsync("shot_id", shot.Id));

        await (await admin.PutAsJsonAsync(path, new { parent_id = foreign.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(path, new { nb_frames = -5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(path, new { nb_frames = "x" })).StatusCode);
        Assert.Equal(96, await factory.WithDb(db => db.Entities.Where(e => e.Id == shot.Id).Select(e => e.NbFrames).FirstAsync()));
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PutAsJsonAsync(path, new { nb_frames = 1 })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.PutAsJsonAsync($"/api/data/shots/{sequence.Id}", new { nb_frames = 1 })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
