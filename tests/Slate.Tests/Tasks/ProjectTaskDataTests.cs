using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>The tasks blueprint's admin listings of a project's notifications, previews and subscriptions.</summary>
public class ProjectTaskDataTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admins_list_what_hangs_from_the_project_tasks()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity, manager);
        var elsewhere = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Shot"));
        var older = await factory.Save(new Notification { PersonId = manager.Id, AuthorId = manager.Id, TaskId = task.Id, Type = "assignation", UpdatedAt = new DateTime(2024, 1, 1) });
        var newer = await factory.Save(new Notification { PersonId = manager.Id, AuthorId = manager.Id, TaskId = task.Id, Type = "comment", UpdatedAt = new DateTime(2024, 1, 2) });
        await factory.Save(new Notification { PersonId = manager.Id, AuthorId = manager.Id, TaskId = elsewhere.Id, Type = "comment" });
        var subscription = await factory.Save(new Subscription { PersonId = manager.Id, TaskId = task.Id });
        await factory.Save(new Subscription { PersonId = manager.Id, EntityId = entity.Id, TaskTypeId = task.TaskTypeId },
            new Subscription { PersonId = manager.Id, TaskId = elsewhere.Id });
        var preview = await factory.CreatePreviewAsync(task);
        await factory.CreatePreviewAsync(elsewhere);

        var notifications = (await (await admin.GetAsync($"/api/data/projects/{project.Id}/notifications")).JsonAsync()).AsArray();
        Assert.Equal([newer.Id.ToString(), older.Id.ToString()], notifications.Select(n => (string?)n!["id"]).ToList());
        Assert.Equal("Notification", (string?)notifications[0]!["type"]);
        Assert.Equal("comment", (string?)notifications[0]!["notification_type"]);
        var page = await (await admin.GetAsync($"/api/data/projects/{project.Id}/notifications?page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(["data", "total", "nb_pages", "limit", "offset", "page"], page.Select(p => p.Key).ToList());
        Assert.Equal(2, (int)page["total"]!);
        Assert.Equal([newer.Id.ToString()], page["data"]!.AsArray().Select(n => (string?)n!["id"]).ToList());
        var beyond = await (await admin.GetAsync($"/api/data/projects/{project.Id}/notifications?page=5&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(0, (int)beyond["total"]!);
        Assert.Empty(beyond["data"]!.AsArray());

        var subscriptions = (await (await admin.GetAsync($"/api/data/projects/{project.Id}/subscriptions")).JsonAsync()).AsArray();
        Assert.Equal([subscription.Id.ToString()], subscriptions.Select(s => (string?)s!["id"]).ToList());
        Assert.Equal("Subscription", (string?)subscriptions[0]!["type"]);

        var previews = (await (await admin.GetAsync($"/api/data/projects/{project.Id}/preview-files")).JsonAsync()).AsArray();
        Assert.Equal([preview.Id.ToString()], previews.Select(p => (string?)p!["id"]).ToList());
        Assert.Equal("PreviewFile", (string?)previews[0]!["type"]);
        var previewPage = await (await admin.GetAsync($"/api/data/projects/{project.Id}/preview-files?page=1")).ReadJsonObjectAsync();
        Assert.Equal(100, (int)previewPage["limit"]!);

        var asManager = await factory.ClientForAsync(manager);
        foreach (var listing in new[] { "notifications", "subscriptions", "preview-files" })
        {
            await (await asManager.GetAsync($"/api/data/projects/{project.Id}/{listing}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}/{listing}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        }
    }
}
