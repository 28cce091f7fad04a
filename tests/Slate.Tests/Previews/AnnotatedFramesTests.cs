using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Previews.AnnotationData;

namespace Slate.Tests.Previews;

/// <summary>
/// GET /actions/preview-files/{id}/extract-annotated-frame(s)(-pdf) on picture previews (§5.9):
/// the annotations drawn where Kitsu placed them, scaled from the drawing's canvas to the
/// 1200 px picture.
/// </summary>
public class AnnotatedFramesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly Rgba32 Red = new(255, 0, 0, 255);
    static readonly Rgba32 Green = new(0, 255, 0, 255);
    static readonly Rgba32 Blue = new(0, 0, 255, 255);

    static string Route(AnnotationScene scene, string action, string query = "") =>
        $"/api/actions/preview-files/{scene.Preview.Id}/{action}{query}";

    /// <summary>A red rect (with an eraser stroke through its middle) and a green line on a 200×100 canvas; a blue path drawn at the picture's size.</summary>
    static JsonObject Drawing() => At(0,
        new JsonObject
        {
            ["type"] = "rect", ["left"] = 20, ["top"] = 10, ["width"] = 40, ["height"] = 20, ["fill"] = "#ff0000",
            ["canvasWidth"] = 200, ["canvasHeight"] = 100,
            // In the rect's centred frame: a horizontal stroke through its centre, 4 canvas px wide.
            ["eraser"] = new JsonObject
            {
                ["type"] = "eraser",
                ["objects"] = new JsonArray(new JsonObject { ["type"] = "path", ["strokeWidth"] = 4, ["path"] = JsonNode.Parse("[[\"M\", -20, 0], [\"L\", 20, 0]]") }),
            },
        },
        new JsonObject
        {
            ["type"] = "line", ["x1"] = 100, ["y1"] = 80, ["x2"] = 180, ["y2"] = 80, ["stroke"] = "rgba(0, 255, 0, 1)", ["strokeWidth"] = 2,
            ["canvasWidth"] = 200, ["canvasHeight"] = 100,
        },
        new JsonObject { ["type"] = "path", ["stroke"] = "#00f", ["strokeWidth"] = 6, ["path"] = "M 10 300 L 60 300" },
        new JsonObject { ["type"] = "i-text", ["text"] = "Fix this\nplease", ["fill"] = "#ff0000", ["left"] = 700, ["top"] = 20, ["fontSize"] = 30 },
        new JsonObject { ["type"] = "unknown-shape" },
        new JsonObject { ["type"] = "rect", ["width"] = "wide", ["height"] = 3, ["fill"] = "#000" });

    async Task<AnnotationScene> PictureSceneAsync(params JsonObject[] annotations)
    {
        var scene = await factory.CreateAnnotationSceneAsync();
        await factory.StoreWhitePictureAsync(scene.Preview, 200, 100);
        await factory.SetAnnotationsAsync(scene.Preview, new JsonArray([.. annotations]));
        return scene;
    }

    [Fact]
    public async Task A_picture_frame_has_its_first_annotation_drawn_where_it_was_drawn()
    {
        var scene = await PictureSceneAsync(Drawing(), At(3, new JsonObject { ["type"] = "rect", ["width"] = 200, ["height"] = 100, ["fill"] = "#000" }));

        using var frame = await (await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frame", "?frame_number=7"))).ReadPictureAsync();

        // The 200×100 picture is drawn on from its 1200×600 variant: canvas coordinates ×6.
        Assert.Equal((1200, 600), (frame.Width, frame.Height));
        Assert.Equal(Red, frame[240, 80]);
        Assert.Equal(Red, frame[130, 170]);
        Assert.Equal(White, frame[240, 120]); // erased
        Assert.Equal(White, frame[100, 50]);
        Assert.Equal(Green, frame[840, 480]);
        Assert.Equal(White, frame[840, 460]);
        Assert.Equal(Blue, frame[35, 300]);
        Assert.Equal(White, frame[35, 310]);
        Assert.Equal(White, frame[600, 300]);
        // Text needs a font file; without one it is left out and the rest still drawn.
        if (File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
            Assert.Contains(RowPixels(frame, 40, 700, 900), p => p.R > 200 && p.G < 100);
    }

    static List<Rgba32> RowPixels(Image<Rgba32> picture, int y, int from, int to) => [.. Enumerable.Range(from, to - from).Select(x => picture[x, y])];

    [Fact]
    public async Task Every_annotation_is_a_png_of_the_zip_named_after_the_preview()
    {
        var scene = await PictureSceneAsync(Drawing(), At(2, new JsonObject { ["type"] = "circle", ["left"] = 0, ["top"] = 0, ["radius"] = 50, ["fill"] = "#0000ff" }));

        var response = await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frames"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var baseName = $"{scene.Project.Name}_character_{scene.Asset.Name}_{scene.TaskType.Name}_v1".ToLowerInvariant();
        Assert.Equal($"{baseName}_annotated_frames.zip", response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal([$"{baseName}_frame_1.png", $"{baseName}_frame_2.png"], zip.Entries.Select(e => e.FullName));
        await using var second = await zip.Entries[1].OpenAsync();
        using var circle = await Image.LoadAsync<Rgba32>(second);
        Assert.Equal(Blue, circle[50, 50]);
        Assert.Equal(White, circle[150, 150]);
    }

    [Fact]
    public async Task The_pdf_has_one_page_per_annotation()
    {
        var scene = await PictureSceneAsync(Drawing(), At(1, new JsonObject { ["type"] = "polygon", ["fill"] = "#00ff00",
            ["points"] = JsonNode.Parse("[{\"x\": 0, \"y\": 0}, {\"x\": 50, \"y\": 0}, {\"x\": 0, \"y\": 50}]") }), At(2, new JsonObject { ["type"] = "arrow",
            ["x1"] = 0, ["y1"] = 0, ["x2"] = 100, ["y2"] = 100 }));

        var response = await scene.ManagerClient.GetAsync(Route(scene, "extract-annotated-frames-pdf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("_annotated_frames.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var pdf = Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("%PDF", pdf);
        Assert.Equal(3, Regex.Matches(pdf, @"/Type\s*/Page(?![a-zA-Z])").Count);
    }

    [Fact]
    public async Task Zous_refusals_and_errors()
    {
        var scene = await PictureSceneAsync();
        var manager = scene.ManagerClient;

        foreach (var action in new[] { "extract-annotated-frame", "extract-annotated-frames", "extract-annotated-frames-pdf" })
        {
            var artist = await factory.CreatePersonAsync();
            await factory.AddToTeamAsync(scene.Project.Id, artist);
            var refused = await (await factory.ClientForAsync(artist)).GetAsync(Route(scene, action));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var unknown = await manager.GetAsync($"/api/actions/preview-files/{Guid.NewGuid()}/{action}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        await (await manager.GetAsync(Route(scene, "extract-annotated-frame"))).AssertZouErrorAsync(HttpStatusCode.BadRequest,
            "No annotation found on picture preview");
        await (await manager.GetAsync(Route(scene, "extract-annotated-frames"))).AssertZouErrorAsync(HttpStatusCode.BadRequest,
            "Preview file has no annotations");
        await (await manager.GetAsync(Route(scene, "extract-annotated-frames-pdf"))).AssertZouErrorAsync(HttpStatusCode.BadRequest,
            "Preview file has no annotations");
        var zero = await manager.GetAsync(Route(scene, "extract-annotated-frame", "?frame_number=0"));
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal("frame_number", (string?)(await zero.ReadJsonObjectAsync())["data"]!["errors"]![0]!["field"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync(Route(scene, "extract-annotated-frame", "?frame_number=two"))).StatusCode);

        // A picture whose file is not stored: Zou's 404 body.
        var missing = await factory.CreateAnnotationSceneAsync();
        await factory.SetAnnotationsAsync(missing.Preview, [Drawing()]);
        var notStored = await missing.ManagerClient.GetAsync(Route(missing, "extract-annotated-frames"));
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["error"] = "preview file binary is not available" }, await notStored.JsonAsync());

        // Neither a picture nor a movie.
        var other = await factory.CreateAnnotationSceneAsync(p => p.Extension = "pdf");
        await factory.SetAnnotationsAsync(other.Preview, [Drawing()]);
        await (await other.ManagerClient.GetAsync(Route(other, "extract-annotated-frame"))).AssertWrongParameterAsync(
            "Cannot extract annotated frame from preview with extension 'pdf'");
        await (await other.ManagerClient.GetAsync(Route(other, "extract-annotated-frames"))).AssertWrongParameterAsync(
            "Cannot extract annotated frames from preview with extension 'pdf'");
    }
}
