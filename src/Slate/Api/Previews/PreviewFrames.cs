using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Media;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>
/// Frames of a movie preview as Zou numbers them: frame N shows at (N - 1) / fps, the fps being
/// the entity's, else the project's, else 25; taken by ffmpeg from the stored high definition
/// movie. Used by extract-frame, set-main-preview with a frame and the annotated frames.
/// </summary>
public sealed class PreviewFrames(SlateDb db, IFileStore store, Movies movies, Settings settings)
{
    /// <summary>The frame rate Zou gives the preview's frames.</summary>
    public async Task<double> FpsAsync(ProductionTask task)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == task.ProjectId).Select(p => new { p.Fps, p.Resolution }).SingleAsync();
        var entityData = await db.Entities.AsNoTracking().Where(e => e.Id == task.EntityId).Select(e => e.Data).FirstOrDefaultAsync();
        return double.Parse(MovieTarget.For(entityData, project.Fps, project.Resolution).Fps, CultureInfo.InvariantCulture);
    }

    /// <summary>The high definition movie as a local file for ffmpeg; Zou's 404 when it is not stored.</summary>
    public async Task<LocalCopy> MovieCopyAsync(PreviewFile preview, CancellationToken cancel)
    {
        CheckBinaryHeld(preview);
        return await store.LocalCopyAsync(MovieFiles.Bucket, MovieFiles.Previews, preview.Id, cancel) ?? throw BinaryMissing();
    }

    /// <summary>Frame N of the movie as a PNG; null when ffmpeg gives no frame there (past the end).</summary>
    public async Task<byte[]?> FrameAsync(string moviePath, int frameNumber, double fps, CancellationToken cancel)
    {
        Directory.CreateDirectory(settings.TmpDir);
        var framePath = Path.Combine(settings.TmpDir, $"frame-{Guid.NewGuid():N}.png");
        try
        {
            await movies.ExtractFrameAsync(moviePath, (frameNumber - 1) / fps, framePath, cancel);
            return await File.ReadAllBytesAsync(framePath, cancel);
        }
        catch (MovieException)
        {
            return null;
        }
        finally
        {
            File.Delete(framePath);
        }
    }

    /// <summary>A preview imported with its metadata only (data.imported_only) has no file here.</summary>
    public static void CheckBinaryHeld(PreviewFile preview)
    {
        if (preview.Data?["imported_only"] is JsonValue imported && imported.TryGetValue<bool>(out var only) && only) throw BinaryMissing();
    }

    /// <summary>Zou's answer when the stored picture or movie is not there: 404 {"error": ...}.</summary>
    public static ApiException BinaryMissing() => new(404, new JsonObject { ["error"] = "preview file binary is not available" });
}
