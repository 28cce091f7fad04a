using System.Buffers.Binary;
using System.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>Pictures made in the test (ImageSharp), uploads of them, and reading answers back as pictures.</summary>
public static class PictureData
{
    public static readonly Rgba32 Red = new(255, 0, 0, 255);

    public static byte[] Png(int width, int height, Rgba32? color = null)
    {
        using var picture = new Image<Rgba32>(width, height, color ?? Red);
        using var bytes = new MemoryStream();
        picture.SaveAsPng(bytes);
        return bytes.ToArray();
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var picture = new Image<Rgba32>(width, height, Red);
        using var bytes = new MemoryStream();
        picture.SaveAsJpeg(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// A 1×1 PNG whose header claims other dimensions (the CRC fixed): what a decompression bomb
    /// looks like to a reader of the header, in 70 bytes.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Png(1, 1);
        // Signature (8), IHDR length (4) and type (4), then width and height; the CRC covers type and data.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A multipart body with the bytes under the key "file".</summary>
    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string type = "image/png") => new()
    {
        { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(type) } }, "file", fileName },
    };

    /// <summary>A 200 answer's PNG, decoded.</summary>
    public static async Task<Image<Rgba32>> ReadPictureAsync(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return Image.Load<Rgba32>(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The stored files under the pictures bucket (the local backend's folders).</summary>
    public static async Task<string[]> StoredPicturesAsync(this SlateFactory factory) =>
        [.. (await Comments.CommentData.StoredFilesAsync(factory)).Where(f => f.Contains($"{Path.DirectorySeparatorChar}pictures{Path.DirectorySeparatorChar}"))];

    public static string StoredPath(this SlateFactory factory, string prefix, Guid id)
    {
        var name = id.ToString();
        var root = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Settings>(factory.Services).PreviewFolder;
        return Path.Combine(root, "pictures", prefix, name[..3], name[3..6], name);
    }
}
