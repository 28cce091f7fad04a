using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>Creating and deleting tasks in bulk (behavior-production.md §3.3, §3.8, §11 checks 18-19).</summary>
public class BulkTasksTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<TaskType> TaskTypeAsync() => factory.Save(new TaskType { Name = Unique("Modeling"), Color = "#78909C", Priority = 2 });

    static async Task<JsonArray> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).AsArray();
    }

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Creating_tasks_for_every_asset_or_the_listed_ones_skips_those_that_have_one()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, null));
        var hero = await factory.CreateEntityAsync(project, "Character", e => e.Name = "Hero");
        var sword = await factory.CreateEntityAsync(project, "Prop", e => e.Name = "Sword");
        await factory.CreateEntityAsync(project, "Shot");
        var elsewhere = await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Character");
        var modeling = await TaskTypeAsync();
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/actions/projects/{project.Id}/task-types/{modeling.Id}";

        var one = await CreatedAsync(await client.PostAsync($"{path}/assets/create-tasks", Json($"[\"{sword.Id}\", \"{elsewhere.Id}\"]")));
        var task = Assert.Single(one)!.AsObject();
        Assert.Equal(sword.Id.ToString(), (string?)task["entity_id"]);
        Assert.Equal("main", (string?)task["name"]);
        Assert.Equal("Todo", (string?)task["task_status_name"]);
        Assert.Equal(modeling.Name, (string?)task["task_type_name"]);
        Assert.Equal(2, (int)task["task_type_priority"]!);
        Assert.Empty(task["assignees"]!.AsArray());
        Assert.Equal(manager.Id.ToString(), (string?)task["assigner_id"]);

        var rest = await CreatedAsync(await client.PostAsync($"{path}/assets/create-tasks", Json("{}")));
        Assert.Equal([hero.Id.ToString()], rest.Select(t => (string?)t!["entity_id"]));
        Assert.Empty(await CreatedAsync(await client.PostAsync($"{path}/assets/create-tasks", null)));
        Assert.Equal(2, await factory.WithDb(db => db.Tasks.CountAsync(t => t.TaskTypeId == modeling.Id)));
        Assert.Equal(["task:new"], await factory.EventsAsync("task_id", Guid.Parse((string)task["id"]!)));
    }

    [Fact]
    public async Task Creating_tasks_refuses_bad_lists_other_kinds_and_non_managers()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var asset = await factory.CreateEntityAsync(project, "Character");
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var animation = await TaskTypeAsync();
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/actions/projects/{project.Id}/task-types/{animation.Id}";

        await (await client.PostAsync($"{path}/shots/create-tasks", Json("[\"not-a-uuid\"]")))
            .AssertWrongParameterAsync("Request body must only contain valid UUIDs.");
        await (await client.PostAsync($"{path}/shots/create-tasks", Json("\"nope\"")))
            .AssertWrongParameterAsync("Request body must be a JSON array.");
        await (await client.PostAsync($"{path}/shots/create-tasks", Json($"[\"{asset.Id}\"]")))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsync($"/api/actions/projects/{project.Id}/task-types/{Guid.NewGuid()}/shots/create-tasks", Json("[]")))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsync($"{path}/create-tasks/unicorn", Json("{}")))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsync($"{path}/shots/create-tasks", Json("[]")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.PostAsync($"{path}/shots/create-tasks", Json("[]")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.TaskTypeId == animation.Id)));

        // The query string filters which entities get one (Kitsu sends ?id=).
        var created = await CreatedAsync(await client.PostAsync($"{path}/shots/create-tasks?id={shot.Id}", Json("{}")));
        Assert.Equal([shot.Id.ToString()], created.Select(t => (string?)t!["entity_id"]));
    }

    [Fact]
    public async Task Creating_tasks_for_a_named_type_takes_sequences_of_an_episode_and_concepts_start_neutral()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null), (vendor, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var inside = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        await factory.CreateEntityAsync(project, "Sequence");
        var concept = await factory.CreateEntityAsync(project, "Concept");
        var layout = await TaskTypeAsync();
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/actions/projects/{project.Id}/task-types/{layout.Id}";

        var sequences = await CreatedAsync(await client.PostAsync($"{path}/create-tasks/sequence?episode_id={episode.Id}", Json("{}")));
        Assert.Equal([inside.Id.ToString()], sequences.Select(t => (string?)t!["entity_id"]));
        Assert.Single(await CreatedAsync(await client.PostAsync($"{path}/create-tasks/Sequence", null)));

        await (await (await factory.ClientForAsync(vendor)).PostAsync($"{path}/concepts/create-tasks", Json("[]")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var concepts = await CreatedAsync(await (await factory.ClientForAsync(artist)).PostAsync($"{path}/concepts/create-tasks", Json("[]")));
        Assert.Equal(concept.Id.ToString(), (string?)Assert.Single(concepts)!["entity_id"]);
        Assert.Equal("Neutral", (string?)concepts[0]!["task_status_name"]);
    }

    [Fact]
    public async Task Deleting_listed_tasks_removes_them_with_their_dependents_in_the_project_only()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(shot, artist);
        var kept = await factory.CreateTaskAsync(shot);
        var elsewhere = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Shot"));
        await factory.Save(new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = artist.Id, TaskStatusId = task.TaskStatusId, Text = "wip" },
            new TimeSpent { TaskId = task.Id, PersonId = artist.Id, Date = new DateOnly(2026, 1, 2), Duration = 60 });
        await factory.CreatePreviewAsync(task);
        var path = $"/api/actions/projects/{project.Id}/delete-tasks";

        await (await (await factory.ClientForAsync(artist)).PostAsync(path, Json($"[\"{task.Id}\"]")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var client = await factory.ClientForAsync(manager);
        await (await client.PostAsync(path, Json("{}"))).AssertWrongParameterAsync("Request body must be a JSON array.");
        var response = await client.PostAsync(path, Json($"[\"{task.Id}\", \"{elsewhere.Id}\"]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([task.Id.ToString(), elsewhere.Id.ToString()], (await response.JsonAsync()).AsArray().Select(id => (string?)id));

        var left = await factory.WithDb(async db => (
            await db.Tasks.Select(t => t.Id).Where(id => id == task.Id || id == kept.Id || id == elsewhere.Id).ToListAsync(),
            await db.Comments.CountAsync(c => c.ObjectId == task.Id) + await db.TimeSpents.CountAsync(t => t.TaskId == task.Id)
                + await db.PreviewFiles.CountAsync(p => p.TaskId == task.Id) + await db.TaskPersonLinks.CountAsync(l => l.TaskId == task.Id)));
        Assert.Equal(new[] { kept.Id, elsewhere.Id }.Order(), left.Item1.Order());
        Assert.Equal(0, left.Item2);
        Assert.Equal(["task:delete"], await factory.EventsAsync("task_id", task.Id));
    }

    [Fact]
    public async Task Deleting_a_task_types_tasks_is_for_admins()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(shot);
        var other = await factory.CreateTaskAsync(shot);
        var path = $"/api/actions/projects/{project.Id}/task-types/{task.TaskTypeId}/delete-tasks";

        await (await (await factory.ClientForAsync(manager)).DeleteAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(path)).StatusCode);
        Assert.Equal([other.Id], await factory.WithDb(db => db.Tasks.Where(t => t.EntityId == shot.Id).Select(t => t.Id).ToListAsync()));
        await (await admin.DeleteAsync($"/api/actions/projects/{Guid.NewGuid()}/task-types/{task.TaskTypeId}/delete-tasks"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
