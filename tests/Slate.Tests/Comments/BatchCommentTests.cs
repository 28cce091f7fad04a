using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>comment-many and the batch comments (JSON and multipart).</summary>
public class BatchCommentTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Comment_many_keeps_an_artists_own_tasks_only()
    {
        var s = await factory.CreateCommentSceneAsync();
        var notMine = await factory.CreateTaskAsync(s.Entity);
        var path = $"/api/actions/projects/{s.Project.Id}/tasks/comment-many";
        var body = new object[]
        {
            new { object_id = s.Task.Id, task_status_id = s.Statuses.Wfa.Id, comment = "mine" },
            new { object_id = notMine.Id, task_status_id = s.Statuses.Wfa.Id, comment = "not mine" },
            new { object_id = notMine.Id, task_status_id = s.Statuses.Wfa.Id },
        };
        var response = await s.ArtistClient.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = Assert.Single((await response.JsonAsync()).AsArray())!;
        Assert.Equal("mine", (string?)created["text"]);
        Assert.Equal(s.Statuses.Wfa.ShortName, (string?)created["task_status"]!["short_name"]);
        Assert.Equal(0, await factory.CommentCountAsync(notMine));
        Assert.Equal(s.Statuses.Wfa.Id, (await factory.ReloadAsync(s.Task)).TaskStatusId);

        var admin = await (await s.Admin.PostAsJsonAsync(path, body)).JsonAsync();
        Assert.Equal(2, admin.AsArray().Count);
        Assert.Equal(s.Statuses.Wfa.Id, (await factory.ReloadAsync(notMine)).TaskStatusId);

        await (await s.Admin.PostAsJsonAsync(path, new { object_id = s.Task.Id })).AssertWrongParameterAsync("Request body must be a JSON array.");
        var elsewhere = await factory.CreateCommentSceneAsync();
        await (await s.Admin.PostAsJsonAsync(path, new[] { new { object_id = elsewhere.Task.Id, task_status_id = s.Statuses.Wip.Id, comment = "x" } }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        await (await outsider.PostAsJsonAsync(path, body)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Batch_on_one_task_creates_each_comment_or_nothing()
    {
        var s = await factory.CreateCommentSceneAsync();
        var path = $"/api/actions/tasks/{s.Task.Id}/batch-comment";
        var response = await s.ArtistClient.PostAsJsonAsync(path, new
        {
            comments = new object[]
            {
                new { task_status_id = s.Statuses.Wip.Id, text = "first" },
                new { task_status_id = s.Statuses.Wfa.Id, text = "second", links = new[] { "https://example.com" } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.JsonAsync()).AsArray();
        Assert.Equal(["first", "second"], created.Select(c => (string?)c!["text"]));
        Assert.All(created, c => Assert.Empty(c!["preview_files"]!.AsArray()));
        Assert.Equal(s.Statuses.Wfa.Id, (await factory.ReloadAsync(s.Task)).TaskStatusId);

        var closed = await factory.CreateTaskStatusAsync(st => st.IsArtistAllowed = false);
        var refused = await s.ArtistClient.PostAsJsonAsync(path, new
        {
            comments = new object[] { new { task_status_id = s.Statuses.Wip.Id, text = "ok" }, new { task_status_id = closed.Id, text = "no" } },
        });
        await refused.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(2, await factory.CommentCountAsync(s.Task));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        await (await outsider.PostAsJsonAsync(path, new { comments = new object[] { new { task_status_id = s.Statuses.Wip.Id, text = "x" } } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Batch_on_several_tasks_as_multipart_attaches_files_by_index()
    {
        var s = await factory.CreateCommentSceneAsync();
        var second = await factory.CreateTaskAsync(s.Entity, s.Artist);
        var form = new MultipartFormDataContent
        {
            {
                new StringContent($$"""
                    [{"task_id": "{{s.Task.Id}}", "task_status_id": "{{s.Statuses.Wip.Id}}", "text": "one"},
                     {"task_id": "{{second.Id}}", "task_status_id": "{{s.Statuses.Wfa.Id}}", "text": "two"}]
                    """), "comments"
            },
            { new ByteArrayContent([1, 2]), "attachment_file-1-a", "b.txt" },
            { new ByteArrayContent([1, 2, 3]), "attachment_file-1-b", "c.txt" },
        };
        var response = await s.ArtistClient.PostAsync("/api/actions/tasks/batch-comment", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.JsonAsync()).AsArray();
        Assert.Empty(created[0]!["attachment_files"]!.AsArray());
        Assert.Equal(["b.txt", "c.txt"], created[1]!["attachment_files"]!.AsArray().Select(a => (string?)a!["name"]));
        Assert.Equal(second.Id.ToString(), (string?)created[1]!["object_id"]);
        Assert.Equal(s.Statuses.Wfa.Id, (await factory.ReloadAsync(second)).TaskStatusId);

        var missingTask = await s.Admin.PostAsJsonAsync("/api/actions/tasks/batch-comment",
            new { comments = new object[] { new { task_status_id = s.Statuses.Wip.Id, text = "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, missingTask.StatusCode);
        Assert.Equal("task_id", (string?)(await missingTask.JsonAsync())["data"]!["errors"]![0]!["field"]);
        var notMine = await factory.CreateTaskAsync(s.Entity);
        await (await s.ArtistClient.PostAsJsonAsync("/api/actions/tasks/batch-comment",
                new { comments = new object[] { new { task_id = notMine.Id, task_status_id = s.Statuses.Wip.Id, text = "x" } } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(0, await factory.WithDb(db => db.Comments.CountAsync(c => c.ObjectId == notMine.Id)));
    }

    [Fact]
    public async Task Preview_files_of_a_batch_become_previews_of_their_comment_and_an_unusable_one_is_left_out()
    {
        var s = await factory.CreateCommentSceneAsync();
        var form = new MultipartFormDataContent
        {
            {
                new StringContent($$"""
                    [{"task_status_id": "{{s.Statuses.Wip.Id}}", "text": "one"}, {"task_status_id": "{{s.Statuses.Wip.Id}}", "text": "two"}]
                    """), "comments"
            },
            { new ByteArrayContent(Previews.PictureData.Png(16, 9)), "preview_file-0-a", "frame.png" },
            { new ByteArrayContent(Previews.PictureData.Png(8, 8)), "preview_file-0-b", "detail.png" },
            { new ByteArrayContent([1, 2, 3]), "preview_file-1-a", "tool.exe" },
        };
        var response = await s.ArtistClient.PostAsync($"/api/actions/tasks/{s.Task.Id}/batch-comment", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.JsonAsync()).AsArray();

        var previews = created[0]!["preview_files"]!.AsArray();
        Assert.Equal(["frame", "detail"], previews.Select(p => (string?)p!["original_name"]));
        Assert.All(previews, p => Assert.Equal(("png", "ready", 1), ((string?)p!["extension"], (string?)p!["status"], (int)p!["revision"]!)));
        Assert.Equal([1, 2], previews.Select(p => (int)p!["position"]!));
        Assert.Empty(created[1]!["preview_files"]!.AsArray());
        // The refused file's record went with it: only the two pictures are previews of the task.
        Assert.Equal(2, await factory.WithDb(db => db.PreviewFiles.CountAsync(p => p.TaskId == s.Task.Id)));
        Assert.Equal((string?)previews[0]!["id"], (await factory.ReloadAsync(s.Task)).LastPreviewFileId?.ToString());
    }
}
