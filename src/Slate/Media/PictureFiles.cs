using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Slate.Storage;

namespace Slate.Media;

/// <summary>
/// Stores pictures and their variants in the "pictures" bucket under Zou's prefixes (§5.6):
/// everything is decoded and encoded before the first file is written, and a failure while
/// writing removes what this call wrote.
/// </summary>
public sealed class PictureFiles(Pictures pictures, IFileStore files)
{
    public const string Bucket = Buckets.Pictures;
    public const string Original = "original";
    public const string Thumbnails = "thumbnails";
    public const string ThumbnailsSquare = "thumbnails-square";
    public const string Previews = "previews";
    public const string PreviewBackgrounds = "preview-backgrounds";
    /// <summary>A movie preview's tile strip (Movies.TileAsync).</summary>
    public const string Tiles = "tiles";

    /// <summary>The prefixes <see cref="SavePreviewAsync"/> writes.</summary>
    public static readonly string[] PreviewPrefixes = [Original, Thumbnails, ThumbnailsSquare, Previews];

    /// <summary>What an original picture measures once stored.</summary>
    public sealed record StoredPicture(int Width, int Height, long FileSize);

    /// <summary>A preview file's picture: the PNG original, then the thumbnails, square thumbnails and 1200 px previews.</summary>
    public async Task<StoredPicture> SavePreviewAsync(Guid previewFileId, Stream upload)
    {
        using var picture = pictures.Decode(upload);
        // A very tall picture makes a huge 1200 px wide variant: the same limit holds for it.
        var previewBox = Box.Preview(picture.Width, picture.Height);
        pictures.CheckPixelCount(previewBox.Width, previewBox.Height);
        using var thumbnail = Pictures.Fit(picture, Box.Thumbnail);
        using var square = Pictures.Fit(picture, Box.Square);
        using var preview = Pictures.Fit(picture, previewBox);
        var sizes = await SaveAllAsync(previewFileId,
            (Original, Pictures.OriginalPng(picture)),
            (Thumbnails, Pictures.VariantPng(thumbnail)),
            (ThumbnailsSquare, Pictures.VariantPng(square)),
            (Previews, Pictures.VariantPng(preview)));
        return new StoredPicture(picture.Width, picture.Height, sizes[0]);
    }

    /// <summary>An avatar of a person, project or organisation, or any picture's thumbnail: the picture fitted in the box, under "thumbnails".</summary>
    public async Task SaveThumbnailAsync(Guid id, Stream upload, Box box)
    {
        using var picture = pictures.Decode(upload);
        await SaveThumbnailAsync(id, picture, box);
    }

    public async Task SaveThumbnailAsync(Guid id, Image<Rgba32> picture, Box box)
    {
        using var thumbnail = Pictures.Fit(picture, box);
        await SaveAllAsync(id, (Thumbnails, Pictures.VariantPng(thumbnail)));
    }

    /// <summary>
    /// A preview background (.hdr): the file as it is under "preview-backgrounds", and its
    /// 300×200 thumbnail. Returns the file's size.
    /// </summary>
    public async Task<long> SaveBackgroundAsync(Guid id, Stream upload)
    {
        using var picture = RadianceHdr.Decode(upload, pictures.CheckPixelCount);
        using var thumbnail = Pictures.Fit(picture, Box.BackgroundThumbnail);
        upload.Position = 0;
        return (await SaveAllAsync(id, (PreviewBackgrounds, upload), (Thumbnails, Pictures.VariantPng(thumbnail))))[0];
    }

    /// <summary>A stored PNG of this bucket, as the routes send it.</summary>
    public static StoredFile Png(string prefix, Guid id, DateTime? updatedAt) =>
        new(Bucket, prefix, id, "image/png") { LastModified = updatedAt };

    public Task RemoveAsync(string prefix, Guid id) => files.RemoveAsync(Bucket, prefix, id, CancellationToken.None);

    async Task<long[]> SaveAllAsync(Guid id, params (string Prefix, Stream Content)[] entries)
    {
        var sizes = new long[entries.Length];
        var written = new List<string>();
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                await using var content = entries[i].Content;
                sizes[i] = await files.SaveAsync(Bucket, entries[i].Prefix, id, content, CancellationToken.None);
                written.Add(entries[i].Prefix);
            }
            return sizes;
        }
        catch
        {
            foreach (var prefix in written) await files.RemoveAsync(Bucket, prefix, id, CancellationToken.None);
            throw;
        }
    }
}
