using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using Slate.Tests.Previews;
using Slate.Tests.Realtime;

namespace Slate.Tests.Comments;

/// <summary>What a comment sets off on the entity's other tasks: status automations and hashtag copies.</summary>
public class AutomationAndHashtagTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>A task type name of letters only, as hashtags read them.</summary>
    static string Letters(string prefix) => prefix + new string([.. Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + c % 26))]);

    async Task<(TaskType Type, ProductionTask Task)> TaskOfTypeAsync(CommentScene s, int priority)
    {
        var type = await factory.Save(new TaskType { Name = Letters("Type"), ForEntity = "Asset" });
        await factory.Save(new ProjectTaskTypeLink { ProjectId = s.Project.Id, TaskTypeId = type.Id, Priority = priority });
        var task = await factory.Save(new ProductionTask
        {
            Name = "main", ProjectId = s.Project.Id, EntityId = s.Entity.Id, TaskTypeId = type.Id, TaskStatusId = s.Statuses.Todo.Id,
        });
        return (type, task);
    }

    async Task<StatusAutomation> AutomationAsync(CommentScene s, TaskType inType, ProductionTaskStatus inStatus, TaskType outType,
        ProductionTaskStatus? outStatus, string field = "status", bool importLastRevision = false)
    {
        var automation = await factory.Save(new StatusAutomation
        {
            EntityType = "asset", InTaskTypeId = inType.Id, InTaskStatusId = inStatus.Id, OutFieldType = field, OutTaskTypeId = outType.Id,
            OutTaskStatusId = outStatus?.Id, ImportLastRevision = importLastRevision,
        });
        await factory.Save(new ProjectStatusAutomationLink { ProjectId = s.Project.Id, StatusAutomationId = automation.Id });
        return automation;
    }

    Task<List<Comment>> CommentsOf(ProductionTask task) =>
        factory.WithDb(db => db.Comments.AsNoTracking().Where(c => c.ObjectId == task.Id).ToListAsync());

    [Fact]
    public async Task A_status_automation_comments_on_the_next_task_and_never_goes_back()
    {
        var s = await factory.CreateCommentSceneAsync();
        var (modeling, modelingTask) = await TaskOfTypeAsync(s, 1);
        var (rigging, riggingTask) = await TaskOfTypeAsync(s, 2);
        await AutomationAsync(s, modeling, s.Statuses.Done, rigging, s.Statuses.Wip);
        await AutomationAsync(s, rigging, s.Statuses.Wfa, modeling, s.Statuses.Retake);

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(modelingTask, s.Statuses.Done)).StatusCode);
        var triggered = Assert.Single(await CommentsOf(riggingTask));
        Assert.Equal($"Change triggered by {modeling.Name} set to {s.Statuses.Done.Name}", triggered.Text);
        Assert.Equal(s.AdminPerson.Id, triggered.PersonId);
        var rigged = await factory.ReloadAsync(riggingTask);
        Assert.Equal(s.Statuses.Wip.Id, rigged.TaskStatusId);
        Assert.NotNull(rigged.RealStartDate);

        // Rigging comes after modeling: its automation back to modeling is a rollback, skipped.
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(riggingTask, s.Statuses.Wfa)).StatusCode);
        Assert.Equal(s.Statuses.Done.Id, (await factory.ReloadAsync(modelingTask)).TaskStatusId);
    }

    [Fact]
    public async Task An_automation_importing_the_last_revision_copies_its_previews_and_files_onto_the_next_task()
    {
        var s = await factory.CreateCommentSceneAsync();
        var (modeling, modelingTask) = await TaskOfTypeAsync(s, 1);
        var (rigging, riggingTask) = await TaskOfTypeAsync(s, 2);
        await AutomationAsync(s, modeling, s.Statuses.Done, rigging, s.Statuses.Wip, importLastRevision: true);
        var posted = await (await s.Admin.CommentAsync(modelingTask, s.Statuses.Wip, "v1")).ReadJsonObjectAsync();
        var add = await s.Admin.PostAsJsonAsync($"/api/actions/tasks/{modelingTask.Id}/comments/{posted["id"]}/add-preview", new { });
        var source = new Previews.PreviewScene(s, Guid.Parse((string)posted["id"]!), Guid.Parse((string)(await add.ReadJsonObjectAsync())["id"]!));
        Assert.Equal(HttpStatusCode.Created, (await source.UploadAsync(Previews.PictureData.Png(32, 18), "turn.png", s.Admin)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(modelingTask, s.Statuses.Done)).StatusCode);
        var copy = Assert.Single(await factory.WithDb(db => db.PreviewFiles.AsNoTracking().Where(p => p.TaskId == riggingTask.Id).ToListAsync()));
        Assert.Equal(("png", "turn", "ready", 32, 1), (copy.Extension, copy.OriginalName, copy.Status, copy.Width, copy.Revision));
        Assert.Equal(copy.Id, (await factory.ReloadAsync(riggingTask)).LastPreviewFileId);
        var triggered = Assert.Single(await CommentsOf(riggingTask));
        Assert.True(await factory.WithDb(db => db.CommentPreviewLinks.AnyAsync(l => l.Comment == triggered.Id && l.PreviewFile == copy.Id)));
        using var picture = await (await s.Admin.GetAsync($"/api/pictures/originals/preview-files/{copy.Id}.png")).ReadPictureAsync();
        Assert.Equal((32, 18), (picture.Width, picture.Height));
    }

    [Fact]
    public async Task Automations_pointing_at_each_other_stop_and_ready_for_marks_the_asset_and_counts_it_ready_in_shots()
    {
        var s = await factory.CreateCommentSceneAsync();
        var (first, firstTask) = await TaskOfTypeAsync(s, 1);
        var (second, secondTask) = await TaskOfTypeAsync(s, 1);
        await AutomationAsync(s, first, s.Statuses.Wfa, second, s.Statuses.Wfa);
        await AutomationAsync(s, second, s.Statuses.Wfa, first, s.Statuses.Wfa);
        var layout = await factory.Save(new TaskType { Name = Letters("Layout"), ForEntity = "Shot" });
        await factory.Save(new ProjectTaskTypeLink { ProjectId = s.Project.Id, TaskTypeId = layout.Id, Priority = 2 });
        await AutomationAsync(s, first, s.Statuses.Wfa, layout, null, "ready_for");
        var shot = await factory.CreateEntityAsync(s.Project, "Shot");
        await factory.CastAsync(shot, s.Entity);
        var shotTask = await factory.Save(new ProductionTask
        {
            Name = "main", ProjectId = s.Project.Id, EntityId = shot.Id, TaskTypeId = layout.Id, TaskStatusId = s.Statuses.Todo.Id,
        });
        await using var socket = await SocketTestClient.JoinAsync(factory, "/events", bearer: SocketTestClient.TokenOf(s.Admin));
        Assert.StartsWith("40/events,", await socket.NextAsync());

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(firstTask, s.Statuses.Wfa)).StatusCode);
        Assert.Equal(2, (await CommentsOf(firstTask)).Count);
        Assert.Single(await CommentsOf(secondTask));
        Assert.Equal(layout.Id, (await factory.WithDb(db => db.Entities.AsNoTracking().SingleAsync(e => e.Id == s.Entity.Id))).ReadyFor);
        Assert.Equal(1, (await factory.ReloadAsync(shotTask)).NbAssetsReady);
        Assert.Contains("asset:update", await factory.EventsAsync("asset_id", s.Entity.Id));
        // The count's event is a live signal only.
        var (name, stats) = await socket.NextEventAsync();
        while (name != "task:update-casting-stats") (name, stats) = await socket.NextEventAsync();
        Assert.Equal((shotTask.Id.ToString(), 1, s.Project.Id.ToString()), ((string?)stats["task_id"], (int?)stats["nb_assets_ready"], (string?)stats["project_id"]));
        Assert.Empty(await factory.EventsAsync("task_id", shotTask.Id));
    }

    [Fact]
    public async Task Hashtags_copy_the_comment_to_the_tagged_tasks_keeping_their_status()
    {
        var s = await factory.CreateCommentSceneAsync();
        var (modeling, modelingTask) = await TaskOfTypeAsync(s, 1);
        var (rigging, riggingTask) = await TaskOfTypeAsync(s, 2);
        var (_, shadingTask) = await TaskOfTypeAsync(s, 3);

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(modelingTask, s.Statuses.Wip, $"fix it #{rigging.Name.ToUpperInvariant()}")).StatusCode);
        var copy = Assert.Single(await CommentsOf(riggingTask));
        Assert.Equal($"fix it #{rigging.Name.ToUpperInvariant()}\n\n____\nFrom {modeling.Name} task", copy.Text);
        Assert.Equal(s.Statuses.Todo.Id, copy.TaskStatusId);
        Assert.Empty(await CommentsOf(shadingTask));

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(modelingTask, s.Statuses.Wip, "everyone #all")).StatusCode);
        Assert.Equal(2, (await CommentsOf(riggingTask)).Count);
        Assert.Single(await CommentsOf(shadingTask));
        Assert.Single(await CommentsOf(s.Task));
        Assert.Equal(2, (await CommentsOf(modelingTask)).Count);
    }
}
