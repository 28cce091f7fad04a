using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/tasks: who lists, reads and writes tasks, Zou's validations and side effects.</summary>
public class TaskTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static List<string> Ids(JsonNode rows) => rows.AsArray().Select(r => (string)r!["id"]!).ToList();

    async Task<List<string>> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/data/tasks{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Ids(await response.JsonAsync());
    }

    [Fact]
    public async Task Admin_lists_filters_and_pages_tasks()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var artist = await factory.CreatePersonAsync();
        var asset = await factory.CreateEntityAsync(project, "Character");
        var tasks = new List<ProductionTask>();
        for (var i = 0; i < 3; i++) tasks.Add(await factory.CreateTaskAsync(asset, assignees: i == 0 ? [artist] : []));

        var inProject = await ListAsync(admin, $"?project_id={project.Id}");
        Assert.Equal(tasks.Select(t => t.Id.ToString()).Order(), inProject.Order());

        Assert.Equal([tasks[0].Id.ToString()], await ListAsync(admin, $"?assignees={artist.Id}"));

        var page = await (await admin.GetAsync($"/api/data/tasks?project_id={project.Id}&page=2&limit=2")).ReadJsonObjectAsync();
        Assert.Equal(3, (int)page["total"]!);
        Assert.Equal(2, (int)page["nb_pages"]!);
        Assert.Single(page["data"]!.AsArray());

        var withRelations = await (await admin.GetAsync($"/api/data/tasks?id={tasks[0].Id}&relations=true")).JsonAsync();
        var row = Assert.Single(withRelations.AsArray())!;
        Assert.Equal("Task", (string?)row["type"]);
        Assert.Equal([artist.Id.ToString()], row["assignees"]!.AsArray().Select(a => (string)a!).ToList());
    }

    [Fact]
    public async Task Episode_filter_keeps_the_tasks_of_its_sequences_shots()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var otherEpisode = await factory.CreateEntityAsync(project, "Episode");
        var shotType = await factory.CreateTaskTypeAsync("Shot");
        var inEpisode = await factory.CreateTaskAsync(
            await factory.CreateEntityAsync(project, "Shot", await factory.CreateEntityAsync(project, "Sequence", episode)), shotType);
        await factory.CreateTaskAsync(
            await factory.CreateEntityAsync(project, "Shot", await factory.CreateEntityAsync(project, "Sequence", otherEpisode)), shotType);
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));

        Assert.Equal([inEpisode.Id.ToString()], await ListAsync(admin, $"?episode_id={episode.Id}"));
        await (await admin.GetAsync("/api/data/tasks?episode_id=nope")).AssertWrongParameterAsync("Invalid UUID value: nope");
    }

    [Fact]
    public async Task Non_admins_list_the_tasks_of_their_open_team_projects()
    {
        var project = await factory.CreateProjectAsync();
        var closed = await factory.CreateProjectAsync(open: false);
        var elsewhere = await factory.CreateProjectAsync();
        var artistPerson = await factory.CreateMemberAsync(project, "user");
        await factory.JoinTeamAsync(closed, artistPerson);
        var mine = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(closed, "Character"));
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(elsewhere, "Character"));

        Assert.Equal([mine.Id.ToString()], await ListAsync(await factory.ClientForAsync(artistPerson)));
    }

    [Fact]
    public async Task Vendors_list_and_read_only_what_they_are_assigned_to()
    {
        var project = await factory.CreateProjectAsync();
        var vendorPerson = await factory.CreateMemberAsync(project, "vendor");
        var userAsVendor = await factory.CreateMemberAsync(project, "user", projectRole: "vendor");
        var asset = await factory.CreateEntityAsync(project, "Character");
        var otherAsset = await factory.CreateEntityAsync(project, "Character");
        var assigned = await factory.CreateTaskAsync(asset, assignees: [vendorPerson, userAsVendor]);
        var sameEntity = await factory.CreateTaskAsync(asset);
        var notMine = await factory.CreateTaskAsync(otherAsset);

        foreach (var person in new[] { vendorPerson, userAsVendor })
        {
            var client = await factory.ClientForAsync(person);
            Assert.Equal([assigned.Id.ToString()], await ListAsync(client));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/tasks/{assigned.Id}")).StatusCode);
            // Zou's entity rule: a vendor reads the tasks of the entities they work on.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/tasks/{sameEntity.Id}")).StatusCode);
            await (await client.GetAsync($"/api/data/tasks/{notMine.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
    }

    [Fact]
    public async Task Reading_one_task_needs_the_project()
    {
        var project = await factory.CreateProjectAsync();
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"), assignees: [artist]);

        await (await client.GetAsync($"/api/data/tasks/{task.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.JoinTeamAsync(project, artist);
        var got = await (await client.GetAsync($"/api/data/tasks/{task.Id}")).ReadJsonObjectAsync();
        Assert.Equal(task.Id.ToString(), (string?)got["id"]);
        Assert.Equal([artist.Id.ToString()], got["assignees"]!.AsArray().Select(a => (string)a!).ToList());
        await (await client.GetAsync($"/api/data/tasks/{Guid.NewGuid()}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Manager_creates_a_task_named_main_with_its_assignees()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var artist = await factory.CreatePersonAsync();
        var asset = await factory.CreateEntityAsync(project, "Character");
        var taskType = await factory.CreateTaskTypeAsync();

        var response = await manager.PostAsJsonAsync("/api/data/tasks",
            new { entity_id = asset.Id, task_type_id = taskType.Id, assignees = new[] { artist.Id } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await response.ReadJsonObjectAsync();
        Assert.Equal("main", (string?)task["name"]);
        Assert.Equal(project.Id.ToString(), (string?)task["project_id"]);
        Assert.Equal("Task", (string?)task["type"]);
        Assert.Equal([artist.Id.ToString()], task["assignees"]!.AsArray().Select(a => (string)a!).ToList());
        var id = Guid.Parse((string)task["id"]!);
        var created = Assert.Single(await factory.EventsAsync("task:new", "task_id", id));
        Assert.Equal(project.Id, created.ProjectId);
        Assert.Equal(asset.Id.ToString(), (string?)created.Data!["entity_id"]);
        Assert.Equal(taskType.Id.ToString(), (string?)created.Data!["task_type_id"]);

        var named = await manager.PostAsJsonAsync("/api/data/tasks",
            new { entity_id = asset.Id, task_type_id = taskType.Id, name = "", project_id = project.Id });
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Equal("""{"message":"Task already exists."}""", await named.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_managers_of_the_entitys_project_create_tasks()
    {
        var project = await factory.CreateProjectAsync();
        var asset = await factory.CreateEntityAsync(project, "Character");
        var taskType = await factory.CreateTaskTypeAsync();
        var otherManager = await factory.CreateMemberAsync(await factory.CreateProjectAsync(), "manager");
        var body = new { entity_id = asset.Id, task_type_id = taskType.Id };

        foreach (var person in new[] { await factory.CreateMemberAsync(project, "user"), await factory.CreateMemberAsync(project, "supervisor"), otherManager })
        {
            var client = await factory.ClientForAsync(person);
            await (await client.PostAsJsonAsync("/api/data/tasks", body)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.EntityId == asset.Id)));
    }

    [Fact]
    public async Task Task_creation_is_validated_and_nothing_is_written_when_refused()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var asset = await factory.CreateEntityAsync(project, "Character");
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var assetType = await factory.CreateTaskTypeAsync();
        var shotType = await factory.CreateTaskTypeAsync("Shot");

        Task<HttpResponseMessage> Post(object body) => admin.PostAsJsonAsync("/api/data/tasks", body);

        await (await Post(new { task_type_id = assetType.Id })).AssertWrongParameterAsync("entity_id is required and must be a valid UUID");
        await (await Post(new { entity_id = "nope", task_type_id = assetType.Id })).AssertWrongParameterAsync("entity_id is required and must be a valid UUID");
        await (await Post(new { entity_id = asset.Id })).AssertWrongParameterAsync("task_type_id is required and must be a valid UUID");
        await (await Post(new { entity_id = Guid.NewGuid(), task_type_id = assetType.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await Post(new { entity_id = asset.Id, task_type_id = Guid.NewGuid() })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await Post(new { entity_id = asset.Id, task_type_id = assetType.Id, project_id = (await factory.CreateProjectAsync()).Id }))
            .AssertWrongParameterAsync("The task must be in the project of its entity.");
        const string mismatch = "Task type of the task does not match entity type.";
        await (await Post(new { entity_id = asset.Id, task_type_id = shotType.Id })).AssertZouErrorAsync(HttpStatusCode.BadRequest, mismatch);
        await (await Post(new { entity_id = shot.Id, task_type_id = assetType.Id })).AssertZouErrorAsync(HttpStatusCode.BadRequest, mismatch);

        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.ProjectId == project.Id)));
        Assert.Equal(HttpStatusCode.Created, (await Post(new { entity_id = shot.Id, task_type_id = shotType.Id })).StatusCode);
    }

    [Fact]
    public async Task Bots_are_assigned_only_where_the_project_works_with_bots()
    {
        var admin = await Admin();
        var bot = await factory.CreatePersonAsync(configure: p => p.IsBot = true);
        var taskType = await factory.CreateTaskTypeAsync();
        var humansOnly = await factory.CreateEntityAsync(await factory.CreateProjectAsync(), "Character");
        var withBots = await factory.CreateEntityAsync(await factory.CreateProjectAsync(botsAllowed: true), "Character");

        await (await admin.PostAsJsonAsync("/api/data/tasks", new { entity_id = humansOnly.Id, task_type_id = taskType.Id, assignees = new[] { bot.Id } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.EntityId == humansOnly.Id)));

        var response = await admin.PostAsJsonAsync("/api/data/tasks", new { entity_id = withBots.Id, task_type_id = taskType.Id, assignees = new[] { bot.Id } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(bot.Id.ToString(), (string?)(await response.ReadJsonObjectAsync())["assignees"]![0]);
    }

    [Fact]
    public async Task Update_merges_data_and_answers_without_relations()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        await admin.PutAsJsonAsync($"/api/data/tasks/{task.Id}", new { data = new { frames = 10, look = "dark" } });

        var response = await admin.PutAsJsonAsync($"/api/data/tasks/{task.Id}",
            new { data = new { frames = 12 }, due_date = "2026-12-07", estimation = 960, difficulty = 4 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonObjectAsync();
        Responses.AssertJsonEqual(JsonNode.Parse("""{"frames":12,"look":"dark"}""")!, updated["data"]);
        Assert.Equal("2026-12-07T00:00:00", (string?)updated["due_date"]);
        Assert.Equal(4, (int)updated["difficulty"]!);
        Assert.False(updated.ContainsKey("assignees"));
        Assert.Equal(2, (await factory.EventsAsync("task:update", "task_id", task.Id)).Count);
    }

    [Fact]
    public async Task Managers_update_tasks_and_supervisors_only_plan_those_of_their_departments()
    {
        var project = await factory.CreateProjectAsync();
        var supervisor = await factory.CreateMemberAsync(project, "supervisor");
        var department = await factory.CreateDepartmentAsync(supervisor);
        var ownType = await factory.CreateTaskTypeAsync(department: department);
        var otherType = await factory.CreateTaskTypeAsync(department: await factory.CreateDepartmentAsync());
        var asset = await factory.CreateEntityAsync(project, "Character");
        var ownTask = await factory.CreateTaskAsync(asset, ownType);
        var otherTask = await factory.CreateTaskAsync(asset, otherType);
        var supervisorClient = await factory.ClientForAsync(supervisor);

        Assert.Equal(HttpStatusCode.OK, (await supervisorClient.PutAsJsonAsync($"/api/data/tasks/{ownTask.Id}", new { priority = 3, start_date = "2026-11-27" })).StatusCode);
        await (await supervisorClient.PutAsJsonAsync($"/api/data/tasks/{ownTask.Id}", new { name = "renamed" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await supervisorClient.PutAsJsonAsync($"/api/data/tasks/{otherTask.Id}", new { priority = 3 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));
        await (await artist.PutAsJsonAsync($"/api/data/tasks/{ownTask.Id}", new { priority = 5 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        // A supervisor without departments covers them all.
        var anySupervisor = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "supervisor"));
        Assert.Equal(HttpStatusCode.OK, (await anySupervisor.PutAsJsonAsync($"/api/data/tasks/{otherTask.Id}", new { estimation = 2 })).StatusCode);
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user", projectRole: "manager"));
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/data/tasks/{otherTask.Id}", new { name = "renamed" })).StatusCode);

        var stored = await factory.WithDb(db => db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).ToDictionaryAsync(t => t.Id));
        Assert.Equal(3, stored[ownTask.Id].Priority);
        Assert.Equal("main", stored[ownTask.Id].Name);
        Assert.Equal(0, stored[otherTask.Id].Priority);
        Assert.Equal(2, stored[otherTask.Id].Estimation);
        Assert.Equal("renamed", stored[otherTask.Id].Name);
    }

    [Fact]
    public async Task Assignee_changes_are_announced()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var kept = await factory.CreatePersonAsync();
        var removed = await factory.CreatePersonAsync();
        var added = await factory.CreatePersonAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"), assignees: [kept, removed]);

        var response = await admin.PutAsJsonAsync($"/api/data/tasks/{task.Id}", new { assignees = new[] { kept.Id, added.Id, Guid.NewGuid() } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assigned = Assert.Single(await factory.EventsAsync("task:assign", "task_id", task.Id));
        Assert.Equal(added.Id.ToString(), (string?)assigned.Data!["person_id"]);
        Assert.Equal(project.Id, assigned.ProjectId);
        var unassigned = Assert.Single(await factory.EventsAsync("task:unassign", "task_id", task.Id));
        Assert.Equal(removed.Id.ToString(), (string?)unassigned.Data!["person_id"]);
        var links = await factory.WithDb(db => db.TaskPersonLinks.Where(l => l.TaskId == task.Id).Select(l => l.PersonId).ToListAsync());
        Assert.Equal(new[] { kept.Id, added.Id }.Order(), links.Order());
    }

    [Fact]
    public async Task A_task_stays_in_its_project_and_fits_its_entity()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        var foreignAsset = await factory.CreateEntityAsync(await factory.CreateProjectAsync(), "Character");
        var shotType = await factory.CreateTaskTypeAsync("Shot");

        await (await admin.PutAsJsonAsync($"/api/data/tasks/{task.Id}", new { entity_id = foreignAsset.Id }))
            .AssertWrongParameterAsync("The task must be in the project of its entity.");
        await (await admin.PutAsJsonAsync($"/api/data/tasks/{task.Id}", new { task_type_id = shotType.Id }))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Task type of the task does not match entity type.");
        var stored = await factory.WithDb(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        Assert.Equal(task.EntityId, stored.EntityId);
        Assert.Equal(task.TaskTypeId, stored.TaskTypeId);
    }

    [Fact]
    public async Task Managers_delete_tasks_with_their_assignees()
    {
        var project = await factory.CreateProjectAsync();
        var artistPerson = await factory.CreateMemberAsync(project, "user");
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"), assignees: [artistPerson]);

        await (await (await factory.ClientForAsync(artistPerson)).DeleteAsync($"/api/data/tasks/{task.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.True(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.Id == task.Id)));

        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var deleted = await manager.DeleteAsync($"/api/data/tasks/{task.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.Id == task.Id)));
        Assert.False(await factory.WithDb(db => db.TaskPersonLinks.AnyAsync(l => l.TaskId == task.Id)));
        var gone = Assert.Single(await factory.EventsAsync("task:delete", "task_id", task.Id));
        Assert.Equal(task.EntityId.ToString(), (string?)gone.Data!["entity_id"]);
        Assert.Equal(task.TaskTypeId.ToString(), (string?)gone.Data!["task_type_id"]);
        Assert.Equal(project.Id, gone.ProjectId);
    }

    [Fact]
    public async Task Force_deletes_the_comments_previews_and_times_of_a_task()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var artist = await factory.CreatePersonAsync();
        var asset = await factory.CreateEntityAsync(project, "Character");
        var task = await factory.CreateTaskAsync(asset, assignees: [artist]);
        var other = await factory.CreateTaskAsync(asset);
        await factory.WithDb(db =>
        {
            db.TimeSpents.Add(new TimeSpent { TaskId = task.Id, PersonId = artist.Id, Duration = 60, Date = new DateOnly(2026, 11, 27) });
            return db.SaveChangesAsync();
        });

        var referenced = await admin.DeleteAsync($"/api/data/tasks/{task.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, referenced.StatusCode);
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await referenced.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.TaskPersonLinks.AnyAsync(l => l.TaskId == task.Id)));

        var (commentId, previewId) = await factory.WithDb(async db =>
        {
            var preview = new PreviewFile { TaskId = task.Id, PersonId = artist.Id };
            var comment = new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = artist.Id, PreviewFileId = preview.Id };
            db.AddRange(preview, comment,
                new CommentPreviewLink { Comment = comment.Id, PreviewFile = preview.Id },
                new CommentMention { Comment = comment.Id, Person = artist.Id },
                new Notification { PersonId = artist.Id, AuthorId = artist.Id, CommentId = comment.Id, TaskId = task.Id, Type = "comment" },
                new News { AuthorId = artist.Id, CommentId = comment.Id, TaskId = task.Id, PreviewFileId = preview.Id },
                new Subscription { TaskId = task.Id, PersonId = artist.Id },
                new WorkingFile { TaskId = task.Id, Name = "scene" });
            db.Entities.Attach(asset).Entity.PreviewFileId = preview.Id;
            await db.SaveChangesAsync();
            return (comment.Id, preview.Id);
        });
        await (await admin.DeleteAsync($"/api/data/tasks/{task.Id}"))
            .AssertWrongParameterAsync("The task has comments. Re-issue the request with force=true to delete them with it.");
        Assert.True(await factory.WithDb(db => db.Tasks.AnyAsync(t => t.Id == task.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/tasks/{task.Id}?force=true")).StatusCode);

        await factory.WithDb(async db =>
        {
            Assert.False(await db.Tasks.AnyAsync(t => t.Id == task.Id));
            Assert.False(await db.Comments.AnyAsync(c => c.Id == commentId));
            Assert.False(await db.PreviewFiles.AnyAsync(p => p.Id == previewId));
            Assert.False(await db.CommentMentions.AnyAsync(m => m.Comment == commentId));
            Assert.False(await db.Notifications.AnyAsync(n => n.TaskId == task.Id));
            Assert.False(await db.News.AnyAsync(n => n.TaskId == task.Id));
            Assert.False(await db.TimeSpents.AnyAsync(t => t.TaskId == task.Id));
            Assert.False(await db.Subscriptions.AnyAsync(s => s.TaskId == task.Id));
            Assert.False(await db.WorkingFiles.AnyAsync(w => w.TaskId == task.Id));
            Assert.Null((await db.Entities.AsNoTracking().SingleAsync(e => e.Id == asset.Id)).PreviewFileId);
            Assert.True(await db.Tasks.AnyAsync(t => t.Id == other.Id));
            return true;
        });
    }
}
