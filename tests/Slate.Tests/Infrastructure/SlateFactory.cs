using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Slate.Data;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// One Slate server per test class, on its own database (<see cref="TestDatabase"/>). Tests
/// isolate their data by creating what they need with unique names.
/// </summary>
public class SlateFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    readonly TestDatabase database;

    public SlateFactory() : this(new TestDatabase())
    {
    }

    /// <summary>A server on a given database: a subclass's second server shares its first one's.</summary>
    protected SlateFactory(TestDatabase database) => this.database = database;

    protected TestDatabase Database => database;

    /// <summary>A second server on the same data folder and database, as after a restart.</summary>
    public SlateFactory Restarted() => new(database.SameStorage());

    public bool OnPostgres => database.OnPostgres;

    /// <summary>Whether the server's log messages are kept in <see cref="Log"/> (for tests of what it logs).</summary>
    protected virtual bool KeepsLog => false;

    /// <summary>The server's log messages, when <see cref="KeepsLog"/>.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The first kept log message containing the text, waited for (background services log late).</summary>
    public async Task<string> LoggedAsync(string text)
    {
        await Waiting.UntilAsync(() => Log.Any(line => line.Contains(text)), $"a log message with \"{text}\"");
        return Log.First(line => line.Contains(text));
    }

    /// <summary>Extra settings a test class needs (Zou's environment variable names).</summary>
    protected virtual IDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in database.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
        if (KeepsLog) builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(Log)));
    }

    public async Task InitializeAsync()
    {
        await database.CreateAsync();
        StartServer(); // starts the host (TestServer, or Kestrel when a subclass asks), which applies the migrations
    }

    /// <summary>Runs work against the server's database in its own scope.</summary>
    public Task<T> WithDb<T>(Func<SlateDb, Task<T>> work) => Services.WithDb(work);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}
