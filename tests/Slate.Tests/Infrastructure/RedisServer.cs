using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// A redis-server of the test's own on a free 127.0.0.1 port (nothing saved to disk), which a
/// test may stop and start again on the same port. Disposing ends it. scripts/ensure-redis.sh
/// (run by test.sh) installs redis-server.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    readonly StringBuilder output = new();
    Process? process;

    public int Port { get; } = ServerProcess.FreePort();

    /// <summary>Slate's settings pointing at this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["KV_HOST"] = "127.0.0.1",
        ["KV_PORT"] = Port.ToString(),
    };

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts it (again) on its port and returns once it answers.</summary>
    public async Task StartAgainAsync()
    {
        // Through a shell that ends redis-server when its standard input closes: the test process
        // may be killed without running its exit handlers, and redis-server must not outlive it.
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList =
            {
                "-c", "redis-server \"$@\" & read -r _; kill $!", "redis",
                "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            },
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"These tests need bash and redis-server (scripts/ensure-redis.sh): {e.Message}");
        }
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(process);
    }

    /// <summary>Ends it at once, as a crash would.</summary>
    public void Stop()
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    async Task WaitUntilAnsweringAsync(Process started)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (started.HasExited)
                throw new InvalidOperationException($"redis-server stopped at start (is it installed? scripts/ensure-redis.sh):\n{Output}");
            if (await AnswersPingAsync()) return;
            if (clock.Elapsed > StartTimeout)
            {
                Stop();
                throw new TimeoutException($"redis-server did not answer on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    string Output
    {
        get { lock (output) return output.ToString(); }
    }
}
