using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>DELETE /data/tasks/{task_id}/comments/{comment_id}, and what editing or deleting a comment through /data/comments does.</summary>
public class EditDeleteCommentTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Delete_through_the_task_then_again_is_404_and_other_tasks_comments_are_404()
    {
        var s = await factory.CreateCommentSceneAsync();
        var other = await factory.CreateTaskAsync(s.Entity);
        var id = (string?)(await (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip)).ReadJsonObjectAsync())["id"];

        await (await s.Admin.DeleteAsync($"/api/data/tasks/{other.Id}/comments/{id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await s.Admin.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/not-a-uuid")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Admin.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{id}")).StatusCode);
        await (await s.Admin.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var task = await factory.ReloadAsync(s.Task);
        Assert.Null(task.LastCommentDate);
        Assert.Null(task.RealStartDate);
        var removed = Guid.Parse(id!);
        Assert.False(await factory.WithDb(db => db.News.AnyAsync(n => n.CommentId == removed)));
        Assert.Contains("comment:delete", await factory.EventsAsync("comment_id", removed));
    }

    [Fact]
    public async Task Only_the_author_or_a_manager_deletes()
    {
        var s = await factory.CreateCommentSceneAsync();
        var id = (string?)(await (await s.ArtistClient.CommentAsync(s.Task, s.Statuses.Wip)).ReadJsonObjectAsync())["id"];
        var colleague = await factory.CreatePersonAsync("supervisor");
        await factory.AddToTeamAsync(s.Project.Id, colleague);
        var colleagueHttp = await factory.ClientForAsync(colleague);
        await (await colleagueHttp.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, await factory.CommentCountAsync(s.Task));
        Assert.Equal(HttpStatusCode.NoContent, (await s.ArtistClient.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{id}")).StatusCode);
    }

    [Fact]
    public async Task Editing_the_text_rebuilds_the_mention_notifications()
    {
        var s = await factory.CreateCommentSceneAsync();
        var second = await factory.CreatePersonAsync("user");
        await factory.AddToTeamAsync(s.Project.Id, second);
        var comment = await (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, $"comment test @{s.Artist.FullName}")).ReadJsonObjectAsync();
        var id = Guid.Parse((string)comment["id"]!);
        Assert.Single(await factory.NotificationsAsync(id), n => n.Type == "mention");

        var put = await s.Admin.PutAsJsonAsync($"/api/data/comments/{id}", new { text = $"comment test @{s.Artist.FullName} @{second.FullName}" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var mentions = (await factory.NotificationsAsync(id)).Where(n => n.Type == "mention").ToList();
        Assert.Equal(new[] { s.Artist.Id, second.Id }.Order(), mentions.Select(n => n.PersonId).Order());

        await s.Admin.PutAsJsonAsync($"/api/data/comments/{id}", new { text = $"only @{second.FullName}" });
        mentions = (await factory.NotificationsAsync(id)).Where(n => n.Type == "mention").ToList();
        Assert.Equal(second.Id, Assert.Single(mentions).PersonId);
        Assert.Single(await factory.NotificationsAsync(id), n => n.Type == "comment");
    }
}
