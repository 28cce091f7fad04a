using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/task-types: reference data with a unique name, and deletion while still in use.</summary>
public class TaskTypeTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    [Fact]
    public async Task Admin_creates_reads_updates_and_deletes_a_task_type()
    {
        var admin = await Admin();
        var department = await factory.CreateDepartmentAsync();
        var name = Unique("Layout ");

        var response = await admin.PostAsJsonAsync("/api/data/task-types", new { name, for_entity = "Shot", color = "#009688", department_id = department.Id });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonObjectAsync();
        Assert.Equal("TaskType", (string?)created["type"]);
        Assert.Equal("Shot", (string?)created["for_entity"]);
        Assert.Equal(1, (int)created["priority"]!);
        Assert.True((bool)created["allow_timelog"]!);
        var id = (string)created["id"]!;

        var listed = await (await admin.GetAsync($"/api/data/task-types?name={name.ToLowerInvariant()}")).JsonAsync();
        Assert.Equal(id, (string?)Assert.Single(listed.AsArray())!["id"]);
        var page = await (await admin.GetAsync($"/api/data/task-types?department_id={department.Id}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var updated = await (await admin.PutAsJsonAsync($"/api/data/task-types/{id}", new { color = "#FFFFFF", name })).ReadJsonObjectAsync();
        Assert.Equal("#FFFFFF", (string?)updated["color"]);
        Assert.Single(await factory.EventsAsync("task-type:update", "task_type_id", Guid.Parse(id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/task-types/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/data/task-types/{id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_name_is_used_by_one_task_type_only()
    {
        var admin = await Admin();
        var existing = await factory.CreateTaskTypeAsync("Asset");
        var other = await factory.CreateTaskTypeAsync("Asset");

        // Zou compares the name alone: another entity kind or department does not make it free.
        await (await admin.PostAsJsonAsync("/api/data/task-types", new { name = existing.Name, for_entity = "Shot" }))
            .AssertWrongParameterAsync("A task type with similar name already exists");
        Assert.Equal(1, await factory.WithDb(db => db.TaskTypes.CountAsync(t => t.Name == existing.Name)));
        await (await admin.PutAsJsonAsync($"/api/data/task-types/{other.Id}", new { name = existing.Name }))
            .AssertWrongParameterAsync("A task type with similar name already exists");
        Assert.Equal(other.Name, (await factory.WithDb(db => db.TaskTypes.AsNoTracking().SingleAsync(t => t.Id == other.Id))).Name);
        // The exact name only: another case is another name.
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/data/task-types", new { name = existing.Name.ToUpperInvariant() })).StatusCode);
    }

    [Fact]
    public async Task Everyone_reads_task_types_and_only_admins_change_them()
    {
        var taskType = await factory.CreateTaskTypeAsync();
        var vendor = await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"));
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));

        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync("/api/data/task-types")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync($"/api/data/task-types/{taskType.Id}")).StatusCode);
        await (await manager.PostAsJsonAsync("/api/data/task-types", new { name = Unique("Type ") }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PutAsJsonAsync($"/api/data/task-types/{taskType.Id}", new { color = "#000000" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/task-types/{taskType.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.True(await factory.WithDb(db => db.TaskTypes.AnyAsync(t => t.Id == taskType.Id && t.Color == "#FFFFFF")));
    }

    [Fact]
    public async Task A_scheduled_or_linked_task_type_is_deleted_only_with_force()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var taskType = await factory.CreateTaskTypeAsync();
        await factory.WithDb(db =>
        {
            db.ScheduleItems.Add(new ScheduleItem { ProjectId = project.Id, TaskTypeId = taskType.Id });
            db.ProjectTaskTypeLinks.Add(new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = taskType.Id, Priority = 1 });
            return db.SaveChangesAsync();
        });

        await (await admin.DeleteAsync($"/api/data/task-types/{taskType.Id}"))
            .AssertWrongParameterAsync("Task type is attached to schedule items and projects. Re-issue the request with force=true to detach.");
        Assert.True(await factory.WithDb(db => db.TaskTypes.AnyAsync(t => t.Id == taskType.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/task-types/{taskType.Id}?force=true")).StatusCode);
        Assert.False(await factory.WithDb(db => db.TaskTypes.AnyAsync(t => t.Id == taskType.Id)));
        Assert.False(await factory.WithDb(db => db.ScheduleItems.AnyAsync(i => i.TaskTypeId == taskType.Id)));
        Assert.False(await factory.WithDb(db => db.ProjectTaskTypeLinks.AnyAsync(l => l.TaskTypeId == taskType.Id)));
        Assert.Single(await factory.EventsAsync("task-type:delete", "task_type_id", taskType.Id));
    }

    [Fact]
    public async Task A_task_type_linked_to_a_project_only_names_the_projects()
    {
        var admin = await Admin();
        var taskType = await factory.CreateTaskTypeAsync();
        await factory.WithDb(async db =>
        {
            db.ProjectTaskTypeLinks.Add(new ProjectTaskTypeLink { ProjectId = (await factory.CreateProjectAsync()).Id, TaskTypeId = taskType.Id });
            return await db.SaveChangesAsync();
        });

        await (await admin.DeleteAsync($"/api/data/task-types/{taskType.Id}"))
            .AssertWrongParameterAsync("Task type is attached to projects. Re-issue the request with force=true to detach.");
    }

    [Fact]
    public async Task A_task_type_with_tasks_is_not_deleted()
    {
        var admin = await Admin();
        var taskType = await factory.CreateTaskTypeAsync();
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(), "Prop"), taskType);

        var response = await admin.DeleteAsync($"/api/data/task-types/{taskType.Id}?force=true");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await response.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.TaskTypes.AnyAsync(t => t.Id == taskType.Id)));
    }
}
