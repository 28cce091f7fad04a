using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Slate.Data;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// A data folder and a database of one's own: a fresh SQLite file, or, when SLATE_TEST_POSTGRES
/// holds a server connection string (CI's second run), a fresh PostgreSQL database created on
/// that server and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly string dataDir;
    readonly string? postgresServer = Environment.GetEnvironmentVariable("SLATE_TEST_POSTGRES");
    readonly string databaseName;
    readonly bool owned;

    public TestDatabase()
        : this(Directory.CreateTempSubdirectory("slate-test-").FullName, "slate_test_" + Guid.NewGuid().ToString("N")[..12], owned: true)
    {
    }

    TestDatabase(string dataDir, string databaseName, bool owned)
    {
        this.dataDir = dataDir;
        this.databaseName = databaseName;
        this.owned = owned;
    }

    /// <summary>The same folder and database, for a second host (as after a restart); the first one cleans up.</summary>
    public TestDatabase SameStorage() => new(dataDir, databaseName, owned: false);

    public bool OnPostgres => postgresServer is not null;

    /// <summary>The settings (Zou's environment variable names) that point a Slate host here.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["SLATE_DATA_DIR"] = dataDir,
                ["SECRET_KEY"] = "test-secret-key-that-is-long-enough-for-hs256",
                ["BCRYPT_LOG_ROUNDS"] = "4",
                ["DEBUG"] = "true", // 500 bodies carry the exception, so a failing test says why
            };
            if (postgresServer is not null)
                settings["SLATE_DB_CONNECTION"] = new NpgsqlConnectionStringBuilder(postgresServer) { Database = databaseName }.ConnectionString;
            return settings;
        }
    }

    public async Task CreateAsync()
    {
        if (postgresServer is null || !owned) return;
        await using var connection = new NpgsqlConnection(postgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!owned) return;
        if (postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}

public static class ServiceProviderDb
{
    /// <summary>Runs work against a host's database in its own scope.</summary>
    public static async Task<T> WithDb<T>(this IServiceProvider services, Func<SlateDb, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SlateDb>());
    }
}
