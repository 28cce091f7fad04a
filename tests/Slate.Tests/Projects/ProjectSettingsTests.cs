using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>/data/projects/{id}/settings/...: the types, statuses, automations and backgrounds a production uses.</summary>
public class ProjectSettingsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<T> Row<T>(T row) where T : class => factory.Save(row);

    Task<List<Guid>> LinkedAsync<TLink>(Project project, Func<TLink, Guid> target) where TLink : class =>
        factory.WithDb(async db => (await db.Set<TLink>().AsNoTracking().ToListAsync())
            .Where(l => (Guid)db.Entry(l).Property("ProjectId").CurrentValue! == project.Id).Select(target).ToList());

    [Fact]
    public async Task Managers_add_and_remove_each_kind_of_setting()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user", "manager"));
        var assetType = await factory.Save(new EntityType { Name = Unique("Prop") });
        var status = await factory.CreateTaskStatusAsync();
        var automation = await Row(new StatusAutomation { EntityType = "asset", InTaskTypeId = (await factory.CreateTaskTypeAsync()).Id,
            InTaskStatusId = status.Id, OutFieldType = "status", OutTaskTypeId = (await factory.CreateTaskTypeAsync()).Id, OutTaskStatusId = status.Id });
        var background = await Row(new PreviewBackgroundFile { Name = Unique("Studio") });
        var settings = $"/api/data/projects/{project.Id}/settings";

        foreach (var (path, key, id) in new[]
                 {
                     ("asset-types", "asset_type_id", assetType.Id), ("task-status", "task_status_id", status.Id),
                     ("status-automations", "status_automation_id", automation.Id), ("preview-background-files", "preview_background_file_id", background.Id),
                 })
        {
            var response = await manager.PostAsJsonAsync($"{settings}/{path}", new Dictionary<string, object> { [key] = id });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var json = await response.ReadJsonObjectAsync();
            Assert.Equal(project.Id.ToString(), (string?)json["id"]);
            Assert.Equal("Project", (string?)json["type"]);
            // A second add is a no-op.
            Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"{settings}/{path}", new Dictionary<string, object> { [key] = id })).StatusCode);
        }
        Assert.Equal([assetType.Id], await LinkedAsync<ProjectAssetTypeLink>(project, l => l.AssetTypeId));
        Assert.Equal([status.Id], await LinkedAsync<ProjectTaskStatusLink>(project, l => l.TaskStatusId));
        Assert.Equal([automation.Id], await LinkedAsync<ProjectStatusAutomationLink>(project, l => l.StatusAutomationId));
        Assert.Equal([background.Id], await LinkedAsync<ProjectPreviewBackgroundFileLink>(project, l => l.PreviewBackgroundFileId));

        var statuses = (await (await manager.GetAsync($"{settings}/task-status")).JsonAsync()).AsArray();
        Assert.Equal("TaskStatus", (string?)Assert.Single(statuses)!["type"]);
        Assert.Equal(automation.Id.ToString(), (string?)Assert.Single((await (await manager.GetAsync($"{settings}/status-automations")).JsonAsync()).AsArray())!["id"]);
        Assert.Equal(background.Id.ToString(), (string?)Assert.Single((await (await manager.GetAsync($"{settings}/preview-background-files")).JsonAsync()).AsArray())!["id"]);

        foreach (var (path, id) in new[] { ("asset-types", assetType.Id), ("task-status", status.Id), ("status-automations", automation.Id), ("preview-background-files", background.Id) })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"{settings}/{path}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"{settings}/{path}/{id}")).StatusCode);
        }
        Assert.Empty(await LinkedAsync<ProjectAssetTypeLink>(project, l => l.AssetTypeId));
        Assert.Empty(await LinkedAsync<ProjectTaskStatusLink>(project, l => l.TaskStatusId));
        Assert.Empty(await LinkedAsync<ProjectStatusAutomationLink>(project, l => l.StatusAutomationId));
        Assert.Empty(await LinkedAsync<ProjectPreviewBackgroundFileLink>(project, l => l.PreviewBackgroundFileId));
        Assert.Equal(12, (await factory.EventsAsync("project:update", "project_id", project.Id)).Count);
    }

    [Fact]
    public async Task Task_types_are_added_with_their_priority_listed_to_members_and_an_existing_link_is_kept()
    {
        var project = await factory.CreateProjectAsync();
        var admin = await factory.AdminClientAsync();
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));
        var taskType = await factory.CreateTaskTypeAsync();
        var path = $"/api/data/projects/{project.Id}/settings/task-types";

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(path, new { task_type_id = taskType.Id, priority = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(path, new { task_type_id = taskType.Id, priority = 9 })).StatusCode);
        var link = Assert.Single(await factory.WithDb(db => db.ProjectTaskTypeLinks.AsNoTracking().Where(l => l.ProjectId == project.Id).ToListAsync()));
        Assert.Equal(4, link.Priority);

        var response = await artist.GetAsync($"/api/data/projects/{project.Id}/task-types");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single((await response.JsonAsync()).AsArray())!;
        Assert.Equal(taskType.Id.ToString(), (string?)listed["id"]);
        Assert.Equal("TaskType", (string?)listed["type"]);

        await (await admin.PostAsJsonAsync(path, new { task_type_id = "nope" })).AssertWrongParameterAsync("task_type_id is required and must be a valid UUID");
        var unknown = Guid.NewGuid();
        await (await admin.PostAsJsonAsync(path, new { task_type_id = unknown })).AssertWrongParameterAsync($"TaskType with id {unknown} not found");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/{taskType.Id}")).StatusCode);
        Assert.Empty((await (await artist.GetAsync($"/api/data/projects/{project.Id}/task-types")).JsonAsync()).AsArray());
    }

    [Fact]
    public async Task Only_the_project_managers_change_settings_and_unknown_rows_are_refused()
    {
        var project = await factory.CreateProjectAsync();
        var assetType = await factory.Save(new EntityType { Name = Unique("Prop") });
        var body = new { asset_type_id = assetType.Id };
        var settings = $"/api/data/projects/{project.Id}/settings";
        var supervisor = await factory.CreateMemberAsync(project, "supervisor");
        var otherManager = await factory.CreateMemberAsync(await factory.CreateProjectAsync(), "manager");

        foreach (var person in new[] { supervisor, otherManager })
        {
            var client = await factory.ClientForAsync(person);
            await (await client.PostAsJsonAsync($"{settings}/asset-types", body)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.DeleteAsync($"{settings}/asset-types/{assetType.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await client.PostAsJsonAsync($"{settings}/batch", new { asset_type_ids = new[] { assetType.Id } }))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        // Members read the statuses but only managers read the automations; outsiders read nothing.
        var supervisorClient = await factory.ClientForAsync(supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisorClient.GetAsync($"{settings}/task-status")).StatusCode);
        await (await supervisorClient.GetAsync($"{settings}/status-automations")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(otherManager)).GetAsync($"{settings}/preview-background-files"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var admin = await factory.AdminClientAsync();
        var unknown = Guid.NewGuid();
        await (await admin.PostAsJsonAsync($"{settings}/asset-types", new { asset_type_id = unknown })).AssertWrongParameterAsync($"EntityType with id {unknown} not found");
        await (await admin.PostAsJsonAsync($"{settings}/task-status", new { task_status_id = unknown })).AssertWrongParameterAsync($"TaskStatus with id {unknown} not found");
        var missing = await admin.PostAsJsonAsync($"{settings}/status-automations", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Validation error.", (string?)(await missing.ReadJsonObjectAsync())["message"]);
        await (await admin.PostAsJsonAsync($"/api/data/projects/{Guid.NewGuid()}/settings/asset-types", body))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Empty(await LinkedAsync<ProjectAssetTypeLink>(project, l => l.AssetTypeId));
        Assert.Empty(await factory.EventsAsync("project:update", "project_id", project.Id));
    }

    [Fact]
    public async Task Batch_adds_known_rows_updates_priorities_and_can_replace_the_task_types()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var (kept, added, dropped) = (await factory.CreateTaskTypeAsync(), await factory.CreateTaskTypeAsync(), await factory.CreateTaskTypeAsync());
        await factory.Save(new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = kept.Id, Priority = 1 },
            new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = dropped.Id, Priority = 2 });
        var status = await factory.CreateTaskStatusAsync();
        var assetType = await factory.Save(new EntityType { Name = Unique("Prop") });
        var path = $"/api/data/projects/{project.Id}/settings/batch";

        var response = await manager.PostAsJsonAsync(path, new
        {
            task_types = new object[] { new { task_type_id = kept.Id, priority = 5 }, new { task_type_id = added.Id }, new { task_type_id = Guid.NewGuid() } },
            task_status_ids = new[] { status.Id.ToString(), Guid.NewGuid().ToString(), "nope" },
            asset_type_ids = new[] { assetType.Id, assetType.Id },
            replace_task_types = true,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(project.Id.ToString(), (string?)(await response.ReadJsonObjectAsync())["id"]);
        var links = await factory.WithDb(db => db.ProjectTaskTypeLinks.AsNoTracking().Where(l => l.ProjectId == project.Id).ToListAsync());
        Assert.Equal(5, links.Single(l => l.TaskTypeId == kept.Id).Priority);
        Assert.Null(links.Single(l => l.TaskTypeId == added.Id).Priority);
        Assert.DoesNotContain(links, l => l.TaskTypeId == dropped.Id);
        Assert.Equal([status.Id], await LinkedAsync<ProjectTaskStatusLink>(project, l => l.TaskStatusId));
        Assert.Equal([assetType.Id], await LinkedAsync<ProjectAssetTypeLink>(project, l => l.AssetTypeId));

        // Idempotent.
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync(path, new { task_status_ids = new[] { status.Id }, asset_type_ids = new[] { assetType.Id } })).StatusCode);
        Assert.Single(await LinkedAsync<ProjectTaskStatusLink>(project, l => l.TaskStatusId));

        var bad = await manager.PostAsJsonAsync(path, new { task_types = "all" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Validation error.", (string?)(await bad.ReadJsonObjectAsync())["message"]);
    }
}
