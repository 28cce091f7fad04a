using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>The admins' attachment listings of a project and of a task (behavior-production.md §4.5).</summary>
public class AttachmentListingsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admins_list_the_attachments_of_a_project_and_of_a_task()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity);
        var sibling = await factory.CreateTaskAsync(entity);
        var comment = await factory.CreateCommentAsync(task, manager);
        var onTask = await factory.Save(new AttachmentFile { Name = "notes.png", Extension = "png", Mimetype = "image/png", Size = 10, CommentId = comment.Id });
        var onSibling = await factory.Save(new AttachmentFile { Name = "ref.pdf", Extension = "pdf", CommentId = (await factory.CreateCommentAsync(sibling, manager)).Id });
        var elsewhere = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Shot"));
        await factory.Save(new AttachmentFile { Name = "other.png", CommentId = (await factory.CreateCommentAsync(elsewhere, manager)).Id });

        var response = await admin.GetAsync($"/api/data/projects/{project.Id}/attachment-files");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.JsonAsync()).AsArray();
        Assert.Equal(new[] { onTask.Id, onSibling.Id }.Select(id => (string?)id.ToString()).Order().ToList(), rows.Select(r => (string?)r!["id"]).Order().ToList());
        var row = rows.Single(r => (string?)r!["id"] == onTask.Id.ToString())!.AsObject();
        Assert.Equal(["name", "size", "extension", "mimetype", "comment_id", "reply_id", "chat_message_id", "id", "created_at", "updated_at", "comment", "chat_message", "type"],
            row.Select(p => p.Key).ToList());
        Assert.Equal(comment.Text, (string?)row["comment"]!["text"]);
        Assert.Equal("AttachmentFile", (string?)row["type"]);

        var ofTask = (await (await admin.GetAsync($"/api/data/tasks/{task.Id}/attachment-files")).JsonAsync()).AsArray();
        Assert.Equal([onTask.Id.ToString()], ofTask.Select(r => (string?)r!["id"]).ToList());

        var asManager = await factory.ClientForAsync(manager);
        await (await asManager.GetAsync($"/api/data/projects/{project.Id}/attachment-files")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await asManager.GetAsync($"/api/data/tasks/{task.Id}/attachment-files")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/data/tasks/{Guid.NewGuid()}/attachment-files")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/projects/nope/attachment-files")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
