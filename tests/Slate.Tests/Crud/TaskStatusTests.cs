using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/task-status: reference data with one default per kind, not deleted while in use.</summary>
public class TaskStatusTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<List<Guid>> DefaultsAsync(bool forConcept) => factory.WithDb(db => db.TaskStatuses
        .Where(s => s.IsDefault == true && (s.ForConcept ?? false) == forConcept).Select(s => s.Id).ToListAsync());

    [Fact]
    public async Task Admin_creates_reads_updates_and_deletes_a_status()
    {
        var admin = await Admin();
        var shortName = Unique("r")[..9];

        var response = await admin.PostAsJsonAsync("/api/data/task-status", new { name = "Review", short_name = shortName, color = "#ab26ff", is_feedback_request = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonObjectAsync();
        Assert.Equal("TaskStatus", (string?)created["type"]);
        Assert.True((bool)created["is_feedback_request"]!);
        Assert.True((bool)created["is_artist_allowed"]!);
        Assert.False((bool)created["is_default"]!);
        var id = (string)created["id"]!;

        var listed = await (await admin.GetAsync($"/api/data/task-status?short_name={shortName}")).JsonAsync();
        Assert.Equal(id, (string?)Assert.Single(listed.AsArray())!["id"]);
        var page = await (await admin.GetAsync($"/api/data/task-status?short_name={shortName}&page=1")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var updated = await (await admin.PutAsJsonAsync($"/api/data/task-status/{id}", new { color = "#000000", is_client_allowed = false })).ReadJsonObjectAsync();
        Assert.Equal("#000000", (string?)updated["color"]);
        Assert.False((bool)updated["is_client_allowed"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/task-status/{id}")).StatusCode);
        Assert.Single(await factory.EventsAsync("task-status:delete", "task_status_id", Guid.Parse(id)));
    }

    [Fact]
    public async Task Short_names_are_unique_and_required()
    {
        var admin = await Admin();
        var existing = await factory.CreateTaskStatusAsync();

        var duplicate = await admin.PostAsJsonAsync("/api/data/task-status", new { name = "Again", short_name = existing.ShortName, color = "#000000" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("""{"message":"A record with the same unique values already exists."}""", await duplicate.Content.ReadAsStringAsync());

        var missing = await admin.PostAsJsonAsync("/api/data/task-status", new { name = "No short name", color = "#000000" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("""{"message":"A required field is missing."}""", await missing.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.TaskStatuses.AnyAsync(s => s.Name == "No short name")));
    }

    [Fact]
    public async Task A_new_default_takes_the_flag_from_the_previous_one_of_its_kind()
    {
        var admin = await Admin();
        var concept = await factory.CreateTaskStatusAsync(s => { s.IsDefault = true; s.ForConcept = true; });
        await factory.CreateTaskStatusAsync(s => s.IsDefault = true);

        var response = await admin.PostAsJsonAsync("/api/data/task-status",
            new { name = "Todo", short_name = Unique("t")[..9], color = "#f5f5f5", is_default = true });
        var created = Guid.Parse((string)(await response.ReadJsonObjectAsync())["id"]!);
        Assert.Equal([created], await DefaultsAsync(forConcept: false));
        Assert.Equal([concept.Id], await DefaultsAsync(forConcept: true));

        var later = await factory.CreateTaskStatusAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data/task-status/{later.Id}", new { is_default = "true" })).StatusCode);
        Assert.Equal([later.Id], await DefaultsAsync(forConcept: false));
        Assert.Equal([concept.Id], await DefaultsAsync(forConcept: true));
    }

    [Fact]
    public async Task A_status_still_used_is_not_deleted()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var status = await factory.CreateTaskStatusAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"), status: status);

        await (await admin.DeleteAsync($"/api/data/task-status/{status.Id}"))
            .AssertWrongParameterAsync("Task status is still used by tasks: it cannot be deleted.");
        Assert.True(await factory.WithDb(db => db.TaskStatuses.AnyAsync(s => s.Id == status.Id)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/data/task-status/{status.Id}")).StatusCode);

        var other = await factory.CreateTaskStatusAsync();
        await factory.WithDb(async db =>
        {
            db.Tasks.Attach(task).Entity.TaskStatusId = other.Id;
            db.Comments.Add(new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = (await factory.CreatePersonAsync()).Id, TaskStatusId = status.Id });
            db.ProjectTaskStatusLinks.Add(new ProjectTaskStatusLink { ProjectId = project.Id, TaskStatusId = status.Id });
            return await db.SaveChangesAsync();
        });
        await (await admin.DeleteAsync($"/api/data/task-status/{status.Id}?force=true"))
            .AssertWrongParameterAsync("Task status is still used by comments and projects: it cannot be deleted.");
        Assert.True(await factory.WithDb(db => db.TaskStatuses.AnyAsync(s => s.Id == status.Id)));
    }

    [Fact]
    public async Task Everyone_reads_statuses_and_only_admins_change_them()
    {
        var status = await factory.CreateTaskStatusAsync();
        var client = await factory.ClientForAsync(await factory.CreatePersonAsync("client"));
        var supervisor = await factory.ClientForAsync(await factory.CreatePersonAsync("supervisor"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/data/task-status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/task-status/{status.Id}")).StatusCode);
        await (await supervisor.PostAsJsonAsync("/api/data/task-status", new { name = "Mine", short_name = "mine", color = "#000000" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await supervisor.PutAsJsonAsync($"/api/data/task-status/{status.Id}", new { is_default = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await supervisor.DeleteAsync($"/api/data/task-status/{status.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.TaskStatuses.AnyAsync(s => s.ShortName == "mine" || s.Id == status.Id && s.IsDefault == true)));
    }
}
