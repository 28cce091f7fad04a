using System.Text.Json.Nodes;
using Slate.Storage;

namespace Slate.Media;

/// <summary>What a movie preview's row needs once its files are stored (§5.5 step 8).</summary>
/// <param name="Width">Width, height, duration (s) and size in bytes of the stored movie (the normalized one when normalized).</param>
public sealed record StoredMovie(
    int Width, int Height, double Duration, long FileSize,
    int OriginalWidth, int OriginalHeight, double OriginalDuration, long OriginalFileSize)
{
    /// <summary>The fields Zou adds to the preview's <c>data</c>.</summary>
    public JsonObject OriginalData() => new()
    {
        ["original_width"] = OriginalWidth,
        ["original_height"] = OriginalHeight,
        ["original_duration"] = OriginalDuration,
        ["original_file_size"] = OriginalFileSize,
    };
}

/// <summary>
/// Stores a movie preview's files under Zou's prefixes (§5.5, §5.6): the movies (high and low
/// definition, the source when kept) in the "movies" bucket, the first frame's picture variants
/// and the tile strip in "pictures". All or nothing: a failure removes what the call stored.
/// </summary>
public sealed class MovieFiles(Movies movies, PictureFiles pictures, IFileStore files, Settings settings, ILogger<MovieFiles> log)
{
    public const string Bucket = Buckets.Movies;
    /// <summary>The high definition movie, or the upload itself when it is not normalized.</summary>
    public const string Previews = "previews";
    public const string LowDef = "lowdef";
    /// <summary>The raw upload, kept with PREVIEW_SAVE_SOURCE_FILE.</summary>
    public const string Source = "source";

    /// <summary>Every movie a preview may have.</summary>
    public static readonly string[] Prefixes = [Previews, LowDef, Source];

    /// <summary>A stored movie of this bucket, as the routes send it.</summary>
    public static StoredFile Mp4(string prefix, Guid id, DateTime? updatedAt) =>
        new(Bucket, prefix, id, "video/mp4") { LastModified = updatedAt };

    /// <summary>
    /// Probes the upload (a <see cref="MovieException"/> when it is not a readable movie), keeps
    /// it as the source when PREVIEW_SAVE_SOURCE_FILE is set, normalizes it to the target (unless
    /// <paramref name="normalize"/> is false or SKIP_NORMALIZATION_FULL is set: then the upload
    /// itself is the movie) and stores the first frame's pictures and the tile strip. The upload
    /// stays the caller's; the files made on the way are deleted.
    /// </summary>
    public async Task<StoredMovie> SaveMovieAsync(Guid previewFileId, string uploadPath, MovieTarget target, bool normalize, CancellationToken cancel)
    {
        var work = Directory.CreateDirectory(Path.Combine(settings.TmpDir, $"movie-{previewFileId:N}-{Guid.NewGuid():N}")).FullName;
        var stored = new List<(string Bucket, string Prefix)>();
        try
        {
            var original = await movies.ProbeAsync(uploadPath, cancel);
            if (settings.PreviewSaveSourceFile) await SaveAsync(previewFileId, Bucket, Source, uploadPath, stored, cancel);

            string movie;
            if (normalize && !settings.SkipNormalizationFull)
                movie = await NormalizeAsync(previewFileId, uploadPath, original, target, work, stored, cancel);
            else
            {
                // Stored once: the movie routes fall back from "previews" to "source".
                if (!settings.PreviewSaveSourceFile) await SaveAsync(previewFileId, Bucket, Previews, uploadPath, stored, cancel);
                movie = uploadPath;
            }
            var probe = movie == uploadPath ? original : await movies.ProbeAsync(movie, cancel);

            var frame = Path.Combine(work, "frame.png");
            await movies.ExtractFrameAsync(movie, 0, frame, cancel);
            await using (var png = File.OpenRead(frame)) await pictures.SavePreviewAsync(previewFileId, png);
            stored.AddRange(PictureFiles.PreviewPrefixes.Select(prefix => (PictureFiles.Bucket, prefix)));

            await SaveTileAsync(previewFileId, movie, probe, work, stored, cancel);
            return new StoredMovie(probe.Width, probe.Height, probe.Duration, new FileInfo(movie).Length,
                original.Width, original.Height, original.Duration, new FileInfo(uploadPath).Length);
        }
        catch
        {
            foreach (var (bucket, prefix) in stored) await files.RemoveAsync(bucket, prefix, previewFileId, CancellationToken.None);
            throw;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Encodes and stores the low definition movie, and the high definition one unless SKIP_NORMALIZATION_HIGHDEF; returns the better one's path.</summary>
    async Task<string> NormalizeAsync(Guid id, string uploadPath, MovieProbe original, MovieTarget target, string work,
        List<(string, string)> stored, CancellationToken cancel)
    {
        var (width, height) = target.SizeFor(original.Width, original.Height);
        var lowDef = Path.Combine(work, "lowdef.mp4");
        await movies.EncodeAsync(uploadPath, original, MovieEncoding.LowDef(width, height, target.Fps), lowDef, cancel);
        if (settings.SkipNormalizationHighDef)
        {
            await SaveAsync(id, Bucket, LowDef, lowDef, stored, cancel);
            return lowDef;
        }
        var highDef = Path.Combine(work, "highdef.mp4");
        await movies.EncodeAsync(uploadPath, original, MovieEncoding.HighDef(width, height, target.Fps), highDef, cancel);
        await SaveAsync(id, Bucket, Previews, highDef, stored, cancel);
        await SaveAsync(id, Bucket, LowDef, lowDef, stored, cancel);
        return highDef;
    }

    /// <summary>A tile strip that cannot be made is logged: the preview is usable without it (as in Zou).</summary>
    async Task SaveTileAsync(Guid id, string movie, MovieProbe probe, string work, List<(string, string)> stored, CancellationToken cancel)
    {
        try
        {
            var tile = Path.Combine(work, "tile.png");
            await movies.TileAsync(movie, probe, tile, cancel);
            await SaveAsync(id, PictureFiles.Bucket, PictureFiles.Tiles, tile, stored, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("Movie preview {Id}: the tile strip could not be made: {Reason}", id, e.Message);
        }
    }

    async Task SaveAsync(Guid id, string bucket, string prefix, string path, List<(string, string)> stored, CancellationToken cancel)
    {
        // Listed first: a save that fails halfway may have left part of the object.
        stored.Add((bucket, prefix));
        await using var content = File.OpenRead(path);
        await files.SaveAsync(bucket, prefix, id, content, cancel);
    }
}
