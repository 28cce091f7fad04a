using Slate.Http;
using Slate.Media;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>
/// Zou's previews blueprint, in its order, as far as issue 8 has built it: the running previews,
/// the picture variants of preview files, the avatars of organisations, persons and projects,
/// preview background files, annotations and the annotated frames. Rules live in
/// <see cref="PicturesService"/>, <see cref="RunningPreviewsService"/>, <see cref="AnnotationsService"/>
/// and <see cref="AnnotatedFramesService"/>.
/// </summary>
public static class PreviewsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/playlists/preview-files/running", async (HttpRequest request, RunningPreviewsService running) =>
                ZouJson.Result(await running.RunningAsync(request.Query)))
            .WithSummary("Previews of open productions still processing, broken or missing, newest first (admins)");
        routes.Post("/pictures/preview-files/{instance_id}", async (string instance_id, HttpRequest request, PreviewUploadService uploads) =>
                ZouJson.Result(await uploads.UploadAsync(instance_id, () => FileUpload.ReadAsync(request, limit: 0), Normalize(request)),
                    StatusCodes.Status201Created))
            .WithSummary("Upload the file of a preview record (multipart file): a picture, a movie (normalized in the background unless ?normalize=false) or another known file");
        routes.Get("/movies/originals/preview-files/{instance_id}.mp4", Movie(MovieVersion.Originals))
            .WithSummary("Stream the normalized movie of a preview file (falls back on the low definition, then the source)");
        routes.Get("/movies/originals/preview-files/{instance_id}/download", Movie(MovieVersion.Originals, asAttachment: true))
            .WithSummary("Download the movie of a preview file, named after its project, entity, task type and revision");
        routes.Get("/movies/low/preview-files/{instance_id}.mp4", Movie(MovieVersion.Low))
            .WithSummary("Stream the low definition movie of a preview file (falls back on the normalized one, then the source)");
        routes.Get("/movies/source/preview-files/{instance_id}.mp4", Movie(MovieVersion.Source))
            .WithSummary("Stream the movie of a preview file as it was uploaded (kept with PREVIEW_SAVE_SOURCE_FILE)");
        routes.Get("/pictures/thumbnails/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Thumbnails))
            .WithSummary("Download the 150×100 thumbnail of a preview file (png)");
        routes.Get("/pictures/thumbnails/attachment-files/{attachment_file_id}.png",
                async (string attachment_file_id, PreviewFilesService previews, FileServing serving, CancellationToken cancel) =>
                    await serving.SendAsync(await previews.AttachmentThumbnailAsync(attachment_file_id), cancel))
            .WithSummary("Download the thumbnail of a picture attachment (png)");
        routes.Get("/pictures/thumbnails-square/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.ThumbnailsSquare))
            .WithSummary("Download the 100×100 square thumbnail of a preview file (png)");
        routes.Get("/pictures/originals/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Original))
            .WithOrder(-1) // before the {extension} route below, which the same path also matches
            .WithSummary("Download the original picture of a preview file (png)");
        routes.Get("/pictures/originals/preview-files/{instance_id}.{extension}",
                async (string instance_id, string extension, PreviewFilesService previews, FileServing serving, CancellationToken cancel) =>
                    await serving.SendAsync(await previews.OriginalAsync(instance_id, extension), cancel))
            .WithSummary("Download the file of a preview file by extension (png picture, pdf, or the stored file)");
        routes.Get("/pictures/originals/preview-files/{instance_id}/download",
                async (string instance_id, PreviewFilesService previews, FileServing serving, CancellationToken cancel) =>
                    await serving.SendFirstAsync(await previews.DownloadAsync(instance_id), cancel))
            .WithSummary("Download the file of a preview file, named after its project, entity, task type and revision");
        routes.Get("/pictures/previews/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Previews))
            .WithSummary("Download the 1200 px wide picture of a preview file (png)");
        routes.Get("/movies/tiles/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Tiles))
            .WithSummary("Download the tile strip of a movie preview (png, 8 frames a row)");

        foreach (var owner in Enum.GetValues<AvatarOwner>())
        {
            var type = owner.ToString().ToLowerInvariant();
            foreach (var suffix in new[] { "", ".png" })
            {
                routes.Get($"/pictures/thumbnails/{type}/{{instance_id}}{suffix}",
                        async (string instance_id, PicturesService pictures, FileServing serving, CancellationToken cancel) =>
                            await serving.SendAsync(await pictures.OpenAvatarAsync(owner, instance_id), cancel))
                    .WithSummary($"Download the avatar of one of the {type} (png, 404 when it has none)");
                routes.Post($"/pictures/thumbnails/{type}/{{instance_id}}{suffix}",
                        async (string instance_id, HttpRequest request, Settings settings, PicturesService pictures) =>
                            ZouJson.Result(await pictures.SaveAvatarAsync(owner, instance_id, pngPath: suffix != "",
                                () => FileUpload.ReadPictureAsync(request, settings)), StatusCodes.Status201Created))
                    .WithSummary($"Upload the avatar of one of the {type} (multipart file, stored as 400×400)");
            }
        }
        routes.Post("/pictures/preview-background-files/{instance_id}",
                async (string instance_id, HttpRequest request, Settings settings, PicturesService pictures) =>
                    ZouJson.Result(await pictures.SaveBackgroundAsync(instance_id, () => FileUpload.ReadPictureAsync(request, settings)),
                        StatusCodes.Status201Created))
            .WithSummary("Upload the .hdr file of a preview background (admin; stored with a 300×200 thumbnail)");
        routes.Get("/pictures/thumbnails/preview-background-files/{instance_id}.png",
                async (string instance_id, PicturesService pictures, FileServing serving, CancellationToken cancel) =>
                    await serving.SendAsync(await pictures.OpenBackgroundThumbnailAsync(instance_id), cancel))
            .WithSummary("Download the thumbnail of a preview background file (png)");
        // Registered by Zou with a handler that always fails (a 500 there): refused as a method not allowed.
        routes.Post("/pictures/thumbnails/preview-background-files/{instance_id}.png", () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed))
            .WithSummary("Not available: a background's thumbnail is made from its file (405)");
        routes.Get("/pictures/preview-background-files/{instance_id}.{extension}",
                async (string instance_id, string extension, PicturesService pictures, FileServing serving, CancellationToken cancel) =>
                    await serving.SendAsync(await pictures.OpenBackgroundFileAsync(instance_id, extension), cancel))
            .WithSummary("Download a preview background file");
        routes.Put("/actions/preview-files/{preview_file_id}/set-main-preview",
                async (string preview_file_id, HttpRequest request, PreviewFilesService previews, CancellationToken cancel) =>
                    ZouJson.Result(await previews.SetMainPreviewAsync(preview_file_id, await RequestBody.ReadFieldsAsync(request), cancel)))
            .WithSummary("Make the preview its entity's thumbnail; with frame_number (movies), that frame becomes its picture");
        routes.Get("/actions/preview-files/{preview_file_id}/extract-frame",
                async (string preview_file_id, HttpRequest request, PreviewFilesService previews, CancellationToken cancel) =>
                    Send(await previews.ExtractFrameAsync(preview_file_id, request.Query, cancel)))
            .WithSummary("Frame frame_number of a movie preview, as a png (managers)");
        routes.Get("/actions/preview-files/{preview_file_id}/extract-annotated-frame",
                async (string preview_file_id, HttpRequest request, AnnotatedFramesService frames, CancellationToken cancel) =>
                    Send(await frames.FrameAsync(preview_file_id, request.Query, cancel)))
            .WithSummary("A movie's frame (frame_number) or a picture with its annotation drawn on it (png; managers)");
        routes.Get("/actions/preview-files/{preview_file_id}/extract-annotated-frames",
                async (string preview_file_id, AnnotatedFramesService frames, CancellationToken cancel) =>
                    Send(await frames.ZipAsync(preview_file_id, cancel)))
            .WithSummary("Every annotated frame of a preview, drawn, in a zip of png files (managers)");
        routes.Get("/actions/preview-files/{preview_file_id}/extract-annotated-frames-pdf",
                async (string preview_file_id, AnnotatedFramesService frames, CancellationToken cancel) =>
                    Send(await frames.PdfAsync(preview_file_id, cancel)))
            .WithSummary("Every annotated frame of a preview, drawn, one per page of a pdf (managers)");
        routes.Put("/actions/preview-files/{preview_file_id}/update-position",
                async (string preview_file_id, HttpRequest request, PreviewFilesService previews) =>
                    ZouJson.Result(await previews.UpdatePositionAsync(preview_file_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Move the preview within its revision's previews; answers them in their new order");
        routes.Put("/actions/preview-files/{preview_file_id}/update-annotations",
                async (string preview_file_id, HttpRequest request, AnnotationsService annotations) =>
                    ZouJson.Result(await annotations.UpdateAsync(preview_file_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Add, update and delete the drawing objects of a preview's annotations (managers, clients, supervisors of the department)");
        routes.Get("/actions/preview-files/{preview_file_id}/extract-tile",
                async (string preview_file_id, PreviewFilesService previews, FileServing serving, CancellationToken cancel) =>
                    await serving.SendAsync(await previews.ExtractTileAsync(preview_file_id, cancel), cancel))
            .WithSummary("Make a movie preview's tile strip again from its stored movie, and download it (png)");
    }

    /// <summary>?normalize=false stores a movie as it was uploaded (Zou's get_bool_parameter: only "true" is true; default true).</summary>
    static bool Normalize(HttpRequest request) =>
        request.Query["normalize"].FirstOrDefault() is not { } value || value.Equals("true", StringComparison.OrdinalIgnoreCase);

    static IResult Send(MadeFile file) => Results.File(file.Content, file.ContentType, file.DownloadName);

    static Delegate PreviewPicture(string prefix) =>
        async (string instance_id, PreviewFilesService previews, FileServing serving, CancellationToken cancel) =>
            await serving.SendAsync(await previews.PictureAsync(instance_id, prefix), cancel);

    static Delegate Movie(MovieVersion version, bool asAttachment = false) =>
        async (string instance_id, PreviewFilesService previews, FileServing serving, CancellationToken cancel) =>
            await serving.SendFirstAsync(await previews.MovieAsync(instance_id, version, asAttachment), cancel);
}
