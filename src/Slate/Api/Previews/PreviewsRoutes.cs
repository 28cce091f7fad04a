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
        routes.Get("/pictures/thumbnails/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Thumbnails))
            .WithSummary("Download the 150×100 thumbnail of a preview file (png)");
        routes.Get("/pictures/thumbnails-square/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.ThumbnailsSquare))
            .WithSummary("Download the 100×100 square thumbnail of a preview file (png)");
        routes.Get("/pictures/originals/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Original))
            .WithSummary("Download the original picture of a preview file (png)");
        routes.Get("/pictures/previews/preview-files/{instance_id}.png", PreviewPicture(PictureFiles.Previews))
            .WithSummary("Download the 1200 px wide picture of a preview file (png)");

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
                                () => PictureUpload.ReadAsync(request, settings)), StatusCodes.Status201Created))
                    .WithSummary($"Upload the avatar of one of the {type} (multipart file, stored as 400×400)");
            }
        }
        routes.Post("/pictures/preview-background-files/{instance_id}",
                async (string instance_id, HttpRequest request, Settings settings, PicturesService pictures) =>
                    ZouJson.Result(await pictures.SaveBackgroundAsync(instance_id, () => PictureUpload.ReadAsync(request, settings)),
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

        routes.Put("/actions/preview-files/{preview_file_id}/update-annotations",
                async (string preview_file_id, HttpRequest request, AnnotationsService annotations) =>
                    ZouJson.Result(await annotations.UpdateAsync(preview_file_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Add, update and delete the drawing objects of a preview's annotations (managers, clients, supervisors of the department)");
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
    }

    static IResult Send(MadeFile file) => Results.File(file.Content, file.ContentType, file.DownloadName);

    static Delegate PreviewPicture(string prefix) =>
        async (string instance_id, PicturesService pictures, FileServing serving, CancellationToken cancel) =>
            await serving.SendAsync(await pictures.OpenPreviewPictureAsync(instance_id, prefix), cancel);
}
