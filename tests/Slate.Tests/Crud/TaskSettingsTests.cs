using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// The crud blueprint's non-generic routes: task types and statuses of a project
/// (/data/task-type-links, /data/task-status-links) and the reorder actions.
/// </summary>
public class TaskSettingsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<List<ProjectTaskTypeLink>> TypeLinksAsync(Project project) =>
        factory.WithDb(db => db.ProjectTaskTypeLinks.AsNoTracking().Where(l => l.ProjectId == project.Id).ToListAsync());

    [Fact]
    public async Task Managers_link_a_task_type_to_their_project_and_change_its_priority()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var taskType = await factory.CreateTaskTypeAsync();

        var response = await manager.PostAsJsonAsync("/api/data/task-type-links", new { project_id = project.Id, task_type_id = taskType.Id, priority = 2 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.ReadJsonObjectAsync();
        Assert.Equal("ProjectTaskTypeLink", (string?)link["type"]);
        Assert.Equal(project.Id.ToString(), (string?)link["project_id"]);
        Assert.Equal(taskType.Id.ToString(), (string?)link["task_type_id"]);
        Assert.Equal(2, (int)link["priority"]!);

        // Form fields work too, and a second link of the same type only changes the priority.
        var again = await manager.PostAsync("/api/data/task-type-links", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["project_id"] = project.Id.ToString(), ["task_type_id"] = taskType.Id.ToString(), ["priority"] = "3",
        }));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((string?)link["id"], (string?)(await again.ReadJsonObjectAsync())["id"]);
        Assert.Equal(3, Assert.Single(await TypeLinksAsync(project)).Priority);
        Assert.Equal(2, (await factory.EventsAsync("project:update", "project_id", project.Id)).Count);
    }

    [Fact]
    public async Task Others_cannot_link_task_types_and_nothing_is_written()
    {
        var project = await factory.CreateProjectAsync();
        var taskType = await factory.CreateTaskTypeAsync();
        var body = new { project_id = project.Id, task_type_id = taskType.Id };
        var otherManager = await factory.CreateMemberAsync(await factory.CreateProjectAsync(), "manager");

        foreach (var person in new[] { await factory.CreateMemberAsync(project, "supervisor"), otherManager })
        {
            var client = await factory.ClientForAsync(person);
            await (await client.PostAsJsonAsync("/api/data/task-type-links", body)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.PostAsJsonAsync($"/api/actions/projects/{project.Id}/task-type-links/reorder", new { task_type_ids = new[] { taskType.Id } }))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        Assert.Empty(await TypeLinksAsync(project));
    }

    [Fact]
    public async Task Link_arguments_are_checked()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var taskType = await factory.CreateTaskTypeAsync();

        await (await admin.PostAsJsonAsync("/api/data/task-type-links", new { task_type_id = taskType.Id }))
            .AssertWrongParameterAsync("Missing required parameter: project_id");
        await (await admin.PostAsJsonAsync("/api/data/task-type-links", new { project_id = project.Id, task_type_id = "nope" }))
            .AssertWrongParameterAsync("task_type_id is required and must be a valid UUID");
        await (await admin.PostAsJsonAsync("/api/data/task-type-links", new { project_id = project.Id, task_type_id = taskType.Id, priority = "first" }))
            .AssertWrongParameterAsync("Wrong value for parameter priority.");
        await (await admin.PostAsJsonAsync("/api/data/task-status-links", new { project_id = project.Id, task_status_id = Guid.NewGuid() }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.PostAsJsonAsync("/api/data/task-type-links", new { project_id = Guid.NewGuid(), task_type_id = taskType.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Empty(await TypeLinksAsync(project));
    }

    [Fact]
    public async Task Status_links_take_their_board_roles_once_or_repeated()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var status = await factory.CreateTaskStatusAsync();

        var form = new FormUrlEncodedContent([
            new("project_id", project.Id.ToString()), new("task_status_id", status.Id.ToString()),
            new("roles_for_board", "user"), new("roles_for_board", "supervisor"),
        ]);
        var created = await (await admin.PostAsync("/api/data/task-status-links", form)).ReadJsonObjectAsync();
        Assert.Equal("ProjectTaskStatusLink", (string?)created["type"]);
        Assert.Equal(1, (int)created["priority"]!);
        Responses.AssertJsonEqual(new JsonArray("user", "supervisor"), created["roles_for_board"]);

        var response = await admin.PostAsJsonAsync("/api/data/task-status-links",
            new { project_id = project.Id, task_status_id = status.Id, priority = 4, roles_for_board = "manager" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await factory.WithDb(db => db.ProjectTaskStatusLinks.AsNoTracking().SingleAsync(l => l.ProjectId == project.Id));
        Assert.Equal(4, link.Priority);
        Assert.Equal(["manager"], link.RolesForBoard!);

        await admin.PostAsJsonAsync("/api/data/task-status-links", new { project_id = project.Id, task_status_id = status.Id });
        Assert.Empty((await factory.WithDb(db => db.ProjectTaskStatusLinks.AsNoTracking().SingleAsync(l => l.ProjectId == project.Id))).RolesForBoard!);
    }

    [Fact]
    public async Task Admins_reorder_task_types_studio_wide()
    {
        var admin = await Admin();
        var first = await factory.CreateTaskTypeAsync();
        var second = await factory.CreateTaskTypeAsync();

        var response = await admin.PostAsJsonAsync("/api/actions/task-types/reorder", new { task_type_ids = new[] { second.Id, Guid.NewGuid(), first.Id } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.JsonAsync()).AsArray();
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], updated.Select(t => (string)t!["id"]!).ToList());
        Assert.Equal([1, 3], updated.Select(t => (int)t!["priority"]!).ToList());
        Assert.Equal("TaskType", (string?)updated[0]!["type"]);

        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await manager.PostAsJsonAsync("/api/actions/task-types/reorder", new { task_type_ids = new[] { first.Id, second.Id } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, (await factory.WithDb(db => db.TaskTypes.AsNoTracking().SingleAsync(t => t.Id == second.Id))).Priority);
    }

    [Theory]
    [InlineData("""{"task_type_ids": "not a list"}""", "Request body must be a JSON object with a 'task_type_ids' list.", true)]
    [InlineData("""[1, 2]""", "Request body must be a JSON object with a 'task_type_ids' list.", true)]
    [InlineData("""{"task_type_ids": ["nope"]}""", "One of the ID sent in parameter is not properly formatted.", false)]
    public async Task Malformed_reorder_bodies_are_400(string body, string message, bool wrongParameter)
    {
        var response = await (await Admin()).PostAsync("/api/actions/task-types/reorder",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        if (wrongParameter) await response.AssertWrongParameterAsync(message);
        else await response.AssertZouErrorAsync(HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Managers_reorder_the_task_types_and_statuses_of_their_project()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var (typeA, typeB, unlinked) = (await factory.CreateTaskTypeAsync(), await factory.CreateTaskTypeAsync(), await factory.CreateTaskTypeAsync());
        var (statusA, statusB) = (await factory.CreateTaskStatusAsync(), await factory.CreateTaskStatusAsync());
        await factory.WithDb(db =>
        {
            db.ProjectTaskTypeLinks.AddRange(
                new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = typeA.Id, Priority = 1 },
                new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = typeB.Id, Priority = 2 });
            db.ProjectTaskStatusLinks.AddRange(
                new ProjectTaskStatusLink { ProjectId = project.Id, TaskStatusId = statusA.Id, Priority = 1, RolesForBoard = ["manager"] },
                new ProjectTaskStatusLink { ProjectId = project.Id, TaskStatusId = statusB.Id, Priority = 2 });
            return db.SaveChangesAsync();
        });

        var types = (await (await manager.PostAsJsonAsync($"/api/actions/projects/{project.Id}/task-type-links/reorder",
            new { task_type_ids = new[] { typeB.Id, unlinked.Id, typeA.Id } })).JsonAsync()).AsArray();
        Assert.Equal([(typeB.Id.ToString(), 1), (typeA.Id.ToString(), 3)],
            types.Select(l => ((string)l!["task_type_id"]!, (int)l["priority"]!)).ToList());
        Assert.DoesNotContain(await TypeLinksAsync(project), l => l.TaskTypeId == unlinked.Id);

        var statuses = (await (await manager.PostAsJsonAsync($"/api/actions/projects/{project.Id}/task-status-links/reorder",
            new { task_status_ids = new[] { statusB.Id, statusA.Id } })).JsonAsync()).AsArray();
        var byStatus = statuses.ToDictionary(l => (string)l!["task_status_id"]!);
        Assert.Equal(1, (int)byStatus[statusB.Id.ToString()]!["priority"]!);
        Assert.Equal(2, (int)byStatus[statusA.Id.ToString()]!["priority"]!);
        Responses.AssertJsonEqual(new JsonArray("manager"), byStatus[statusA.Id.ToString()]!["roles_for_board"]);
        Assert.Equal(2, (await factory.EventsAsync("project:update", "project_id", project.Id)).Count);

        await (await manager.PostAsJsonAsync("/api/actions/projects/not-an-id/task-status-links/reorder", new { task_status_ids = Array.Empty<Guid>() }))
            .AssertWrongParameterAsync("Malformed ID.");
        await (await manager.PostAsJsonAsync($"/api/actions/projects/{project.Id}/task-status-links/reorder", new { task_type_ids = Array.Empty<Guid>() }))
            .AssertWrongParameterAsync("Request body must be a JSON object with a 'task_status_ids' list.");
    }
}
