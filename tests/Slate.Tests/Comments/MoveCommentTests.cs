using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>Moving a comment to another task of the same entity (behavior-production.md §4.4).</summary>
public class MoveCommentTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task A_manager_moves_a_comment_and_both_tasks_follow()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null), (other, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var source = await factory.CreateTaskAsync(entity, artist);
        var target = await factory.CreateTaskAsync(entity, other);
        var status = await factory.Save(new ProductionTaskStatus { Name = Unique("WIP"), ShortName = Unique("w"), Color = "#000000", IsWip = true });
        var comment = await factory.CreateCommentAsync(source, manager, c => { c.TaskStatusId = status.Id; c.CreatedAt = new DateTime(2024, 5, 1); });
        await factory.Save(new Notification { PersonId = artist.Id, AuthorId = manager.Id, CommentId = comment.Id, TaskId = source.Id, Type = "comment" },
            new News { AuthorId = manager.Id, CommentId = comment.Id, TaskId = source.Id });
        await factory.WithDb(async db =>
        {
            await db.Tasks.Where(t => t.Id == source.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.TaskStatusId, status.Id));
            return 0;
        });

        var response = await (await factory.ClientForAsync(manager)).PostAsJsonAsync(
            $"/api/actions/tasks/{source.Id}/comments/{comment.Id}/move", new { target_task_id = target.Id });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(target.Id.ToString(), (string?)body["object_id"]);
        Assert.True(body.ContainsKey("acknowledgements"));

        var (movedSource, movedTarget, notifications, news) = await factory.WithDb(async db => (
            await db.Tasks.SingleAsync(t => t.Id == source.Id),
            await db.Tasks.SingleAsync(t => t.Id == target.Id),
            await db.Notifications.Where(n => n.CommentId == comment.Id).ToListAsync(),
            await db.News.Where(n => n.CommentId == comment.Id).ToListAsync()));
        Assert.Null(movedSource.RealStartDate);
        Assert.Null(movedSource.LastCommentDate);
        Assert.Equal(status.Id, movedTarget.TaskStatusId);
        Assert.Equal(new DateTime(2024, 5, 1), movedTarget.RealStartDate);
        Assert.Equal([(other.Id, "comment", target.Id)], notifications.Select(n => (n.PersonId, n.Type, n.TaskId!.Value)).ToList());
        Assert.Equal([target.Id], news.Select(n => n.TaskId).ToList());
        Assert.Equal(["comment:delete", "comment:new"], (await factory.EventsAsync("comment_id", comment.Id)));
    }

    [Fact]
    public async Task Moves_that_make_no_sense_or_come_from_others_are_refused()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var source = await factory.CreateTaskAsync(entity, artist);
        var sibling = await factory.CreateTaskAsync(entity, artist);
        var elsewhere = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var comment = await factory.CreateCommentAsync(source, artist);
        var withPreview = await factory.CreateCommentAsync(source, artist);
        await factory.Save(new CommentPreviewLink { Comment = withPreview.Id, PreviewFile = (await factory.CreatePreviewAsync(source)).Id });
        var client = await factory.ClientForAsync(manager);
        Task<HttpResponseMessage> Move(Guid taskId, Guid commentId, object body) =>
            client.PostAsJsonAsync($"/api/actions/tasks/{taskId}/comments/{commentId}/move", body);

        await (await Move(source.Id, comment.Id, new { target_task_id = source.Id })).AssertWrongParameterAsync("Source and target tasks must be different.");
        await (await Move(source.Id, comment.Id, new { target_task_id = elsewhere.Id }))
            .AssertWrongParameterAsync("A comment can only be moved between tasks of the same entity.");
        await (await Move(source.Id, withPreview.Id, new { target_task_id = sibling.Id }))
            .AssertWrongParameterAsync("A comment attached to a preview revision cannot be moved.");
        await (await Move(sibling.Id, comment.Id, new { target_task_id = source.Id })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await Move(source.Id, comment.Id, new { target_task_id = "nope" })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var missing = await Move(source.Id, comment.Id, new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("target_task_id", (string?)(await missing.ReadJsonObjectAsync())["data"]!["errors"]![0]!["field"]);

        await (await (await factory.ClientForAsync(artist)).PostAsJsonAsync($"/api/actions/tasks/{source.Id}/comments/{comment.Id}/move", new { target_task_id = sibling.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.PostAsJsonAsync($"/api/actions/tasks/{source.Id}/comments/{comment.Id}/move", new { target_task_id = sibling.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(source.Id, (await factory.WithDb(db => db.Comments.SingleAsync(c => c.Id == comment.Id))).ObjectId);
    }
}
