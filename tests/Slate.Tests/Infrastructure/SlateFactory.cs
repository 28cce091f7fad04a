using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Slate.Data;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// One Slate server per test class, on its own database: a fresh SQLite file, or, when
/// SLATE_TEST_POSTGRES holds a server connection string (CI's second run), a fresh PostgreSQL
/// database created on that server and dropped afterwards. Tests isolate their data by
/// creating what they need with unique names.
/// </summary>
public class SlateFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    readonly string dataDir;
    readonly string? postgresServer = Environment.GetEnvironmentVariable("SLATE_TEST_POSTGRES");
    readonly string databaseName;
    readonly bool ownsStorage;

    public SlateFactory()
        : this(Directory.CreateTempSubdirectory("slate-test-").FullName, "slate_test_" + Guid.NewGuid().ToString("N")[..12], ownsStorage: true)
    {
    }

    SlateFactory(string dataDir, string databaseName, bool ownsStorage)
    {
        this.dataDir = dataDir;
        this.databaseName = databaseName;
        this.ownsStorage = ownsStorage;
    }

    /// <summary>A second server on the same data folder and database, as after a restart.</summary>
    public SlateFactory Restarted() => new(dataDir, databaseName, ownsStorage: false);

    public bool OnPostgres => postgresServer is not null;

    string? PostgresConnection => postgresServer is null
        ? null
        : new NpgsqlConnectionStringBuilder(postgresServer) { Database = databaseName }.ConnectionString;

    /// <summary>Extra settings a test class needs (Zou's environment variable names).</summary>
    protected virtual IDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SLATE_DATA_DIR", dataDir);
        builder.UseSetting("SECRET_KEY", "test-secret-key-that-is-long-enough-for-hs256");
        builder.UseSetting("BCRYPT_LOG_ROUNDS", "4");
        builder.UseSetting("DEBUG", "true"); // 500 bodies carry the exception, so a failing test says why
        if (PostgresConnection is { } connection) builder.UseSetting("SLATE_DB_CONNECTION", connection);
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
    }

    public async Task InitializeAsync()
    {
        if (postgresServer is not null && ownsStorage)
        {
            await using var connection = new NpgsqlConnection(postgresServer);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", connection);
            await create.ExecuteNonQueryAsync();
        }
        StartServer(); // starts the host (TestServer, or Kestrel when a subclass asks), which applies the migrations
    }

    /// <summary>Runs work against the server's database in its own scope.</summary>
    public async Task<T> WithDb<T>(Func<SlateDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SlateDb>());
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (!ownsStorage) return;
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
