using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Domain;
using Slate.Media;
using Slate.Storage;
using Slate.Tests.Comments;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>
/// Actions on preview files (§5.3, §5.9, §5.11) and the movie and attachment routes (§5.7):
/// position within a revision, the entity's main preview, movie versions and their fallbacks,
/// deletion with or without the stored files.
/// </summary>
public class PreviewActionsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    IFileStore Store => factory.Services.GetRequiredService<IFileStore>();

    /// <summary>Three previews of one revision, added to one comment: positions 1, 2, 3.</summary>
    async Task<(PreviewScene First, List<Guid> Ids)> RevisionOfThreeAsync()
    {
        var first = await factory.CreatePreviewSceneAsync();
        var ids = new List<Guid> { first.PreviewId };
        for (var i = 0; i < 2; i++)
        {
            var response = await first.Scene.ArtistClient.PostAsJsonAsync(
                $"/api/actions/tasks/{first.Scene.Task.Id}/comments/{first.CommentId}/add-preview", new { });
            ids.Add(Guid.Parse((string)(await response.ReadJsonObjectAsync())["id"]!));
        }
        return (first, ids);
    }

    static string Position(Guid id) => $"/api/actions/preview-files/{id}/update-position";

    [Fact]
    public async Task A_preview_moves_within_its_revision_and_the_revision_is_numbered_again()
    {
        var (first, ids) = await RevisionOfThreeAsync();
        var rows = await Responses.ArrayAsync(await first.Scene.ArtistClient.PutAsJsonAsync(Position(ids[2]), new { position = 1 }));

        Assert.Equal([ids[2], ids[0], ids[1]], rows.Select(r => Guid.Parse((string)r!["id"]!)));
        Assert.Equal([1, 2, 3], rows.Select(r => (int)r!["position"]!));
        Assert.Equal(1, (await factory.PreviewRowAsync(ids[2]))?.Position);
        Assert.Equal(3, (await factory.PreviewRowAsync(ids[1]))?.Position);

        // Outside 1..n nothing moves; the revision is answered as it is.
        var unchanged = await Responses.ArrayAsync(await first.Scene.ArtistClient.PutAsJsonAsync(Position(ids[0]), new { position = 9 }));
        Assert.Equal([ids[2], ids[0], ids[1]], unchanged.Select(r => Guid.Parse((string)r!["id"]!)));
        Assert.Equal(HttpStatusCode.BadRequest, (await first.Scene.ArtistClient.PutAsJsonAsync(Position(ids[0]), new { position = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await first.Scene.ArtistClient.PutAsJsonAsync(Position(ids[0]), new { position = "first" })).StatusCode);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PutAsJsonAsync(Position(ids[0]), new { position = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.Scene.Admin.PutAsJsonAsync(Position(Guid.NewGuid()), new { position = 1 })).StatusCode);
    }

    [Fact]
    public async Task A_preview_becomes_its_entitys_main_preview_but_not_for_a_client()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        Assert.Equal(HttpStatusCode.Created, (await preview.UploadAsync(PictureData.Png(30, 20), "main.png")).StatusCode);
        var path = $"/api/actions/preview-files/{preview.PreviewId}/set-main-preview";

        var client = await factory.CreatePersonAsync("client");
        await factory.AddToTeamAsync(preview.Scene.Project.Id, client);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientForAsync(client)).PutAsJsonAsync(path, new { })).StatusCode);
        Assert.Null(await factory.WithDb(db => db.Entities.Where(e => e.Id == preview.Scene.Entity.Id).Select(e => e.PreviewFileId).FirstAsync()));

        await (await preview.Scene.Admin.PutAsJsonAsync(path, new { frame_number = 3 }))
            .AssertWrongParameterAsync("Can't use a given frame on non movie preview");

        var entity = await (await preview.Scene.ArtistClient.PutAsJsonAsync(path, new { })).ReadJsonObjectAsync();
        Assert.Equal(preview.Scene.Entity.Id.ToString(), (string?)entity["id"]);
        Assert.Equal(preview.PreviewId.ToString(), (string?)entity["preview_file_id"]);
        Assert.Contains("preview-file:set-main", await factory.EventNamesAsync("preview-file:", preview.PreviewId));
    }

    [Fact]
    public async Task Movie_routes_send_the_version_asked_for_or_fall_back_and_seek()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        var client = preview.Scene.ArtistClient;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/movies/originals/preview-files/{preview.PreviewId}.mp4")).StatusCode);

        var lowdef = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        await Store.SaveAsync(Buckets.Movies, "lowdef", preview.PreviewId, new MemoryStream(lowdef), default);
        // Only the low definition is stored: the originals route falls back on it.
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/movies/originals/preview-files/{preview.PreviewId}.mp4") { Headers = { Range = new RangeHeaderValue(100, 109) } };
        var ranged = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal("video/mp4", ranged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(lowdef[100..110], await ranged.Content.ReadAsByteArrayAsync());

        var highdef = new byte[] { 1, 2, 3 };
        await Store.SaveAsync(Buckets.Movies, "previews", preview.PreviewId, new MemoryStream(highdef), default);
        Assert.Equal(highdef, await client.GetByteArrayAsync($"/api/movies/originals/preview-files/{preview.PreviewId}.mp4"));
        Assert.Equal(lowdef, await client.GetByteArrayAsync($"/api/movies/low/preview-files/{preview.PreviewId}.mp4"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/movies/source/preview-files/{preview.PreviewId}.mp4")).StatusCode);

        var download = await client.GetAsync($"/api/movies/originals/preview-files/{preview.PreviewId}/download");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(highdef, await download.Content.ReadAsByteArrayAsync());

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/movies/low/preview-files/{preview.PreviewId}.mp4")).StatusCode);
    }

    [Fact]
    public async Task An_attachment_thumbnail_is_sent_to_who_may_read_its_comment()
    {
        var scene = await factory.CreateCommentSceneAsync();
        var comment = await factory.Save(new Comment { ObjectId = scene.Task.Id, ObjectType = "Task", PersonId = scene.Artist.Id, Text = "ref" });
        var attachment = await factory.Save(new AttachmentFile { Name = "ref.png", Mimetype = "image/png", CommentId = comment.Id });
        var path = $"/api/pictures/thumbnails/attachment-files/{attachment.Id}.png";
        Assert.Equal(HttpStatusCode.NotFound, (await scene.ArtistClient.GetAsync(path)).StatusCode);

        await factory.Services.GetRequiredService<PictureFiles>().SaveThumbnailAsync(attachment.Id, new MemoryStream(PictureData.Png(300, 200)), new Box(150, 150));
        using (var thumbnail = await (await scene.ArtistClient.GetAsync(path)).ReadPictureAsync())
            Assert.Equal((150, 150), (thumbnail.Width, thumbnail.Height));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_preview_keeps_its_files_unless_forced()
    {
        var kept = await factory.CreatePreviewSceneAsync();
        await kept.UploadAsync(PictureData.Png(20, 20), "kept.png");
        var removed = await kept.Scene.AddPreviewAsync();
        await removed.UploadAsync(PictureData.Png(20, 20), "removed.png");
        Assert.Equal(removed.PreviewId, (await factory.ReloadAsync(kept.Scene.Task)).LastPreviewFileId);

        Assert.Equal(HttpStatusCode.Forbidden, (await kept.Scene.ArtistClient.DeleteAsync($"/api/data/preview-files/{kept.PreviewId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await kept.Scene.Admin.DeleteAsync($"/api/data/preview-files/{kept.PreviewId}")).StatusCode);
        Assert.NotNull(await Store.StatAsync(Buckets.Pictures, "original", kept.PreviewId, default));

        Assert.Equal(HttpStatusCode.NoContent, (await kept.Scene.Admin.DeleteAsync($"/api/data/preview-files/{removed.PreviewId}?force=true")).StatusCode);
        foreach (var prefix in new[] { "original", "thumbnails", "thumbnails-square", "previews" })
            Assert.Null(await Store.StatAsync(Buckets.Pictures, prefix, removed.PreviewId, default));
        Assert.Null(await factory.PreviewRowAsync(removed.PreviewId));
        Assert.Null((await factory.ReloadAsync(kept.Scene.Task)).LastPreviewFileId);
    }
}
