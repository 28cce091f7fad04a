using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slate.Domain;
using Slate.Media;
using Slate.Tests.Comments;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>
/// The picture variants of preview files (§5.4, §5.7), stored through the Media service and
/// served by GET /pictures/{originals|thumbnails|thumbnails-square|previews}/preview-files/{id}.png.
/// </summary>
public class PreviewPicturesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static string PathOf(string kind, PreviewFile preview) => $"/api/pictures/{kind}/preview-files/{preview.Id}.png";

    async Task<(CommentScene Scene, PreviewFile Preview)> PreviewWithPictureAsync(byte[] picture)
    {
        var scene = await factory.CreateCommentSceneAsync();
        var preview = await factory.Save(new PreviewFile { Name = Unique("pf"), TaskId = scene.Task.Id, PersonId = scene.Artist.Id, Extension = "png" });
        var stored = await factory.Services.GetRequiredService<PictureFiles>().SavePreviewAsync(preview.Id, new MemoryStream(picture));
        Assert.Equal(picture.Length > 0, stored.FileSize > 0);
        return (scene, preview);
    }

    [Fact]
    public async Task A_png_gets_its_original_and_three_letterboxed_variants_of_zous_sizes()
    {
        var (scene, preview) = await PreviewWithPictureAsync(PictureData.Png(180, 101));

        using (var original = await (await scene.ArtistClient.GetAsync(PathOf("originals", preview))).ReadPictureAsync())
            Assert.Equal((180, 101), (original.Width, original.Height));
        using (var preview1200 = await (await scene.ArtistClient.GetAsync(PathOf("previews", preview))).ReadPictureAsync())
        {
            Assert.Equal((1200, 674), (preview1200.Width, preview1200.Height));
            Assert.Equal(255, preview1200[0, 0].A);
        }
        using (var thumbnail = await (await scene.ArtistClient.GetAsync(PathOf("thumbnails", preview))).ReadPictureAsync())
        {
            // 180×101 fits as 150×85 at y = 7: transparent rows above and below.
            Assert.Equal((150, 100), (thumbnail.Width, thumbnail.Height));
            Assert.Equal(0, thumbnail[75, 2].A);
            Assert.Equal(0, thumbnail[75, 97].A);
            Assert.Equal(PictureData.Red, thumbnail[75, 50]);
        }
        using (var square = await (await scene.ArtistClient.GetAsync(PathOf("thumbnails-square", preview))).ReadPictureAsync())
        {
            // 100×57 at y = 21.
            Assert.Equal((100, 100), (square.Width, square.Height));
            Assert.Equal(0, square[50, 10].A);
            Assert.Equal(0, square[50, 90].A);
            Assert.Equal(PictureData.Red, square[50, 50]);
        }
        foreach (var prefix in new[] { "original", "thumbnails", "thumbnails-square", "previews" })
            Assert.True(File.Exists(factory.StoredPath(prefix, preview.Id)), prefix);
    }

    [Fact]
    public async Task A_jpeg_is_stored_as_an_opaque_png_and_a_tall_picture_is_letterboxed_sideways()
    {
        var (scene, preview) = await PreviewWithPictureAsync(PictureData.Jpeg(50, 200));

        var response = await scene.Admin.GetAsync(PathOf("originals", preview));
        Assert.NotNull(response.Content.Headers.LastModified);
        using (var original = await response.ReadPictureAsync())
        {
            Assert.Equal((50, 200), (original.Width, original.Height));
            Assert.Equal(255, original[25, 100].A);
        }
        using var thumbnail = await (await scene.Admin.GetAsync(PathOf("thumbnails", preview))).ReadPictureAsync();
        // 50×200 fits as 25×100 at x = 62.
        Assert.Equal(0, thumbnail[10, 50].A);
        Assert.Equal(0, thumbnail[140, 50].A);
        Assert.Equal(255, thumbnail[75, 50].A);
        using var preview1200 = await (await scene.Admin.GetAsync(PathOf("previews", preview))).ReadPictureAsync();
        Assert.Equal((1200, 4800), (preview1200.Width, preview1200.Height));
    }

    [Fact]
    public async Task People_outside_the_team_are_refused_and_missing_files_or_rows_are_404()
    {
        var (_, preview) = await PreviewWithPictureAsync(PictureData.Png(20, 10));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var kind in new[] { "originals", "previews", "thumbnails", "thumbnails-square" })
            await (await outsider.GetAsync(PathOf(kind, preview))).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var scene = await factory.CreateCommentSceneAsync();
        var empty = await factory.Save(new PreviewFile { Name = Unique("pf"), TaskId = scene.Task.Id });
        await (await scene.Admin.GetAsync(PathOf("thumbnails", empty))).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await scene.Admin.GetAsync($"/api/pictures/thumbnails/preview-files/{Guid.NewGuid()}.png"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task The_main_preview_of_a_shared_asset_shows_its_thumbnails_to_everyone_but_not_its_1200_picture()
    {
        var (scene, preview) = await PreviewWithPictureAsync(PictureData.Png(20, 10));
        await factory.WithDb(async db =>
        {
            var entity = await db.Entities.FindAsync(scene.Entity.Id);
            entity!.IsShared = true;
            entity.PreviewFileId = preview.Id;
            return await db.SaveChangesAsync();
        });
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());

        foreach (var kind in new[] { "originals", "thumbnails", "thumbnails-square" })
            Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync(PathOf(kind, preview))).StatusCode);
        await (await outsider.GetAsync(PathOf("previews", preview))).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var vendor = await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"));
        await (await vendor.GetAsync(PathOf("thumbnails", preview))).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
