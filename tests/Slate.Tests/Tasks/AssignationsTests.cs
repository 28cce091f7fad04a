using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>Assigning, unassigning and prioritising tasks (behavior-production.md §3.4, §11 checks 21-22).</summary>
public class AssignationsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<Project> ProjectAsync(params Person[] team) => factory.CreateProjectAsync(true, [.. team.Select(p => (p, (string?)null))]);

    static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    Task<List<Notification>> NotificationsAsync(Guid taskId) =>
        factory.WithDb(db => db.Notifications.AsNoTracking().Where(n => n.TaskId == taskId).ToListAsync());

    [Fact]
    public async Task Assigning_a_task_adds_the_assignee_to_the_team_and_notifies_them()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync(manager);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var client = await factory.ClientForAsync(manager);

        var answer = (await OkAsync(await client.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = artist.Id }))).AsObject();
        Assert.Equal([artist.Id.ToString()], answer["assignees"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(manager.Id.ToString(), (string?)answer["assigner_id"]);
        Assert.Equal("Task", (string?)answer["type"]);

        var notification = Assert.Single(await NotificationsAsync(task.Id));
        Assert.Equal(("assignation", artist.Id, manager.Id), (notification.Type, notification.PersonId, notification.AuthorId));
        Assert.True(await factory.WithDb(db => db.ProjectPersonLinks.AnyAsync(l => l.ProjectId == project.Id && l.PersonId == artist.Id)));
        Assert.Equal(["task:assign", "task:update"], await factory.EventsAsync("task_id", task.Id));

        // Assigning again keeps one link.
        await OkAsync(await client.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = artist.Id }));
        Assert.Equal(1, await factory.WithDb(db => db.TaskPersonLinks.CountAsync(l => l.TaskId == task.Id)));
    }

    [Fact]
    public async Task Assigning_answers_Zous_errors()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await ProjectAsync(manager);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var client = await factory.ClientForAsync(manager);

        await (await client.PutAsJsonAsync("/api/actions/tasks/wrong-id/assign", new { person_id = manager.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var unknown = await client.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = "wrong-id" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["error"] = "Assignee doesn't exist in database." }, await unknown.JsonAsync());
        var missing = await client.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("person_id", (string?)(await missing.JsonAsync())["data"]!["errors"]![0]!["field"]);

        var bot = await factory.CreatePersonAsync("user", configure: p => p.IsBot = true);
        await (await client.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = bot.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Empty(await NotificationsAsync(task.Id));
    }

    [Fact]
    public async Task Only_managers_and_department_supervisors_assign_others()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var outsider = await factory.CreatePersonAsync("manager");
        var project = await ProjectAsync(artist, other, supervisor);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var department = await factory.CreateDepartmentAsync(artist, supervisor);
        await factory.WithDb(async db =>
        {
            (await db.TaskTypes.FindAsync(task.TaskTypeId))!.DepartmentId = department.Id;
            return await db.SaveChangesAsync();
        });

        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = other.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(outsider)).PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = artist.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var supervisorClient = await factory.ClientForAsync(supervisor);
        // The supervisor shares no department with "other".
        await (await supervisorClient.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = other.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        // An artist of the department assigns themselves: no notification to oneself.
        await OkAsync(await artistClient.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = artist.Id }));
        Assert.Empty(await NotificationsAsync(task.Id));
        await OkAsync(await supervisorClient.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/assign", new { person_id = artist.Id }));
        Assert.Single(await NotificationsAsync(task.Id));
    }

    [Fact]
    public async Task Assigning_tasks_to_a_person_skips_the_missing_and_forbidden_ones()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync(manager);
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var first = await factory.CreateTaskAsync(shot);
        var second = await factory.CreateTaskAsync(shot);
        var elsewhere = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await ProjectAsync(), "Shot"));
        var client = await factory.ClientForAsync(manager);

        var answer = (await OkAsync(await client.PutAsJsonAsync($"/api/actions/persons/{artist.Id}/assign",
            new { task_ids = new[] { first.Id.ToString(), Guid.NewGuid().ToString(), "nope", elsewhere.Id.ToString(), second.Id.ToString() } }))).AsArray();
        Assert.Equal([first.Id.ToString(), second.Id.ToString()], answer.Select(t => (string?)t!["id"]));
        Assert.All(answer, t => Assert.Equal([artist.Id.ToString()], t!["assignees"]!.AsArray().Select(a => (string?)a)));
        Assert.Equal(2, await factory.WithDb(db => db.Notifications.CountAsync(n => n.PersonId == artist.Id && n.Type == "assignation")));
        Assert.Empty(await factory.WithDb(db => db.TaskPersonLinks.Where(l => l.TaskId == elsewhere.Id).ToListAsync()));

        var unknown = await client.PutAsJsonAsync($"/api/actions/persons/{Guid.NewGuid()}/assign", new { task_ids = new[] { first.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["error"] = "Assignee doesn't exist in database." }, await unknown.JsonAsync());
        var empty = await client.PutAsJsonAsync($"/api/actions/persons/{artist.Id}/assign", new { task_ids = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("List should have at least 1 item after validation, not 0", (string?)(await empty.JsonAsync())["data"]!["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task Clearing_assignations_removes_one_person_or_all_and_skips_forbidden_tasks()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await ProjectAsync(manager, artist, other);
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var first = await factory.CreateTaskAsync(shot, artist, other);
        var second = await factory.CreateTaskAsync(shot, artist, other);

        // An assignee may only remove themselves.
        var artistClient = await factory.ClientForAsync(artist);
        Assert.Empty((await OkAsync(await artistClient.PutAsJsonAsync("/api/actions/tasks/clear-assignation",
            new { task_ids = new[] { first.Id }, person_id = other.Id }))).AsArray());
        var mine = (await OkAsync(await artistClient.PutAsJsonAsync("/api/actions/tasks/clear-assignation",
            new { task_ids = new[] { first.Id }, person_id = artist.Id }))).AsArray();
        Assert.Equal([first.Id.ToString()], mine.Select(id => (string?)id));
        Assert.Equal([other.Id], await factory.WithDb(db => db.TaskPersonLinks.Where(l => l.TaskId == first.Id).Select(l => l.PersonId).ToListAsync()));

        var managerClient = await factory.ClientForAsync(manager);
        var all = (await OkAsync(await managerClient.PutAsJsonAsync("/api/actions/tasks/clear-assignation",
            new { task_ids = new[] { second.Id, Guid.NewGuid() } }))).AsArray();
        Assert.Equal([second.Id.ToString()], all.Select(id => (string?)id));
        Assert.False(await factory.WithDb(db => db.TaskPersonLinks.AnyAsync(l => l.TaskId == second.Id)));
        Assert.Equal(["task:unassign", "task:unassign", "task:update"], await factory.EventsAsync("task_id", second.Id));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        Assert.Empty((await OkAsync(await outsider.PutAsJsonAsync("/api/actions/tasks/clear-assignation", new { task_ids = new[] { first.Id } }))).AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await managerClient.PutAsJsonAsync("/api/actions/tasks/clear-assignation", new { })).StatusCode);
    }

    [Fact]
    public async Task Setting_priorities_is_for_managers_and_department_supervisors()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await ProjectAsync(manager, artist);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist);

        var answer = (await OkAsync(await (await factory.ClientForAsync(manager)).PutAsJsonAsync("/api/actions/tasks/set-priority",
            new { task_ids = new[] { task.Id }, priority = 2 }))).AsArray();
        Assert.Equal(2, (int)Assert.Single(answer)!["priority"]!);
        Assert.Null(answer[0]!["assignees"]);
        Assert.Equal(2, await factory.WithDb(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Priority).FirstAsync()));

        var artistClient = await factory.ClientForAsync(artist);
        Assert.Empty((await OkAsync(await artistClient.PutAsJsonAsync("/api/actions/tasks/set-priority",
            new { task_ids = new[] { task.Id }, priority = 4 }))).AsArray());
        var negative = await artistClient.PutAsJsonAsync("/api/actions/tasks/set-priority", new { task_ids = new[] { task.Id }, priority = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("Input should be greater than or equal to 0", (string?)(await negative.JsonAsync())["data"]!["errors"]![0]!["message"]);
    }
}
