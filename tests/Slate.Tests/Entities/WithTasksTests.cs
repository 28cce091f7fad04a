using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Entities;

/// <summary>The with-tasks views (behavior-production.md §1.6): fields, formats, narrowing, query count.</summary>
public class WithTasksTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] ShotFields =
    [
        "canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "fps", "frame_in", "frame_out", "id",
        "name", "nb_frames", "parent_id", "preview_file_id", "project_id", "project_name", "sequence_id", "sequence_name",
        "source_id", "nb_entities_out", "is_casting_standby", "type", "tasks",
    ];

    static readonly string[] ShotTaskFields =
    [
        "id", "duration", "due_date", "end_date", "done_date", "entity_id", "estimation", "is_subscribed", "last_comment_date",
        "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date", "retake_count", "start_date", "difficulty",
        "nb_drawings", "task_status_id", "task_type_id", "assignees", "data",
    ];

    static readonly string[] AssetFields =
    [
        "id", "name", "preview_file_id", "description", "asset_type_name", "asset_type_id", "canceled", "ready_for", "episode_id",
        "casting_episode_ids", "is_casting_standby", "is_shared", "data", "tasks",
    ];

    static readonly string[] AssetTaskFields =
    [
        "id", "due_date", "done_date", "duration", "entity_id", "estimation", "end_date", "is_subscribed", "last_comment_date",
        "last_preview_file_id", "priority", "real_start_date", "retake_count", "start_date", "difficulty", "task_status_id",
        "task_type_id", "assignees", "data",
    ];

    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    /// <summary>An episode, a sequence in it and a shot in the sequence, with one task assigned to the people given.</summary>
    async Task<(Entity Episode, Entity Sequence, Entity Shot, ProductionTask Task)> ShotAsync(Project project, params Person[] assignees)
    {
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(project, "Shot", e =>
        {
            e.ParentId = sequence.Id;
            e.NbFrames = 96;
            e.Data = new JsonObject { ["fps"] = "25", ["frame_in"] = 1001, ["frame_out"] = 1096 };
        });
        return (episode, sequence, shot, await factory.CreateTaskAsync(shot, assignees));
    }

    static async Task<JsonArray> ArrayAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.JsonAsync()).AsArray();
    }

    /// <summary>The rows of a compact answer turned back into objects, from the field lists of its header.</summary>
    static JsonArray Expand(JsonObject compact, string fieldsKey)
    {
        var fields = compact[fieldsKey]!.AsArray().Select(f => (string)f!).ToList();
        var taskFields = compact["task_fields"]!.AsArray().Select(f => (string)f!).ToList();
        static JsonObject Zip(List<string> names, JsonArray values) =>
            new(names.Select((name, i) => KeyValuePair.Create(name, values[i]?.DeepClone())));
        return new JsonArray([.. compact["rows"]!.AsArray().Select(row =>
        {
            var json = Zip(fields, row!.AsArray());
            json["tasks"] = new JsonArray([.. json["tasks"]!.AsArray().Select(task => (JsonNode)Zip(taskFields, task!.AsArray()))]);
            return (JsonNode)json;
        })]);
    }

    /// <summary>An NDJSON answer: its header line and its rows.</summary>
    static async Task<(JsonObject Header, JsonArray Rows)> StreamAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text);
        var lines = text.TrimEnd('\n').Split('\n');
        return (JsonNode.Parse(lines[0])!.AsObject(), new JsonArray([.. lines.Skip(1).Select(line => JsonNode.Parse(line))]));
    }

    [Fact]
    public async Task Shot_rows_carry_Zou_fields_in_order_in_every_format()
    {
        var artist = await factory.CreatePersonAsync();
        var admin = await factory.CreatePersonAsync("admin");
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var (episode, sequence, shot, task) = await ShotAsync(project, artist);
        await factory.Save(new Subscription { PersonId = admin.Id, TaskId = task.Id });
        var client = await factory.ClientForAsync(admin);
        var path = $"/api/data/shots/with-tasks?project_id={project.Id}";

        var rows = await ArrayAsync(await client.GetAsync(path));
        var row = Assert.Single(rows)!.AsObject();
        Assert.Equal([.. ShotFields[..21], "tasks", "type"], row.Select(p => p.Key));
        Assert.Equal(shot.Id.ToString(), (string?)row["id"]);
        Assert.Equal("Shot", (string?)row["type"]);
        Assert.Equal(episode.Id.ToString(), (string?)row["episode_id"]);
        Assert.Equal(episode.Name, (string?)row["episode_name"]);
        Assert.Equal(sequence.Id.ToString(), (string?)row["sequence_id"]);
        Assert.Equal(sequence.Id.ToString(), (string?)row["parent_id"]);
        Assert.Equal(sequence.Name, (string?)row["sequence_name"]);
        Assert.Equal(project.Name, (string?)row["project_name"]);
        Assert.Equal("25", (string?)row["fps"]);
        Assert.Equal(1001, (int?)row["frame_in"]);
        Assert.Equal(96, (int?)row["nb_frames"]);
        var taskRow = Assert.Single(row["tasks"]!.AsArray())!.AsObject();
        Assert.Equal(ShotTaskFields, taskRow.Select(p => p.Key));
        Assert.Equal(task.Id.ToString(), (string?)taskRow["id"]);
        Assert.Equal([artist.Id.ToString()], taskRow["assignees"]!.AsArray().Select(a => (string?)a));
        Assert.True((bool)taskRow["is_subscribed"]!);
        Assert.Equal(0, (int)taskRow["priority"]!);

        var compact = (await (await client.GetAsync(path + "&compact=true")).JsonAsync()).AsObject();
        Assert.Equal(["compact", "shot_fields", "task_fields", "rows"], compact.Select(p => p.Key));
        Assert.True((bool)compact["compact"]!);
        Assert.Equal(ShotFields, compact["shot_fields"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(ShotTaskFields, compact["task_fields"]!.AsArray().Select(f => (string?)f));
        Responses.AssertJsonEqual(rows, Expand(compact, "shot_fields"));

        var (header, streamed) = await StreamAsync(await client.GetAsync(path + "&stream=true"));
        Responses.AssertJsonEqual(new JsonObject { ["compact"] = false }, header);
        Responses.AssertJsonEqual(rows, streamed);

        var (compactHeader, compactRows) = await StreamAsync(await client.GetAsync(path + "&stream=true&compact=true"));
        Assert.Equal(["compact", "shot_fields", "task_fields"], compactHeader.Select(p => p.Key));
        compactHeader["rows"] = compactRows;
        Responses.AssertJsonEqual(rows, Expand(compactHeader, "shot_fields"));
    }

    [Fact]
    public async Task Shots_filter_on_episode_and_need_a_project_for_non_admins()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var other = await factory.CreateProjectAsync(true);
        var first = await ShotAsync(project);
        var second = await ShotAsync(project);
        var client = await factory.ClientForAsync(artist);

        var rows = await ArrayAsync(await client.GetAsync($"/api/data/shots/with-tasks?project_id={project.Id}&episode_id={first.Episode.Id}"));
        Assert.Equal([first.Shot.Id.ToString()], rows.Select(r => (string?)r!["id"]));
        Assert.Equal(2, (await ArrayAsync(await client.GetAsync($"/api/data/shots/with-tasks?project_id={project.Id}&episode_id=all"))).Count);
        Assert.Equal([second.Shot.Id.ToString()],
            (await ArrayAsync(await client.GetAsync($"/api/data/shots/with-tasks?episode_id={second.Episode.Id}"))).Select(r => (string?)r!["id"]));

        foreach (var kind in (string[])["shots", "sequences", "episodes", "scenes"])
        {
            await (await client.GetAsync($"/api/data/{kind}/with-tasks")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.GetAsync($"/api/data/{kind}/with-tasks?project_id={other.Id}"))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        await (await client.GetAsync("/api/data/shots/with-tasks?project_id=undefined"))
            .AssertWrongParameterAsync("Invalid UUID format for project_id: undefined");
        await (await client.GetAsync($"/api/data/assets/with-tasks?project_id={project.Id}&episode_id=nope"))
            .AssertWrongParameterAsync("Invalid UUID format for episode_id: nope");
        await (await client.GetAsync($"/api/data/shots/with-tasks?episode_id={Guid.NewGuid()}"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Asset_rows_carry_Zou_fields_and_the_episodes_they_are_cast_in()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync(true);
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var asset = await factory.CreateEntityAsync(project, "Character", e => e.Data = new JsonObject { ["complexity"] = "high" });
        var task = await factory.CreateTaskAsync(asset);
        await factory.Save(new EntityLink { EntityInId = episode.Id, EntityOutId = asset.Id });
        var path = $"/api/data/assets/with-tasks?project_id={project.Id}";

        var rows = await ArrayAsync(await admin.GetAsync(path));
        var row = Assert.Single(rows)!.AsObject();
        Assert.Equal(AssetFields, row.Select(p => p.Key));
        Assert.Equal("Character", (string?)row["asset_type_name"]);
        Assert.Equal("None", (string?)row["ready_for"]);
        Assert.Equal("", (string?)row["episode_id"]);
        Assert.Equal("", (string?)row["preview_file_id"]);
        Assert.Equal([episode.Id.ToString()], row["casting_episode_ids"]!.AsArray().Select(e => (string?)e));
        Assert.Equal("high", (string?)row["data"]!["complexity"]);
        var taskRow = Assert.Single(row["tasks"]!.AsArray())!.AsObject();
        Assert.Equal(AssetTaskFields, taskRow.Select(p => p.Key));
        Assert.Equal(task.Id.ToString(), (string?)taskRow["id"]);
        Assert.Equal("", (string?)taskRow["last_preview_file_id"]);
        Assert.Empty(taskRow["assignees"]!.AsArray());

        var compact = (await (await admin.GetAsync(path + "&compact=true")).JsonAsync()).AsObject();
        Assert.Equal(["compact", "asset_fields", "task_fields", "rows"], compact.Select(p => p.Key));
        Assert.Equal(AssetFields, compact["asset_fields"]!.AsArray().Select(f => (string?)f));
        Responses.AssertJsonEqual(rows, Expand(compact, "asset_fields"));
        Responses.AssertJsonEqual(rows, (await StreamAsync(await admin.GetAsync(path + "&stream=true"))).Rows);

        // Zou names the casting episodes only when asked for a project, and then only the episode asked for.
        var everywhere = await ArrayAsync(await admin.GetAsync("/api/data/assets/with-tasks"));
        Assert.Empty(everywhere.Single(r => (string?)r!["id"] == asset.Id.ToString())!["casting_episode_ids"]!.AsArray());
        Assert.Single(await ArrayAsync(await admin.GetAsync(path + $"&episode_id={episode.Id}")));
        Assert.Empty(await ArrayAsync(await admin.GetAsync(path + "&episode_id=main&id=" + Guid.NewGuid())));
        Assert.Single(await ArrayAsync(await admin.GetAsync(path + "&episode_id=main")));
    }

    [Fact]
    public async Task Assets_of_a_non_admin_cover_their_team_projects()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var other = await factory.CreateProjectAsync(true);
        var mine = await factory.CreateEntityAsync(project, "Prop");
        await factory.CreateEntityAsync(other, "Prop");
        var client = await factory.ClientForAsync(artist);

        Assert.Equal([mine.Id.ToString()], (await ArrayAsync(await client.GetAsync("/api/data/assets/with-tasks"))).Select(r => (string?)r!["id"]));
        await (await client.GetAsync($"/api/data/assets/with-tasks?project_id={other.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Sequence_episode_and_scene_rows_are_the_lighter_form()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync(true);
        var (episode, sequence, _, _) = await ShotAsync(project);
        var scene = await factory.CreateEntityAsync(project, "Scene", e => e.ParentId = sequence.Id);
        var sequenceTask = await factory.CreateTaskAsync(sequence);
        string[] fields = ["id", "name", "status", "episode_id", "description", "frame_in", "frame_out", "fps", "preview_file_id", "canceled", "data", "tasks"];

        var sequences = await ArrayAsync(await admin.GetAsync($"/api/data/sequences/with-tasks?project_id={project.Id}&compact=true"));
        var row = Assert.Single(sequences)!.AsObject();
        Assert.Equal(fields, row.Select(p => p.Key));
        Assert.Equal(episode.Id.ToString(), (string?)row["episode_id"]);
        Assert.Equal("running", (string?)row["status"]);
        Assert.Equal("", (string?)row["preview_file_id"]);
        Responses.AssertJsonEqual(new JsonObject(), row["data"]);
        var taskRow = Assert.Single(row["tasks"]!.AsArray())!.AsObject();
        Assert.Equal(sequenceTask.Id.ToString(), (string?)taskRow["id"]);
        Assert.Equal(
            ["id", "estimation", "entity_id", "end_date", "due_date", "done_date", "duration", "last_comment_date", "last_preview_file_id",
             "priority", "real_start_date", "retake_count", "start_date", "difficulty", "task_status_id", "task_type_id", "data",
             "is_subscribed", "assignees"],
            taskRow.Select(p => p.Key));

        var episodes = await ArrayAsync(await admin.GetAsync($"/api/data/episodes/with-tasks?project_id={project.Id}"));
        Assert.Equal("None", (string?)Assert.Single(episodes)!["episode_id"]);
        var scenes = await ArrayAsync(await admin.GetAsync($"/api/data/scenes/with-tasks?project_id={project.Id}"));
        Assert.Equal(scene.Id.ToString(), (string?)Assert.Single(scenes)!["id"]);
        Assert.Empty(await ArrayAsync(await admin.GetAsync($"/api/data/sequences/with-tasks?project_id={project.Id}&episode_id=all")));
        Assert.Single(await ArrayAsync(await admin.GetAsync($"/api/data/sequences/with-tasks?project_id={project.Id}&episode_id={episode.Id}")));
    }

    [Fact]
    public async Task Linked_entities_come_with_their_tasks()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var concept = await factory.CreateEntityAsync(project, "Concept");
        var asset = await factory.CreateEntityAsync(project, "Prop");
        var task = await factory.CreateTaskAsync(asset, artist);
        await factory.Save(new EntityConceptLink { EntityInId = asset.Id, EntityOutId = concept.Id });
        var client = await factory.ClientForAsync(artist);

        var rows = await ArrayAsync(await client.GetAsync($"/api/data/entities/{concept.Id}/entities-linked/with-tasks"));
        var row = Assert.Single(rows)!.AsObject();
        Assert.Equal(
            ["canceled", "data", "description", "entity_type_id", "fps", "frame_in", "frame_out", "id", "name", "nb_frames", "parent_id",
             "preview_file_id", "project_id", "project_name", "source_id", "nb_entities_out", "is_casting_standby", "tasks",
             "entity_concept_links", "type", "updated_at", "created_at", "created_by"],
            row.Select(p => p.Key));
        Assert.Equal(asset.Id.ToString(), (string?)row["id"]);
        Assert.Equal("Asset", (string?)row["type"]);
        Assert.Equal([concept.Id.ToString()], row["entity_concept_links"]!.AsArray().Select(e => (string?)e));
        var taskRow = Assert.Single(row["tasks"]!.AsArray())!;
        Assert.Equal(task.Id.ToString(), (string?)taskRow["id"]);
        Assert.Equal([artist.Id.ToString()], taskRow["assignees"]!.AsArray().Select(a => (string?)a));
        Assert.Empty(await ArrayAsync(await client.GetAsync($"/api/data/entities/{asset.Id}/entities-linked/with-tasks")));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/entities/{concept.Id}/entities-linked/with-tasks"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/entities/{Guid.NewGuid()}/entities-linked/with-tasks"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_vendor_sees_their_own_tasks_and_not_other_departments_metadata()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var colleague = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (vendor, null), (colleague, null));
        var theirs = await ShotAsync(project, vendor);
        await factory.CreateTaskAsync(theirs.Shot, colleague);
        await ShotAsync(project, colleague);
        var department = await factory.CreateDepartmentAsync(colleague);
        await factory.WithDb(async db =>
        {
            var descriptor = new MetadataDescriptor { ProjectId = project.Id, EntityType = "Shot", Name = "Secret", FieldName = "secret" };
            db.MetadataDescriptors.Add(descriptor);
            db.DepartmentMetadataDescriptorLinks.Add(new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = department.Id });
            var shot = await db.Entities.FindAsync(theirs.Shot.Id);
            shot!.Data = new JsonObject { ["secret"] = "x", ["frame_in"] = 1 };
            return await db.SaveChangesAsync();
        });
        var client = await factory.ClientForAsync(vendor);

        var row = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/shots/with-tasks?project_id={project.Id}")))!;
        Assert.Equal(theirs.Shot.Id.ToString(), (string?)row["id"]);
        Assert.Equal(theirs.Task.Id.ToString(), (string?)Assert.Single(row["tasks"]!.AsArray())!["id"]);
        Responses.AssertJsonEqual(new JsonObject { ["frame_in"] = 1 }, row["data"]);
        var listed = Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/shots")))!;
        Responses.AssertJsonEqual(new JsonObject { ["frame_in"] = 1 }, listed["data"]);
        Assert.Equal(theirs.Sequence.Id.ToString(),
            (string?)Assert.Single(await ArrayAsync(await client.GetAsync($"/api/data/sequences/with-tasks?project_id={project.Id}")))!["id"]);
        await (await client.GetAsync($"/api/data/scenes/with-tasks?project_id={project.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var colleagueRow = (await ArrayAsync(await (await factory.ClientForAsync(colleague)).GetAsync($"/api/data/shots/with-tasks?project_id={project.Id}")))
            .Single(r => (string?)r!["id"] == theirs.Shot.Id.ToString())!;
        Assert.Equal("x", (string?)colleagueRow["data"]!["secret"]);
        Assert.Equal(2, colleagueRow["tasks"]!.AsArray().Count);
    }

    /// <summary>A project of shots x task types seeded in one save, each task assigned to one of the people.</summary>
    async Task<Project> ProductionAsync(int shots, int taskTypes, params Person[] people)
    {
        var project = await factory.CreateProjectAsync(true);
        var shotType = await factory.EntityTypeAsync("Shot");
        var sequenceType = await factory.EntityTypeAsync("Sequence");
        await factory.WithDb(async db =>
        {
            var status = new ProductionTaskStatus { Name = TestData.Unique("TS"), ShortName = TestData.Unique("s"), Color = "#000000" };
            var types = Enumerable.Range(0, taskTypes).Select(_ => new TaskType { Name = TestData.Unique("TT") }).ToList();
            var sequences = Enumerable.Range(0, Math.Max(1, shots / 10))
            .Select(i => new Entity { Name = $"SQ{i:000}", ProjectId = project.Id, EntityTypeId = sequenceType.Id }).ToList();
            db.AddRange(status);
            db.AddRange(types);
            db.AddRange(sequences);
            for (var i = 0; i < shots; i++)
            {
                var shot = new Entity
                {
                    Name = $"SH{i:0000}", ProjectId = project.Id, EntityTypeId = shotType.Id, ParentId = sequences[i % sequences.Count].Id, NbFrames = i,
                    Data = new JsonObject { ["frame_in"] = i },
                };
                db.Entities.Add(shot);
                foreach (var type in types)
                {
                    var task = new ProductionTask
                    {
                        Name = "main", ProjectId = project.Id, EntityId = shot.Id, TaskTypeId = type.Id, TaskStatusId = status.Id, Priority = i % 3,
                    };
                    db.Tasks.Add(task);
                    if (people.Length > 0) db.TaskPersonLinks.Add(new TaskPersonLink { TaskId = task.Id, PersonId = people[i % people.Length].Id });
                }
            }
            return await db.SaveChangesAsync();
        });
        return project;
    }

    [Fact]
    public async Task A_thousand_shots_come_the_same_in_the_three_formats()
    {
        var artists = new[] { await factory.CreatePersonAsync(), await factory.CreatePersonAsync() };
        var project = await ProductionAsync(1000, 5, artists);
        var admin = await Admin();
        var path = $"/api/data/shots/with-tasks?project_id={project.Id}";

        var rows = await ArrayAsync(await admin.GetAsync(path));
        Assert.Equal(1000, rows.Count);
        Assert.All(rows, row => Assert.Equal(5, row!["tasks"]!.AsArray().Count));
        Assert.All(rows, row => Assert.All(row!["tasks"]!.AsArray(), task => Assert.Single(task!["assignees"]!.AsArray())));
        Assert.Equal(1000, rows.Select(r => (string?)r!["id"]).Distinct().Count());

        Responses.AssertJsonEqual(rows, Expand((await (await admin.GetAsync(path + "&compact=true")).JsonAsync()).AsObject(), "shot_fields"));
        Responses.AssertJsonEqual(rows, (await StreamAsync(await admin.GetAsync(path + "&stream=true"))).Rows);
        var (header, compactRows) = await StreamAsync(await admin.GetAsync(path + "&stream=true&compact=true"));
        header["rows"] = compactRows;
        Responses.AssertJsonEqual(rows, Expand(header, "shot_fields"));
    }

    [Theory]
    [InlineData("shots")]
    [InlineData("assets")]
    [InlineData("sequences")]
    public async Task The_number_of_queries_does_not_grow_with_the_rows(string kind)
    {
        var artist = await factory.CreatePersonAsync();
        var small = await ProductionAsync(3, 2, artist);
        var large = await ProductionAsync(300, 4, artist);
        if (kind == "assets")
        {
            // The same rows as assets: the shots become props.
            var prop = await factory.EntityTypeAsync("Prop");
            var shot = await factory.EntityTypeAsync("Shot");
            await factory.WithDb(db => db.Entities.Where(e => (e.ProjectId == small.Id || e.ProjectId == large.Id) && e.EntityTypeId == shot.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.EntityTypeId, prop.Id)));
        }
        var client = await factory.ClientForAsync(artist);
        await factory.AddToTeamAsync(small.Id, artist);
        await factory.AddToTeamAsync(large.Id, artist);

        async Task<int> CountAsync(Project project, string format)
        {
            using var counter = await SqlCommandCounter.StartAsync(factory);
            var response = await client.GetAsync($"/api/data/{kind}/with-tasks?project_id={project.Id}{format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
            return counter.Count;
        }

        foreach (var format in new[] { "", "&compact=true", "&stream=true" })
        {
            var few = await CountAsync(small, format);
            Assert.InRange(few, 1, 12);
            Assert.Equal(few, await CountAsync(large, format));
        }
    }
}
