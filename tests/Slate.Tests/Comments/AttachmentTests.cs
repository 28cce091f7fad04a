using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Domain;
using Slate.Storage;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>The attachment scenarios on the local file store.</summary>
public class AttachmentTests(SlateFactory factory) : AttachmentScenarios(factory), IClassFixture<SlateFactory>;

/// <summary>The same scenarios with the files in S3 (moto).</summary>
public class AttachmentTestsOnS3(S3SlateFactory factory) : AttachmentScenarios(factory), IClassFixture<S3SlateFactory>;

/// <summary>
/// Attachments: multipart comments, add-attachment, deleting one, downloading one, and how a
/// stored file is sent (FileServing): caching headers, ranges, conditional requests.
/// </summary>
public abstract class AttachmentScenarios(SlateFactory factory)
{
    IFileStore Store => factory.Services.GetRequiredService<IFileStore>();

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
        Assert.Equal(png.Length, (await Store.StatAsync(Buckets.Files, "attachments", Guid.Parse(pngId), default))?.Size);

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
        var before = (await factory.StoredFilesAsync()).Length;
        var response = await PostMultipartAsync(s.ArtistClient, s.Task, closed, (new byte[1000], "image/png", "file", "a.png"));
        await response.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.WithDb(db => db.Projects.Where(p => p.Id == s.Project.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.MaxRetakes, 1)));
        await factory.WithDb(db => db.Tasks.Where(t => t.Id == s.Task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.RetakeCount, 1)));
        response = await PostMultipartAsync(s.Admin, s.Task, s.Statuses.Retake, (new byte[1000], "image/png", "file", "a.png"));
        await response.AssertWrongParameterAsync("No more retakes allowed on this task");
        Assert.Equal(before, (await factory.StoredFilesAsync()).Length);
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

    /// <summary>Adds one file to a new comment of the scene's task; returns the download path.</summary>
    static async Task<string> AttachAsync(CommentScene s, byte[] bytes, string type, string name)
    {
        var comment = await (await s.ArtistClient.CommentAsync(s.Task, s.Statuses.Wfa, "files")).ReadJsonObjectAsync();
        var added = await s.ArtistClient.PostAsync($"/api/actions/tasks/{s.Task.Id}/comments/{comment["id"]}/add-attachment",
            new MultipartFormDataContent { { File(bytes, type), "file", name } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return $"/api/data/attachment-files/{(await added.JsonAsync())[0]!["id"]}/file/{name}";
    }

    static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, Action<HttpRequestHeaders> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers(request.Headers);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_stored_file_is_sent_with_caching_headers_ranges_and_conditional_answers()
    {
        var s = await factory.CreateCommentSceneAsync();
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i % 251)).ToArray();
        var path = await AttachAsync(s, bytes, "image/png", "frames.png");

        var full = await s.Admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(bytes, await full.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1000, full.Content.Headers.ContentLength);
        Assert.Equal("private, max-age=604800", full.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("nosniff", full.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("bytes", full.Headers.AcceptRanges.Single());
        Assert.Equal("inline", full.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("frames.png", full.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lastModified = full.Content.Headers.LastModified ?? throw new Xunit.Sdk.XunitException("no Last-Modified");
        var etag = full.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag");

        var head = await GetAsync(s.Admin, path, h => h.Range = new RangeHeaderValue(0, 9));
        Assert.Equal(HttpStatusCode.PartialContent, head.StatusCode);
        Assert.Equal("bytes 0-9/1000", head.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[..10], await head.Content.ReadAsByteArrayAsync());
        var tail = await GetAsync(s.Admin, path, h => h.Range = new RangeHeaderValue(990, null));
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(bytes[990..], await tail.Content.ReadAsByteArrayAsync());
        var outside = await GetAsync(s.Admin, path, h => h.Range = new RangeHeaderValue(2000, 3000));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outside.StatusCode);
        Assert.Equal("bytes */1000", outside.Content.Headers.ContentRange?.ToString());

        var unchanged = await GetAsync(s.Admin, path, h => h.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(s.Admin, path, h => h.IfNoneMatch.Add(etag))).StatusCode);
        var older = await GetAsync(s.Admin, path, h => h.IfModifiedSince = lastModified.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Equal(bytes, await older.Content.ReadAsByteArrayAsync());

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        await (await GetAsync(outsider, path, h => h.Range = new RangeHeaderValue(0, 9))).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Scriptable_files_are_always_downloads_and_a_missing_object_is_a_404()
    {
        var s = await factory.CreateCommentSceneAsync();
        var svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray();
        var path = await AttachAsync(s, svg, "image/svg+xml", "drawing.svg");
        var sent = await s.Admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(svg, await sent.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", sent.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("drawing.svg", sent.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", sent.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("private, max-age=604800", sent.Headers.NonValidated["Cache-Control"].ToString());

        var id = Guid.Parse(path.Split('/')[4]);
        await Store.RemoveAsync(Buckets.Files, "attachments", id, default);
        await (await s.Admin.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
