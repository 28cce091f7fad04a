using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>Preview background files: the .hdr upload, its 300×200 thumbnail, and reading both back.</summary>
public class PreviewBackgroundTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>A red Radiance picture, run-length scanlines (width 8 or more) or flat ones.</summary>
    static byte[] Hdr(int width, int height, bool truncated = false)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y {height} +X {width}\n"));
        for (var y = 0; y < height; y++)
        {
            if (width < 8)
                for (var x = 0; x < width; x++) bytes.AddRange([128, 0, 0, 129]);
            else
            {
                bytes.AddRange([2, 2, (byte)(width >> 8), (byte)width]);
                foreach (var value in new byte[] { 128, 0, 0, 129 })
                    for (var left = width; left > 0; left -= 127) bytes.AddRange([(byte)(128 + Math.Min(left, 127)), value]);
            }
        }
        return truncated ? [.. bytes.Take(bytes.Count - 5)] : [.. bytes];
    }

    async Task<(HttpClient Admin, PreviewBackgroundFile Background)> SceneAsync() =>
        (await factory.ClientForAsync(await factory.CreatePersonAsync("admin")), await factory.Save(new PreviewBackgroundFile { Name = Unique("bg") }));

    static string UploadPath(PreviewBackgroundFile background) => $"/api/pictures/preview-background-files/{background.Id}";

    [Theory]
    [InlineData(300)]
    [InlineData(6)]
    public async Task Admin_uploads_an_hdr_file_and_everyone_reads_it_and_its_thumbnail(int width)
    {
        var (admin, background) = await SceneAsync();
        var hdr = Hdr(width, width / 3);

        var response = await admin.PostAsync(UploadPath(background), PictureData.Upload(hdr, "studio_light.hdr", "application/octet-stream"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var row = await response.ReadJsonObjectAsync();
        Assert.Equal(("hdr", "studio_light", hdr.Length, "PreviewBackgroundFile"),
            ((string?)row["extension"], (string?)row["original_name"], (int)row["file_size"]!, (string?)row["type"]));
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync());

        using (var thumbnail = await (await artist.GetAsync($"/api/pictures/thumbnails/preview-background-files/{background.Id}.png")).ReadPictureAsync())
        {
            // 3:1 fits as 300×100 at y = 50.
            Assert.Equal((300, 200), (thumbnail.Width, thumbnail.Height));
            Assert.Equal(0, thumbnail[150, 20].A);
            Assert.Equal(0, thumbnail[150, 180].A);
            Assert.Equal(PictureData.Red, thumbnail[150, 100]);
        }
        var file = await artist.GetAsync($"/api/pictures/preview-background-files/{background.Id}.HDR");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/vnd.radiance", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("studio_light.hdr", file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(hdr, await file.Content.ReadAsByteArrayAsync());
        await (await artist.GetAsync($"/api/pictures/preview-background-files/{background.Id}.exr"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Refused_uploads_leave_no_file_and_the_row_as_it_was()
    {
        var (admin, background) = await SceneAsync();
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync());
        var before = (await factory.StoredPicturesAsync());

        await (await artist.PostAsync(UploadPath(background), PictureData.Upload(Hdr(10, 10), "a.hdr")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.PostAsync($"/api/pictures/preview-background-files/{Guid.NewGuid()}", PictureData.Upload(Hdr(10, 10), "a.hdr")))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.PostAsync(UploadPath(background), PictureData.Upload(PictureData.Png(10, 10), "light.png")))
            .AssertWrongParameterAsync("Wrong file format, extension: png");
        await (await admin.PostAsync(UploadPath(background), PictureData.Upload(Hdr(10, 10, truncated: true), "a.hdr")))
            .AssertWrongParameterAsync("Wrong file format: the file is not a Radiance HDR picture.");
        await (await admin.PostAsync(UploadPath(background), PictureData.Upload(Encoding.ASCII.GetBytes("#?RADIANCE\n\n-Y 40000 +X 40000\n"), "bomb.hdr")))
            .AssertWrongParameterAsync("Picture too large: 40000 x 40000 pixels, more than the 400000000 allowed.");
        await (await admin.PostAsync(UploadPath(background), PictureData.Upload([], "empty.hdr")))
            .AssertWrongParameterAsync("Wrong file format: the file is not a Radiance HDR picture.");

        Assert.Equal(before, (await factory.StoredPicturesAsync()));
        var row = await factory.WithDb(db => db.PreviewBackgroundFiles.AsNoTracking().SingleAsync(b => b.Id == background.Id));
        Assert.Equal((null, null, 0L), (row.Extension, row.OriginalName, row.FileSize));
        await (await admin.GetAsync($"/api/pictures/thumbnails/preview-background-files/{background.Id}.png"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Posting_a_thumbnail_directly_is_not_allowed()
    {
        var (admin, background) = await SceneAsync();
        await (await admin.PostAsync($"/api/pictures/thumbnails/preview-background-files/{background.Id}.png", PictureData.Upload(PictureData.Png(3, 2), "t.png")))
            .AssertZouErrorAsync(HttpStatusCode.MethodNotAllowed, "The method is not allowed for the requested URL.");
    }
}
