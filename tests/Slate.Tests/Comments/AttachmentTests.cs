using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>Attachments: multipart comments, add-attachment, deleting one, downloading one.</summary>
public class AttachmentTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static ByteArrayContent File(byte[] bytes, string type) => new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(type) } };

    static Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, ProductionTask task, ProductionTaskStatus status, params (byte[] Bytes, string Type, string Key, string Name)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(status.Id.ToString()), "task_status_id" },
            { new StringContent("with files"), "comment" },
            { new StringContent("""[{"text": "check", "checked": true}]"""), "checklist" },
            { new StringContent(""), "links" },
        };
        foreach (var file in files) form.Add(File(file.Bytes, file.Type), file.Key, file.Name);
        return client.PostAsync($"/api/actions/tasks/{task.Id}/comment", form);
    }

    [Fact]
    public async Task Multipart_comment_stores_every_file_and_serves_it_back()
    {
        var s = await factory.CreateCommentSceneAsync();
        byte[] png = [137, 80, 78, 71, 1, 2, 3], html = "<script>alert(1)</script>"u8.ToArray();
        var response = await PostMultipartAsync(s.ArtistClient, s.Task, s.Statuses.Wfa,
            (png, "image/png", "file", "notes.png"), (html, "text/html", "other-key", "page.HTML"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var comment = await response.ReadJsonObjectAsync();
        Assert.True((bool)comment["checklist"]![0]!["checked"]!);
        Assert.Empty(comment["links"]!.AsArray());
        var attachments = comment["attachment_files"]!.AsArray();
        Assert.Equal(2, attachments.Count);
        Assert.Equal(["id", "name", "extension", "size"], attachments[0]!.AsObject().Select(p => p.Key));
        Assert.Equal("notes.png", (string?)attachments[0]!["name"]);
        Assert.Equal("png", (string?)attachments[0]!["extension"]);
        Assert.Equal(png.Length, (int)attachments[0]!["size"]!);
        Assert.Equal("html", (string?)attachments[1]!["extension"]);

        var pngId = (string)attachments[0]!["id"]!;
        Assert.Contains(factory.StoredFiles(), f => f.EndsWith(Path.Combine("files", "attachments", pngId[..3], pngId[3..6], pngId)));

        var image = await s.Admin.GetAsync($"/api/data/attachment-files/{pngId}/file/notes.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());

        var page = await s.ArtistClient.GetAsync($"/api/data/attachment-files/{attachments[1]!["id"]}/file/page.HTML");
        Assert.Equal("attachment", page.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("page.HTML", page.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        await (await outsider.GetAsync($"/api/data/attachment-files/{pngId}/file/notes.png")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/attachment-files/{Guid.NewGuid()}/file/x.png")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_refused_comment_stores_no_file()
    {
        var s = await factory.CreateCommentSceneAsync();
        var closed = await factory.CreateTaskStatusAsync(st => st.IsArtistAllowed = false);
        var before = factory.StoredFiles().Length;
        var response = await PostMultipartAsync(s.ArtistClient, s.Task, closed, (new byte[1000], "image/png", "file", "a.png"));
        await response.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.WithDb(db => db.Projects.Where(p => p.Id == s.Project.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.MaxRetakes, 1)));
        await factory.WithDb(db => db.Tasks.Where(t => t.Id == s.Task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.RetakeCount, 1)));
        response = await PostMultipartAsync(s.Admin, s.Task, s.Statuses.Retake, (new byte[1000], "image/png", "file", "a.png"));
        await response.AssertWrongParameterAsync("No more retakes allowed on this task");
        Assert.Equal(before, factory.StoredFiles().Length);
        Assert.Equal(0, await factory.CommentCountAsync(s.Task));
    }

    [Fact]
    public async Task Add_and_delete_attachments_as_author_or_manager()
    {
        var s = await factory.CreateCommentSceneAsync();
        var comment = await (await s.ArtistClient.CommentAsync(s.Task, s.Statuses.Wfa, "v1")).ReadJsonObjectAsync();
        var path = $"/api/actions/tasks/{s.Task.Id}/comments/{comment["id"]}/add-attachment";
        var added = await s.ArtistClient.PostAsync(path, new MultipartFormDataContent { { File([1, 2, 3], "image/png"), "file", "notes.png" } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var attachment = Assert.Single((await added.JsonAsync()).AsArray())!;
        Assert.Equal("notes.png", (string?)attachment["name"]);
        Assert.Equal(3, (int)attachment["size"]!);

        var colleague = await factory.CreatePersonAsync("user");
        await factory.AddToTeamAsync(s.Project.Id, colleague);
        var colleagueHttp = await factory.ClientForAsync(colleague);
        await (await colleagueHttp.PostAsync(path, new MultipartFormDataContent { { File([1], "image/png"), "file", "x.png" } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var other = await factory.CreateTaskAsync(s.Entity);
        await (await s.Admin.PostAsync($"/api/actions/tasks/{other.Id}/comments/{comment["id"]}/add-attachment",
                new MultipartFormDataContent { { File([1], "image/png"), "file", "x.png" } }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var delete = $"/api/data/tasks/{s.Task.Id}/comments/{comment["id"]}/attachments/{attachment["id"]}";
        await (await colleagueHttp.DeleteAsync(delete)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await s.Admin.DeleteAsync($"/api/data/tasks/{other.Id}/comments/{comment["id"]}/attachments/{attachment["id"]}"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Admin.DeleteAsync(delete)).StatusCode);
        await (await s.Admin.DeleteAsync(delete)).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(0, await factory.WithDb(db => db.AttachmentFiles.CountAsync(a => a.Id == Guid.Parse((string)attachment["id"]!))));
    }
}
