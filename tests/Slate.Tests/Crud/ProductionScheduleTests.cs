using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// /data/production-schedule-versions and /data/production-schedule-version-task-links: the
/// project's team reads them (vendors and clients excepted), its managers write them.
/// </summary>
public class ProductionScheduleTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<ProductionScheduleVersion> CreateVersionAsync(Project project) => factory.WithDb(async db =>
    {
        var version = new ProductionScheduleVersion { Name = Unique("Schedule "), ProjectId = project.Id };
        db.ProductionScheduleVersions.Add(version);
        await db.SaveChangesAsync();
        return version;
    });

    Task<ProductionScheduleVersionTaskLink> CreateLinkAsync(ProductionScheduleVersion version, ProductionTask task) => factory.WithDb(async db =>
    {
        var link = new ProductionScheduleVersionTaskLink { ProductionScheduleVersionId = version.Id, TaskId = task.Id, Estimation = 2 };
        db.ProductionScheduleVersionTaskLinks.Add(link);
        await db.SaveChangesAsync();
        return link;
    });

    static List<string> Ids(System.Text.Json.Nodes.JsonNode rows) => rows.AsArray().Select(r => (string)r!["id"]!).ToList();

    [Fact]
    public async Task Managers_create_list_and_update_versions_and_admins_delete_them()
    {
        var project = await factory.CreateProjectAsync();
        var other = await CreateVersionAsync(await factory.CreateProjectAsync());
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));

        var response = await manager.PostAsJsonAsync("/api/data/production-schedule-versions", new { project_id = project.Id, name = "Schedule v1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var version = await response.ReadJsonObjectAsync();
        Assert.Equal("ProductionScheduleVersion", (string?)version["type"]);
        Assert.False((bool)version["locked"]!);
        var id = (string)version["id"]!;
        Assert.Equal(project.Id, Assert.Single(await factory.EventsAsync("production-schedule-version:new", "production_schedule_version_id", Guid.Parse(id))).ProjectId);
        await CreateVersionAsync(project);

        var listed = await (await manager.GetAsync($"/api/data/production-schedule-versions?project_id={project.Id}")).JsonAsync();
        Assert.Equal(2, listed.AsArray().Count);
        Assert.DoesNotContain(other.Id.ToString(), Ids(listed));
        var page = await (await manager.GetAsync($"/api/data/production-schedule-versions?project_id={project.Id}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["nb_pages"]!);
        await (await manager.GetAsync("/api/data/production-schedule-versions")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/production-schedule-versions?project_id={other.ProjectId}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal("Schedule v1", (string?)(await (await manager.GetAsync($"/api/data/production-schedule-versions/{id}")).ReadJsonObjectAsync())["name"]);

        var updated = await (await manager.PutAsJsonAsync($"/api/data/production-schedule-versions/{id}", new { name = "Schedule v2", locked = true })).ReadJsonObjectAsync();
        Assert.Equal("Schedule v2", (string?)updated["name"]);
        Assert.True((bool)updated["locked"]!);

        await (await manager.DeleteAsync($"/api/data/production-schedule-versions/{id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await Admin();
        Assert.Equal(2, (await (await admin.GetAsync("/api/data/production-schedule-versions")).JsonAsync()).AsArray().Count(v => (string?)v!["project_id"] == project.Id.ToString()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/production-schedule-versions/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_team_reads_versions_but_its_vendors_and_clients_do_not()
    {
        var project = await factory.CreateProjectAsync();
        var version = await CreateVersionAsync(project);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));

        Assert.Equal([version.Id.ToString()], Ids(await (await artist.GetAsync($"/api/data/production-schedule-versions?project_id={project.Id}")).JsonAsync()));
        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync($"/api/data/production-schedule-versions/{version.Id}")).StatusCode);
        await (await artist.PostAsJsonAsync("/api/data/production-schedule-versions", new { project_id = project.Id, name = "Mine" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/production-schedule-versions/{version.Id}", new { name = "Mine" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var refused = new[]
        {
            await factory.CreateMemberAsync(project, "vendor"), await factory.CreateMemberAsync(project, "client"),
            await factory.CreateMemberAsync(project, "user", projectRole: "client"), await factory.CreatePersonAsync("manager"),
        };
        foreach (var person in refused)
        {
            var client = await factory.ClientForAsync(person);
            await (await client.GetAsync($"/api/data/production-schedule-versions?project_id={project.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.GetAsync($"/api/data/production-schedule-versions/{version.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        Assert.Equal(version.Name, (await factory.WithDb(db => db.ProductionScheduleVersions.AsNoTracking().SingleAsync(v => v.ProjectId == project.Id))).Name);
    }

    [Fact]
    public async Task A_version_comes_only_from_another_version_of_its_project()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var source = await CreateVersionAsync(project);
        var foreign = await CreateVersionAsync(await factory.CreateProjectAsync());
        const string message = "The production schedule version it comes from must be in the same project.";

        await (await admin.PostAsJsonAsync("/api/data/production-schedule-versions", new { project_id = project.Id, name = "Copy", production_schedule_from = foreign.Id }))
            .AssertWrongParameterAsync(message);
        Assert.False(await factory.WithDb(db => db.ProductionScheduleVersions.AnyAsync(v => v.Name == "Copy")));
        await (await admin.PutAsJsonAsync($"/api/data/production-schedule-versions/{source.Id}", new { production_schedule_from = foreign.Id }))
            .AssertWrongParameterAsync(message);
        var copy = await admin.PostAsJsonAsync("/api/data/production-schedule-versions", new { project_id = project.Id, name = "Copy", production_schedule_from = source.Id });
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
    }

    [Fact]
    public async Task Managers_link_tasks_of_their_project_to_its_versions()
    {
        var project = await factory.CreateProjectAsync();
        var managerPerson = await factory.CreateMemberAsync(project, "manager");
        var manager = await factory.ClientForAsync(managerPerson);
        var version = await CreateVersionAsync(project);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        var foreignTask = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(), "Character"));

        var response = await manager.PostAsJsonAsync("/api/data/production-schedule-version-task-links", new
        {
            production_schedule_version_id = version.Id, task_id = task.Id, start_date = "2026-11-27", estimation = 3, assignees = new[] { managerPerson.Id },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.ReadJsonObjectAsync();
        Assert.Equal("ProductionScheduleVersionTaskLink", (string?)link["type"]);
        Assert.Equal("2026-11-27T00:00:00", (string?)link["start_date"]);
        Assert.Equal(managerPerson.Id.ToString(), (string?)link["assignees"]![0]);

        await (await manager.PostAsJsonAsync("/api/data/production-schedule-version-task-links", new { production_schedule_version_id = version.Id, task_id = foreignTask.Id }))
            .AssertWrongParameterAsync("The task and the production schedule version must be in the same project.");
        await (await manager.PostAsJsonAsync("/api/data/production-schedule-version-task-links", new { production_schedule_version_id = version.Id }))
            .AssertWrongParameterAsync("task_id is required and must be a valid UUID");
        await (await manager.PostAsJsonAsync("/api/data/production-schedule-version-task-links", new { production_schedule_version_id = Guid.NewGuid(), task_id = task.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));
        await (await artist.PostAsJsonAsync("/api/data/production-schedule-version-task-links", new { production_schedule_version_id = version.Id, task_id = task.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, await factory.WithDb(db => db.ProductionScheduleVersionTaskLinks.CountAsync(l => l.ProductionScheduleVersionId == version.Id)));
    }

    [Fact]
    public async Task Task_links_are_listed_per_project_and_read_by_the_team()
    {
        var project = await factory.CreateProjectAsync();
        var link = await CreateLinkAsync(await CreateVersionAsync(project), await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character")));
        var otherProject = await factory.CreateProjectAsync();
        var otherLink = await CreateLinkAsync(await CreateVersionAsync(otherProject), await factory.CreateTaskAsync(await factory.CreateEntityAsync(otherProject, "Character")));
        var artistPerson = await factory.CreateMemberAsync(project, "user");
        var artist = await factory.ClientForAsync(artistPerson);

        // Zou checks the project named in the query but lists every project's links; Slate lists that project's.
        Assert.Equal([link.Id.ToString()], Ids(await (await artist.GetAsync($"/api/data/production-schedule-version-task-links?project_id={project.Id}")).JsonAsync()));
        var page = await (await artist.GetAsync($"/api/data/production-schedule-version-task-links?project_id={project.Id}&page=1")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        var got = await (await artist.GetAsync($"/api/data/production-schedule-version-task-links/{link.Id}")).ReadJsonObjectAsync();
        Assert.Equal(2, (double)got["estimation"]!);
        Assert.Empty(got["assignees"]!.AsArray());
        await (await artist.GetAsync($"/api/data/production-schedule-version-task-links/{otherLink.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.GetAsync("/api/data/production-schedule-version-task-links")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await manager.GetAsync("/api/data/production-schedule-version-task-links")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/production-schedule-version-task-links/{link.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var vendor = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "vendor"));
        await (await vendor.GetAsync($"/api/data/production-schedule-version-task-links/{link.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var all = Ids(await (await (await Admin()).GetAsync("/api/data/production-schedule-version-task-links")).JsonAsync());
        Assert.Contains(link.Id.ToString(), all);
        Assert.Contains(otherLink.Id.ToString(), all);
    }

    [Fact]
    public async Task Managers_update_and_delete_task_links_which_keep_their_task_and_version()
    {
        var project = await factory.CreateProjectAsync();
        var version = await CreateVersionAsync(project);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"));
        var link = await CreateLinkAsync(version, task);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));

        await (await artist.PutAsJsonAsync($"/api/data/production-schedule-version-task-links/{link.Id}", new { estimation = 9 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var updated = await (await manager.PutAsJsonAsync($"/api/data/production-schedule-version-task-links/{link.Id}",
            new { estimation = 9, due_date = "2026-12-24", task_id = Guid.NewGuid(), production_schedule_version_id = Guid.NewGuid() })).ReadJsonObjectAsync();
        Assert.Equal(9, (double)updated["estimation"]!);
        Assert.Equal(task.Id.ToString(), (string?)updated["task_id"]);
        Assert.Equal(version.Id.ToString(), (string?)updated["production_schedule_version_id"]);

        await (await artist.DeleteAsync($"/api/data/production-schedule-version-task-links/{link.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/data/production-schedule-version-task-links/{link.Id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.ProductionScheduleVersionTaskLinks.AnyAsync(l => l.Id == link.Id)));
        Assert.Single(await factory.EventsAsync("production-schedule-version-task-link:delete", "production_schedule_version_task_link_id", link.Id));
    }
}
