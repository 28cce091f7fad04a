using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Tasks;

/// <summary>A person's to-do, done and related task lists (behavior-production.md §3.8).</summary>
public class PersonTasksTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task A_persons_tasks_carry_the_names_kitsu_shows_and_the_last_non_client_comment()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.CreatePersonAsync("client");
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (artist, null), (client, null), (manager, null));
        var episode = await factory.CreateEntityAsync(project, "Episode", e => e.Name = "E01");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ01"; e.ParentId = episode.Id; });
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH010"; e.ParentId = sequence.Id; });
        var task = await factory.CreateTaskAsync(shot, artist);
        var asset = await factory.CreateEntityAsync(project, "Character");
        var assetTask = await factory.CreateTaskAsync(asset, artist);
        await factory.CastAsync(episode, asset);
        var closed = await factory.CreateProjectAsync(false, (artist, null), (manager, null));
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(closed, "Shot"), artist);
        var older = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Unspecified);
        await factory.Save(
            new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = artist.Id, TaskStatusId = task.TaskStatusId, Text = "pass 1", CreatedAt = older },
            new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = client.Id, TaskStatusId = task.TaskStatusId, Text = "client note", CreatedAt = older.AddDays(1) });

        var rows = await ArrayAsync(await (await factory.ClientForAsync(manager)).GetAsync($"/api/data/persons/{artist.Id}/tasks"));
        Assert.Equal(2, rows.Count);
        var row = rows.Single(r => (string?)r!["id"] == task.Id.ToString())!.AsObject();
        var keys = row.Select(p => p.Key).ToList();
        Assert.Equal(
            ["type", "project_name", "project_has_avatar", "entity_name", "entity_description", "entity_data", "entity_preview_file_id",
             "entity_source_id", "entity_type_name", "entity_canceled", "sequence_name", "episode_id", "episode_name", "task_type_for_entity",
             "task_estimation", "task_duration", "task_start_date", "task_due_date", "task_type_name", "task_status_name", "task_type_color",
             "task_status_color", "task_status_short_name", "assignees", "last_comment"],
            keys.Skip(keys.IndexOf("type")));
        Assert.Equal("SQ01", (string?)row["sequence_name"]);
        Assert.Equal(episode.Id.ToString(), (string?)row["episode_id"]);
        Assert.Equal("E01", (string?)row["episode_name"]);
        Assert.Equal("", (string?)row["entity_preview_file_id"]);
        Assert.Equal("Shot", (string?)row["entity_type_name"]);
        Assert.Equal([artist.Id.ToString()], row["assignees"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("pass 1", (string?)row["last_comment"]!["text"]);
        Assert.Equal(artist.Id.ToString(), (string?)row["last_comment"]!["person_id"]);
        var assetRow = rows.Single(r => (string?)r!["id"] == assetTask.Id.ToString())!;
        Assert.Equal([episode.Id.ToString()], assetRow["episode_ids"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(["E01"], assetRow["episode_names"]!.AsArray().Select(a => (string?)a));
        Assert.Empty(assetRow["last_comment"]!.AsObject());

        Assert.Empty(await ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/persons/{artist.Id}/done-tasks")));
        Assert.Empty(await ArrayAsync(await (await factory.ClientForAsync(client)).GetAsync($"/api/data/persons/{artist.Id}/tasks")));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        Assert.Empty(await ArrayAsync(await outsider.GetAsync($"/api/data/persons/{artist.Id}/tasks")));
        await (await outsider.GetAsync($"/api/data/persons/{Guid.NewGuid()}/tasks")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Done_tasks_come_latest_end_first_and_vendors_only_ask_about_themselves()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var done = await factory.Save(new ProductionTaskStatus { Name = Unique("Done"), ShortName = Unique("d"), Color = "#000000", IsDone = true });
        var first = await factory.CreateTaskAsync(shot, artist);
        var second = await factory.CreateTaskAsync(shot, artist);
        await factory.WithDb(async db =>
        {
            foreach (var (id, day) in new[] { (first.Id, 1), (second.Id, 2) })
            {
                var task = (await db.Tasks.FindAsync(id))!;
                task.TaskStatusId = done.Id;
                task.EndDate = DateTime.SpecifyKind(new DateTime(2026, 3, day), DateTimeKind.Unspecified);
            }
            return await db.SaveChangesAsync();
        });

        var artistClient = await factory.ClientForAsync(artist);
        var rows = await ArrayAsync(await artistClient.GetAsync($"/api/data/persons/{artist.Id}/done-tasks"));
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], rows.Select(r => (string?)r!["id"]));
        Assert.Empty(await ArrayAsync(await artistClient.GetAsync($"/api/data/persons/{artist.Id}/tasks")));

        var vendorClient = await factory.ClientForAsync(vendor);
        await (await vendorClient.GetAsync($"/api/data/persons/{artist.Id}/done-tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await vendorClient.GetAsync($"/api/data/persons/{artist.Id}/related-tasks/{first.TaskTypeId}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Empty(await ArrayAsync(await vendorClient.GetAsync($"/api/data/persons/{vendor.Id}/tasks")));
    }

    [Fact]
    public async Task Related_tasks_are_those_of_a_type_on_the_persons_entities_in_the_callers_projects()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (other, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var mine = await factory.CreateTaskAsync(shot, artist);
        var layout = await factory.CreateTaskAsync(shot, other);
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), other);

        var rows = await ArrayAsync(await (await factory.ClientForAsync(other)).GetAsync($"/api/data/persons/{artist.Id}/related-tasks/{layout.TaskTypeId}"));
        Assert.Equal([layout.Id.ToString()], rows.Select(r => (string?)r!["id"]));
        Assert.Null(rows[0]!["assignees"]);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        Assert.Empty(await ArrayAsync(await outsider.GetAsync($"/api/data/persons/{artist.Id}/related-tasks/{layout.TaskTypeId}")));
        Assert.NotEqual(mine.TaskTypeId, layout.TaskTypeId);
    }
}
