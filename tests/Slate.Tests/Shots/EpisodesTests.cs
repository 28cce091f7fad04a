using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Shots;

/// <summary>The shots blueprint's episode routes (behavior-production.md §1.3-1.8).</summary>
public class EpisodesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    Task<Entity> EpisodeAsync(Project project, Guid? createdBy = null) =>
        factory.CreateEntityAsync(project, "Episode", e => e.CreatedBy = createdBy);

    Task<Entity> ChildAsync(Project project, string kind, Entity parent) =>
        factory.CreateEntityAsync(project, kind, e => e.ParentId = parent.Id);

    [Fact]
    public async Task Listings_hold_the_episodes_of_the_callers_projects()
    {
        var member = await factory.CreatePersonAsync();
        var project = await ProjectAsync((member, null));
        var other = await ProjectAsync();
        var episode = await EpisodeAsync(project);
        var elsewhere = await EpisodeAsync(other);

        var client = await factory.ClientForAsync(member);
        var rows = await ArrayAsync(await client.GetAsync("/api/data/episodes"));
        Assert.Equal(Ids(episode), Ids(rows));
        Assert.Equal("Episode", (string?)rows[0]!["type"]);
        Assert.Equal(Ids(episode), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/episodes"))));

        var admin = await Admin();
        Assert.Contains(elsewhere.Id.ToString(), Ids(await ArrayAsync(await admin.GetAsync("/api/data/episodes"))));
        await (await client.GetAsync($"/api/data/episodes?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/projects/{other.Id}/episodes")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_vendor_reaches_the_episodes_of_the_shots_they_work_on()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await ProjectAsync((vendor, null));
        var theirs = await EpisodeAsync(project);
        var notTheirs = await EpisodeAsync(project);
        var sequence = await ChildAsync(project, "Sequence", theirs);
        var shot = await ChildAsync(project, "Shot", sequence);
        await ChildAsync(project, "Shot", sequence);
        await factory.CreateTaskAsync(shot, vendor);

        var client = await factory.ClientForAsync(vendor);
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/episodes"))));
        Assert.Equal(Ids(sequence), Ids(await ArrayAsync(await client.GetAsync($"/api/data/episodes/{theirs.Id}/sequences"))));
        Assert.Equal(Ids(shot), Ids(await ArrayAsync(await client.GetAsync($"/api/data/episodes/{theirs.Id}/shots"))));
        await (await client.GetAsync($"/api/data/episodes/{notTheirs.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/episodes/{notTheirs.Id}/shots")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task An_episode_shows_its_project_name_sequences_and_shots()
    {
        var project = await ProjectAsync();
        var episode = await EpisodeAsync(project);
        var sequence = await ChildAsync(project, "Sequence", episode);
        var shot = await ChildAsync(project, "Shot", sequence);
        var otherSequence = await ChildAsync(project, "Sequence", await EpisodeAsync(project));
        await ChildAsync(project, "Shot", otherSequence);
        var admin = await Admin();

        var json = await (await admin.GetAsync($"/api/data/episodes/{episode.Id}")).ReadJsonObjectAsync();
        Assert.Equal("Episode", (string?)json["type"]);
        Assert.Equal(project.Name, (string?)json["project_name"]);
        var sequences = await ArrayAsync(await admin.GetAsync($"/api/data/episodes/{episode.Id}/sequences"));
        Assert.Equal(Ids(sequence), Ids(sequences));
        Assert.Equal("Sequence", (string?)sequences[0]!["type"]);
        var shots = await ArrayAsync(await admin.GetAsync($"/api/data/episodes/{episode.Id}/shots?relations=true"));
        Assert.Equal(Ids(shot), Ids(shots));
        Assert.Equal("Shot", (string?)shots[0]!["type"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var path in (string[])[$"/api/data/episodes/{episode.Id}", $"/api/data/episodes/{episode.Id}/sequences", $"/api/data/episodes/{episode.Id}/shots"])
            await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/data/episodes/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync($"/api/data/episodes/{sequence.Id}/sequences")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Managers_create_episodes_and_an_existing_name_answers_the_existing_row()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((manager, null), (artist, null));
        var path = $"/api/data/projects/{project.Id}/episodes";
        var client = await factory.ClientForAsync(manager);

        var post = await client.PostAsJsonAsync(path, new { name = "E01", description = "Pilot", status = "bogus" });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Episode", (string?)created["type"]);
        Assert.Equal("running", (string?)created["status"]);
        Assert.Equal("Pilot", (string?)created["description"]);
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal(["episode:new"], await factory.EventsAsync("episode_id", id));
        var again = await (await client.PostAsJsonAsync(path, new { name = "E01", description = "other" })).ReadJsonObjectAsync();
        Assert.Equal(id.ToString(), (string?)again["id"]);
        var standby = await (await client.PostAsJsonAsync(path, new { name = "E02", status = "standby" })).ReadJsonObjectAsync();
        Assert.Equal("standby", (string?)standby["status"]);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path, new { description = "no name" })).StatusCode);
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(path, new { name = "E03" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id && e.Name == "E03")));
    }

    [Fact]
    public async Task An_episode_holding_sequences_or_assets_is_kept_unless_forced()
    {
        var project = await ProjectAsync();
        var episode = await EpisodeAsync(project);
        var sequence = await ChildAsync(project, "Sequence", episode);
        var shot = await ChildAsync(project, "Shot", sequence);
        var asset = await factory.CreateEntityAsync(project, "Character", e => e.SourceId = episode.Id);
        await factory.CreateTaskAsync(shot);
        var admin = await Admin();

        await (await admin.DeleteAsync($"/api/data/episodes/{episode.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Some data are still linked to this episode.");
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == episode.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/episodes/{episode.Id}?force=true")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == episode.Id || e.Id == sequence.Id || e.Id == shot.Id || e.Id == asset.Id)));
        Assert.Equal(["episode:delete"], await factory.EventsAsync("episode_id", episode.Id));

        var artist = await factory.CreatePersonAsync();
        var team = await ProjectAsync((artist, null));
        var foreign = await EpisodeAsync(team);
        var own = await EpisodeAsync(team, artist.Id);
        var client = await factory.ClientForAsync(artist);
        await (await client.DeleteAsync($"/api/data/episodes/{foreign.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/episodes/{own.Id}")).StatusCode);
    }
}
