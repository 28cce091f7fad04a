using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// moto's S3 server (moto.server under python3), started once for the whole test run on a free
/// port, for the tests of the S3 backend; it is ended when the test process ends. Without
/// python3 or moto, the tests that need it fail at once saying so.
/// </summary>
public sealed class MotoServer
{
    static readonly Lazy<Task<MotoServer>> Shared = new(StartAsync);
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public string Endpoint { get; }

    MotoServer(string endpoint) => Endpoint = endpoint;

    public static Task<MotoServer> SharedAsync() => Shared.Value;

    /// <summary>Settings for a store of its own on this server: its own bucket names, so its buckets start empty.</summary>
    public IDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["FS_BACKEND"] = "s3",
        ["FS_S3_ENDPOINT"] = Endpoint,
        ["FS_S3_REGION"] = "us-east-1",
        ["FS_S3_ACCESS_KEY"] = "testing",
        ["FS_S3_SECRET_KEY"] = "testing",
        ["FS_BUCKET_PREFIX"] = $"slate-{Guid.NewGuid():N}"[..14] + "-",
    };

    static async Task<MotoServer> StartAsync()
    {
        var port = ServerProcess.FreePort();
        // moto's server, ended as soon as its standard input closes: the test process may be killed
        // without running its exit handlers, and the server must not outlive it.
        const string Watched = "import os, sys, threading\n"
            + "threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()\n"
            + "from moto.server import main\n"
            + "main(sys.argv[1:])\n";
        var start = new ProcessStartInfo("python3", ["-c", Watched, "-H", "127.0.0.1", "-p", port.ToString()])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"The S3 tests need python3 with moto installed (pip install 'moto[server]'): {e.Message}");
        }
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);

        var endpoint = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException(
                    $"moto's S3 server stopped at start (exit code {process.ExitCode}); the S3 tests need python3 with moto installed:\n{output}");
            try
            {
                if ((await http.GetAsync(endpoint)).StatusCode == HttpStatusCode.OK) return new MotoServer(endpoint);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (clock.Elapsed > StartTimeout)
            {
                Stop(process);
                throw new TimeoutException($"moto's S3 server did not answer on {endpoint} within {StartTimeout.TotalSeconds} s:\n{output}");
            }
            await Task.Delay(200);
        }
    }

    static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }
}
