using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
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
/// is drawn from its 1200 px "previews" picture, once per annotation, as Zou does; a movie's
/// frames are taken by ffmpeg from its high definition movie at the entity's or project's fps,
/// frame N showing at (N - 1) / fps.
/// </summary>
public sealed class AnnotatedFramesService(SlateDb db, Permissions permissions, IFileStore store, AnnotationRenderer renderer,
    PreviewFrames movieFrames)
{
    static readonly string[] PictureExtensions = ["jpg", "jpeg", "jpe", "png"];
    const string NoFrameExtracted = "No annotated frame could be extracted from this preview";

    sealed record Frame(string Name, byte[] Png);

    /// <summary>
    /// GET .../extract-annotated-frame?frame_number=N: for a movie, frame N with the annotation
    /// made within half a frame of its time; for a picture, its first annotation (N ignored).
    /// </summary>
    public async Task<MadeFile> FrameAsync(string previewFileId, IQueryCollection query, CancellationToken cancel)
    {
        var frameNumber = RequestBody.OptionalInt(query.TryGetValue("frame_number", out var raw) ? JsonValue.Create(raw.ToString()) : null, "frame_number");
        if (frameNumber < 1) throw new ValidationFailedException(("frame_number", "Input should be greater than or equal to 1"));
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckManagerOfAsync(task.ProjectId);
        var annotations = Annotations(preview);
        if (IsMovie(preview))
        {
            if (frameNumber is not { } number) throw new WrongParameterException("frame_number is required for movie previews");
            var fps = await movieFrames.FpsAsync(task);
            var annotation = annotations.FirstOrDefault(a => TimeOf(a) is { } time && Math.Abs(time - (number - 1) / fps) <= 1 / (2 * fps))
                ?? throw new BadRequestException($"No annotation found for frame {number}");
            using var movie = await movieFrames.MovieCopyAsync(preview, cancel);
            var png = await DrawOnMovieFrameAsync(movie.Path, number, fps, annotation, cancel) ?? throw new BadRequestException(NoFrameExtracted);
            return new MadeFile(png, "image/png", null);
        }
        if (!IsPicture(preview)) throw WrongExtension(preview, "frame");
        if (annotations.Count == 0) throw new BadRequestException("No annotation found on picture preview");
        return new MadeFile(await DrawOnPictureAsync(preview, annotations[0]), "image/png", null);
    }

    /// <summary>GET .../extract-annotated-frames: a zip with one PNG per annotation.</summary>
    public async Task<MadeFile> ZipAsync(string previewFileId, CancellationToken cancel)
    {
        var (frames, baseName) = await AllFramesAsync(previewFileId, cancel);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var frame in frames)
            {
                await using var entry = await zip.CreateEntry(frame.Name, CompressionLevel.Optimal).OpenAsync(cancel);
                await entry.WriteAsync(frame.Png, cancel);
            }
        }
        return new MadeFile(output.ToArray(), "application/zip", $"{baseName}_annotated_frames.zip");
    }

    /// <summary>GET .../extract-annotated-frames-pdf: a PDF with one page per annotation.</summary>
    public async Task<MadeFile> PdfAsync(string previewFileId, CancellationToken cancel)
    {
        var (frames, baseName) = await AllFramesAsync(previewFileId, cancel);
        return new MadeFile(AnnotationRenderer.Pdf(frames.Select(f => f.Png)), "application/pdf", $"{baseName}_annotated_frames.pdf");
    }

    /// <summary>
    /// Every annotated frame, named "&lt;download name&gt;_frame_&lt;n&gt;.png" (n: the movie's frame, or
    /// the annotation's rank on a picture), and the download name without its extension. A
    /// movie's annotation whose frame ffmpeg cannot give (past the end) is left out, as Zou does.
    /// </summary>
    async Task<(List<Frame> Frames, string BaseName)> AllFramesAsync(string previewFileId, CancellationToken cancel)
    {
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await permissions.CheckManagerOfAsync(task.ProjectId);
        var annotations = Annotations(preview);
        if (annotations.Count == 0) throw new BadRequestException("Preview file has no annotations");
        if (!IsMovie(preview) && !IsPicture(preview)) throw WrongExtension(preview, "frames");
        var baseName = Path.GetFileNameWithoutExtension(await PreviewFileNames.DownloadNameAsync(db, preview));
        var frames = new List<Frame>();
        if (IsMovie(preview))
        {
            var fps = await movieFrames.FpsAsync(task);
            using var movie = await movieFrames.MovieCopyAsync(preview, cancel);
            foreach (var annotation in annotations)
            {
                if (TimeOf(annotation) is not { } time || time * fps >= int.MaxValue) continue;
                var number = Math.Max(1, (int)Math.Round(time * fps) + 1);
                if (await DrawOnMovieFrameAsync(movie.Path, number, fps, annotation, cancel) is { } png)
                    frames.Add(new Frame($"{baseName}_frame_{number}.png", png));
            }
            if (frames.Count == 0) throw new BadRequestException(NoFrameExtracted);
        }
        else
        {
            for (var i = 0; i < annotations.Count; i++)
                frames.Add(new Frame($"{baseName}_frame_{i + 1}.png", await DrawOnPictureAsync(preview, annotations[i])));
        }
        return (frames, baseName);
    }

    async Task<byte[]> DrawOnPictureAsync(PreviewFile preview, JsonNode? annotation)
    {
        PreviewFrames.CheckBinaryHeld(preview);
        await using var picture = await store.OpenAsync(PictureFiles.Bucket, PictureFiles.Previews, preview.Id, CancellationToken.None)
            ?? throw PreviewFrames.BinaryMissing();
        return renderer.DrawPng(picture, annotation) ?? throw PreviewFrames.BinaryMissing();
    }

    /// <summary>Frame N of the movie with the annotation drawn on it; null when ffmpeg gives no frame there.</summary>
    async Task<byte[]?> DrawOnMovieFrameAsync(string moviePath, int frameNumber, double fps, JsonNode? annotation, CancellationToken cancel) =>
        await movieFrames.FrameAsync(moviePath, frameNumber, fps, cancel) is { } png ? renderer.DrawPng(new MemoryStream(png), annotation) : null;

    /// <summary>An annotation's time in seconds: a number, or a string holding one (Python's float()).</summary>
    static double? TimeOf(JsonNode? annotation) => annotation?["time"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var time) && double.IsFinite(time) => time,
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && double.TryParse((string)v!, NumberStyles.Float, CultureInfo.InvariantCulture, out var time) && double.IsFinite(time) => time,
        _ => null,
    };

    static List<JsonNode?> Annotations(PreviewFile preview) => preview.Annotations is JsonArray list ? [.. list] : [];

    static bool IsMovie(PreviewFile preview) => (preview.Extension ?? "").Equals("mp4", StringComparison.OrdinalIgnoreCase);

    static bool IsPicture(PreviewFile preview) => PictureExtensions.Contains((preview.Extension ?? "").ToLowerInvariant());

    /// <summary>Zou's 400 for a preview that is neither a picture nor a movie, with the extension as Python prints it.</summary>
    static WrongParameterException WrongExtension(PreviewFile preview, string what) =>
        new($"Cannot extract annotated {what} from preview with extension '{(preview.Extension ?? "").ToLowerInvariant()}'");
}
