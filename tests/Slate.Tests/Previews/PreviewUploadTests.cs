using System.Net;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Comments;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

public class PreviewUploadTests(SlateFactory factory) : PreviewUploadScenarios(factory), IClassFixture<SlateFactory>;

/// <summary>The same uploads with the files in S3 (moto).</summary>
public class PreviewUploadTestsOnS3(S3SlateFactory factory) : PreviewUploadScenarios(factory), IClassFixture<S3SlateFactory>;

/// <summary>
/// POST /pictures/preview-files/{id} (§5.2) for pictures and other files, and how what it
/// stored is served back (§5.7); refused uploads remove the record and leave no file.
/// </summary>
public abstract class PreviewUploadScenarios(SlateFactory factory)
{
    async Task<string[]> StoredFilesOfAsync(Guid id) =>
        [.. (await factory.StoredFilesAsync()).Where(path => path.Contains(id.ToString()))];

    [Fact]
    public async Task A_picture_becomes_a_ready_png_preview_with_its_variants_and_the_tasks_last_preview()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        var response = await preview.UploadAsync(PictureData.Png(180, 101), "blocking_v001.png");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(preview.PreviewId.ToString(), (string?)body["id"]);
        Assert.Equal("blocking_v001", (string?)body["original_name"]);
        Assert.Equal("png", (string?)body["extension"]);
        Assert.Equal("ready", (string?)body["status"]);
        Assert.Equal((180, 101), ((int)body["width"]!, (int)body["height"]!));
        Assert.Equal("PreviewFile", (string?)body["type"]);
        Assert.False(body.ContainsKey("comments"));

        var original = await preview.Scene.ArtistClient.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}.png");
        var originalBytes = await original.Content.ReadAsByteArrayAsync();
        Assert.Equal((long)body["file_size"]!, originalBytes.Length);
        using (var thumbnail = await (await preview.Scene.ArtistClient.GetAsync($"/api/pictures/thumbnails/preview-files/{preview.PreviewId}.png")).ReadPictureAsync())
            Assert.Equal((150, 100), (thumbnail.Width, thumbnail.Height));
        using (var byExtension = await (await preview.Scene.ArtistClient.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}.PNG")).ReadPictureAsync())
            Assert.Equal((180, 101), (byExtension.Width, byExtension.Height));

        Assert.Equal(preview.PreviewId, (await factory.ReloadAsync(preview.Scene.Task)).LastPreviewFileId);
        Assert.Equal(["preview-file:add-file", "preview-file:new", "preview-file:update"], (await factory.EventNamesAsync("preview-file:", preview.PreviewId)).Order());
    }

    [Fact]
    public async Task A_download_is_an_attachment_and_a_pdf_file_is_stored_as_is_and_shown_inline()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        var pdf = "%PDF-1.4\n%test\n"u8.ToArray();
        var response = await preview.UploadAsync(pdf, "layout.v2.PDF");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(("pdf", "layout.v2", "ready", pdf.Length), ((string?)body["extension"], (string?)body["original_name"], (string?)body["status"], (int)body["file_size"]!));

        var shown = await preview.Scene.Admin.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}.pdf");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("application/pdf", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", shown.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await shown.Content.ReadAsByteArrayAsync());

        var download = await preview.Scene.Admin.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        await (await preview.Scene.Admin.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}.exe"))
            .AssertWrongParameterAsync("Extension not allowed: exe");
        // Another known extension than the stored one: nothing is stored under it.
        Assert.Equal(HttpStatusCode.NotFound, (await preview.Scene.Admin.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}.png")).StatusCode);
    }

    [Fact]
    public async Task A_second_upload_and_an_upload_without_a_file_are_refused_and_change_nothing()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        Assert.Equal(HttpStatusCode.Created, (await preview.UploadAsync(PictureData.Png(40, 30), "first.png")).StatusCode);
        var stored = await StoredFilesOfAsync(preview.PreviewId);
        Assert.Equal(4, stored.Length);

        var again = await preview.UploadAsync(PictureData.Png(80, 60), "again.png");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("first", (await factory.PreviewRowAsync(preview.PreviewId))?.OriginalName);
        Assert.Equal(40, (await factory.PreviewRowAsync(preview.PreviewId))?.Width);

        var other = await preview.Scene.AddPreviewAsync();
        var empty = await other.Scene.ArtistClient.PostAsync(other.UploadPath, new MultipartFormDataContent { { new StringContent("here"), "nothing" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("processing", (await factory.PreviewRowAsync(other.PreviewId))?.Status);
    }

    [Theory]
    [InlineData("setup.exe", "Wrong file format, extension: exe")]
    [InlineData("noextension", "Wrong file format, extension: noextension")]
    public async Task A_file_of_an_unknown_kind_removes_the_record_and_is_refused(string fileName, string message)
    {
        var preview = await factory.CreatePreviewSceneAsync();
        await (await preview.UploadAsync("MZ\u0090"u8.ToArray(), fileName)).AssertWrongParameterAsync(message);

        Assert.Null(await factory.PreviewRowAsync(preview.PreviewId));
        Assert.False(await factory.WithDb(db => db.CommentPreviewLinks.AnyAsync(l => l.PreviewFile == preview.PreviewId)));
        Assert.Empty(await StoredFilesOfAsync(preview.PreviewId));
    }

    [Fact]
    public async Task A_decompression_bomb_an_empty_picture_and_an_empty_file_are_refused_without_leaving_files()
    {
        var scene = await factory.CreateCommentSceneAsync();
        foreach (var (bytes, name) in new[] { (PictureData.PngClaiming(40_000, 40_000), "bomb.png"), ([], "empty.png"), ([], "empty.zip") })
        {
            var preview = await scene.AddPreviewAsync();
            var response = await preview.UploadAsync(bytes, name);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(string.IsNullOrEmpty((string?)(await response.ReadJsonObjectAsync())["message"]));
            Assert.Null(await factory.PreviewRowAsync(preview.PreviewId));
            Assert.Empty(await StoredFilesOfAsync(preview.PreviewId));
        }
        Assert.Null((await factory.ReloadAsync(scene.Task)).LastPreviewFileId);
    }

    [Fact]
    public async Task Only_who_may_act_on_the_task_uploads()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        var refused = await preview.UploadAsync(PictureData.Png(10, 10), "mine.png", outsider);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("processing", (await factory.PreviewRowAsync(preview.PreviewId))?.Status);
        Assert.Empty(await StoredFilesOfAsync(preview.PreviewId));

        var missing = await preview.Scene.Admin.PostAsync($"/api/pictures/preview-files/{Guid.NewGuid()}", PictureData.Upload(PictureData.Png(10, 10), "x.png"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}/download")).StatusCode);
    }

    [Fact]
    public async Task A_project_that_sets_previews_automatically_gets_the_entitys_thumbnail_from_the_upload()
    {
        var scene = await factory.CreateCommentSceneAsync();
        await factory.WithDb(async db =>
        {
            var project = await db.Projects.FirstAsync(p => p.Id == scene.Project.Id);
            project.IsSetPreviewAutomated = true;
            return await db.SaveChangesAsync();
        });
        var preview = await scene.AddPreviewAsync();
        Assert.Equal(HttpStatusCode.Created, (await preview.UploadAsync(PictureData.Jpeg(64, 48), "still.jpg")).StatusCode);

        Assert.Equal(preview.PreviewId, await factory.WithDb(db => db.Entities.Where(e => e.Id == scene.Entity.Id).Select(e => e.PreviewFileId).FirstAsync()));
        Assert.Contains("preview-file:set-main", await factory.EventNamesAsync("preview-file:", preview.PreviewId));
    }
}
