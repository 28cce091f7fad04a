using Microsoft.EntityFrameworkCore;

namespace Slate.Data;

/// <summary>Brings the schema up to date before the server answers (serve applies pending migrations).</summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await Migrate(scope.ServiceProvider.GetRequiredService<SlateDb>(), ct);
    }

    public static async Task Migrate(SlateDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        // WAL lets readers go on while one request writes; it is a property of the file, set once.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await SqliteOptimizer.OptimizeAsync(db, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
