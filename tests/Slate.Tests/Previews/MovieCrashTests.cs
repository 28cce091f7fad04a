using System.Net;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;
using Slate.Tests.Media;

namespace Slate.Tests.Previews;

/// <summary>
/// Killing the server while it normalizes a movie, then starting it again, finishes the job: the
/// upload waits in the store and the job's lease runs out, so the restarted worker takes it over.
/// The scene and the upload go through an in-memory server without workers; a real server
/// process on the same database and files runs the job and is killed.
/// </summary>
public class MovieCrashTests(MovieCrashTests.Factory factory) : IClassFixture<MovieCrashTests.Factory>, IClassFixture<SampleMovies>
{
    public sealed class Factory : SlateFactory
    {
        protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["SLATE_JOB_WORKERS"] = "0" };

        /// <summary>The settings of a server process on the same data, whose worker takes a dead worker's job within seconds.</summary>
        public IReadOnlyDictionary<string, string?> ProcessSettings => new Dictionary<string, string?>(Database.Settings)
        {
            ["SLATE_JOB_LEASE_SECONDS"] = "3",
            ["SLATE_JOB_POLL_SECONDS"] = "0.2",
        };
    }

    [Fact]
    public async Task A_normalization_killed_with_its_server_is_finished_after_a_restart()
    {
        var preview = await factory.CreatePreviewSceneAsync();
        // A full HD target makes the encode last long enough to be killed in the middle.
        await factory.WithDb(async db =>
        {
            var project = await db.Projects.FirstAsync(p => p.Id == preview.Scene.Project.Id);
            (project.Resolution, project.Fps) = ("1920x1080", "25");
            return await db.SaveChangesAsync();
        });
        var movie = Path.Combine(Path.GetTempPath(), $"slate-crash-{Guid.NewGuid():N}.mp4");
        await SampleMovies.RunAsync("ffmpeg", "-y", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
            "-t", "6", "-pix_fmt", "yuv420p", movie);
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await preview.UploadAsync(await File.ReadAllBytesAsync(movie), "long.mp4")).StatusCode);
        }
        finally
        {
            File.Delete(movie);
        }

        await using (var server = await ServerProcess.StartAsync(factory.ProcessSettings))
        {
            await Waiting.UntilAsync(async () => (await JobAsync()).Status == "running", "the server to take the job", 60);
            await Task.Delay(TimeSpan.FromSeconds(1)); // ffmpeg is encoding now
            server.Kill();
        }
        Assert.Equal(("running", "processing"), ((await JobAsync()).Status, (await factory.PreviewRowAsync(preview.PreviewId))!.Status));

        await using (await ServerProcess.StartAsync(factory.ProcessSettings))
            await Waiting.UntilAsync(async () => (await JobAsync()).Status == "done", "the restarted server to finish the job", 180);
        var job = await JobAsync();
        Assert.Equal(2, job.Attempts);
        var row = await factory.PreviewRowAsync(preview.PreviewId);
        Assert.Equal(("ready", 1920, 1080), (row!.Status, row.Width, row.Height));
        var highdef = await preview.Scene.ArtistClient.GetAsync($"/api/movies/originals/preview-files/{preview.PreviewId}.mp4");
        Assert.Equal(row.FileSize, (await highdef.Content.ReadAsByteArrayAsync()).Length);
    }

    Task<Slate.Domain.Job> JobAsync() => factory.WithDb(db => db.Jobs.AsNoTracking().SingleAsync());
}
