using Slate.Cli;
using Slate.Data;

namespace Slate.Tests.Infrastructure;

public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs `slate` commands in-process, the way an operator would type them, against a data folder
/// and database of their own (<see cref="TestDatabase"/>), and captures what they print.
/// </summary>
/// <param name="extraSettings">Settings a test needs on top of the database's (Zou's environment variable names).</param>
public sealed class CommandRunner(IReadOnlyDictionary<string, string?>? extraSettings = null) : IAsyncLifetime
{
    readonly TestDatabase database = new();

    IReadOnlyDictionary<string, string?> Settings =>
        (extraSettings ?? new Dictionary<string, string?>()).Concat(database.Settings).ToDictionary();

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    public async Task<CommandResult> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, new CommandContext(output, error, Settings));
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Starts `slate serve` on a free local port and returns once it says it is serving.</summary>
    public Task<RunningCommand> Serve() => Start(" is serving ", "serve", "--urls", "http://127.0.0.1:0");

    /// <summary>Starts a command that runs until stopped and returns once its output holds <paramref name="ready"/>.</summary>
    public async Task<RunningCommand> Start(string ready, params string[] args)
    {
        var output = new Transcript();
        var error = new Transcript();
        var stop = new CancellationTokenSource();
        var context = new CommandContext(output.Writer, error.Writer, Settings, stop.Token);
        var run = Task.Run(() => CommandLine.RunAsync(args, context));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!output.ToString().Contains(ready))
        {
            if (run.IsCompleted || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{args[0]} did not start: {output}{error}{run.Exception}");
            await Task.Delay(50);
        }
        return new RunningCommand(run, output, stop);
    }

    /// <summary>Runs work against the database the commands use, through a host built like theirs.</summary>
    public async Task<T> WithDb<T>(Func<SlateDb, Task<T>> work)
    {
        await using var host = Server.Build([], Settings);
        return await host.Services.WithDb(work);
    }

    public sealed class RunningCommand(Task<int> run, Transcript output, CancellationTokenSource stop) : IAsyncDisposable
    {
        public string Output => output.ToString();

        /// <summary>Asks the command to stop, as Ctrl+C does, and returns its exit code.</summary>
        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            return await run;
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
    }

    /// <summary>Text written by the server's thread and read by the test's.</summary>
    public sealed class Transcript
    {
        readonly StringWriter text = new();

        /// <summary>Each write holds the lock on this writer (TextWriter.Synchronized), so reads take it too.</summary>
        public TextWriter Writer { get; }

        public Transcript() => Writer = TextWriter.Synchronized(text);

        public override string ToString()
        {
            lock (Writer) return text.ToString();
        }
    }
}
