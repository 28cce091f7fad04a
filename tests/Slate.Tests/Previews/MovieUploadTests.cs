using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Storage;
using Slate.Domain;
using Slate.Tests.Comments;
using Slate.Tests.Infrastructure;
using Slate.Tests.Media;

namespace Slate.Tests.Previews;

public class MovieUploadTests(SlateFactory factory, SampleMovies movies)
    : MovieUploadScenarios(factory, movies), IClassFixture<SlateFactory>, IClassFixture<SampleMovies>;

/// <summary>The same movie uploads with the files in S3 (moto).</summary>
public class MovieUploadTestsOnS3(S3SlateFactory factory, SampleMovies movies)
    : MovieUploadScenarios(factory, movies), IClassFixture<S3SlateFactory>, IClassFixture<SampleMovies>;

/// <summary>
/// Movie previews through HTTP (§5.5): the upload answers "processing" at once, the job
/// normalizes the movie, and what it stored is served back and checked with ffprobe.
/// </summary>
public abstract class MovieUploadScenarios(SlateFactory factory, SampleMovies movies)
{
    /// <summary>A preview record on a project whose movies are 640×360 at 25 fps (small encodes keep the tests fast).</summary>
    async Task<PreviewScene> MoviePreviewAsync()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        await factory.WithDb(async db =>
        {
            var project = await db.Projects.FirstAsync(p => p.Id == preview.Scene.Project.Id);
            (project.Resolution, project.Fps) = ("640x360", "25");
            return await db.SaveChangesAsync();
        });
        return preview;
    }

    async Task<PreviewFile> ProcessedAsync(Guid id)
    {
        PreviewFile? row = null;
        await Waiting.UntilAsync(async () => (row = await factory.PreviewRowAsync(id))?.Status != "processing", "the movie's job", 120);
        return row!;
    }

    async Task<string> DownloadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(movies.Folder, $"{Guid.NewGuid():N}{Path.GetExtension(path)}");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return file;
    }

    [Fact]
    public async Task A_movie_is_answered_processing_then_normalized_to_the_projects_size_and_served_back()
    {
        var preview = await MoviePreviewAsync();
        var response = await preview.UploadAsync(await File.ReadAllBytesAsync(movies.Silent), "anim_v001.mp4");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(("mp4", "anim_v001", "processing"), ((string?)body["extension"], (string?)body["original_name"], (string?)body["status"]));

        var row = await ProcessedAsync(preview.PreviewId);
        Assert.Equal("ready", row.Status);
        Assert.Equal((640, 360), (row.Width, row.Height));
        Assert.InRange(row.Duration ?? 0, 1.9, 2.1);
        Assert.Equal(320, (int)row.Data!["original_width"]!);
        Assert.Equal(preview.PreviewId, (await factory.ReloadAsync(preview.Scene.Task)).LastPreviewFileId);

        var client = preview.Scene.ArtistClient;
        var highdef = await DownloadAsync(client, $"/api/movies/originals/preview-files/{preview.PreviewId}.mp4");
        var video = (await SampleMovies.StreamsAsync(highdef)).Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal(("h264", 640, 360, "25/1"), (video.GetProperty("codec_name").GetString(), video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(), video.GetProperty("r_frame_rate").GetString()));
        Assert.Equal(row.FileSize, new FileInfo(highdef).Length);
        var lowdef = await DownloadAsync(client, $"/api/movies/low/preview-files/{preview.PreviewId}.mp4");
        Assert.Equal(1280, (await SampleMovies.StreamsAsync(lowdef)).First(s => s.GetProperty("codec_type").GetString() == "video").GetProperty("width").GetInt32());

        using (var thumbnail = await (await client.GetAsync($"/api/pictures/thumbnails/preview-files/{preview.PreviewId}.png")).ReadPictureAsync())
            Assert.Equal((150, 100), (thumbnail.Width, thumbnail.Height));
        using (var original = await (await client.GetAsync($"/api/pictures/originals/preview-files/{preview.PreviewId}.png")).ReadPictureAsync())
            Assert.Equal((640, 360), (original.Width, original.Height));
        // 50 frames: 8 columns of 178 px (100 × 16/9, rounded up), 7 rows of 100 px.
        using (var tiles = await (await client.GetAsync($"/api/movies/tiles/preview-files/{preview.PreviewId}.png")).ReadPictureAsync())
            Assert.Equal((8 * 178, 7 * 100), (tiles.Width, tiles.Height));
        Assert.Contains("preview-file:add-file", await factory.EventNamesAsync("preview-file:", preview.PreviewId));

        // The tile strip is made again on demand, from the stored movie.
        await factory.Services.GetRequiredService<IFileStore>().RemoveAsync(Buckets.Pictures, "tiles", preview.PreviewId, default);
        using (var rebuilt = await (await client.GetAsync($"/api/actions/preview-files/{preview.PreviewId}/extract-tile")).ReadPictureAsync())
            Assert.Equal((8 * 178, 7 * 100), (rebuilt.Width, rebuilt.Height));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/actions/preview-files/{preview.PreviewId}/extract-tile")).StatusCode);
        // The upload waited in the store for its job only.
        Assert.DoesNotContain(await factory.StoredFilesAsync(), key => key.Contains("uploads") && key.Contains(preview.PreviewId.ToString()));
    }

    [Fact]
    public async Task A_movie_sent_without_normalization_is_kept_as_uploaded()
    {
        var preview = await MoviePreviewAsync();
        var bytes = await File.ReadAllBytesAsync(movies.WithSound);
        Assert.Equal(HttpStatusCode.Created, (await preview.UploadAsync(bytes, "take.mov", query: "?normalize=false")).StatusCode);

        var row = await ProcessedAsync(preview.PreviewId);
        Assert.Equal(("ready", 320, 240), (row.Status, row.Width, row.Height));
        Assert.Equal(bytes, await preview.Scene.ArtistClient.GetByteArrayAsync($"/api/movies/originals/preview-files/{preview.PreviewId}.mp4"));
    }

    [Fact]
    public async Task A_frame_of_a_movie_is_extracted_for_managers_and_can_become_the_entitys_picture()
    {
        var preview = await MoviePreviewAsync();
        await preview.UploadAsync(await File.ReadAllBytesAsync(movies.WithSound), "take.mov", query: "?normalize=false");
        Assert.Equal("ready", (await ProcessedAsync(preview.PreviewId)).Status);
        var admin = preview.Scene.Admin;
        var extract = $"/api/actions/preview-files/{preview.PreviewId}/extract-frame";

        using (var frame = await (await admin.GetAsync($"{extract}?frame_number=5")).ReadPictureAsync())
            Assert.Equal((320, 240), (frame.Width, frame.Height));
        await (await admin.GetAsync($"{extract}?frame_number=1000")).AssertWrongParameterAsync("The movie has no frame 1000.");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{extract}?frame_number=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await preview.Scene.ArtistClient.GetAsync(extract)).StatusCode);

        var original = $"/api/pictures/originals/preview-files/{preview.PreviewId}.png";
        var firstFrame = await admin.GetByteArrayAsync(original);
        var main = await admin.PutAsJsonAsync($"/api/actions/preview-files/{preview.PreviewId}/set-main-preview", new { frame_number = 20 });
        Assert.Equal(preview.PreviewId.ToString(), (string?)(await main.ReadJsonObjectAsync())["preview_file_id"]);
        var chosen = await admin.GetByteArrayAsync(original);
        Assert.NotEqual(firstFrame, chosen);
        using (var picture = SixLabors.ImageSharp.Image.Load(chosen))
            Assert.Equal((320, 240), (picture.Width, picture.Height));

        var still = await preview.Scene.AddPreviewAsync();
        await still.UploadAsync(PictureData.Png(8, 8), "still.png");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/actions/preview-files/{still.PreviewId}/extract-frame")).StatusCode);
    }

    [Fact]
    public async Task A_truncated_movie_and_an_empty_one_are_refused_and_leave_no_record_and_no_file()
    {
        var scene = await factory.CreateCommentSceneAsync();
        foreach (var (path, message) in new[] { (movies.Truncated, "not a movie that can be read"), (movies.Empty, "The uploaded movie is empty.") })
        {
            var preview = await scene.AddPreviewAsync();
            var response = await preview.UploadAsync(await File.ReadAllBytesAsync(path), "broken.mp4");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, (string?)(await response.ReadJsonObjectAsync())["message"]);
            Assert.Null(await factory.PreviewRowAsync(preview.PreviewId));
            Assert.DoesNotContain(await factory.StoredFilesAsync(), key => key.Contains(preview.PreviewId.ToString()));
        }

        var picture = await scene.AddPreviewAsync();
        await picture.UploadAsync(PictureData.Png(10, 10), "still.png");
        await (await scene.ArtistClient.GetAsync($"/api/actions/preview-files/{picture.PreviewId}/extract-tile"))
            .AssertWrongParameterAsync("Preview file is not a movie");
    }
}

/// <summary>A server without ffmpeg: movie previews are marked broken with the reason, and nothing crashes.</summary>
public class MovieUploadWithoutFfmpegTests(MovieUploadWithoutFfmpegTests.Factory factory)
    : IClassFixture<MovieUploadWithoutFfmpegTests.Factory>
{
    public sealed class Factory : SlateFactory
    {
        protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["SLATE_FFMPEG"] = "/nonexistent/ffmpeg",
            ["SLATE_FFPROBE"] = "/nonexistent/ffprobe",
        };
    }

    [Fact]
    public async Task A_movie_is_accepted_as_a_broken_preview_that_says_why()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        var response = await preview.UploadAsync([0, 0, 0, 24, 102, 116, 121, 112], "anim.mp4");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal("broken", (string?)body["status"]);
        Assert.Contains("/nonexistent/ffmpeg", (string?)body["data"]!["processing_error"]);
        Assert.DoesNotContain(await factory.StoredFilesAsync(), key => key.Contains(preview.PreviewId.ToString()));
        Assert.Equal(0, await factory.WithDb(db => db.Jobs.CountAsync()));
    }
}
