using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Entities;

/// <summary>The entities blueprint: previews, time spents and task creation of any kind of entity (behavior-production.md §1.5, §11 check 19).</summary>
public class EntitiesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<Project> ProjectAsync(params (Person Person, string? Role)[] team) => factory.CreateProjectAsync(true, team);

    [Fact]
    public async Task An_entitys_previews_and_time_spents_are_for_its_team()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(shot, artist);
        var (preview, spent) = await factory.WithDb(async db =>
        {
            var preview = new PreviewFile { Name = "v1", OriginalName = "blocking_v001", Extension = "png", TaskId = task.Id, PersonId = artist.Id, Status = "ready" };
            var second = new PreviewFile { Name = "v2", Extension = "png", Revision = 2, TaskId = task.Id, PersonId = artist.Id };
            var spent = new TimeSpent { Duration = 300, Date = new DateOnly(2026, 11, 27), TaskId = task.Id, PersonId = artist.Id };
            db.AddRange(preview, second, spent, new TimeSpent { Duration = 60, Date = new DateOnly(2026, 11, 26), TaskId = task.Id, PersonId = artist.Id });
            await db.SaveChangesAsync();
            return (preview, spent);
        });

        var client = await factory.ClientForAsync(artist);
        var previews = await ArrayAsync(await client.GetAsync($"/api/data/entities/{shot.Id}/preview-files"));
        Assert.Equal(2, previews.Count);
        Assert.Equal(2, (int)previews[0]!["revision"]!);
        var first = previews[1]!.AsObject();
        Assert.Equal(preview.Id.ToString(), (string?)first["id"]);
        Assert.Equal(
            ["id", "name", "original_name", "extension", "revision", "position", "file_size", "status", "validation_status", "task_id", "person_id", "created_at", "token_in", "token_out"],
            first.Select(p => p.Key));

        var spents = await ArrayAsync(await client.GetAsync($"/api/data/entities/{shot.Id}/time-spents"));
        Assert.Equal(2, spents.Count);
        Assert.Equal(spent.Id.ToString(), (string?)spents[0]!["id"]);
        Assert.Equal("2026-11-27", (string?)spents[0]!["date"]);
        Assert.Equal("TimeSpent", (string?)spents[0]!["type"]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/entities/{shot.Id}/preview-files")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/entities/{shot.Id}/time-spents")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/entities/{Guid.NewGuid()}/time-spents")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task An_entitys_news_name_it_fully_and_embed_the_author()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode", e => e.Name = "E01");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ01"; e.ParentId = episode.Id; });
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH010"; e.ParentId = sequence.Id; });
        var task = await factory.CreateTaskAsync(shot, artist);
        var news = await factory.WithDb(async db =>
        {
            var comment = new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = artist.Id, TaskStatusId = task.TaskStatusId, Text = "wip" };
            var preview = new PreviewFile { Name = "v1", Extension = "png", Revision = 3, TaskId = task.Id, PersonId = artist.Id };
            var news = new News { AuthorId = artist.Id, TaskId = task.Id, CommentId = comment.Id, PreviewFileId = preview.Id, Change = true };
            db.AddRange(comment, preview, news);
            await db.SaveChangesAsync();
            return news;
        });

        var client = await factory.ClientForAsync(artist);
        var response = await client.GetAsync($"/api/data/entities/{shot.Id}/news");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        Assert.Equal(1, (int)page["nb_pages"]!);
        Assert.Equal(2000, (int)page["limit"]!);
        Assert.Equal(1, (int)page["page"]!);
        var row = Assert.Single(page["data"]!.AsArray())!;
        Assert.Equal(news.Id.ToString(), (string?)row["id"]);
        Assert.Equal("News", (string?)row["type"]);
        Assert.Equal("E01 / SQ01 / SH010", (string?)row["full_entity_name"]);
        Assert.Equal(episode.Id.ToString(), (string?)row["episode_id"]);
        Assert.Equal(task.TaskStatusId.ToString(), (string?)row["task_status_id"]);
        Assert.Equal(shot.Id.ToString(), (string?)row["task_entity_id"]);
        Assert.Equal("png", (string?)row["preview_file_extension"]);
        Assert.Equal(3, (int)row["preview_file_revision"]!);
        Assert.Equal(project.Name, (string?)row["project_name"]);
        Assert.True((bool)row["change"]!);
        Assert.Equal(artist.Id.ToString(), (string?)row["person"]!["id"]);
        Assert.Equal("user", (string?)row["person"]!["role"]);

        var asset = await factory.CreateEntityAsync(project, "Character", e => e.Name = "Hero");
        var assetNews = await (await client.GetAsync($"/api/data/entities/{asset.Id}/news")).ReadJsonObjectAsync();
        Assert.Empty(assetNews["data"]!.AsArray());
        Assert.Equal(0, (int)assetNews["nb_pages"]!);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/entities/{shot.Id}/news")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    static List<string> Ids(JsonArray rows) => [.. rows.Select(r => (string)r!)];

    [Fact]
    public async Task Delete_entities_cancels_or_deletes_the_projects_shots_and_assets()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await ProjectAsync();
        var asset = await factory.CreateEntityAsync(project);
        var assetTask = await factory.CreateTaskAsync(asset);
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var foreign = await factory.CreateEntityAsync(await ProjectAsync());
        var path = $"/api/actions/projects/{project.Id}/delete-entities";

        var done = await ArrayAsync(await admin.PostAsJsonAsync(path, new[] { asset.Id, shot.Id, sequence.Id, foreign.Id }));
        Assert.Equal([asset.Id.ToString(), shot.Id.ToString()], Ids(done));
        Assert.True(await factory.WithDb(db => db.Entities.Where(e => e.Id == asset.Id).Select(e => e.Canceled == true).SingleAsync()));
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == shot.Id)));
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == sequence.Id || e.Id == foreign.Id)));
        Assert.Contains("shot:delete", await factory.EventsAsync("shot_id", shot.Id));

        Assert.Equal([asset.Id.ToString()], Ids(await ArrayAsync(await admin.PostAsJsonAsync(path, new[] { asset.Id }))));
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == asset.Id)));
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.Id == assetTask.Id)));

        var forced = await factory.CreateEntityAsync(project, "Shot");
        await factory.CreateTaskAsync(forced);
        Assert.Single(await ArrayAsync(await admin.PostAsJsonAsync($"{path}?force=true", new[] { forced.Id })));
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == forced.Id)));

        var notList = await admin.PostAsJsonAsync(path, new { ids = new[] { asset.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, notList.StatusCode);
        Assert.Equal("Request body must be a JSON array.", (string?)(await notList.ReadJsonObjectAsync())["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(path, new[] { "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/actions/projects/{Guid.NewGuid()}/delete-entities", new[] { shot.Id })).StatusCode);
    }

    [Fact]
    public async Task Delete_entities_needs_a_manager_or_the_creator_in_the_team()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var asset = await factory.CreateEntityAsync(project);
        var own = await factory.CreateEntityAsync(project, "Shot", e => e.CreatedBy = artist.Id);
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/actions/projects/{project.Id}/delete-entities";

        await (await client.PostAsJsonAsync(path, new[] { own.Id, asset.Id })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == own.Id)));
        Assert.Equal([own.Id.ToString()], Ids(await ArrayAsync(await client.PostAsJsonAsync(path, new[] { own.Id }))));
    }

    /// <summary>A task type enabled in the project, for that kind of entity.</summary>
    Task<TaskType> ProjectTaskTypeAsync(Project project, string? forEntity) => factory.WithDb(async db =>
    {
        var type = new TaskType { Name = TestData.Unique("TT"), ForEntity = forEntity, Color = "#9CCC65", Priority = 4 };
        db.TaskTypes.Add(type);
        db.ProjectTaskTypeLinks.Add(new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = type.Id });
        await db.SaveChangesAsync();
        return type;
    });

    [Fact]
    public async Task Tasks_are_created_once_per_valid_task_type()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync((artist, null));
        var asset = await factory.CreateEntityAsync(project);
        var rigging = await ProjectTaskTypeAsync(project, "Asset");
        var modeling = await ProjectTaskTypeAsync(project, "Asset");
        await ProjectTaskTypeAsync(project, "Shot");
        var client = await factory.ClientForAsync(artist);

        var created = await ArrayAsync(await client.PostAsJsonAsync($"/api/data/entities/{asset.Id}/tasks", new { task_type_ids = new[] { rigging.Id } }),
            HttpStatusCode.Created);
        var task = Assert.Single(created)!;
        Assert.Equal("main", (string?)task["name"]);
        Assert.Equal("Task", (string?)task["type"]);
        Assert.Equal(rigging.Name, (string?)task["task_type_name"]);
        Assert.Equal("#9CCC65", (string?)task["task_type_color"]);
        Assert.Equal(4, (int)task["task_type_priority"]!);
        Assert.Empty(task["assignees"]!.AsArray());
        Assert.Equal(artist.Id.ToString(), (string?)task["assigner_id"]);
        Assert.NotNull((string?)task["task_status_short_name"]);
        Assert.Equal(["task:new"], await factory.EventsAsync("task_id", Guid.Parse((string)task["id"]!)));

        var rest = await ArrayAsync(await client.PostAsJsonAsync($"/api/data/entities/{asset.Id}/tasks", new { }), HttpStatusCode.Created);
        Assert.Equal(modeling.Id.ToString(), (string?)Assert.Single(rest)!["task_type_id"]);
        Assert.Empty(await ArrayAsync(await client.PostAsJsonAsync($"/api/data/entities/{asset.Id}/tasks", new { }), HttpStatusCode.Created));
        Assert.Equal(2, await factory.WithDb(db => db.Tasks.CountAsync(t => t.EntityId == asset.Id)));
    }

    [Fact]
    public async Task Task_types_of_another_kind_or_not_in_the_project_are_refused()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await ProjectAsync();
        var asset = await factory.CreateEntityAsync(project);
        var shotType = await ProjectTaskTypeAsync(project, "Shot");
        var elsewhere = await ProjectTaskTypeAsync(await ProjectAsync(), "Asset");
        var path = $"/api/data/entities/{asset.Id}/tasks";

        var wrongKind = await admin.PostAsJsonAsync(path, new { task_type_ids = new[] { shotType.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Equal($"Task type {shotType.Id} is for Shot entities, got Asset.", (string?)(await wrongKind.ReadJsonObjectAsync())["message"]);
        var notEnabled = await admin.PostAsJsonAsync(path, new { task_type_ids = new[] { elsewhere.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, notEnabled.StatusCode);
        await (await admin.PostAsJsonAsync(path, new { task_type_ids = new[] { Guid.NewGuid() } })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(path, new { task_type_ids = "x" })).StatusCode);
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.EntityId == asset.Id)));
    }

    [Fact]
    public async Task Vendors_clients_and_outsiders_create_no_tasks()
    {
        var client = await factory.CreatePersonAsync("client");
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await ProjectAsync((client, null), (vendor, null));
        var asset = await factory.CreateEntityAsync(project);
        await factory.CreateTaskAsync(asset, vendor);
        var type = await ProjectTaskTypeAsync(project, "Asset");
        var body = new { task_type_ids = new[] { type.Id } };
        var path = $"/api/data/entities/{asset.Id}/tasks";

        foreach (var person in (Person[])[client, vendor, await factory.CreatePersonAsync()])
            await (await (await factory.ClientForAsync(person)).PostAsJsonAsync(path, body)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
