using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Jobs;
using Slate.Media;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>
/// The background half of a movie preview (§5.5): the upload waits in the store (movies bucket,
/// prefix "uploads", so a worker on another machine reads it too); the job normalizes it with
/// <see cref="MovieFiles"/>, marks the preview ready and sends Zou's events, then drops the
/// upload. A movie ffmpeg cannot read, or a missing ffmpeg, makes the preview "broken" with the
/// reason in data.processing_error; other failures (storage) are retried by the queue. A run
/// killed half-way is redone from the stored upload.
/// </summary>
public sealed class MovieNormalization(
    SlateDb db, IFileStore files, Movies movies, MovieFiles movieFiles, PreviewFileUpdates updates, ILogger<MovieNormalization> log)
    : IJobHandler
{
    public const string JobKind = "normalize-movie";

    /// <summary>Where an uploaded movie waits for its job: a prefix of Slate's own, emptied once the job is over.</summary>
    public const string UploadsPrefix = "uploads";

    public string Kind => JobKind;

    public static JsonObject Payload(Guid previewFileId, bool normalize) =>
        new() { ["preview_file_id"] = ZouSerializer.Uuid(previewFileId), ["normalize"] = normalize };

    public async Task RunAsync(JsonObject payload, CancellationToken cancel)
    {
        var id = Guid.Parse((string)payload["preview_file_id"]!);
        var preview = await db.PreviewFiles.FirstOrDefaultAsync(p => p.Id == id, cancel);
        // Deleted meanwhile, or finished by an earlier run that died before the queue heard of it.
        if (preview is null || preview.Status != "processing")
        {
            await RemoveUploadAsync(id);
            return;
        }
        if (!movies.Available)
        {
            await MarkBrokenAsync(preview, movies.Unavailable!);
            return;
        }
        using var upload = await files.LocalCopyAsync(Buckets.Movies, UploadsPrefix, id, cancel)
            ?? throw new InvalidOperationException("The uploaded movie is missing from the file store.");
        var task = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == preview.TaskId, cancel);
        var target = await TargetAsync(task, cancel);
        StoredMovie stored;
        try
        {
            stored = await movieFiles.SaveMovieAsync(id, upload.Path, target, (bool?)payload["normalize"] ?? true, cancel);
        }
        catch (MovieException e)
        {
            await MarkBrokenAsync(preview, e.Message);
            return;
        }
        preview.Width = stored.Width;
        preview.Height = stored.Height;
        preview.Duration = stored.Duration;
        preview.FileSize = stored.FileSize;
        preview.Data = Merged(preview.Data, stored.OriginalData());
        preview.Status = "ready";
        await updates.UpdatedAsync(preview, task);
        await db.SaveChangesAsync(CancellationToken.None);
        await RemoveUploadAsync(id);
    }

    public async Task GiveUpAsync(JsonObject payload, string error)
    {
        var id = Guid.Parse((string)payload["preview_file_id"]!);
        if (await db.PreviewFiles.FirstOrDefaultAsync(p => p.Id == id) is { Status: "processing" } preview)
            await MarkBrokenAsync(preview, error);
        else
            await RemoveUploadAsync(id);
    }

    /// <summary>Zou's target: the entity's fps and resolution, else the project's.</summary>
    async Task<MovieTarget> TargetAsync(ProductionTask task, CancellationToken cancel)
    {
        var entityData = await db.Entities.AsNoTracking().Where(e => e.Id == task.EntityId).Select(e => e.Data).FirstOrDefaultAsync(cancel);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == task.ProjectId)
            .Select(p => new { p.Fps, p.Resolution }).FirstAsync(cancel);
        return MovieTarget.For(entityData, project.Fps, project.Resolution);
    }

    async Task MarkBrokenAsync(PreviewFile preview, string reason)
    {
        log.LogWarning("Movie preview {PreviewFileId} is broken: {Reason}", preview.Id, reason);
        preview.Status = "broken";
        preview.Data = Merged(preview.Data, new JsonObject { ["processing_error"] = reason });
        var task = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == preview.TaskId);
        await updates.UpdatedAsync(preview, task);
        await db.SaveChangesAsync();
        await RemoveUploadAsync(preview.Id);
    }

    Task RemoveUploadAsync(Guid id) => files.RemoveAsync(Buckets.Movies, UploadsPrefix, id, CancellationToken.None);

    static JsonObject Merged(JsonNode? data, JsonObject added)
    {
        var merged = data is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        foreach (var (key, value) in added) merged[key] = value?.DeepClone();
        return merged;
    }
}
