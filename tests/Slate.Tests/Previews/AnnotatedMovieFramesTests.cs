using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Slate.Storage;
using Slate.Tests.Infrastructure;
using Slate.Tests.Media;
using static Slate.Tests.Previews.AnnotationData;

namespace Slate.Tests.Previews;

/// <summary>
/// The annotated frames of movie previews (§5.9): frame N is taken at (N - 1) / fps from the
/// stored high definition movie, and the annotation within half a frame of it is drawn on it.
/// </summary>
public class AnnotatedMovieFramesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static JsonObject RedSquare(double time) => At(time, new JsonObject
    {
        ["type"] = "rect", ["left"] = 10, ["top"] = 10, ["width"] = 50, ["height"] = 50, ["fill"] = "#ff0000",
        ["canvasWidth"] = 320, ["canvasHeight"] = 240,
    });

    /// <summary>A preview whose stored movie is 2 s of white at 25 fps, 320×240.</summary>
    async Task<AnnotationScene> MovieSceneAsync(params JsonObject[] annotations)
    {
        var scene = await factory.CreateAnnotationSceneAsync(p => p.Extension = "mp4");
        var folder = Directory.CreateTempSubdirectory("slate-annotated-").FullName;
        try
        {
            var movie = Path.Combine(folder, "white.mp4");
            await SampleMovies.RunAsync("ffmpeg", "-y", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=white:size=320x240:rate=25",
                "-t", "2", "-pix_fmt", "yuv420p", movie);
            await using var content = File.OpenRead(movie);
            await factory.Services.GetRequiredService<IFileStore>().SaveAsync(Buckets.Movies, "previews", scene.Preview.Id, content, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        await factory.SetAnnotationsAsync(scene.Preview, new JsonArray([.. annotations]));
        return scene;
    }

    static string Route(AnnotationScene scene, string action, string query = "") =>
        $"/api/actions/preview-files/{scene.Preview.Id}/{action}{query}";

    static void AssertWhite(Rgba32 pixel) => Assert.True(pixel is { R: > 235, G: > 235, B: > 235 }, pixel.ToString());

    [Fact]
    public async Task A_movie_frame_has_the_annotation_of_its_time_drawn_on_it()
    {
        var scene = await MovieSceneAsync(RedSquare(0.04));

        using var frame = await (await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frame", "?frame_number=2"))).ReadPictureAsync();

        Assert.Equal((320, 240), (frame.Width, frame.Height));
        Assert.Equal(new Rgba32(255, 0, 0, 255), frame[35, 35]);
        AssertWhite(frame[200, 200]);
        await (await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frame", "?frame_number=3"))).AssertZouErrorAsync(
            HttpStatusCode.BadRequest, "No annotation found for frame 3");
        await (await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frame"))).AssertWrongParameterAsync(
            "frame_number is required for movie previews");
    }

    [Fact]
    public async Task The_zip_names_frames_by_number_at_the_projects_fps_and_leaves_out_frames_past_the_end()
    {
        var scene = await MovieSceneAsync(RedSquare(0.04), RedSquare(1), RedSquare(10), new JsonObject { ["time"] = "soon", ["drawing"] = RedSquare(0)["drawing"]!.DeepClone() });

        async Task<List<string>> EntriesAsync()
        {
            var response = await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frames"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
            await using (var first = await zip.Entries[0].OpenAsync())
            using (var picture = await Image.LoadAsync<Rgba32>(first))
                Assert.Equal(new Rgba32(255, 0, 0, 255), picture[35, 35]);
            return [.. zip.Entries.Select(e => e.FullName[(e.FullName.LastIndexOf("_frame_") + 1)..])];
        }

        Assert.Equal(["frame_2.png", "frame_26.png"], await EntriesAsync());
        await factory.WithDb(async db =>
        {
            (await db.Projects.FindAsync(scene.Project.Id))!.Fps = "50";
            return await db.SaveChangesAsync();
        });
        Assert.Equal(["frame_3.png", "frame_51.png"], await EntriesAsync());
    }

    [Fact]
    public async Task A_movie_that_is_not_stored_or_has_no_frame_there_is_refused()
    {
        var missing = await factory.CreateAnnotationSceneAsync(p => p.Extension = "mp4");
        await factory.SetAnnotationsAsync(missing.Preview, [RedSquare(0)]);
        var notStored = await missing.ManagerClient.GetAsync(Route(missing, "extract-annotated-frames-pdf"));
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["error"] = "preview file binary is not available" }, await notStored.JsonAsync());

        var pastTheEnd = await MovieSceneAsync(RedSquare(30));
        await (await pastTheEnd.ManagerClient.GetAsync(Route(pastTheEnd, "extract-annotated-frames-pdf"))).AssertZouErrorAsync(
            HttpStatusCode.BadRequest, "No annotated frame could be extracted from this preview");
    }
}
