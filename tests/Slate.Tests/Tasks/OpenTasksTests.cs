using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>GET /data/tasks/open-tasks and its stats (behavior-production.md §3.8).</summary>
public class OpenTasksTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    [Fact]
    public async Task Open_tasks_are_those_of_the_callers_open_projects_filtered_with_stats()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (other, null));
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.Name = "SH010");
        var mine = await factory.CreateTaskAsync(shot, artist);
        var theirs = await factory.CreateTaskAsync(shot, other);
        var unassigned = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        await factory.WithDb(async db =>
        {
            (await db.Tasks.FindAsync(mine.Id))!.Duration = 60;
            (await db.Tasks.FindAsync(theirs.Id))!.Estimation = 120;
            return await db.SaveChangesAsync();
        });
        var closed = await factory.CreateProjectAsync(false, (artist, null));
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(closed, "Shot"), artist);
        var client = await factory.ClientForAsync(artist);

        var all = await OkAsync(await client.GetAsync("/api/data/tasks/open-tasks"));
        Assert.Equal(["data", "stats", "limit", "is_more", "page"], all.Select(p => p.Key));
        Assert.Equal(3, all["data"]!.AsArray().Count);
        Assert.Equal(3, (int)all["stats"]!["total"]!);
        Assert.Equal(60, (double)all["stats"]!["total_duration"]!);
        Assert.Equal(120, (double)all["stats"]!["total_estimation"]!);
        Assert.Equal(3, all["stats"]!["status"]!.AsArray().Count);
        var row = all["data"]!.AsArray().Single(r => (string?)r!["id"] == mine.Id.ToString())!.AsObject();
        var keys = row.Select(p => p.Key).ToList();
        Assert.Equal(
            ["type", "project_name", "project_has_avatar", "entity_name", "entity_description", "entity_data", "entity_preview_file_id",
             "entity_source_id", "entity_type_name", "entity_canceled", "sequence_name", "episode_id", "episode_name", "task_type_for_entity",
             "type_name", "status_name", "type_color", "status_color", "status_short_name", "assignees"],
            keys.Skip(keys.IndexOf("type")));
        Assert.Equal("SH010", (string?)row["entity_name"]);
        Assert.Equal(60, (double)row["duration"]!);

        var filtered = await OkAsync(await client.GetAsync($"/api/data/tasks/open-tasks?project_id={project.Id}&person_id={artist.Id}"));
        Assert.Equal([mine.Id.ToString()], filtered["data"]!.AsArray().Select(r => (string?)r!["id"]));
        var nobody = await OkAsync(await client.GetAsync("/api/data/tasks/open-tasks?person_id=unassigned"));
        Assert.Equal([unassigned.Id.ToString()], nobody["data"]!.AsArray().Select(r => (string?)r!["id"]));
        var paged = await OkAsync(await client.GetAsync("/api/data/tasks/open-tasks?limit=2&page=2"));
        Assert.Single(paged["data"]!.AsArray());
        Assert.False((bool)paged["is_more"]!);
        Assert.Equal(2, (int)paged["page"]!);

        await (await client.GetAsync("/api/data/tasks/open-tasks?project_id=nope")).AssertWrongParameterAsync("Invalid UUID value: nope");
        await (await client.GetAsync("/api/data/tasks/open-tasks?page=x")).AssertWrongParameterAsync("page must be an integer.");
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/tasks/open-tasks?project_id={project.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var empty = await OkAsync(await outsider.GetAsync("/api/data/tasks/open-tasks"));
        Assert.Empty(empty["data"]!.AsArray());
        Assert.Equal(0, (int)empty["stats"]!["total"]!);
    }

    [Fact]
    public async Task Open_task_stats_count_per_project_type_and_status_and_vendors_see_their_own()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var done = await factory.Save(new ProductionTaskStatus { Name = Unique("Done"), ShortName = Unique("d"), Color = "#000000", IsDone = true });
        var finished = await factory.CreateTaskAsync(shot, artist);
        var vendors = await factory.CreateTaskAsync(shot, vendor);
        await factory.WithDb(async db =>
        {
            var task = (await db.Tasks.FindAsync(finished.Id))!;
            (task.TaskStatusId, task.Duration) = (done.Id, 30);
            return await db.SaveChangesAsync();
        });

        var stats = await OkAsync(await (await factory.ClientForAsync(artist)).GetAsync("/api/data/tasks/open-tasks/stats"));
        var entry = stats[project.Id.ToString()]!.AsObject();
        Assert.Equal(["amount", "amount_done", "total_duration", "total_estimation", "task_types"], entry.Select(p => p.Key));
        Assert.Equal(2, (int)entry["amount"]!);
        Assert.Equal(1, (int)entry["amount_done"]!);
        Assert.Equal(30, (double)entry["total_duration"]!);
        Assert.Equal(2, entry["task_types"]!.AsArray().Count);
        Assert.Equal(["task_status_id", "task_type_id", "project_id", "amount", "amount_done", "total_duration", "total_estimation"],
            entry["task_types"]![0]!.AsObject().Select(p => p.Key));

        var vendorClient = await factory.ClientForAsync(vendor);
        var vendorStats = await OkAsync(await vendorClient.GetAsync("/api/data/tasks/open-tasks/stats"));
        Assert.Equal(1, (int)vendorStats[project.Id.ToString()]!["amount"]!);
        var vendorTasks = await OkAsync(await vendorClient.GetAsync("/api/data/tasks/open-tasks"));
        Assert.Equal([vendors.Id.ToString()], vendorTasks["data"]!.AsArray().Select(r => (string?)r!["id"]));
        Assert.Empty(await OkAsync(await (await factory.ClientForAsync(await factory.CreatePersonAsync())).GetAsync("/api/data/tasks/open-tasks/stats")));
    }

    [Fact]
    public async Task Task_lists_run_the_same_number_of_queries_for_one_task_or_many()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);

        async Task<int> CountAsync(int tasks)
        {
            var project = await factory.CreateProjectAsync(true, (artist, null));
            var episode = await factory.CreateEntityAsync(project, "Episode");
            var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
            for (var i = 0; i < tasks; i++)
            {
                var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id), artist);
                await factory.Save(new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = artist.Id, TaskStatusId = task.TaskStatusId, Text = "wip" });
            }
            var total = 0;
            foreach (var path in new[] { $"/api/data/tasks/open-tasks?project_id={project.Id}", $"/api/data/projects/{project.Id}/tasks" })
            {
                using var counter = await SqlCommandCounter.StartAsync(factory);
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                total += counter.Count;
            }
            return total;
        }

        Assert.Equal(await CountAsync(1), await CountAsync(5));
    }
}
