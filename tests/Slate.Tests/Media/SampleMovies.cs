using System.Diagnostics;
using System.Text.Json;

namespace Slate.Tests.Media;

/// <summary>
/// Small movies made once per test class by ffmpeg in a temporary folder: 320×240 at 25 fps,
/// 2 s (50 frames) without sound and 1 s with a tone, and broken files.
/// </summary>
public sealed class SampleMovies : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("slate-movies-").FullName;
    public string Silent => Path.Combine(Folder, "silent.mp4");
    public string WithSound => Path.Combine(Folder, "sound.mov");
    /// <summary>The first 2 KB of <see cref="Silent"/>.</summary>
    public string Truncated => Path.Combine(Folder, "truncated.mp4");
    public string Empty => Path.Combine(Folder, "empty.mp4");
    public string Text => Path.Combine(Folder, "text.mp4");

    public async Task InitializeAsync()
    {
        await RunAsync("ffmpeg", "-y", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
            "-t", "2", "-pix_fmt", "yuv420p", Silent);
        await RunAsync("ffmpeg", "-y", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440", "-t", "1", "-pix_fmt", "yuv420p", WithSound);
        await File.WriteAllBytesAsync(Truncated, (await File.ReadAllBytesAsync(Silent))[..2048]);
        await File.WriteAllBytesAsync(Empty, []);
        await File.WriteAllTextAsync(Text, "not a movie at all");
    }

    /// <summary>ffprobe's streams of a file, for checking what Slate wrote.</summary>
    public static async Task<JsonElement[]> StreamsAsync(string path)
    {
        var json = await RunAsync("ffprobe", "-v", "error", "-show_streams", "-of", "json", path);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("streams").EnumerateArray()];
    }

    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {errors}");
        return await output;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
