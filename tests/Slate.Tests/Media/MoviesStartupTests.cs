using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Media;

/// <summary>A server whose ffmpeg cannot be run, with its log kept.</summary>
public sealed class NoFfmpegFactory : SlateFactory
{
    public ConcurrentQueue<string> Log { get; } = new();

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["SLATE_FFMPEG"] = "/nonexistent/ffmpeg" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(Log)));
    }
}

public class MoviesStartupTests(NoFfmpegFactory factory) : IClassFixture<NoFfmpegFactory>
{
    [Fact]
    public async Task A_missing_ffmpeg_is_logged_and_the_server_runs_on()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api")).StatusCode);
        for (var waited = 0; !factory.Log.Any(line => line.Contains("Movie previews will be marked broken")) && waited < 30_000; waited += 100)
            await Task.Delay(100);
        var logged = Assert.Single(factory.Log, line => line.Contains("Movie previews will be marked broken"));
        Assert.StartsWith("Movies: /nonexistent/ffmpeg cannot be run: ", logged);
    }
}
