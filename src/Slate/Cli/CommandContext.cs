using Slate.Data;

namespace Slate.Cli;

/// <summary>
/// What a command runs with: where it writes, settings laid over the environment's (tests run
/// commands in-process with their own data folder), and a token that stops a running server
/// (Ctrl+C and SIGTERM stop it too).
/// </summary>
public sealed class CommandContext(
    TextWriter output,
    TextWriter error,
    IReadOnlyDictionary<string, string?>? settings = null,
    CancellationToken stop = default)
{
    public static CommandContext ForConsole() => new(Console.Out, Console.Error);

    public TextWriter Out => output;
    public TextWriter Error => error;
    public CancellationToken Stop => stop;

    /// <summary>The server's host, exactly as `serve` builds it, so every command sees the same configuration.</summary>
    public WebApplication BuildServer(string[] hostArgs) => Server.Build(hostArgs, settings);

    /// <summary>
    /// Runs work with the server's services (built, not started). Unless told otherwise it first
    /// brings the schema up to date, as `serve` does before answering.
    /// </summary>
    public async Task<int> WithServices(Func<IServiceProvider, Task<int>> work, bool upgradeSchema = true)
    {
        await using var host = BuildServer([]);
        await using var scope = host.Services.CreateAsyncScope();
        if (upgradeSchema) await DatabaseStartup.Migrate(scope.ServiceProvider.GetRequiredService<SlateDb>(), stop);
        return await work(scope.ServiceProvider);
    }
}
