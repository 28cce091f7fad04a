using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Comments;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Entities;
using Slate.Api.Tasks;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Jobs;
using Slate.Media;
using Slate.Realtime;
using Slate.Security;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>
/// The file of a preview record (behavior-production.md §5.2): pictures become Zou's PNG
/// variants at once, movies are stored and handed to a normalization job (the answer says
/// "processing"), other known files are stored as they are. An upload the server cannot use
/// (unknown extension, not a picture, too many pixels, empty...) removes the record and is
/// answered 4xx, as Zou does for a wrong format, so nothing half-made is left behind.
/// </summary>
public sealed class PreviewUploadService(
    SlateDb db, Permissions permissions, ZouSerializer serializer, CrudContext crud,
    PictureFiles pictures, IFileStore files, Settings settings, TaskPreviewsService taskPreviews, PreviewFileStorage storage,
    PreviewFileUpdates updates, Movies movies, JobQueue jobs)
{
    /// <summary>Zou's three extension families (ALLOWED_*_EXTENSION); anything else is a wrong format.</summary>
    public static readonly HashSet<string> PictureExtensions = ["jpe", "jpeg", "jpg", "png"];
    public static readonly HashSet<string> MovieExtensions = ["avi", "m4v", "mkv", "mov", "mp4", "webm", "wmv"];
    public static readonly HashSet<string> FileExtensions =
    [
        "ae", "ai", "blend", "clip", "comp", "diff", "exr", "fbx", "fla", "flv", "gif", "glb", "gltf", "hip", "kra", "ma", "mb",
        "md", "mp3", "obj", "pdf", "psd", "psb", "rar", "rev", "riv", "sai", "sai2", "sbbkp", "svg", "swf", "tvpp", "wav", "zip",
    ];

    /// <summary>Non-media previews are kept in the files bucket under this prefix.</summary>
    public const string FilesPrefix = "previews";

    /// <summary>
    /// POST /pictures/preview-files/{id}: task action access on the preview's task; a record that
    /// already has its file is refused (Zou allows no re-upload).
    /// </summary>
    public async Task<JsonObject> UploadAsync(string previewFileId, Func<Task<UploadedFile?>> readUpload, bool normalize)
    {
        var id = EntityService.PathId(previewFileId);
        var preview = await db.PreviewFiles.FirstOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == preview.TaskId) ?? throw new NotFoundException();
        await permissions.CheckTaskActionAccessAsync(task);
        if (!string.IsNullOrEmpty(preview.OriginalName)) throw new BadRequestException();
        var upload = await readUpload() ?? throw new BadRequestException();
        await AttachAsync(preview, task, upload, normalize);
        return await serializer.RowAsync(preview);
    }

    /// <summary>
    /// A preview file sent with a batch comment: a new preview record on the comment, then its
    /// file. Null when the file cannot be used (its record is removed again).
    /// </summary>
    public async Task<JsonObject?> AddToCommentAsync(ProductionTask task, Comment comment, UploadedFile upload)
    {
        var preview = await taskPreviews.NewPreviewAsync(task, comment.Id, revision: null, comment.PersonId);
        try
        {
            await AttachAsync(preview, task, upload, normalize: true);
        }
        catch (ApiException)
        {
            return null;
        }
        return await serializer.RowAsync(preview);
    }

    /// <summary>
    /// A status automation's import_last_revision: each preview of the source task's last
    /// revision is copied, files and all, as a new preview of the comment on the target task
    /// (Zou's copy_preview_file_in_another_one). Returns the copies, whose files the caller
    /// removes if its unit of work fails.
    /// </summary>
    public async Task<List<PreviewFile>> CopyLastRevisionAsync(ProductionTask source, ProductionTask target, Comment comment)
    {
        var last = await taskPreviews.LastPreviewAsync(source.Id);
        if (last is null) return [];
        var originals = await db.PreviewFiles.AsNoTracking()
            .Where(p => p.TaskId == source.Id && p.Revision == last.Revision)
            .OrderBy(p => p.Position).ThenBy(p => p.CreatedAt)
            .ToListAsync();
        var copies = new List<PreviewFile>();
        foreach (var original in originals)
        {
            var copy = await taskPreviews.NewPreviewAsync(target, comment.Id, revision: null, comment.PersonId);
            await storage.CopyAsync(original, copy.Id);
            copies.Add(copy);
            copy.Extension = original.Extension;
            copy.OriginalName = original.OriginalName;
            copy.Status = original.Status;
            copy.FileSize = original.FileSize;
            copy.Width = original.Width;
            copy.Height = original.Height;
            copy.Duration = original.Duration;
            await updates.FileAddedAsync(copy, target);
            await db.SaveChangesAsync();
        }
        return copies;
    }

    /// <summary>
    /// Stores the upload as the preview's file and updates the record, or removes the record and
    /// throws the 4xx that says why. Used by the upload route and by batch comments.
    /// </summary>
    public async Task AttachAsync(PreviewFile preview, ProductionTask task, UploadedFile upload, bool normalize)
    {
        var extension = upload.Extension;
        preview.OriginalName = upload.BaseName;
        try
        {
            if (PictureExtensions.Contains(extension)) await StorePictureAsync(preview, upload);
            else if (MovieExtensions.Contains(extension)) await StoreMovieAsync(preview, upload, extension, normalize);
            else if (FileExtensions.Contains(extension)) await StoreFileAsync(preview, upload, extension);
            else throw new WrongParameterException($"Wrong file format, extension: {extension}");
        }
        catch (ApiException)
        {
            await RemoveRecordAsync(preview);
            throw;
        }
        await updates.FileAddedAsync(preview, task);
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            await storage.RemoveAsync(preview);
            throw;
        }
    }

    async Task StorePictureAsync(PreviewFile preview, UploadedFile upload)
    {
        await using var content = upload.Open();
        if (settings.MaxPictureUploadSize > 0 && content.Length > settings.MaxPictureUploadSize) throw new PayloadTooLargeException();
        var stored = await pictures.SavePreviewAsync(preview.Id, content);
        preview.Extension = "png";
        preview.Width = stored.Width;
        preview.Height = stored.Height;
        preview.FileSize = stored.FileSize;
        preview.Status = "ready";
    }

    /// <summary>
    /// A movie is read by ffprobe at once (a file that is not a movie is refused now, not later),
    /// stored for its normalization job and queued in this unit of work: the answer says
    /// "processing". Without ffmpeg the preview is "broken" with the reason.
    /// </summary>
    async Task StoreMovieAsync(PreviewFile preview, UploadedFile upload, string extension, bool normalize)
    {
        preview.Extension = "mp4";
        await using var content = upload.Open();
        if (content.Length == 0) throw new WrongParameterException("The uploaded movie is empty.");
        if (!movies.Available)
        {
            preview.Status = "broken";
            preview.Data = new JsonObject { ["processing_error"] = movies.Unavailable };
            return;
        }
        Directory.CreateDirectory(settings.TmpDir);
        var path = Path.Combine(settings.TmpDir, $"upload-{preview.Id:N}-{Guid.NewGuid():N}.{extension}");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                await content.CopyToAsync(file);
            try
            {
                await movies.ProbeAsync(path, CancellationToken.None);
            }
            catch (MovieException e)
            {
                throw new WrongParameterException($"The uploaded file is not a movie that can be read: {e.Message}");
            }
            await using (var file = File.OpenRead(path))
                await files.SaveAsync(Buckets.Movies, MovieNormalization.UploadsPrefix, preview.Id, file, CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
        preview.Status = "processing";
        jobs.Enqueue(MovieNormalization.JobKind, MovieNormalization.Payload(preview.Id, normalize));
    }

    async Task StoreFileAsync(PreviewFile preview, UploadedFile upload, string extension)
    {
        await using var content = upload.Open();
        if (content.Length == 0) throw new WrongParameterException("The uploaded file is empty.");
        preview.FileSize = await files.SaveAsync(Buckets.Files, FilesPrefix, preview.Id, content, CancellationToken.None);
        preview.Extension = extension;
        preview.Status = "ready";
    }

    /// <summary>The refused upload's record goes, with what points at it, in a unit of work of its own.</summary>
    async Task RemoveRecordAsync(PreviewFile preview)
    {
        db.ChangeTracker.Clear();
        var row = await db.PreviewFiles.FirstOrDefaultAsync(p => p.Id == preview.Id);
        if (row is null) return;
        await PreviewFileRemoval.RemoveAsync([row], crud);
        await db.SaveChangesAsync();
    }
}
