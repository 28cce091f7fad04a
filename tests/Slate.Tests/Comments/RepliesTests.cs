using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>Replies and acknowledgements (behavior-production.md §4.5, §11 check 32).</summary>
public class RepliesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<List<(Guid Person, string Type)>> NotificationsAsync(Guid commentId) => factory.WithDb(async db =>
        (await db.Notifications.Where(n => n.CommentId == commentId).ToListAsync()).Select(n => (n.PersonId, n.Type)).Order().ToList());

    [Fact]
    public async Task Files_sent_with_a_reply_become_its_attachments()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist);
        var comment = await factory.CreateCommentAsync(task, artist);
        var file = new ByteArrayContent([1, 2, 3, 4]);
        file.Headers.ContentType = new("image/png");

        var response = await (await factory.ClientForAsync(artist)).PostAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply",
            new MultipartFormDataContent { { new StringContent("see attached"), "text" }, { file, "file", "notes.png" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.ReadJsonObjectAsync();
        Assert.Equal("see attached", (string?)reply["text"]);
        var attachment = Assert.Single(reply["attachment_files"]!.AsArray())!;
        Assert.Equal("notes.png", (string?)attachment["name"]);
        Assert.Equal(4, (int)attachment["size"]!);
        Assert.Equal((string?)reply["id"], (string?)attachment["reply_id"]);
        var stored = await factory.WithDb(db => db.AttachmentFiles.SingleAsync(a => a.CommentId == comment.Id));
        Assert.Equal(Guid.Parse((string)reply["id"]!), stored.ReplyId);
    }

    [Fact]
    public async Task A_reply_is_stored_notified_and_deleted()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var artist = await factory.CreatePersonAsync();
        var author = await factory.CreatePersonAsync("supervisor");
        var follower = await factory.CreatePersonAsync();
        var mentioned = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (author, null), (follower, null), (mentioned, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist);
        await factory.Save(new Subscription { PersonId = follower.Id, TaskId = task.Id });
        var comment = await factory.CreateCommentAsync(task, author);

        var client = await factory.ClientForAsync(admin);
        var response = await client.PostAsJsonAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply",
            new { text = $"My reply @{mentioned.FullName}" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.ReadJsonObjectAsync();
        Assert.Equal(["id", "date", "person_id", "text", "mentions", "department_mentions", "created_at", "person"], reply.Select(p => p.Key).ToList());
        Assert.Equal(admin.FullName, (string?)reply["person"]!["full_name"]);
        Assert.Equal([mentioned.Id.ToString()], reply["mentions"]!.AsArray().Select(m => (string?)m).ToList());
        var replyId = Guid.Parse((string)reply["id"]!);

        var stored = await factory.WithDb(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal(replyId.ToString(), (string?)stored.Replies![0]!["id"]);
        Assert.Equal(
            new List<(Guid, string)> { (artist.Id, "reply"), (author.Id, "reply"), (follower.Id, "reply"), (mentioned.Id, "reply-mention") }.Order().ToList(),
            await NotificationsAsync(comment.Id));
        Assert.Contains("comment:reply", await factory.EventsAsync("reply_id", replyId));

        // The artist answers: the earlier replier (the admin) is notified now, the artist is not.
        var asArtist = await factory.ClientForAsync(artist);
        var second = await (await asArtist.PostAsJsonAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply", new { text = "thanks" })).ReadJsonObjectAsync();
        var secondId = Guid.Parse((string)second["id"]!);
        var toSecond = await factory.WithDb(async db => (await db.Notifications.Where(n => n.ReplyId == secondId).Select(n => n.PersonId).ToListAsync()).Order().ToList());
        Assert.Equal(new[] { admin.Id, author.Id, follower.Id }.Order().ToList(), toSecond);

        // Only its author (or an admin) deletes a reply.
        await (await asArtist.DeleteAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply/{replyId}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var deleted = await asArtist.DeleteAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply/{secondId}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = await deleted.ReadJsonObjectAsync();
        Assert.Equal([replyId.ToString()], after["replies"]!.AsArray().Select(r => (string?)r!["id"]).ToList());
        Assert.Equal("Comment", (string?)after["type"]);
        Assert.False(await factory.WithDb(db => db.Notifications.AnyAsync(n => n.ReplyId == secondId)));
        await (await asArtist.DeleteAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply/{secondId}"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}/reply/{replyId}")).StatusCode);
        Assert.Empty(await NotificationsAsync(comment.Id));
    }

    [Fact]
    public async Task Who_may_reply()
    {
        var artist = await factory.CreatePersonAsync();
        var bystander = await factory.CreatePersonAsync();
        var mentioned = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (bystander, null), (mentioned, null), (vendor, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity, artist);
        var comment = await factory.CreateCommentAsync(task, artist);
        await factory.Save(new CommentMention { Comment = comment.Id, Person = mentioned.Id });
        var other = await factory.CreateTaskAsync(entity, artist);
        var inReply = await factory.CreatePersonAsync();
        await factory.AddToTeamAsync(project.Id, inReply);
        var department = await factory.CreateDepartmentAsync(inReply);
        await factory.CreateCommentAsync(task, artist, c => c.Replies = new JsonArray(
            new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["mentions"] = new JsonArray(), ["department_mentions"] = new JsonArray(department.Id.ToString()) }));
        string Path(Guid taskId, Guid commentId) => $"/api/data/tasks/{taskId}/comments/{commentId}/reply";

        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(mentioned)).PostAsJsonAsync(Path(task.Id, comment.Id), new { text = "seen" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(inReply)).PostAsJsonAsync(Path(task.Id, comment.Id), new { text = "me too" })).StatusCode);
        foreach (var refused in new[] { bystander, vendor, await factory.CreatePersonAsync() })
            await (await (await factory.ClientForAsync(refused)).PostAsJsonAsync(Path(task.Id, comment.Id), new { text = "no" }))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var asArtist = await factory.ClientForAsync(artist);
        await (await asArtist.PostAsJsonAsync(Path(other.Id, comment.Id), new { text = "wrong task" }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await asArtist.PostAsJsonAsync(Path(task.Id, Guid.NewGuid()), new { text = "unknown" }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var bad = await asArtist.PostAsJsonAsync(Path(task.Id, comment.Id), new { text = 12 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var stored = await factory.WithDb(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal(2, stored.Replies!.AsArray().Count);
    }

    [Fact]
    public async Task An_acknowledgement_toggles()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity, artist);
        var comment = await factory.CreateCommentAsync(task, artist);
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/tasks/{task.Id}/comments/{comment.Id}/ack";

        var first = await client.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.ReadJsonObjectAsync();
        Assert.Equal([artist.Id.ToString()], body["acknowledgements"]!.AsArray().Select(a => (string?)a).ToList());
        var keys = body.Select(p => p.Key).ToList();
        Assert.Equal("previews", keys[keys.IndexOf("preview_file_id") + 1]);
        Assert.Equal("attachment_files", keys[^1]);
        Assert.Empty((await (await client.PostAsync(path, null)).ReadJsonObjectAsync())["acknowledgements"]!.AsArray());

        var other = await factory.CreateTaskAsync(entity, artist);
        await (await client.PostAsync($"/api/data/tasks/{other.Id}/comments/{comment.Id}/ack", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync())).PostAsync(path, null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.CommentAcknowledgments.AnyAsync(a => a.Comment == comment.Id)));
    }
}
