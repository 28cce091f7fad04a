using System.Net;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Media;

/// <summary>A server whose ffmpeg cannot be run, with its log kept.</summary>
public sealed class NoFfmpegFactory : SlateFactory
{
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["SLATE_FFMPEG"] = "/nonexistent/ffmpeg" };

    protected override bool KeepsLog => true;
}

public class MoviesStartupTests(NoFfmpegFactory factory) : IClassFixture<NoFfmpegFactory>
{
    [Fact]
    public async Task A_missing_ffmpeg_is_logged_and_the_server_runs_on()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api")).StatusCode);
        var logged = await factory.LoggedAsync("Movie previews will be marked broken");
        Assert.StartsWith("Movies: /nonexistent/ffmpeg cannot be run: ", logged);
    }
}
