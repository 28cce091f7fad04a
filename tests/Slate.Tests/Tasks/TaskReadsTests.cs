using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>One task's previews and full view, an entity's tasks of a type, a project's tasks (behavior-production.md §3.8).</summary>
public class TaskReadsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_tasks_previews_come_newest_first_for_its_team()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist);
        var first = await factory.CreatePreviewAsync(task);
        var second = await factory.CreatePreviewAsync(task, p => p.Revision = 2);
        var client = await factory.ClientForAsync(artist);

        var previews = (await OkAsync(await client.GetAsync($"/api/data/tasks/{task.Id}/previews"))).AsArray();
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], previews.Select(p => (string?)p!["id"]));
        Assert.Equal("PreviewFile", (string?)previews[0]!["type"]);
        Assert.True(previews[0]!.AsObject().ContainsKey("annotations"));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/tasks/{task.Id}/previews")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync("/api/data/tasks/not-a-uuid/previews")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task The_full_task_embeds_its_entity_hierarchy_people_and_settings()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var task = await factory.CreateTaskAsync(shot, artist);
        await factory.WithDb(async db =>
        {
            (await db.Tasks.FindAsync(task.Id))!.AssignerId = manager.Id;
            db.Subscriptions.Add(new Subscription { TaskId = task.Id, PersonId = artist.Id });
            return await db.SaveChangesAsync();
        });

        var full = (await OkAsync(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/tasks/{task.Id}/full"))).AsObject();
        var keys = full.Select(p => p.Key).ToList();
        Assert.Equal(
            ["entity", "entity_type", "is_subscribed", "persons", "project", "task_status", "task_type", "assigner", "sequence", "episode"],
            keys.Skip(keys.IndexOf("entity")));
        Assert.Equal(shot.Id.ToString(), (string?)full["entity"]!["id"]);
        Assert.Equal("Entity", (string?)full["entity"]!["type"]);
        Assert.Equal("Shot", (string?)full["entity_type"]!["name"]);
        Assert.True((bool)full["is_subscribed"]!);
        Assert.Equal(artist.Id.ToString(), (string?)Assert.Single(full["persons"]!.AsArray())!["id"]);
        Assert.Null(full["persons"]![0]!["email"]);
        Assert.Equal(manager.Id.ToString(), (string?)full["assigner"]!["id"]);
        Assert.Equal(sequence.Id.ToString(), (string?)full["sequence"]!["id"]);
        Assert.Equal("Sequence", (string?)full["sequence"]!["type"]);
        Assert.Equal(episode.Id.ToString(), (string?)full["episode"]!["id"]);
        Assert.Equal(project.Name, (string?)full["project"]!["name"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/tasks/{task.Id}/full")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/tasks/{Guid.NewGuid()}/full")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task An_entitys_tasks_of_a_type_are_narrowed_for_vendors()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(shot, vendor);
        var other = await factory.Save(new ProductionTask { Name = "second", ProjectId = project.Id, EntityId = shot.Id, TaskTypeId = task.TaskTypeId, TaskStatusId = task.TaskStatusId });
        var path = $"/api/data/entities/{shot.Id}/task-types/{task.TaskTypeId}/tasks";

        var all = (await OkAsync(await (await factory.ClientForAsync(artist)).GetAsync(path))).AsArray();
        Assert.Equal([task.Id.ToString(), other.Id.ToString()], all.Select(t => (string?)t!["id"]));
        Assert.Null(all[0]!["assignees"]);
        var mine = (await OkAsync(await (await factory.ClientForAsync(vendor)).GetAsync(path))).AsArray();
        Assert.Equal([task.Id.ToString()], mine.Select(t => (string?)t!["id"]));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_projects_tasks_come_with_assignees_whole_or_by_page()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var inEpisode = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id), artist);
        var asset = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/projects/{project.Id}/tasks";

        var all = (await OkAsync(await client.GetAsync(path))).AsArray();
        Assert.Equal(2, all.Count);
        var assigned = all.Single(t => (string?)t!["id"] == inEpisode.Id.ToString())!;
        Assert.Equal([artist.Id.ToString()], assigned["assignees"]!.AsArray().Select(a => (string?)a));
        var page = (await OkAsync(await client.GetAsync($"{path}?page=1"))).AsObject();
        Assert.Equal(["data", "total", "nb_pages", "limit", "offset", "page"], page.Select(p => p.Key));
        Assert.Equal(2, (int)page["total"]!);
        Assert.Equal([inEpisode.Id.ToString()],
            (await OkAsync(await client.GetAsync($"{path}?episode_id={episode.Id}"))).AsArray().Select(t => (string?)t!["id"]));
        Assert.Equal([asset.Id.ToString()],
            (await OkAsync(await client.GetAsync($"{path}?task_type_id={asset.TaskTypeId}"))).AsArray().Select(t => (string?)t!["id"]));
        await (await client.GetAsync($"{path}?page=x")).AssertWrongParameterAsync("page must be an integer.");

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/projects/{Guid.NewGuid()}/tasks")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
