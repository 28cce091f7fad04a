using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// The built server (`dotnet src/Slate/bin/CONFIG/net10.0/slate.dll serve`, the build these
/// tests run with) as a real child process on a free 127.0.0.1 port, so a test can kill it the
/// way a crash would: no shutdown, no finally blocks, nothing flushed. Disposing always kills it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>A client for this server (no token; log in through it).</summary>
    public HttpClient Http { get; }

    /// <summary>What the server printed so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts the server with these settings as environment variables (e.g. a
    /// <see cref="TestDatabase"/>'s) and returns once it answers.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerAssembly(), "serve", "--urls", address.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var server = new ServerProcess(Process.Start(start)!, address);
        server.process.OutputDataReceived += (_, line) => server.Record(line.Data);
        server.process.ErrorDataReceived += (_, line) => server.Record(line.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>SIGKILL to the server (and anything it started), as a crash or an OOM kill would end it.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    async Task WaitUntilAnsweringAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The server did not answer within a minute:\n{Output}");
            try
            {
                if ((await probe.GetAsync("/api/")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
    }

    void Record(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    /// <summary>A 127.0.0.1 port nothing listens on now, for a server a test starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// slate.dll of the same configuration as this test assembly:
    /// tests/Slate.Tests/bin/CONFIG/net10.0 → src/Slate/bin/CONFIG/net10.0.
    /// </summary>
    static string ServerAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Slate.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No Slate.sln above {testOutput.FullName}.");
        var path = Path.Combine(root.FullName, "src", "Slate", "bin", configuration, framework, "slate.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the server first (dotnet build Slate.sln).", path);
    }
}
