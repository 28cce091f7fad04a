using System.ComponentModel;
using System.Diagnostics;
using Slate.Tests.Comments;
using Slate.Tests.Infrastructure;
using Slate.Tests.Realtime;

namespace Slate.Tests.Protocol;

/// <summary>
/// The Socket.IO clients studios really use, against a real server process: socket.io-client 4
/// (Kitsu's) under Node, and python-socketio used the way gazu does. Each script in
/// tests/protocol connects to /events in its ways, comments over HTTP, checks the events it
/// receives and that a bad token is refused, and exits 0 only when all of that held
/// (scripts/ensure-protocol-clients.sh installs them; test.sh runs it).
/// </summary>
public class ProtocolClientTests(ProtocolClientTests.Server server) : IClassFixture<ProtocolClientTests.Server>
{
    /// <summary>A scene made through an in-memory server, served by a real server process on the same database.</summary>
    public sealed class Server : SlateFactory, IAsyncLifetime
    {
        ServerProcess? process;

        public ServerProcess Process => process!;

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            process = await ServerProcess.StartAsync(Database.Settings);
        }

        public new async Task DisposeAsync()
        {
            if (process is not null) await process.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    static readonly string ProtocolFolder = Path.Combine(RepositoryRoot(), "tests", "protocol");

    [Fact]
    public async Task Socket_io_client_receives_events_over_polling_websocket_and_upgrade_and_a_bad_token_is_refused()
    {
        var (exitCode, output) = await RunAsync("node", "socketio-client.mjs");

        Assert.True(exitCode == 0, $"socketio-client.mjs exited with {exitCode}:\n{output}\nServer:\n{server.Process.Output}");
        foreach (var check in new[]
                 {
                     "ok bearer, polling only: connected, received task:update and comment:new over polling",
                     "ok bearer, websocket only: connected, received task:update and comment:new over websocket",
                     "ok bearer, polling upgraded to websocket: connected, received task:update and comment:new over websocket",
                     "ok access_token_cookie, as Kitsu: connected, received task:update and comment:new over websocket",
                     "ok bad token, polling: refused",
                     "ok bad token, websocket: refused",
                 })
            Assert.Contains(check, output);
    }

    [Fact]
    public async Task Python_socketio_used_as_gazu_does_receives_events_and_a_bad_token_is_refused()
    {
        // Debian's python3, where python3-socketio is installed: a pyenv python3 on PATH lacks it.
        var (exitCode, output) = await RunAsync("/usr/bin/python3", "socketio_client.py");

        Assert.True(exitCode == 0, $"socketio_client.py exited with {exitCode}:\n{output}\nServer:\n{server.Process.Output}");
        Assert.Contains("ok bearer header: received task:update and comment:new", output);
        Assert.Contains("ok bad token: refused", output);
    }

    /// <summary>Runs a script of tests/protocol on a fresh scene of the server and returns its exit code and output.</summary>
    async Task<(int ExitCode, string Output)> RunAsync(string program, string script)
    {
        var scene = await server.CreateCommentSceneAsync();
        var start = new ProcessStartInfo(program)
        {
            ArgumentList = { script },
            WorkingDirectory = ProtocolFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["SLATE_URL"] = server.Process.Address.ToString().TrimEnd('/'),
                ["SLATE_TOKEN"] = SocketTestClient.TokenOf(scene.Admin),
                ["SLATE_TASK_ID"] = scene.Task.Id.ToString(),
                ["SLATE_STATUS_ID"] = scene.Statuses.Wip.Id.ToString(),
            },
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is missing: run scripts/ensure-protocol-clients.sh ({e.Message})");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            return (process.ExitCode, await output + await errors);
        }
    }

    static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Slate.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException($"No Slate.sln above {AppContext.BaseDirectory}.");
    }
}
