using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Shots;

/// <summary>The task lists of episodes and sequences: their own tasks, and those of their shots and main-episode assets.</summary>
public class ContainerTasksTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static List<string> TypeIds(params ProductionTask[] rows) => [.. rows.Select(r => r.TaskTypeId.ToString()!).Order()];

    sealed record Production(Project Project, Entity Episode, Entity Sequence, Entity Shot, Entity Asset,
        ProductionTask EpisodeTask, ProductionTask SequenceTask, ProductionTask ShotTask, ProductionTask AssetTask, ProductionTask OtherShotTask);

    /// <summary>An episode with a sequence and a shot, an asset whose main episode it is, and one task on each (plus a shot elsewhere).</summary>
    async Task<Production> ProductionAsync(params (Person Person, string? Role)[] team)
    {
        var project = await factory.CreateProjectAsync(true, team);
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var asset = await factory.CreateEntityAsync(project, "Character", e => e.SourceId = episode.Id);
        var otherSequence = await factory.CreateEntityAsync(project, "Sequence");
        var otherShot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = otherSequence.Id);
        return new Production(project, episode, sequence, shot, asset,
            await factory.CreateTaskAsync(episode), await factory.CreateTaskAsync(sequence), await factory.CreateTaskAsync(shot),
            await factory.CreateTaskAsync(asset), await factory.CreateTaskAsync(otherShot));
    }

    [Fact]
    public async Task Episode_task_lists()
    {
        var artist = await factory.CreatePersonAsync();
        var p = await ProductionAsync((artist, null));
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/episodes/{p.Episode.Id}";

        var own = await ArrayAsync(await client.GetAsync($"{path}/tasks"));
        Assert.Equal(Ids(p.EpisodeTask), Ids(own));
        Assert.Equal("Episode", (string?)own[0]!["entity_type_name"]);
        Assert.Equal(TypeIds(p.ShotTask), Ids(await ArrayAsync(await client.GetAsync($"{path}/task-types"))));
        var shotTasks = await ArrayAsync(await client.GetAsync($"{path}/shot-tasks"));
        Assert.Equal(Ids(p.ShotTask), Ids(shotTasks));
        Assert.Equal(p.Shot.Name, (string?)shotTasks[0]!["entity_name"]);
        Assert.Null(shotTasks[0]!["assignees"]);
        Assert.NotNull((await ArrayAsync(await client.GetAsync($"{path}/shot-tasks?relations=true")))[0]!["assignees"]);
        Assert.Equal(Ids(p.AssetTask), Ids(await ArrayAsync(await client.GetAsync($"{path}/asset-tasks"))));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var route in (string[])["tasks", "task-types", "shot-tasks", "asset-tasks"])
        {
            await (await outsider.GetAsync($"{path}/{route}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.GetAsync($"/api/data/episodes/{p.Sequence.Id}/{route}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        }
    }

    [Fact]
    public async Task Sequence_task_lists()
    {
        var artist = await factory.CreatePersonAsync();
        var p = await ProductionAsync((artist, null));
        var scene = await factory.CreateEntityAsync(p.Project, "Scene", e => e.ParentId = p.Sequence.Id);
        var sceneTask = await factory.CreateTaskAsync(scene);
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/sequences/{p.Sequence.Id}";

        var own = await ArrayAsync(await client.GetAsync($"{path}/tasks"));
        Assert.Equal(Ids(p.SequenceTask), Ids(own));
        Assert.Equal("Sequence", (string?)own[0]!["entity_type_name"]);
        Assert.Equal(TypeIds(p.ShotTask, sceneTask), Ids(await ArrayAsync(await client.GetAsync($"{path}/task-types"))));
        Assert.Equal(Ids(p.ShotTask, sceneTask), Ids(await ArrayAsync(await client.GetAsync($"{path}/shot-tasks"))));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var route in (string[])["tasks", "task-types", "shot-tasks"])
        {
            await (await outsider.GetAsync($"{path}/{route}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.GetAsync($"/api/data/sequences/{p.Episode.Id}/{route}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        }
    }

    [Fact]
    public async Task A_vendor_sees_only_their_tasks_and_no_shot_or_asset_task_list()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var p = await ProductionAsync((vendor, null));
        var theirs = await factory.CreateTaskAsync(p.Shot, vendor);
        var client = await factory.ClientForAsync(vendor);

        Assert.Equal(TypeIds(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/sequences/{p.Sequence.Id}/task-types"))));
        Assert.Equal(TypeIds(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/episodes/{p.Episode.Id}/task-types"))));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/sequences/{p.Sequence.Id}/tasks")));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/episodes/{p.Episode.Id}/tasks")));
        Assert.Equal(Ids(theirs), Ids(await ArrayAsync(await client.GetAsync($"/api/data/shots/{p.Shot.Id}/tasks"))));
        await (await client.GetAsync($"/api/data/sequences/{p.Sequence.Id}/shot-tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/episodes/{p.Episode.Id}/shot-tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/episodes/{p.Episode.Id}/asset-tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var artist = await factory.CreatePersonAsync();
        await factory.AddToTeamAsync(p.Project.Id, artist, "vendor");
        await factory.CreateTaskAsync(p.Shot, artist);
        var projectVendor = await factory.ClientForAsync(artist);
        await (await projectVendor.GetAsync($"/api/data/sequences/{p.Sequence.Id}/shot-tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
