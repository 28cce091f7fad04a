using Slate.Domain;
using Slate.Media;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>
/// Every stored object of a preview file, by its kind (Zou's clear_picture_files,
/// clear_movie_files, clear_generic_files): removed once the rows that pointed at them are gone.
/// </summary>
public sealed class PreviewFileStorage(PictureFiles pictures, IFileStore files)
{
    public static readonly string[] MoviePrefixes = ["previews", "lowdef", "source"];

    public async Task RemoveAsync(Guid previewFileId, string? extension)
    {
        switch (extension)
        {
            case "png":
                await pictures.RemovePreviewAsync(previewFileId);
                break;
            case "mp4":
                foreach (var prefix in MoviePrefixes) await files.RemoveAsync(Buckets.Movies, prefix, previewFileId, CancellationToken.None);
                await pictures.RemovePreviewAsync(previewFileId);
                break;
            default:
                await files.RemoveAsync(Buckets.Files, PreviewUploadService.FilesPrefix, previewFileId, CancellationToken.None);
                break;
        }
    }

    public Task RemoveAsync(PreviewFile preview) => RemoveAsync(preview.Id, preview.Extension);
}
