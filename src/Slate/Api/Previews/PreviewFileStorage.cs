using Slate.Domain;
using Slate.Media;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>
/// Every stored object of a preview file, by its kind (Zou's clear_picture_files,
/// clear_movie_files, clear_generic_files): removed once the rows that pointed at them are gone.
/// </summary>
public sealed class PreviewFileStorage(IFileStore files)
{

    /// <summary>Where a preview's objects may be, by its extension: pictures; movies and their pictures and tiles; or the file.</summary>
    static IEnumerable<(string Bucket, string Prefix)> ObjectsOf(string? extension) => extension switch
    {
        "png" => PictureFiles.PreviewPrefixes.Select(prefix => (Buckets.Pictures, prefix)),
        "mp4" => MovieFiles.Prefixes.Select(prefix => (Buckets.Movies, prefix))
            .Concat(PictureFiles.PreviewPrefixes.Append(PictureFiles.Tiles).Select(prefix => (Buckets.Pictures, prefix))),
        _ => [(Buckets.Files, PreviewUploadService.FilesPrefix)],
    };

    public async Task RemoveAsync(Guid previewFileId, string? extension)
    {
        foreach (var (bucket, prefix) in ObjectsOf(extension)) await files.RemoveAsync(bucket, prefix, previewFileId, CancellationToken.None);
    }

    public Task RemoveAsync(PreviewFile preview) => RemoveAsync(preview.Id, preview.Extension);

    /// <summary>Copies what is stored of one preview file under another's id (missing objects are skipped).</summary>
    public async Task CopyAsync(PreviewFile original, Guid copyId)
    {
        foreach (var (bucket, prefix) in ObjectsOf(original.Extension))
        {
            await using var content = await files.OpenAsync(bucket, prefix, original.Id, CancellationToken.None);
            if (content is not null) await files.SaveAsync(bucket, prefix, copyId, content, CancellationToken.None);
        }
    }
}
