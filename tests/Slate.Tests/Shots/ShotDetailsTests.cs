using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Shots;

/// <summary>One shot and what hangs from it: the full shot, its cast assets, tasks, task types, previews and versions.</summary>
public class ShotDetailsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>E01 / SQ01 / SH010 with data frames, in a project with the given team.</summary>
    async Task<(Project Project, Entity Episode, Entity Sequence, Entity Shot)> ShotAsync(params (Person Person, string? Role)[] team)
    {
        var project = await factory.CreateProjectAsync(true, team);
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(project, "Shot", e =>
        {
            e.ParentId = sequence.Id;
            e.NbFrames = 48;
            e.Data = new JsonObject { ["frame_in"] = 1001, ["frame_out"] = 1048 };
        });
        return (project, episode, sequence, shot);
    }

    [Fact]
    public async Task The_full_shot_is_the_with_tasks_row_completed_with_the_columns_and_relations()
    {
        var artist = await factory.CreatePersonAsync();
        var (project, episode, sequence, shot) = await ShotAsync((artist, null));
        var task = await factory.CreateTaskAsync(shot, artist);
        var asset = await factory.CreateEntityAsync(project);
        await factory.WithDb(db =>
        {
            db.EntityLinks.Add(new EntityLink { EntityInId = shot.Id, EntityOutId = asset.Id });
            db.Subscriptions.Add(new Subscription { TaskId = task.Id, PersonId = artist.Id });
            return db.SaveChangesAsync();
        });

        var json = (await OkAsync(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/shots/{shot.Id}"))).AsObject();
        Assert.Equal(
            ["canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "fps", "frame_in", "frame_out", "id",
             "name", "nb_frames", "parent_id", "preview_file_id", "project_id", "project_name", "sequence_id", "sequence_name",
             "source_id", "nb_entities_out", "is_casting_standby", "tasks", "type"],
            json.Select(p => p.Key).Take(23));
        Assert.Equal("Shot", (string?)json["type"]);
        Assert.Equal(sequence.Id.ToString(), (string?)json["sequence_id"]);
        Assert.Equal(sequence.Name, (string?)json["sequence_name"]);
        Assert.Equal(episode.Id.ToString(), (string?)json["episode_id"]);
        Assert.Equal(episode.Name, (string?)json["episode_name"]);
        Assert.Equal(project.Name, (string?)json["project_name"]);
        Assert.Equal(1001, (int?)json["frame_in"]);
        Assert.Null(json["fps"]);
        Assert.Equal(shot.CreatedAt!.Value.ToString("yyyy-MM-ddTHH:mm:ss"), (string?)json["created_at"]);
        Assert.Equal([asset.Id.ToString()], json["entities_out"]!.AsArray().Select(n => (string?)n));
        Assert.Empty(json["entities_in"]!.AsArray());
        Assert.NotNull(json["instance_casting"]);
        var row = Assert.Single(json["tasks"]!.AsArray())!.AsObject();
        Assert.Equal(
            ["id", "duration", "due_date", "end_date", "done_date", "entity_id", "estimation", "is_subscribed", "last_comment_date",
             "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date", "retake_count", "start_date", "difficulty",
             "nb_drawings", "task_status_id", "task_type_id", "assignees", "data"],
            row.Select(p => p.Key));
        Assert.Equal(task.Id.ToString(), (string?)row["id"]);
        Assert.True((bool)row["is_subscribed"]!);
        Assert.Equal([artist.Id.ToString()], row["assignees"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task A_shot_is_found_by_a_well_formed_id_of_a_shot_in_a_team_project()
    {
        var artist = await factory.CreatePersonAsync();
        var (_, _, sequence, shot) = await ShotAsync();
        var admin = await Admin();

        await (await admin.GetAsync("/api/data/shots/undefined")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync($"/api/data/shots/{sequence.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var all = await admin.GetAsync("/api/data/shots/all?project_id=undefined&name=SH01");
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Equal("Invalid UUID value: undefined", (string?)(await all.ReadJsonObjectAsync())["message"]);

        var outsider = await factory.ClientForAsync(artist);
        foreach (var path in (string[])["", "/assets", "/task-types", "/tasks", "/preview-files", "/versions"])
            await (await outsider.GetAsync($"/api/data/shots/{shot.Id}{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_vendor_reads_the_shots_they_work_on_and_only_their_own_tasks()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var (project, _, sequence, shot) = await ShotAsync((vendor, null));
        var theirs = await factory.CreateTaskAsync(shot, vendor);
        var others = await factory.CreateTaskAsync(shot);
        await factory.CreatePreviewAsync(others);
        var elsewhere = await factory.CreateEntityAsync(project, "Shot", e => e.ParentId = sequence.Id);

        var client = await factory.ClientForAsync(vendor);
        var full = (await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}"))).AsObject();
        Assert.Equal([theirs.Id.ToString()], full["tasks"]!.AsArray().Select(t => (string?)t!["id"]));
        Assert.Equal([theirs.Id.ToString()], (await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/tasks"))).AsArray().Select(t => (string?)t!["id"]));
        Assert.Equal([theirs.TaskTypeId.ToString()], (await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/task-types"))).AsArray().Select(t => (string?)t!["id"]));
        Assert.Empty((await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/preview-files"))).AsObject());
        await (await client.GetAsync($"/api/data/shots/{elsewhere.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Assets_tasks_and_task_types_of_a_shot()
    {
        var artist = await factory.CreatePersonAsync();
        var (project, _, _, shot) = await ShotAsync((artist, null));
        var hero = await factory.CreateEntityAsync(project, "Character", e => e.Name = "B-Hero");
        var sword = await factory.CreateEntityAsync(project, "Prop", e => e.Name = "A-Sword");
        await factory.CreateEntityAsync(project, "Prop");
        await factory.WithDb(db =>
        {
            db.EntityLinks.AddRange(new EntityLink { EntityInId = shot.Id, EntityOutId = hero.Id }, new EntityLink { EntityInId = shot.Id, EntityOutId = sword.Id });
            return db.SaveChangesAsync();
        });
        var task = await factory.CreateTaskAsync(shot, artist);
        var client = await factory.ClientForAsync(artist);

        var assets = (await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/assets"))).AsArray();
        Assert.Equal([sword.Id.ToString(), hero.Id.ToString()], assets.Select(a => (string?)a!["id"]));
        Assert.All(assets, a => Assert.Equal("Asset", (string?)a!["type"]));

        var tasks = (await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/tasks"))).AsArray();
        var row = Assert.Single(tasks)!;
        Assert.Equal("Task", (string?)row["type"]);
        Assert.Equal(shot.Name, (string?)row["entity_name"]);
        Assert.Equal("Shot", (string?)row["entity_type_name"]);
        Assert.Null(row["assignees"]);
        var related = Assert.Single((await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/tasks?relations=true"))).AsArray())!;
        Assert.Equal([artist.Id.ToString()], related["assignees"]!.AsArray().Select(n => (string?)n));

        var type = Assert.Single((await OkAsync(await client.GetAsync($"/api/data/shots/{shot.Id}/task-types"))).AsArray())!;
        Assert.Equal(task.TaskTypeId.ToString(), (string?)type["id"]);
        Assert.Equal("TaskType", (string?)type["type"]);
    }

    [Fact]
    public async Task Previews_are_keyed_by_task_type_with_the_revisions_grouped()
    {
        var (_, _, _, shot) = await ShotAsync();
        var task = await factory.CreateTaskAsync(shot);
        var first = await factory.CreatePreviewAsync(task, p =>
        {
            p.Revision = 1;
            p.Data = new JsonObject { ["original_width"] = 1920 };
            p.Annotations = new JsonArray(new JsonObject { ["time"] = 0 });
        });
        var second = await factory.CreatePreviewAsync(task, p => { p.Revision = 2; p.Duration = 1.5; });
        var extra = await factory.CreatePreviewAsync(task, p => { p.Revision = 2; p.Position = 2; p.CreatedAt = second.CreatedAt!.Value.AddSeconds(1); });

        var json = (await OkAsync(await (await Admin()).GetAsync($"/api/data/shots/{shot.Id}/preview-files"))).AsObject();
        var list = Assert.Single(json).Value!.AsArray();
        Assert.Equal(task.TaskTypeId.ToString(), Assert.Single(json).Key);
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], list.Select(p => (string?)p!["id"]));
        var main = list[0]!.AsObject();
        Assert.Equal(
            ["id", "revision", "original_name", "extension", "width", "height", "duration", "status", "annotations", "previews",
             "created_at", "task_id", "original_width", "original_height", "original_duration", "original_file_size"],
            main.Select(p => p.Key));
        Assert.Equal(1.5, (double?)main["duration"]);
        var nested = Assert.Single(main["previews"]!.AsArray())!.AsObject();
        Assert.Equal(extra.Id.ToString(), (string?)nested["id"]);
        Assert.Equal(2, (int?)nested["position"]);
        Assert.Equal(task.TaskTypeId.ToString(), (string?)nested["task_type_id"]);
        Assert.Null(nested["previews"]);
        Assert.Equal(1920, (int?)list[1]!["original_width"]);
        Assert.Empty(list[1]!["previews"]!.AsArray());
        Assert.Equal(0, (int?)list[1]!["annotations"]![0]!["time"]);
    }

    [Fact]
    public async Task Versions_are_listed_newest_first()
    {
        var (_, _, _, shot) = await ShotAsync();
        var (older, newer) = await factory.WithDb(async db =>
        {
            var older = new EntityVersion { Name = "v1", EntityId = shot.Id, Data = new JsonObject { ["frame_in"] = 1 } };
            var newer = new EntityVersion { Name = "v2", EntityId = shot.Id };
            db.EntityVersions.AddRange(older, newer);
            await db.SaveChangesAsync();
            older.CreatedAt = newer.CreatedAt!.Value.AddMinutes(-5);
            await db.SaveChangesAsync();
            return (older, newer);
        });

        var rows = (await OkAsync(await (await Admin()).GetAsync($"/api/data/shots/{shot.Id}/versions"))).AsArray();
        Assert.Equal([newer.Id.ToString(), older.Id.ToString()], rows.Select(r => (string?)r!["id"]));
        Assert.All(rows, r => Assert.Equal("ShotVersion", (string?)r!["type"]));
        Assert.Equal(1, (int?)rows[1]!["data"]!["frame_in"]);
    }
}
