using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;
using static Slate.Tests.Infrastructure.TestData;

namespace Slate.Tests.User;

/// <summary>
/// What the caller works on (behavior-production.md §10): their open projects, the entities they
/// have tasks on, their tasks and task types per entity, their to-do, done and to-check lists.
/// </summary>
public class UserWorkTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>A production with an episode, a sequence, shots, a scene and assets, some of them with the artist's tasks.</summary>
    sealed record Production(
        Project Project, Entity Episode, Entity Sequence, Entity Shot, Entity OtherShot, Entity Scene, Entity Asset, Entity OtherAsset,
        ProductionTask ShotTask, ProductionTask ColleagueTask, ProductionTask AssetTask, ProductionTask SceneTask);

    async Task<Production> ProductionAsync(Person artist, Person colleague)
    {
        var project = await factory.CreateProjectAsync(true, (artist, null), (colleague, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var otherShot = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);
        var scene = await factory.CreateEntityAsync(project, "Scene", e => e.ParentId = sequence.Id);
        var asset = await factory.CreateEntityAsync(project, "Character");
        var otherAsset = await factory.CreateEntityAsync(project, "Prop");
        var shotTask = await factory.CreateTaskAsync(shot, artist);
        var colleagueTask = await factory.CreateTaskAsync(shot, colleague);
        await factory.CreateTaskAsync(otherShot, colleague);
        await factory.CreateTaskAsync(otherAsset, colleague);
        return new(project, episode, sequence, shot, otherShot, scene, asset, otherAsset,
            shotTask, colleagueTask, await factory.CreateTaskAsync(asset, artist), await factory.CreateTaskAsync(scene, artist));
    }

    [Fact]
    public async Task The_callers_tasks_and_task_types_on_an_entity_leave_other_peoples_out()
    {
        var artist = await factory.CreatePersonAsync();
        var colleague = await factory.CreatePersonAsync();
        var p = await ProductionAsync(artist, colleague);
        var client = await factory.ClientForAsync(artist);

        var tasks = await ArrayAsync(await client.GetAsync($"/api/data/user/shots/{p.Shot.Id}/tasks"));
        Assert.Equal(Ids(p.ShotTask), Ids(tasks));
        var row = tasks[0]!.AsObject();
        Assert.Equal("Task", (string?)row["type"]);
        Assert.Equal(p.Shot.Id.ToString(), (string?)row["entity_id"]);
        Assert.False(row.ContainsKey("assignees"));
        var types = await ArrayAsync(await client.GetAsync($"/api/data/user/shots/{p.Shot.Id}/task-types"));
        Assert.Equal([p.ShotTask.TaskTypeId!.Value.ToString()], Ids(types));
        Assert.Equal("TaskType", (string?)types[0]!["type"]);

        Assert.Equal(Ids(p.AssetTask), Ids(await ArrayAsync(await client.GetAsync($"/api/data/user/assets/{p.Asset.Id}/tasks"))));
        Assert.Equal(Ids(p.SceneTask), Ids(await ArrayAsync(await client.GetAsync($"/api/data/user/scenes/{p.Scene.Id}/tasks"))));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/user/sequences/{p.Sequence.Id}/tasks")));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/user/assets/{p.OtherAsset.Id}/task-types")));
        Assert.Equal(Ids(p.ColleagueTask), Ids(await ArrayAsync(await (await factory.ClientForAsync(colleague)).GetAsync($"/api/data/user/shots/{p.Shot.Id}/tasks"))));

        // The path names an entity of its kind: malformed, unknown or of another kind is 404.
        foreach (var path in new[] { "shots/not-a-uuid/tasks", $"shots/{Guid.NewGuid()}/tasks", $"assets/{p.Shot.Id}/tasks", $"sequences/{p.Shot.Id}/task-types", $"scenes/{p.Asset.Id}/task-types" })
            await (await client.GetAsync($"/api/data/user/{path}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Tasks_in_closed_projects_or_outside_the_team_are_not_listed()
    {
        var artist = await factory.CreatePersonAsync();
        var closed = await factory.CreateProjectAsync(false, (artist, null));
        var closedShot = await factory.CreateEntityAsync(closed, "Shot");
        await factory.CreateTaskAsync(closedShot, artist);
        var notMine = await factory.CreateProjectAsync(true);
        var foreignShot = await factory.CreateEntityAsync(notMine, "Shot");
        await factory.CreateTaskAsync(foreignShot, artist);
        var client = await factory.ClientForAsync(artist);

        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/user/shots/{closedShot.Id}/tasks")));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/user/shots/{foreignShot.Id}/tasks")));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/user/shots/{foreignShot.Id}/task-types")));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/user/projects/{notMine.Id}/asset-types")));
        Assert.Empty(await ArrayAsync(await client.GetAsync("/api/data/user/tasks")));
    }

    [Fact]
    public async Task The_entities_listed_are_the_ones_the_caller_has_a_task_on()
    {
        var artist = await factory.CreatePersonAsync();
        var colleague = await factory.CreatePersonAsync();
        var p = await ProductionAsync(artist, colleague);
        var client = await factory.ClientForAsync(artist);
        var root = $"/api/data/user/projects/{p.Project.Id}";

        var assetTypes = await ArrayAsync(await client.GetAsync($"{root}/asset-types"));
        Assert.Equal([p.Asset.EntityTypeId.ToString()], Ids(assetTypes));
        Assert.Equal("AssetType", (string?)assetTypes[0]!["type"]);
        Assert.False(assetTypes[0]!.AsObject().ContainsKey("task_types"));
        var assets = await ArrayAsync(await client.GetAsync($"{root}/asset-types/{p.Asset.EntityTypeId}/assets"));
        Assert.Equal(Ids(p.Asset), Ids(assets));
        Assert.Equal("Asset", (string?)assets[0]!["type"]);
        Assert.Empty(await ArrayAsync(await client.GetAsync($"{root}/asset-types/{p.OtherAsset.EntityTypeId}/assets")));
        var sequences = await ArrayAsync(await client.GetAsync($"{root}/sequences"));
        Assert.Equal(Ids(p.Sequence), Ids(sequences));
        Assert.Equal("Sequence", (string?)sequences[0]!["type"]);
        var episodes = await ArrayAsync(await client.GetAsync($"{root}/episodes"));
        Assert.Equal(Ids(p.Episode), Ids(episodes));
        Assert.Equal("Episode", (string?)episodes[0]!["type"]);
        var shots = await ArrayAsync(await client.GetAsync($"/api/data/user/sequences/{p.Sequence.Id}/shots"));
        Assert.Equal(Ids(p.Shot), Ids(shots));
        Assert.Equal("Shot", (string?)shots[0]!["type"]);
        Assert.Equal(p.Sequence.Id.ToString(), (string?)shots[0]!["parent_id"]);
        var scenes = await ArrayAsync(await client.GetAsync($"/api/data/user/sequences/{p.Sequence.Id}/scenes"));
        Assert.Equal(Ids(p.Scene), Ids(scenes));
        Assert.Equal("Scene", (string?)scenes[0]!["type"]);

        // The colleague works on both shots, not on the scene.
        var colleagueClient = await factory.ClientForAsync(colleague);
        Assert.Equal(Ids(p.Shot, p.OtherShot), Ids(await ArrayAsync(await colleagueClient.GetAsync($"/api/data/user/sequences/{p.Sequence.Id}/shots"))));
        Assert.Empty(await ArrayAsync(await colleagueClient.GetAsync($"/api/data/user/sequences/{p.Sequence.Id}/scenes")));
        Assert.Equal([p.OtherAsset.EntityTypeId.ToString()], Ids(await ArrayAsync(await colleagueClient.GetAsync($"{root}/asset-types"))));

        // Someone with no task there sees nothing; the path's rows must exist.
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        Assert.Empty(await ArrayAsync(await outsider.GetAsync($"{root}/sequences")));
        Assert.Empty(await ArrayAsync(await outsider.GetAsync($"/api/data/user/sequences/{p.Sequence.Id}/shots")));
        foreach (var path in new[]
                 {
                     "/api/data/user/projects/not-a-uuid/sequences", $"/api/data/user/projects/{Guid.NewGuid()}/episodes",
                     $"{root}/asset-types/not-a-uuid/assets", $"{root}/asset-types/{Guid.NewGuid()}/assets",
                     $"{root}/asset-types/{p.Shot.EntityTypeId}/assets", $"/api/data/user/projects/{Guid.NewGuid()}/asset-types",
                     $"/api/data/user/sequences/{p.Shot.Id}/shots", "/api/data/user/sequences/not-a-uuid/scenes",
                 })
            await (await client.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Open_projects_are_the_callers_open_team_projects_and_every_open_one_for_admins()
    {
        var artist = await factory.CreatePersonAsync();
        var mine = await factory.CreateProjectAsync(true, (artist, null));
        var other = await factory.CreateProjectAsync(true);
        await factory.CreateProjectAsync(false, (artist, null));

        var projects = await ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync("/api/data/user/projects/open"));
        Assert.Equal(Ids(mine), Ids(projects));
        Assert.NotNull(projects[0]!["descriptors"]);
        Assert.Equal(Ids(mine), Ids(await ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/user/projects/open?name={mine.Name}"))));
        var all = Ids(await ArrayAsync(await (await factory.ClientForAsync(await factory.CreatePersonAsync("admin"))).GetAsync("/api/data/user/projects/open")));
        Assert.Contains(mine.Id.ToString(), all);
        Assert.Contains(other.Id.ToString(), all);
    }

    [Fact]
    public async Task The_to_do_and_done_lists_hold_the_callers_tasks_in_kitsus_row_format()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var colleague = await factory.CreatePersonAsync();
        var p = await ProductionAsync(vendor, colleague);
        var done = await factory.CreateTaskStatusAsync(s => s.IsDone = true);
        var finished = await factory.CreateTaskAsync(p.OtherShot, vendor);
        await factory.WithDb(async db =>
        {
            (await db.Tasks.FindAsync(finished.Id))!.TaskStatusId = done.Id;
            return await db.SaveChangesAsync();
        });
        var client = await factory.ClientForAsync(vendor);

        var todo = await ArrayAsync(await client.GetAsync("/api/data/user/tasks"));
        Assert.Equal(Ids(p.ShotTask, p.AssetTask, p.SceneTask), Ids(todo));
        var row = todo.Single(r => (string?)r!["id"] == p.ShotTask.Id.ToString())!.AsObject();
        Assert.Equal(p.Project.Name, (string?)row["project_name"]);
        Assert.Equal(p.Sequence.Name, (string?)row["sequence_name"]);
        Assert.Equal(p.Episode.Id.ToString(), (string?)row["episode_id"]);
        Assert.Equal([vendor.Id.ToString()], row["assignees"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("last_comment", row.Last().Key);
        Assert.Equal(Ids(finished), Ids(await ArrayAsync(await client.GetAsync("/api/data/user/done-tasks"))));
        var colleagueTodo = Ids(await ArrayAsync(await (await factory.ClientForAsync(colleague)).GetAsync("/api/data/user/tasks")));
        Assert.Contains(p.ColleagueTask.Id.ToString(), colleagueTodo);
        Assert.DoesNotContain(p.ShotTask.Id.ToString(), colleagueTodo);
    }

    [Fact]
    public async Task Tasks_to_check_are_the_feedback_requests_of_managed_projects_and_supervised_departments()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var artist = await factory.CreatePersonAsync();
        var department = await factory.CreateDepartmentAsync(supervisor);
        var project = await factory.CreateProjectAsync(true, (manager, null), (supervisor, null), (artist, null));
        var otherProject = await factory.CreateProjectAsync(true, (artist, null));
        var closed = await factory.CreateProjectAsync(false, (manager, null), (artist, null));
        var feedback = await factory.CreateTaskStatusAsync(s => s.IsFeedbackRequest = true);
        var ofDepartment = await factory.CreateTaskTypeAsync("Shot", department);
        var ofNone = await factory.CreateTaskTypeAsync("Shot");

        async Task<ProductionTask> TaskAsync(Project of, TaskType type, bool waiting = true)
        {
            var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(of, "Shot"), type, artist);
            if (waiting)
                await factory.WithDb(async db =>
                {
                    (await db.Tasks.FindAsync(task.Id))!.TaskStatusId = feedback.Id;
                    return await db.SaveChangesAsync();
                });
            return task;
        }

        var departmentTask = await TaskAsync(project, ofDepartment);
        var otherTask = await TaskAsync(project, ofNone);
        await TaskAsync(project, ofDepartment, waiting: false);
        var elsewhere = await TaskAsync(otherProject, ofDepartment);
        var inClosed = await TaskAsync(closed, ofDepartment);
        await factory.CreateCommentAsync(departmentTask, artist, c => c.Text = "please check");

        var managed = await ArrayAsync(await (await factory.ClientForAsync(manager)).GetAsync("/api/data/user/tasks-to-check"));
        Assert.Equal(Ids(departmentTask, otherTask), Ids(managed));
        var row = managed.Single(r => (string?)r!["id"] == departmentTask.Id.ToString())!.AsObject();
        Assert.Equal(feedback.Name, (string?)row["task_status_name"]);
        Assert.Equal("please check", (string?)row["last_comment"]!["text"]);
        Assert.Equal(["assignees", "last_comment"], row.Select(p => p.Key).TakeLast(2));
        Assert.Equal(Ids(departmentTask), Ids(await ArrayAsync(await (await factory.ClientForAsync(supervisor)).GetAsync("/api/data/user/tasks-to-check"))));
        Assert.Empty(await ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync("/api/data/user/tasks-to-check")));
        var admin = Ids(await ArrayAsync(await (await factory.ClientForAsync(await factory.CreatePersonAsync("admin"))).GetAsync("/api/data/user/tasks-to-check")));
        Assert.Contains(elsewhere.Id.ToString(), admin);
        Assert.Contains(departmentTask.Id.ToString(), admin);
        Assert.DoesNotContain(inClosed.Id.ToString(), admin);

        // The role held in the project decides: a global artist managing the project checks it all.
        var projectManager = await factory.CreatePersonAsync();
        await factory.AddToTeamAsync(project.Id, projectManager, "manager");
        Assert.Equal(Ids(departmentTask, otherTask), Ids(await ArrayAsync(await (await factory.ClientForAsync(projectManager)).GetAsync("/api/data/user/tasks-to-check"))));
    }

    [Fact]
    public async Task Bots_are_refused_every_route()
    {
        var bot = await factory.BotClientAsync("admin");
        var id = Guid.NewGuid();
        string[] paths =
        [
            "context", $"assets/{id}/tasks", $"shots/{id}/tasks", $"scenes/{id}/tasks", $"sequences/{id}/tasks",
            $"assets/{id}/task-types", $"shots/{id}/task-types", $"scenes/{id}/task-types", $"sequences/{id}/task-types",
            "projects/open", $"projects/{id}/asset-types", $"projects/{id}/asset-types/{id}/assets", $"projects/{id}/sequences",
            $"projects/{id}/episodes", $"sequences/{id}/shots", $"sequences/{id}/scenes", "tasks", "tasks-to-check", "done-tasks",
        ];
        foreach (var path in paths)
            await (await bot.GetAsync($"/api/data/user/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
