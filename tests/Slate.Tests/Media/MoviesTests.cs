using System.Text;
using SixLabors.ImageSharp;
using Slate.Media;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Media;

/// <summary>ffmpeg and ffprobe through <see cref="Movies"/>: probing, encoding, frames, tile strips, failures.</summary>
public class MoviesTests(SampleMovies samples) : IClassFixture<SampleMovies>
{
    readonly Movies movies = new(TestSettings.With(new Dictionary<string, string>()));

    string Output(string name) => Path.Combine(samples.Folder, $"{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task A_probe_reads_size_duration_rate_frames_ratio_and_tracks()
    {
        Assert.True(movies.Available);
        Assert.Null(movies.Unavailable);
        var silent = await movies.ProbeAsync(samples.Silent, default);
        Assert.Equal(new MovieProbe(320, 240, 2.0, 25, 50, 4.0 / 3, false, "h264"), silent);
        var sound = await movies.ProbeAsync(samples.WithSound, default);
        Assert.True(sound.HasAudio);
        Assert.Equal(25, sound.FrameCount);
    }

    [Fact]
    public async Task Files_that_are_not_whole_movies_are_refused_with_a_reason()
    {
        var truncated = await Assert.ThrowsAsync<MovieException>(() => movies.ProbeAsync(samples.Truncated, default));
        Assert.Contains("ffprobe failed", truncated.Message);
        Assert.Contains("Invalid data", truncated.Message);
        var empty = await Assert.ThrowsAsync<MovieException>(() => movies.ProbeAsync(samples.Empty, default));
        Assert.Equal("The movie file is empty.", empty.Message);
        await Assert.ThrowsAsync<MovieException>(() => movies.ProbeAsync(samples.Text, default));
        await Assert.ThrowsAsync<MovieException>(() => movies.ProbeAsync(Path.Combine(samples.Folder, "missing.mp4"), default));
    }

    [Fact]
    public async Task High_definition_is_browser_ready_h264_at_the_target_rate_and_size_with_a_silent_track()
    {
        var output = Output("hd.mp4");
        var source = await movies.ProbeAsync(samples.Silent, default);
        // 4:3 into 16:9: fitted and padded, never stretched.
        await movies.EncodeAsync(samples.Silent, source, MovieEncoding.HighDef(640, 360, "24.000"), output, default);

        var streams = await SampleMovies.StreamsAsync(output);
        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", video.GetProperty("pix_fmt").GetString());
        Assert.Equal(640, video.GetProperty("width").GetInt32());
        Assert.Equal(360, video.GetProperty("height").GetInt32());
        Assert.Equal("24/1", video.GetProperty("r_frame_rate").GetString());
        Assert.Equal("1:1", video.GetProperty("sample_aspect_ratio").GetString());
        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal("aac", audio.GetProperty("codec_name").GetString());
        // +faststart: the index comes before the media data, so browsers play while downloading.
        var head = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(output));
        Assert.True(head.IndexOf("moov", StringComparison.Ordinal) < head.IndexOf("mdat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Low_definition_is_1280_wide_and_keeps_the_sound()
    {
        var output = Output("ld.mp4");
        var source = await movies.ProbeAsync(samples.WithSound, default);
        await movies.EncodeAsync(samples.WithSound, source, MovieEncoding.LowDef(320, 240, "25.000"), output, default);
        var probe = await movies.ProbeAsync(output, default);
        Assert.Equal((1280, 960, 25.0, true, "h264"), (probe.Width, probe.Height, probe.FrameRate, probe.HasAudio, probe.VideoCodec));
    }

    [Fact]
    public async Task A_frame_is_a_png_at_the_movie_size()
    {
        var first = Output("first.png");
        await movies.ExtractFrameAsync(samples.Silent, 0, first, default);
        var later = Output("later.png");
        await movies.ExtractFrameAsync(samples.Silent, 1.04, later, default);
        var info = await Image.IdentifyAsync(first);
        Assert.Equal((320, 240), (info.Width, info.Height));
        Assert.NotEqual(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(later));
        var late = await Assert.ThrowsAsync<MovieException>(() => movies.ExtractFrameAsync(samples.Silent, 10, Output("none.png"), default));
        Assert.Equal("The movie has no frame at 10 s.", late.Message);
    }

    [Fact]
    public async Task The_tile_strip_has_8_columns_of_100_px_high_cells_one_per_frame()
    {
        var tile = Output("tile.png");
        await movies.TileAsync(samples.Silent, await movies.ProbeAsync(samples.Silent, default), tile, default);
        var info = await Image.IdentifyAsync(tile);
        // 50 frames: 7 rows of 8 cells, each ceil(100 × 4/3) = 134 px wide.
        Assert.Equal((8 * 134, 7 * 100), (info.Width, info.Height));
    }

    [Fact]
    public void Long_movies_tile_one_frame_in_n_within_480_rows()
    {
        MovieProbe Frames(int count) => new(1920, 1080, count / 25.0, 25, count, 16.0 / 9, false, "h264");
        Assert.Equal((178, 2, 1), Movies.TileLayout(Frames(9)));
        Assert.Equal((178, 479, 1), Movies.TileLayout(Frames(3832)));
        Assert.Equal((178, 480, 1), Movies.TileLayout(Frames(3840)));
        Assert.Equal((178, 480, 3), Movies.TileLayout(Frames(10_000)));
    }

    [Fact]
    public async Task Without_ffmpeg_movies_are_unavailable_with_the_reason()
    {
        var missing = new Movies(TestSettings.With(new Dictionary<string, string> { ["SLATE_FFMPEG"] = "/nonexistent/ffmpeg" }));
        Assert.False(missing.Available);
        Assert.Contains("/nonexistent/ffmpeg cannot be run", missing.Unavailable);
        Assert.Contains("SLATE_FFMPEG", missing.Unavailable);
        var refused = await Assert.ThrowsAsync<MovieException>(() => missing.ProbeAsync(samples.Silent, default));
        Assert.Equal(missing.Unavailable, refused.Message);
    }

    [Fact]
    public async Task A_run_longer_than_the_timeout_is_stopped()
    {
        var quick = new Movies(TestSettings.With(new Dictionary<string, string> { ["SLATE_FFMPEG_TIMEOUT"] = "1" }));
        var source = await quick.ProbeAsync(samples.Silent, default);
        var stopped = await Assert.ThrowsAsync<MovieException>(() =>
            quick.EncodeAsync(samples.Silent, source, MovieEncoding.HighDef(3840, 2160, "25.000"), Output("slow.mp4"), default));
        Assert.Equal("ffmpeg ran longer than 1 s (SLATE_FFMPEG_TIMEOUT) and was stopped.", stopped.Message);
    }

    [Fact]
    public async Task Cancelling_stops_ffmpeg()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var source = await movies.ProbeAsync(samples.Silent, default);
        // A 4K encode at preset slow outlasts the 200 ms.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            movies.EncodeAsync(samples.Silent, source, MovieEncoding.HighDef(3840, 2160, "25.000"), Output("big.mp4"), cancel.Token));
    }
}

/// <summary>The movie settings, read with Zou's names and defaults.</summary>
public class MovieSettingsTests
{
    [Fact]
    public void Movie_settings_default_to_ffmpeg_on_the_path_and_full_normalization()
    {
        var settings = TestSettings.With(new Dictionary<string, string>());
        Assert.Equal(("ffmpeg", "ffprobe", 10800), (settings.FfmpegPath, settings.FfprobePath, settings.FfmpegTimeout));
        Assert.False(settings.SkipNormalizationFull || settings.SkipNormalizationHighDef || settings.PreviewSaveSourceFile);
    }

    [Fact]
    public void Movie_settings_are_read_from_their_variables()
    {
        var settings = TestSettings.With(new Dictionary<string, string>
        {
            ["SLATE_FFMPEG"] = "/opt/ffmpeg/bin/ffmpeg", ["SLATE_FFPROBE"] = "/opt/ffmpeg/bin/ffprobe", ["SLATE_FFMPEG_TIMEOUT"] = "60",
            ["SKIP_NORMALIZATION_FULL"] = "true", ["SKIP_NORMALIZATION_HIGHDEF"] = "1", ["PREVIEW_SAVE_SOURCE_FILE"] = "yes",
        });
        Assert.Equal(("/opt/ffmpeg/bin/ffmpeg", "/opt/ffmpeg/bin/ffprobe", 60), (settings.FfmpegPath, settings.FfprobePath, settings.FfmpegTimeout));
        Assert.True(settings.SkipNormalizationFull && settings.SkipNormalizationHighDef && settings.PreviewSaveSourceFile);
        Assert.Equal(10800, TestSettings.With(new Dictionary<string, string> { ["SLATE_FFMPEG_TIMEOUT"] = "0" }).FfmpegTimeout);
    }
}
