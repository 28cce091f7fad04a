using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>A production's milestones and schedule items, created on first read (behavior-production.md §8.1).</summary>
public class ProjectScheduleTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static async Task<JsonArray> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).AsArray();
    }

    Task<List<ScheduleItem>> ItemsAsync(Project project) =>
        factory.WithDb(db => db.ScheduleItems.AsNoTracking().Where(i => i.ProjectId == project.Id).ToListAsync());

    static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_team_but_vendors_reads_milestones_and_schedule_items()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null));
        var taskType = await factory.CreateTaskTypeAsync("Shot");
        var milestone = await factory.WithDb(async db =>
        {
            var row = new Milestone { ProjectId = project.Id, TaskTypeId = taskType.Id, Name = "Animatic lock", Date = new DateOnly(2026, 12, 11) };
            db.Milestones.Add(row);
            db.ScheduleItems.Add(new ScheduleItem { ProjectId = project.Id, TaskTypeId = taskType.Id, ManDays = 12, StartDate = new DateOnly(2026, 11, 27) });
            await db.SaveChangesAsync();
            return row;
        });
        var client = await factory.ClientForAsync(artist);

        var milestones = await OkAsync(await client.GetAsync($"/api/data/projects/{project.Id}/milestones"));
        Responses.AssertJsonEqual(new JsonArray(new JsonObject
        {
            ["id"] = milestone.Id.ToString(), ["date"] = "2026-12-11", ["name"] = "Animatic lock",
            ["project_id"] = project.Id.ToString(), ["task_type_id"] = taskType.Id.ToString(),
        }), milestones);
        var item = Assert.Single(await OkAsync(await client.GetAsync($"/api/data/projects/{project.Id}/schedule-items")))!;
        Assert.Equal("ScheduleItem", (string?)item["type"]);
        Assert.Equal(12, (int)item["man_days"]!);
        Assert.Null(item["object_id"]);

        var vendorClient = await factory.ClientForAsync(vendor);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        foreach (var path in new[] { "milestones", "schedule-items", "schedule-items/task-types", $"schedule-items/{taskType.Id}/sequences" })
        {
            await (await vendorClient.GetAsync($"/api/data/projects/{project.Id}/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await outsider.GetAsync($"/api/data/projects/{project.Id}/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        Assert.Single(await ItemsAsync(project));
    }

    [Fact]
    public async Task Task_type_items_are_created_once_for_the_task_types_the_tasks_use()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var animation = await factory.CreateTaskTypeAsync("Shot");
        var modeling = await factory.CreateTaskTypeAsync("Asset");
        var concept = await factory.CreateTaskTypeAsync("Concept");
        var dropped = await factory.CreateTaskTypeAsync("Shot");
        await factory.CreateTaskAsync(shot, animation);
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(project), modeling);
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Concept"), concept);
        var kept = await factory.WithDb(async db =>
        {
            var row = new ScheduleItem { ProjectId = project.Id, TaskTypeId = animation.Id, StartDate = new DateOnly(2026, 1, 5), EndDate = new DateOnly(2026, 2, 1) };
            db.ScheduleItems.AddRange(row, new ScheduleItem { ProjectId = project.Id, TaskTypeId = dropped.Id, StartDate = new DateOnly(2026, 1, 1) });
            await db.SaveChangesAsync();
            return row;
        });
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/projects/{project.Id}/schedule-items/task-types";

        var items = await OkAsync(await client.GetAsync(path));
        Assert.Equal([animation.Id.ToString(), modeling.Id.ToString()], items.Select(i => (string)i!["task_type_id"]!).ToList());
        Assert.Equal(kept.Id.ToString(), (string?)items[0]!["id"]);
        var created = items[1]!.AsObject();
        Assert.Equal(["id", "start_date", "end_date", "man_days", "project_id", "task_type_id", "object_id"], created.Select(p => p.Key).ToList());
        Assert.Equal(Today, (string?)created["start_date"]);
        Assert.Null(created["object_id"]);
        Assert.Equal(["schedule-item:new"], await factory.EventsAsync("schedule_item_id", Guid.Parse((string)created["id"]!)));

        Responses.AssertJsonEqual(items, await OkAsync(await client.GetAsync(path)));
        Assert.Equal(3, (await ItemsAsync(project)).Count);
    }

    [Fact]
    public async Task Asset_type_items_follow_the_assets_of_the_project_or_of_an_episode()
    {
        var project = await factory.CreateProjectAsync(true);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var character = await factory.EntityTypeAsync(TestData.Unique("Character"));
        var prop = await factory.EntityTypeAsync(TestData.Unique("Prop"));
        await factory.CreateEntityAsync(project, character.Name, e => e.SourceId = episode.Id);
        await factory.CreateEntityAsync(project, prop.Name);
        var taskType = await factory.CreateTaskTypeAsync();
        var path = $"/api/data/projects/{project.Id}/schedule-items/{taskType.Id}/asset-types";

        var items = await OkAsync(await admin.GetAsync(path));
        Assert.Equal(new[] { character.Name, prop.Name }.Order(StringComparer.Ordinal), items.Select(i => (string)i!["name"]!));
        var item = items.Single(i => (string?)i!["name"] == prop.Name)!;
        Assert.Equal(prop.Id.ToString(), (string?)item["object_id"]);
        Assert.Equal(taskType.Id.ToString(), (string?)item["task_type_id"]);
        Assert.Equal(8, item.AsObject().Count);

        var ofEpisode = await OkAsync(await admin.GetAsync($"{path}?episode_id={episode.Id}"));
        Assert.Equal(character.Id.ToString(), (string?)Assert.Single(ofEpisode)!["object_id"]);
        Assert.Equal(2, (await ItemsAsync(project)).Count);

        await (await admin.GetAsync($"/api/data/projects/{project.Id}/schedule-items/nope/asset-types")).AssertWrongParameterAsync("Wrong UUID format.");
        await (await admin.GetAsync($"{path}?episode_id=nope")).AssertWrongParameterAsync("Wrong UUID format.");
        await (await admin.GetAsync($"/api/data/projects/{project.Id}/schedule-items/{Guid.NewGuid()}/asset-types"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var foreignEpisode = await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Episode");
        await (await admin.GetAsync($"{path}?episode_id={foreignEpisode.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(2, (await ItemsAsync(project)).Count);
    }

    [Fact]
    public async Task Episode_sequence_and_edit_items_carry_their_names()
    {
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var project = await factory.CreateProjectAsync(true, (supervisor, null));
        var first = await factory.CreateEntityAsync(project, "Episode", e => e.Name = "E01");
        var second = await factory.CreateEntityAsync(project, "Episode", e => e.Name = "E02");
        await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ02"; e.ParentId = first.Id; });
        await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ01"; e.ParentId = first.Id; });
        var other = await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ03"; e.ParentId = second.Id; });
        await factory.CreateEntityAsync(project, "Edit", e => { e.Name = "EDIT_E01"; e.ParentId = first.Id; });
        await factory.CreateEntityAsync(project, "Edit", e => { e.Name = "EDIT_OLD"; e.Canceled = true; });
        var taskType = await factory.CreateTaskTypeAsync("Sequence");
        var client = await factory.ClientForAsync(supervisor);
        var path = $"/api/data/projects/{project.Id}/schedule-items/{taskType.Id}";

        static List<string> Names(JsonArray items) => [.. items.Select(i => (string)i!["name"]!)];
        Assert.Equal(["E01", "E02"], Names(await OkAsync(await client.GetAsync($"{path}/episodes"))));
        Assert.Equal(["E02"], Names(await OkAsync(await client.GetAsync($"{path}/episodes?episode_id={second.Id}"))));
        Assert.Equal(["SQ01", "SQ02", "SQ03"], Names(await OkAsync(await client.GetAsync($"{path}/sequences"))));
        var ofEpisode = await OkAsync(await client.GetAsync($"{path}/sequences?episode_id={second.Id}"));
        Assert.Equal(other.Id.ToString(), (string?)Assert.Single(ofEpisode)!["object_id"]);
        Assert.Equal(["EDIT_E01"], Names(await OkAsync(await client.GetAsync($"{path}/edits"))));
        Assert.Empty(await OkAsync(await client.GetAsync($"{path}/edits?episode_id={second.Id}")));
        Assert.Equal(6, (await ItemsAsync(project)).Count);
    }
}
