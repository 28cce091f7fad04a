using System.Net;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>A server with small picture limits: 1,000,000 pixels and 64 KiB uploads.</summary>
public sealed class SmallPictureLimitsFactory : SlateFactory
{
    public const int UploadLimit = 64 * 1024;

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["MAX_IMAGE_PIXELS"] = "1000000",
        ["SLATE_MAX_PICTURE_UPLOAD_SIZE"] = UploadLimit.ToString(),
    };
}

/// <summary>
/// Refused picture uploads (issue 8's decompression-bomb guard): each is a clear 400 or 413 in
/// Zou's error shape, with no stored file and no changed row.
/// </summary>
public class PictureGuardTests(SmallPictureLimitsFactory factory) : IClassFixture<SmallPictureLimitsFactory>
{
    async Task<HttpResponseMessage> UploadOwnAvatarAsync(HttpContent body, bool chunked = false)
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pictures/thumbnails/persons/{artist.Id}") { Content = body };
        request.Headers.TransferEncodingChunked = chunked;
        var before = (await factory.StoredPicturesAsync());
        var response = await client.SendAsync(request);
        Assert.Equal(before, (await factory.StoredPicturesAsync()));
        Assert.False((await factory.WithDb(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == artist.Id))).HasAvatar);
        return response;
    }

    [Fact]
    public async Task A_header_claiming_40000_by_40000_pixels_is_refused_without_decoding()
    {
        var response = await UploadOwnAvatarAsync(PictureData.Upload(PictureData.PngClaiming(40_000, 40_000), "bomb.png"));
        await response.AssertWrongParameterAsync("Picture too large: 40000 x 40000 pixels, more than the 1000000 allowed.");
    }

    [Fact]
    public async Task A_real_picture_over_MAX_IMAGE_PIXELS_is_refused()
    {
        var response = await UploadOwnAvatarAsync(PictureData.Upload(PictureData.Png(1001, 1000), "big.png"));
        await response.AssertWrongParameterAsync("Picture too large: 1001 x 1000 pixels, more than the 1000000 allowed.");
    }

    [Theory]
    [InlineData(new byte[0], "empty.png")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 }, "setup.exe")]
    [InlineData(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F }, "notes.txt")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0 }, "truncated.png")]
    public async Task Empty_or_non_picture_content_is_400(byte[] bytes, string name)
    {
        var response = await UploadOwnAvatarAsync(PictureData.Upload(bytes, name, "application/octet-stream"));
        await response.AssertWrongParameterAsync("Wrong file format: the file is not a picture.");
    }

    [Fact]
    public async Task No_file_is_400()
    {
        var response = await UploadOwnAvatarAsync(new MultipartFormDataContent { { new StringContent("x"), "other" } });
        await response.AssertWrongParameterAsync("File not provided.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_upload_limit_is_413(bool chunked)
    {
        var response = await UploadOwnAvatarAsync(PictureData.Upload(new byte[SmallPictureLimitsFactory.UploadLimit + 1], "huge.png"), chunked);
        await response.AssertZouErrorAsync(HttpStatusCode.RequestEntityTooLarge, ZouMessages.TooLarge);
    }

    [Fact]
    public async Task A_picture_whose_1200_px_wide_variant_would_pass_the_pixel_limit_is_refused()
    {
        var id = Guid.NewGuid();
        var files = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Slate.Media.PictureFiles>(factory.Services);

        // 10×100 has 1,000 pixels, but its preview would be 1200×12000.
        var refused = await Assert.ThrowsAsync<Slate.Http.WrongParameterException>(() => files.SavePreviewAsync(id, new MemoryStream(PictureData.Png(10, 100))));

        Assert.Equal("Picture too large: 1200 x 12000 pixels, more than the 1000000 allowed.", refused.Message);
        Assert.DoesNotContain((await factory.StoredPicturesAsync()), f => f.EndsWith(id.ToString()));
    }
}
