using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Shots;

/// <summary>The shots blueprint's sequence routes (behavior-production.md §1.3-1.8).</summary>
public class SequencesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    Task<Entity> SequenceAsync(Project project, Entity? episode = null, Guid? createdBy = null) =>
        factory.CreateEntityAsync(project, "Sequence", e => { e.ParentId = episode?.Id; e.CreatedBy = createdBy; });

    [Fact]
    public async Task Listings_hold_the_sequences_of_the_callers_projects()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var other = await ProjectAsync();
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var first = await SequenceAsync(project, episode);
        var second = await SequenceAsync(project);
        await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = first.Id);
        var elsewhere = await SequenceAsync(other);

        var client = await factory.ClientForAsync(member);
        var rows = await ArrayAsync(await client.GetAsync("/api/data/sequences"));
        Assert.Equal(Ids(first, second), Ids(rows));
        Assert.All(rows, r => Assert.Equal("Sequence", (string?)r!["type"]));
        Assert.Equal(Ids(first, second), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/sequences"))));
        Assert.Equal(Ids(first), Ids(await ArrayAsync(await client.GetAsync($"/api/data/sequences?episode_id={episode.Id}"))));

        var admin = await Admin();
        Assert.Contains(elsewhere.Id.ToString(), Ids(await ArrayAsync(await admin.GetAsync("/api/data/sequences"))));
        await (await client.GetAsync($"/api/data/sequences?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/projects/{other.Id}/sequences")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/sequences?episode_id={first.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_vendor_reaches_the_sequences_of_the_shots_they_work_on()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await ProjectAsync((vendor, null));
        var theirs = await SequenceAsync(project);
        var notTheirs = await SequenceAsync(project);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = theirs.Id);
        await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = theirs.Id);
        await factory.CreateTaskAsync(shot, vendor);

        var client = await factory.ClientForAsync(vendor);
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/sequences"))));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/sequences/{theirs.Id}")).StatusCode);
        await (await client.GetAsync($"/api/data/sequences/{notTheirs.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(Ids(shot), Ids(await ArrayAsync(await client.GetAsync($"/api/data/sequences/{theirs.Id}/shots"))));
    }

    [Fact]
    public async Task The_full_sequence_adds_project_and_episode_names()
    {
        var project = await ProjectAsync();
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await SequenceAsync(project, episode);
        var loose = await SequenceAsync(project);
        var admin = await Admin();

        var json = await (await admin.GetAsync($"/api/data/sequences/{sequence.Id}")).ReadJsonObjectAsync();
        Assert.Equal("Sequence", (string?)json["type"]);
        Assert.Equal(project.Name, (string?)json["project_name"]);
        Assert.Equal(episode.Id.ToString(), (string?)json["episode_id"]);
        Assert.Equal(episode.Name, (string?)json["episode_name"]);
        var bare = await (await admin.GetAsync($"/api/data/sequences/{loose.Id}")).ReadJsonObjectAsync();
        Assert.False(bare.ContainsKey("episode_id"));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/sequences/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/data/sequences/{episode.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/sequences/undefined")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_sequences_shots_carry_project_and_sequence_names()
    {
        var project = await ProjectAsync();
        var sequence = await SequenceAsync(project);
        var other = await SequenceAsync(project);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = other.Id);
        var admin = await Admin();

        var rows = await ArrayAsync(await admin.GetAsync($"/api/data/sequences/{sequence.Id}/shots"));
        Assert.Equal(Ids(shot), Ids(rows));
        Assert.Equal("Shot", (string?)rows[0]!["type"]);
        Assert.Equal(project.Name, (string?)rows[0]!["project_name"]);
        Assert.Equal(sequence.Name, (string?)rows[0]!["sequence_name"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/sequences/{sequence.Id}/shots")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/data/sequences/{shot.Id}/shots")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Managers_create_sequences_and_an_existing_name_answers_the_existing_row()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, null), (artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var otherEpisode = await factory.CreateEntityAsync(await ProjectAsync(), "Episode");
        var path = $"/api/data/projects/{project.Id}/sequences";
        var client = await factory.ClientForAsync(manager);

        var post = await client.PostAsJsonAsync(path, new { name = "SQ01", episode_id = episode.Id, description = "Sequence SQ01" });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Sequence", (string?)created["type"]);
        Assert.Equal(episode.Id.ToString(), (string?)created["parent_id"]);
        Assert.Equal(manager.Id.ToString(), (string?)created["created_by"]);
        Responses.AssertJsonEqual(new JsonObject(), created["data"]);
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal(["sequence:new"], await factory.EventsAsync("sequence_id", id));

        var again = await (await client.PostAsJsonAsync(path, new { name = "SQ01", episode_id = episode.Id, description = "other" })).ReadJsonObjectAsync();
        Assert.Equal(id.ToString(), (string?)again["id"]);
        Assert.Equal("Sequence SQ01", (string?)again["description"]);
        var loose = await (await client.PostAsJsonAsync(path, new { name = "SQ01" })).ReadJsonObjectAsync();
        Assert.NotEqual(id.ToString(), (string?)loose["id"]);

        await (await client.PostAsJsonAsync(path, new { name = "SQ02", episode_id = otherEpisode.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { description = "no name" })).StatusCode);
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(path, new { name = "SQ03" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id && (e.Name == "SQ02" || e.Name == "SQ03"))));
    }

    [Fact]
    public async Task A_sequence_with_shots_is_kept_unless_forced()
    {
        var project = await ProjectAsync();
        var sequence = await SequenceAsync(project);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var scene = await factory.CreateEntityAsync(project, "Scene", e => e.ParentId = sequence.Id);
        await factory.WithDb(db => db.Entities.Where(e => e.Id == shot.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SourceId, scene.Id)));
        await factory.CreateTaskAsync(shot);
        var admin = await Admin();

        await (await admin.DeleteAsync($"/api/data/sequences/{sequence.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Some data are still linked to this sequence.");
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == sequence.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/sequences/{sequence.Id}?force=true")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == sequence.Id || e.Id == shot.Id || e.Id == scene.Id)));
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.EntityId == shot.Id)));
        Assert.Equal(["sequence:delete"], await factory.EventsAsync("sequence_id", sequence.Id));

        var empty = await SequenceAsync(project);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/sequences/{empty.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/sequences/{empty.Id}")).StatusCode);
    }

    [Fact]
    public async Task Only_managers_and_the_creator_in_the_team_delete_a_sequence()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var sequence = await SequenceAsync(project);
        var own = await SequenceAsync(project, createdBy: artist.Id);

        var client = await factory.ClientForAsync(artist);
        await (await client.DeleteAsync($"/api/data/sequences/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/sequences/{own.Id}")).StatusCode);
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == sequence.Id)));
    }
}
