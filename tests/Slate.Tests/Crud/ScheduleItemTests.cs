using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/schedule-items: admins' collection, planned by the project's managers and department supervisors.</summary>
public class ScheduleItemTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<ScheduleItem> CreateItemAsync(Project project, TaskType taskType, int manDays = 5) => factory.WithDb(async db =>
    {
        var item = new ScheduleItem
        {
            ProjectId = project.Id, TaskTypeId = taskType.Id, ManDays = manDays,
            StartDate = new DateOnly(2026, 11, 27), EndDate = new DateOnly(2026, 11, 28),
        };
        db.ScheduleItems.Add(item);
        await db.SaveChangesAsync();
        return item;
    });

    Task<ScheduleItem> StoredAsync(ScheduleItem item) => factory.WithDb(db => db.ScheduleItems.AsNoTracking().SingleAsync(i => i.Id == item.Id));

    [Fact]
    public async Task Admin_creates_lists_reads_updates_and_deletes_items()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var taskType = await factory.CreateTaskTypeAsync("Shot");
        var sequence = await factory.CreateEntityAsync(project, "Sequence");

        var response = await admin.PostAsJsonAsync("/api/data/schedule-items",
            new { project_id = project.Id, task_type_id = taskType.Id, start_date = "2026-11-27", end_date = "2026-12-27", man_days = 12 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.ReadJsonObjectAsync();
        Assert.Equal("ScheduleItem", (string?)item["type"]);
        Assert.Equal("2026-12-27", (string?)item["end_date"]);
        Assert.Equal(12, (int)item["man_days"]!);
        Assert.Null(item["object_id"]);
        var id = Guid.Parse((string)item["id"]!);
        Assert.Equal(project.Id, Assert.Single(await factory.EventsAsync("schedule-item:new", "schedule_item_id", id)).ProjectId);

        await admin.PostAsJsonAsync("/api/data/schedule-items", new { project_id = project.Id, task_type_id = taskType.Id, object_id = sequence.Id });
        var listed = await (await admin.GetAsync($"/api/data/schedule-items?project_id={project.Id}")).JsonAsync();
        Assert.Equal(2, listed.AsArray().Count);
        var page = await (await admin.GetAsync($"/api/data/schedule-items?project_id={project.Id}&object_id={sequence.Id}&page=1")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        Assert.Equal(sequence.Id.ToString(), (string?)page["data"]![0]!["object_id"]);

        Assert.Equal("2026-12-27", (string?)(await (await admin.GetAsync($"/api/data/schedule-items/{id}")).ReadJsonObjectAsync())["end_date"]);
        var updated = await (await admin.PutAsJsonAsync($"/api/data/schedule-items/{id}", new { man_days = 3, end_date = "2027-01-10" })).ReadJsonObjectAsync();
        Assert.Equal(3, (int)updated["man_days"]!);
        Assert.Equal("2027-01-10", (string?)updated["end_date"]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/schedule-items/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.ScheduleItems.AnyAsync(i => i.Id == id)));
    }

    [Fact]
    public async Task One_item_per_project_task_type_and_object()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var taskType = await factory.CreateTaskTypeAsync();
        await CreateItemAsync(project, taskType);

        await (await admin.PostAsJsonAsync("/api/data/schedule-items", new { project_id = project.Id, task_type_id = taskType.Id, object_id = (Guid?)null }))
            .AssertWrongParameterAsync("A similar schedule item already exists");
        Assert.Equal(1, await factory.WithDb(db => db.ScheduleItems.CountAsync(i => i.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Managers_do_not_reach_the_collection_itself()
    {
        var project = await factory.CreateProjectAsync();
        var taskType = await factory.CreateTaskTypeAsync();
        var item = await CreateItemAsync(project, taskType);
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));

        await (await manager.GetAsync("/api/data/schedule-items")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/schedule-items/{item.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PostAsJsonAsync("/api/data/schedule-items", new { project_id = project.Id, task_type_id = (await factory.CreateTaskTypeAsync()).Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/schedule-items/{item.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, await factory.WithDb(db => db.ScheduleItems.CountAsync(i => i.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Managers_and_department_supervisors_of_the_project_update_items()
    {
        var project = await factory.CreateProjectAsync();
        var supervisor = await factory.CreateMemberAsync(project, "supervisor");
        var department = await factory.CreateDepartmentAsync(supervisor);
        var ownType = await factory.CreateTaskTypeAsync(department: department);
        var otherType = await factory.CreateTaskTypeAsync(department: await factory.CreateDepartmentAsync());
        var ownItem = await CreateItemAsync(project, ownType);
        var otherItem = await CreateItemAsync(project, otherType);
        var supervisorClient = await factory.ClientForAsync(supervisor);

        Assert.Equal(HttpStatusCode.OK, (await supervisorClient.PutAsJsonAsync($"/api/data/schedule-items/{ownItem.Id}", new { man_days = 8 })).StatusCode);
        Assert.Equal(8, (await StoredAsync(ownItem)).ManDays);
        await (await supervisorClient.PutAsJsonAsync($"/api/data/schedule-items/{otherItem.Id}", new { man_days = 8 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await supervisorClient.PutAsJsonAsync($"/api/data/schedule-items/{ownItem.Id}", new { task_type_id = otherType.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(ownType.Id, (await StoredAsync(ownItem)).TaskTypeId);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));
        await (await artist.PutAsJsonAsync($"/api/data/schedule-items/{ownItem.Id}", new { man_days = 1 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.PutAsJsonAsync($"/api/data/schedule-items/{ownItem.Id}", new { man_days = 1 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(5, (await StoredAsync(otherItem)).ManDays);

        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/data/schedule-items/{otherItem.Id}", new { man_days = 9 })).StatusCode);
        Assert.Equal(9, (await StoredAsync(otherItem)).ManDays);
    }

    [Fact]
    public async Task A_man_days_string_is_ignored()
    {
        var admin = await Admin();
        var item = await CreateItemAsync(await factory.CreateProjectAsync(), await factory.CreateTaskTypeAsync());

        var response = await admin.PutAsJsonAsync($"/api/data/schedule-items/{item.Id}", new { man_days = "", start_date = "2026-12-01" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredAsync(item);
        Assert.Equal(5, stored.ManDays);
        Assert.Equal(new DateOnly(2026, 12, 1), stored.StartDate);
    }
}
