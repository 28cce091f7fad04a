using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Slate.Bench.Seed;

/// <summary>
/// `slate-bench-seed --data-dir DIR [--postgres CONNECTION] [--seed 42] [--scale 1.0]`: a fresh
/// database (SQLite DIR/slate.db, or the PostgreSQL database named in CONNECTION, dropped and
/// made anew) filled with issue 7's studio, and DIR/bench-manifest.json describing it.
/// </summary>
public static class SeedProgram
{
    const string Usage = "Usage: slate-bench-seed --data-dir DIR [--postgres \"Host=...;Database=...\"] [--seed 42] [--scale 1.0]";

    public static async Task<int> Main(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = Options(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{Usage}");
            return 2;
        }
        if (!options.TryGetValue("data-dir", out var dataDir))
        {
            Console.Error.WriteLine($"Missing --data-dir.\n{Usage}");
            return 2;
        }
        var postgres = options.GetValueOrDefault("postgres");
        var seed = int.Parse(options.GetValueOrDefault("seed", "42"), CultureInfo.InvariantCulture);
        var scale = double.Parse(options.GetValueOrDefault("scale", "1.0"), CultureInfo.InvariantCulture);

        var clock = Stopwatch.StartNew();
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        if (postgres is null) DeleteSqlite(dataDir);
        else await RecreatePostgresAsync(postgres);

        await using var host = Server.Build([], new Dictionary<string, string?>
        {
            ["SLATE_DATA_DIR"] = dataDir,
            ["SLATE_DB_CONNECTION"] = postgres ?? "",
            ["DB_HOST"] = "",
            // EF's log of every command would cost more than the inserts.
            ["Logging:LogLevel:Default"] = "Warning",
            // A fresh database answers EF's first look at its migration history with an error it expects.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        });
        var manifest = await new Dataset(host.Services, seed, scale, Console.Out).BuildAsync();
        await manifest.WriteAsync(dataDir);

        var counts = manifest.Counts;
        Console.WriteLine($"Seeded {(postgres is null ? Path.Combine(dataDir, "slate.db") : "PostgreSQL " + new NpgsqlConnectionStringBuilder(postgres).Database)} " +
                          $"(seed {seed}, scale {scale.ToString(CultureInfo.InvariantCulture)}): {counts.Assets} assets, {counts.Shots} shots, " +
                          $"{counts.Tasks} tasks, {counts.Comments} comments, {counts.Persons} persons, {counts.Previews} previews " +
                          $"in {clock.Elapsed.TotalSeconds:0.0} s.");
        Console.WriteLine($"Manifest: {Path.Combine(dataDir, Manifest.FileName)}");
        return 0;
    }

    static Dictionary<string, string> Options(string[] args)
    {
        string[] known = ["data-dir", "postgres", "seed", "scale"];
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--") ? args[i][2..] : "";
            if (!known.Contains(name)) throw new ArgumentException($"Unknown argument '{args[i]}'.");
            if (i + 1 >= args.Length) throw new ArgumentException($"Option '{args[i]}' needs a value.");
            options[name] = args[++i];
        }
        return options;
    }

    static void DeleteSqlite(string dataDir)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path.Combine(dataDir, "slate.db" + suffix));
    }

    /// <summary>Drops the connection string's database (whoever is connected) and creates it empty.</summary>
    static async Task RecreatePostgresAsync(string connection)
    {
        var target = new NpgsqlConnectionStringBuilder(connection);
        var name = target.Database ?? throw new ArgumentException("--postgres needs a Database=.");
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString);
        await server.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
        {
            await using var command = new NpgsqlCommand(sql, server);
            await command.ExecuteNonQueryAsync();
        }
    }
}
