using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Slate.Media;

/// <summary>A movie that cannot be read or processed; the message says why (ffmpeg's own words when it has them).</summary>
public sealed class MovieException(string message) : Exception(message);

/// <summary>What ffprobe says of a movie's first video stream.</summary>
/// <param name="Duration">Seconds: the video stream's duration, else the container's.</param>
/// <param name="FrameCount">The stream's frame count when the container records it, else duration × frame rate.</param>
/// <param name="DisplayAspectRatio">Width over height as displayed (non-square pixels included).</param>
public sealed record MovieProbe(
    int Width, int Height, double Duration, double FrameRate, int FrameCount,
    double DisplayAspectRatio, bool HasAudio, string VideoCodec);

/// <summary>
/// The one place that runs ffmpeg and ffprobe (SLATE_FFMPEG, SLATE_FFPROBE): probing, normalizing
/// (§5.5), frames and tile strips, from files to files, no storage. Each run is a process started
/// with an argument list (no shell), killed when cancelled or after SLATE_FFMPEG_TIMEOUT; a
/// failure is a <see cref="MovieException"/> carrying what ffmpeg wrote on stderr.
/// </summary>
public sealed class Movies(Settings settings)
{
    /// <summary>Height of one cell of a tile strip, and its columns (Zou's generate_tile).</summary>
    public const int TileCellHeight = 100;
    public const int TileColumns = 8;
    public const int TileMaxRows = 480;

    const int MessageTail = 1000;
    readonly TimeSpan timeout = TimeSpan.FromSeconds(settings.FfmpegTimeout);
    readonly Lazy<string?> unavailable = new(() => Check(settings));

    /// <summary>Whether both programs run, checked once (on first use: the server checks at start).</summary>
    public bool Available => Unavailable is null;

    /// <summary>Why ffmpeg or ffprobe cannot be used, or null when both can.</summary>
    public string? Unavailable => unavailable.Value;

    public async Task<MovieProbe> ProbeAsync(string path, CancellationToken cancel)
    {
        if (new FileInfo(path) is { Exists: true, Length: 0 }) throw new MovieException("The movie file is empty.");
        var json = await RunAsync(settings.FfprobePath, ["-v", "error", "-show_streams", "-show_format", "-of", "json", path], cancel);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(s => Text(s, "codec_type") == "video" && !IsAttachedPicture(s));
        if (video.ValueKind != JsonValueKind.Object) throw new MovieException("The file has no video stream.");
        var width = video.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
        var height = video.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
        if (width <= 0 || height <= 0) throw new MovieException("The movie's video stream has no size.");
        var format = document.RootElement.TryGetProperty("format", out var f) ? f : default;
        var duration = Number(Text(video, "duration")) ?? Number(Text(format, "duration"));
        if (duration is not > 0) throw new MovieException("The movie has no duration: it is not a movie, or it is truncated.");
        var frameRate = Ratio(Text(video, "r_frame_rate")) ?? Ratio(Text(video, "avg_frame_rate")) ?? 25;
        var frameCount = int.TryParse(Text(video, "nb_frames"), CultureInfo.InvariantCulture, out var frames) && frames > 0
            ? frames : (int)Math.Round(duration.Value * frameRate);
        var aspectRatio = Ratio(Text(video, "display_aspect_ratio")?.Replace(':', '/')) ?? (double)width / height;
        return new MovieProbe(width, height, duration.Value, frameRate, frameCount, aspectRatio,
            streams.Any(s => Text(s, "codec_type") == "audio"), Text(video, "codec_name") ?? "");
    }

    /// <summary>
    /// Encodes a browser-ready MP4 (§5.5 step 5): H.264 yuv420p at the forced frame rate and
    /// bitrate, a keyframe every 2 frames, fitted inside width × height and padded to it
    /// (centered, square pixels), the index first (+faststart), with the source's first audio
    /// track as AAC, or a silent one when it has none (step 4).
    /// </summary>
    public Task EncodeAsync(string moviePath, MovieProbe probe, MovieEncoding encoding, string outputPath, CancellationToken cancel)
    {
        var (width, height) = (encoding.Width, encoding.Height);
        List<string> arguments = ["-i", moviePath];
        if (!probe.HasAudio)
            arguments.AddRange(["-f", "lavfi", "-t", Invariant(probe.Duration), "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"]);
        arguments.AddRange([
            "-map", "0:v:0", "-map", probe.HasAudio ? "0:a:0" : "1:a:0",
            // Non-square pixels are made square first, so the fit uses the displayed size.
            "-vf", $"scale=trunc(iw*sar/2)*2:ih,scale={width}:{height}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                + $"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1",
            "-r", encoding.Fps,
            "-c:v", "libx264", "-preset", "slow", "-b:v", encoding.Bitrate, "-x264opts", "keyint=2:scenecut=0", "-pix_fmt", "yuv420p",
            "-c:a", "aac",
            "-movflags", "+faststart", "-f", "mp4", outputPath,
        ]);
        return RunFfmpegAsync(arguments, cancel);
    }

    /// <summary>The frame shown at <paramref name="seconds"/>, as a PNG at the movie's size.</summary>
    public async Task ExtractFrameAsync(string moviePath, double seconds, string pngPath, CancellationToken cancel)
    {
        File.Delete(pngPath);
        await RunFfmpegAsync(["-ss", Invariant(seconds), "-i", moviePath, "-frames:v", "1", "-update", "1", pngPath], cancel);
        if (!File.Exists(pngPath)) throw new MovieException($"The movie has no frame at {Invariant(seconds)} s.");
    }

