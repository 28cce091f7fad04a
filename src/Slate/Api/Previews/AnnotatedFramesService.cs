using System.IO.Compression;
using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Media;
using Slate.Security;
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>A file made for the caller: its bytes, type, and the name it is downloaded under (null: shown inline).</summary>
public sealed record MadeFile(byte[] Content, string ContentType, string? DownloadName);

/// <summary>
/// The extract-annotated-frame(s) routes (behavior-production.md §5.9; project managers): a
/// preview with its annotations drawn on, as one PNG, a zip of PNGs or a PDF. A picture preview
/// is drawn from its 1200 px "previews" picture, as Zou does, once per annotation.
/// </summary>
public sealed class AnnotatedFramesService(SlateDb db, Permissions permissions, IFileStore store, AnnotationRenderer renderer)
{
    static readonly string[] PictureExtensions = ["jpg", "jpeg", "jpe", "png"];

    sealed record Frame(string Name, byte[] Png);

    /// <summary>GET .../extract-annotated-frame?frame_number=N: a picture's first annotation drawn on it.</summary>
    public async Task<MadeFile> FrameAsync(string previewFileId, IQueryCollection query)
    {
        var frameNumber = RequestBody.OptionalInt(query.TryGetValue("frame_number", out var raw) ? JsonValue.Create(raw.ToString()) : null, "frame_number");
        if (frameNumber < 1) throw new ValidationFailedException(("frame_number", "Input should be greater than or equal to 1"));
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckManagerOfAsync(task.ProjectId);
        var annotations = Annotations(preview);
        if (!IsPicture(preview)) throw WrongExtension(preview, "frame");
        if (annotations.Count == 0) throw new BadRequestException("No annotation found on picture preview");
        return new MadeFile(await DrawOnPictureAsync(preview, annotations[0]), "image/png", null);
    }

    /// <summary>GET .../extract-annotated-frames: a zip with one PNG per annotation.</summary>
    public async Task<MadeFile> ZipAsync(string previewFileId)
    {
        var (frames, baseName) = await AllFramesAsync(previewFileId);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var frame in frames)
            {
                await using var entry = await zip.CreateEntry(frame.Name, CompressionLevel.Optimal).OpenAsync();
                await entry.WriteAsync(frame.Png);
            }
        }
        return new MadeFile(output.ToArray(), "application/zip", $"{baseName}_annotated_frames.zip");
    }

    /// <summary>GET .../extract-annotated-frames-pdf: a PDF with one page per annotation.</summary>
    public async Task<MadeFile> PdfAsync(string previewFileId)
    {
        var (frames, baseName) = await AllFramesAsync(previewFileId);
        return new MadeFile(AnnotationRenderer.Pdf(frames.Select(f => f.Png)), "application/pdf", $"{baseName}_annotated_frames.pdf");
    }

    /// <summary>Every annotated frame, named "&lt;download name&gt;_frame_&lt;n&gt;.png", and the download name without its extension.</summary>
    async Task<(List<Frame> Frames, string BaseName)> AllFramesAsync(string previewFileId)
    {
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckManagerOfAsync(task.ProjectId);
        var annotations = Annotations(preview);
        if (annotations.Count == 0) throw new BadRequestException("Preview file has no annotations");
        if (!IsPicture(preview)) throw WrongExtension(preview, "frames");
        var baseName = Path.GetFileNameWithoutExtension(await PreviewFileNames.DownloadNameAsync(db, preview));
        var frames = new List<Frame>();
        for (var i = 0; i < annotations.Count; i++)
            frames.Add(new Frame($"{baseName}_frame_{i + 1}.png", await DrawOnPictureAsync(preview, annotations[i])));
        return (frames, baseName);
    }

    async Task<byte[]> DrawOnPictureAsync(PreviewFile preview, JsonNode? annotation)
    {
        if (preview.Data?["imported_only"] is JsonValue imported && imported.TryGetValue<bool>(out var only) && only) throw BinaryMissing();
        await using var picture = await store.OpenAsync(PictureFiles.Bucket, PictureFiles.Previews, preview.Id, CancellationToken.None)
            ?? throw BinaryMissing();
        return renderer.DrawPng(picture, annotation) ?? throw BinaryMissing();
    }

    static List<JsonNode?> Annotations(PreviewFile preview) => preview.Annotations is JsonArray list ? [.. list] : [];

    static bool IsPicture(PreviewFile preview) => PictureExtensions.Contains((preview.Extension ?? "").ToLowerInvariant());

    /// <summary>Zou's 400 for a preview that is neither a picture nor a movie, with the extension as Python prints it.</summary>
    static WrongParameterException WrongExtension(PreviewFile preview, string what) =>
        new($"Cannot extract annotated {what} from preview with extension '{(preview.Extension ?? "").ToLowerInvariant()}'");

    /// <summary>Zou's answer when the stored picture or movie is not there: 404 {"error": ...}.</summary>
    static ApiException BinaryMissing() => new(404, new JsonObject { ["error"] = "preview file binary is not available" });
}
