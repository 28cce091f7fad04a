using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Media;
using Slate.Security;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>Which of a movie's stored versions a route asks for; each falls back as Zou's send_movie_file does.</summary>
public enum MovieVersion { Originals, Low, Source }

/// <summary>
/// A preview file's stored pictures, movies and files as the routes send them (§5.7), and the
/// actions on a preview: its place among its revision's previews (§5.3), the entity's main
/// preview (§5.9). Every route reads the preview only through <see cref="ReadableAsync"/>.
/// </summary>
public sealed class PreviewFilesService(
    SlateDb db, Permissions permissions, ZouSerializer serializer, CrudContext crud, PreviewFileUpdates updates,
    MovieFiles movieFiles, PreviewFrames frames, PictureFiles pictures)
{
    /// <summary>Movie versions in the order each route looks for them.</summary>
    static readonly Dictionary<MovieVersion, string[]> MoviePrefixes = new()
    {
        [MovieVersion.Originals] = [MovieFiles.Previews, MovieFiles.LowDef, MovieFiles.Source],
        [MovieVersion.Low] = [MovieFiles.LowDef, MovieFiles.Previews, MovieFiles.Source],
        [MovieVersion.Source] = [MovieFiles.Source],
    };

    /// <summary>
    /// GET /pictures/{original|thumbnails|thumbnails-square|previews}/preview-files/{id}.png and
    /// /movies/tiles/...: task access; the original and thumbnails of a shared entity's main
    /// preview are open to every user but vendors (Zou's rule for shared assets).
    /// </summary>
    public async Task<StoredFile> PictureAsync(string instanceId, string prefix)
    {
        var sharedPicture = prefix is PictureFiles.Original or PictureFiles.Thumbnails or PictureFiles.ThumbnailsSquare;
        var (preview, _) = await ReadableAsync(instanceId, sharedPicture);
        return PictureFiles.Png(prefix, preview.Id, preview.UpdatedAt);
    }

    /// <summary>GET /movies/{originals|low|source}/preview-files/{id}.mp4 and the download: the first version stored.</summary>
    public async Task<IEnumerable<StoredFile>> MovieAsync(string instanceId, MovieVersion version, bool asAttachment)
    {
        var (preview, _) = await ReadableAsync(instanceId);
        var fileName = asAttachment ? await DownloadNameAsync(preview) : "";
        return MoviesOf(preview, version, asAttachment, fileName);
    }

    /// <summary>
    /// GET /pictures/originals/preview-files/{id}.{extension}: png is the original picture, other
    /// known picture and file extensions the stored file (PDF shown inline); anything else 400.
    /// </summary>
    public async Task<StoredFile> OriginalAsync(string instanceId, string extension)
    {
        var (preview, _) = await ReadableAsync(instanceId);
        extension = extension.ToLowerInvariant();
        if (!PreviewUploadService.PictureExtensions.Contains(extension) && !PreviewUploadService.FileExtensions.Contains(extension))
            throw new WrongParameterException($"Extension not allowed: {extension}");
        return StoredFileOf(preview, extension, asAttachment: false, fileName: "");
    }

    /// <summary>GET /pictures/originals/preview-files/{id}/download: the preview's file as a download named as Zou names it.</summary>
    public async Task<IEnumerable<StoredFile>> DownloadAsync(string instanceId)
    {
        var (preview, _) = await ReadableAsync(instanceId);
        var fileName = await DownloadNameAsync(preview);
        if (preview.Extension == "mp4") return MoviesOf(preview, MovieVersion.Originals, asAttachment: true, fileName);
        return [StoredFileOf(preview, preview.Extension ?? "", asAttachment: true, fileName)];
    }

    /// <summary>GET /pictures/thumbnails/attachment-files/{id}.png: for whoever may read the attachment's comment or chat.</summary>
    public async Task<StoredFile> AttachmentThumbnailAsync(string attachmentFileId)
    {
        var id = EntityService.PathId(attachmentFileId);
        var attachment = await db.AttachmentFiles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) ?? throw new NotFoundException();
        await new AttachmentFilesCollection().CheckReadAsync(attachment, crud);
        return PictureFiles.Png(PictureFiles.Thumbnails, attachment.Id, attachment.UpdatedAt);
    }

    /// <summary>
    /// PUT /actions/preview-files/{id}/update-position {position}: the preview moves within its
    /// task's revision and the revision's previews are numbered 1..n again; a position outside
    /// 1..n changes nothing. Answers the revision's previews in their order.
    /// </summary>
    public async Task<JsonArray> UpdatePositionAsync(string previewFileId, JsonObject body)
    {
        var position = RequestBody.OptionalInt(body["position"], "position") ?? 0;
        if (position < 0) throw new ValidationFailedException(("position", "Input should be greater than or equal to 0"));
        var (moved, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckTaskActionAccessAsync(task);
        var revision = await db.PreviewFiles
            .Where(p => p.TaskId == moved.TaskId && p.Revision == moved.Revision)
            .OrderBy(p => p.Position).ThenBy(p => p.CreatedAt)
            .ToListAsync();
        if (position >= 1 && position <= revision.Count)
        {
            var preview = revision.First(p => p.Id == moved.Id);
            revision.Remove(preview);
            revision.Insert(position - 1, preview);
            for (var i = 0; i < revision.Count; i++) revision[i].Position = i + 1;
            await db.SaveChangesAsync();
        }
        return new JsonArray([.. (await serializer.ObjectsAsync(revision)).Select(json => (JsonNode)json)]);
    }

    /// <summary>
    /// GET /actions/preview-files/{id}/extract-tile (task access): the movie's tile strip made
    /// again from its stored movie, stored and sent. Not a movie → 400; no stored movie → 404.
    /// </summary>
    public async Task<StoredFile> ExtractTileAsync(string previewFileId, CancellationToken cancel)
    {
        var (preview, _) = await ReadableAsync(previewFileId);
        if (preview.Extension != "mp4") throw new WrongParameterException("Preview file is not a movie");
        try
        {
            if (!await movieFiles.RebuildTileAsync(preview.Id, cancel)) throw new NotFoundException();
        }
        catch (MovieException e)
        {
            throw new WrongParameterException($"The tile strip could not be made: {e.Message}");
        }
        return PictureFiles.Png(PictureFiles.Tiles, preview.Id, null);
    }

    /// <summary>
    /// GET /actions/preview-files/{id}/extract-frame?frame_number=N (project managers): frame N of
    /// a movie preview as a PNG (the first frame without N). Not a movie → 404, as Zou.
    /// </summary>
    public async Task<MadeFile> ExtractFrameAsync(string previewFileId, IQueryCollection query, CancellationToken cancel)
    {
        var frameNumber = QueryArgs.Integer(query, "frame_number") ?? 1;
        if (frameNumber < 1) throw new ValidationFailedException(("frame_number", "Input should be greater than or equal to 1"));
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckManagerOfAsync(task.ProjectId);
        if (preview.Extension != "mp4") throw new NotFoundException();
        return new MadeFile(await MovieFrameAsync(preview, task, frameNumber, cancel), "image/png", null);
    }

    /// <summary>Frame N of the preview's movie; a frame past its end is a 400.</summary>
    async Task<byte[]> MovieFrameAsync(PreviewFile preview, ProductionTask task, int frameNumber, CancellationToken cancel)
    {
        using var movie = await frames.MovieCopyAsync(preview, cancel);
        return await frames.FrameAsync(movie.Path, frameNumber, await frames.FpsAsync(task), cancel)
            ?? throw new WrongParameterException($"The movie has no frame {frameNumber}.");
    }

    /// <summary>
    /// PUT /actions/preview-files/{id}/set-main-preview: the preview becomes its entity's
    /// thumbnail (project and entity access, not clients). Answers the entity.
    /// </summary>
    public async Task<JsonObject> SetMainPreviewAsync(string previewFileId, JsonObject body, CancellationToken cancel)
    {
        var frameNumber = RequestBody.OptionalInt(body["frame_number"], "frame_number");
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckEntityAccessAsync(task.ProjectId, task.EntityId);
        if (await permissions.ProjectRoleAsync(task.ProjectId) == "client") throw new PermissionDeniedException();
        if (frameNumber is { } number)
        {
            if (preview.Extension != "mp4") throw new WrongParameterException("Can't use a given frame on non movie preview");
            // Zou's replace_extracted_frame_for_preview_file: the frame becomes the preview's pictures.
            var frame = await MovieFrameAsync(preview, task, number, cancel);
            await pictures.SavePreviewAsync(preview.Id, new MemoryStream(frame));
        }
        var entity = await updates.SetEntityPreviewAsync(task, preview);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(entity);
    }

    /// <summary>
    /// Zou's get_preview_file_for_access then check_task_access. With sharedPicture, the main
    /// preview of a shared entity is readable by every user but vendors.
    /// </summary>
    async Task<(PreviewFile Preview, ProductionTask Task)> ReadableAsync(string instanceId, bool sharedPicture = false)
    {
        var (preview, task) = await PathPreviews.FindAsync(db, instanceId);
        var sharedMain = sharedPicture && permissions.GlobalRole != "vendor"
            && await db.Entities.AnyAsync(e => e.Id == task.EntityId && e.IsShared && e.PreviewFileId == preview.Id);
        if (!sharedMain) await permissions.CheckTaskAccessAsync(task);
        return (preview, task);
    }

    /// <summary>A movie's stored versions in the order the route prefers them.</summary>
    static IEnumerable<StoredFile> MoviesOf(PreviewFile preview, MovieVersion version, bool asAttachment, string fileName) =>
        MoviePrefixes[version].Select(prefix => MovieFiles.Mp4(prefix, preview.Id, preview.UpdatedAt) with { AsAttachment = asAttachment, FileName = fileName });

    /// <summary>A picture's original PNG, or the stored file of another kind (PDF shown inline, the rest as data).</summary>
    static StoredFile StoredFileOf(PreviewFile preview, string extension, bool asAttachment, string fileName) => extension switch
    {
        "png" => PictureFiles.Png(PictureFiles.Original, preview.Id, preview.UpdatedAt) with { AsAttachment = asAttachment, FileName = fileName },
        _ => new StoredFile(Buckets.Files, PreviewUploadService.FilesPrefix, preview.Id, extension == "pdf" ? "application/pdf" : "application/octet-stream")
        {
            LastModified = preview.UpdatedAt, AsAttachment = asAttachment, FileName = fileName,
        },
    };

    Task<string> DownloadNameAsync(PreviewFile preview) => PreviewFileNames.DownloadNameAsync(db, preview);
}