    /// <summary>
    /// The tile strip (§5.5 step 7): every frame 100 px high, 8 a row, at most 480 rows; a longer
    /// movie gives one frame in ceil(frames / 3840).
    /// </summary>
    public async Task TileAsync(string moviePath, MovieProbe probe, string pngPath, CancellationToken cancel)
    {
        var (cellWidth, rows, step) = TileLayout(probe);
        var select = step > 1 ? $"select='not(mod(n\\,{step}))'," : "";
        File.Delete(pngPath);
        await RunFfmpegAsync(["-i", moviePath, "-vf", $"{select}scale={cellWidth}:{TileCellHeight},tile={TileColumns}x{rows}",
            "-frames:v", "1", "-update", "1", pngPath], cancel);
        if (!File.Exists(pngPath)) throw new MovieException("ffmpeg made no tile strip.");
    }

    /// <summary>A cell's width, the row count and the frame step of a movie's tile strip.</summary>
    public static (int CellWidth, int Rows, int Step) TileLayout(MovieProbe probe)
    {
        var frames = Math.Max(probe.FrameCount, 1);
        var rows = Math.Min((int)Math.Ceiling(frames / (double)TileColumns), TileMaxRows);
        var step = rows == TileMaxRows ? (int)Math.Ceiling(frames / (double)(TileColumns * TileMaxRows)) : 1;
        return ((int)Math.Ceiling(TileCellHeight * probe.DisplayAspectRatio), rows, step);
    }

    Task RunFfmpegAsync(IEnumerable<string> arguments, CancellationToken cancel) =>
        RunAsync(settings.FfmpegPath, ["-y", "-nostdin", "-hide_banner", "-loglevel", "error", .. arguments], cancel);

    /// <summary>Runs a program to its end and returns its standard output.</summary>
    async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        if (Unavailable is { } reason) throw new MovieException(reason);
        var name = Path.GetFileName(program);
        using var process = Start(program, arguments);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        guard.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancel.ThrowIfCancellationRequested();
            throw new MovieException($"{name} ran longer than {timeout.TotalSeconds} s (SLATE_FFMPEG_TIMEOUT) and was stopped.");
        }
        var stdout = await output;
        var stderr = (await errors).Trim();
        if (process.ExitCode != 0)
            throw new MovieException($"{name} failed (exit code {process.ExitCode}): {(stderr.Length > MessageTail ? "..." + stderr[^MessageTail..] : stderr)}");
        return stdout;
    }

    static Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            var process = Process.Start(start)!;
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new MovieException($"{program} cannot be run: {e.Message}");
        }
    }

    /// <summary>Runs "-version" of both programs: null when they answer, else the reason.</summary>
    static string? Check(Settings settings)
    {
        foreach (var (program, variable) in new[] { (settings.FfmpegPath, "SLATE_FFMPEG"), (settings.FfprobePath, "SLATE_FFPROBE") })
        {
            try
            {
                using var process = Start(program, ["-version"]);
                process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    process.Kill(entireProcessTree: true);
                    return $"{program} -version did not answer ({variable}).";
                }
                if (process.ExitCode != 0) return $"{program} -version failed with exit code {process.ExitCode} ({variable}).";
            }
            catch (MovieException e)
            {
                return $"{e.Message} ({variable}; scripts/ensure-ffmpeg.sh installs ffmpeg).";
            }
        }
        return null;
    }

    static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.TryGetProperty("attached_pic", out var flag) && flag.ValueKind == JsonValueKind.Number && flag.GetInt32() == 1;

    static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>"30000/1001" or "4/3" as a number; null when missing or not a positive ratio.</summary>
    static double? Ratio(string? text)
    {
        if (text?.Split('/') is not [var top, var bottom]) return null;
        var (numerator, denominator) = (Number(top), Number(bottom));
        return numerator > 0 && denominator > 0 ? numerator / denominator : null;
    }

    static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>One encoding of a movie preview: its exact size, frame rate ("25.000") and video bitrate ("28M").</summary>
public sealed record MovieEncoding(int Width, int Height, string Fps, string Bitrate)
{
    /// <summary>The high definition movie ("previews" prefix): the target size at 28 Mbit/s.</summary>
    public static MovieEncoding HighDef(int width, int height, string fps) => new(width, height, fps, "28M");

    /// <summary>The low definition movie ("lowdef" prefix): 1280 wide at 6 Mbit/s.</summary>
    public static MovieEncoding LowDef(int width, int height, string fps)
    {
        var (lowWidth, lowHeight) = MovieTarget.LowDef(width, height);
        return new(lowWidth, lowHeight, fps, "6M");
    }
}

/// <summary>
/// At start, in the background: says clearly when ffmpeg or ffprobe cannot be run. The server
/// runs on either way; movie previews are then marked broken.
/// </summary>
sealed class MoviesStartupCheck(Movies movies, ILogger<MoviesStartupCheck> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (await Task.Run(() => movies.Unavailable, stopping) is { } reason)
            log.LogWarning("Movies: {Reason} Movie previews will be marked broken until ffmpeg and ffprobe can be run.", reason);
    }
}
