using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Slate.Bench.Load;

/// <summary>
/// A direct connection to the database Slate serves, for the bare SQL the with-tasks listings are
/// compared with and for counting the rows a write left.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    readonly DbConnection connection;
    readonly bool postgres;

    Database(DbConnection connection, bool postgres)
    {
        this.connection = connection;
        this.postgres = postgres;
    }

    public string Name => postgres ? "PostgreSQL" : "SQLite";

    /// <summary>PostgreSQL when a connection string is given, else Slate's SQLite file in the data dir.</summary>
    public static async Task<Database> OpenAsync(string dataDir, string? postgresConnection)
    {
        var database = postgresConnection is null
            ? new Database(new SqliteConnection($"Data Source={Path.Combine(dataDir, "slate.db")};Mode=ReadOnly"), false)
            : new Database(new NpgsqlConnection(postgresConnection), true);
        await database.connection.OpenAsync();
        return database;
    }

    /// <summary>
    /// The plain query behind a with-tasks listing: the project's entities of that kind with their
    /// type, project and parent names, their tasks and the tasks' assignees, joined, in display order.
    /// </summary>
    static string WithTasksSql(WithTasksKind kind) => kind switch
    {
        WithTasksKind.Assets => """
            SELECT e.*, et.name AS type_name, p.name AS project_name, t.*, l.person_id
            FROM entity e
            JOIN entity_type et ON et.id = e.entity_type_id
            JOIN project p ON p.id = e.project_id
            LEFT JOIN task t ON t.entity_id = e.id
            LEFT JOIN task_person_link l ON l.task_id = t.id
            WHERE e.project_id = @project
              AND et.name NOT IN ('Episode', 'Sequence', 'Shot', 'Edit', 'Scene', 'Concept')
            ORDER BY et.name, e.name, e.id, t.created_at, t.id, l.person_id
            """,
        _ => """
            SELECT e.*, sq.name AS sequence_name, ep.id AS episode_id, ep.name AS episode_name, p.name AS project_name,
                   t.*, l.person_id
            FROM entity e
            JOIN entity_type et ON et.id = e.entity_type_id
            JOIN project p ON p.id = e.project_id
            JOIN entity sq ON sq.id = e.parent_id
            LEFT JOIN entity ep ON ep.id = sq.parent_id
            LEFT JOIN task t ON t.entity_id = e.id
            LEFT JOIN task_person_link l ON l.task_id = t.id
            WHERE e.project_id = @project AND et.name = 'Shot'
            ORDER BY ep.name, sq.name, e.name, e.id, t.created_at, t.id, l.person_id
            """,
    };

    /// <summary>
    /// The median time, in ms, of the bare with-tasks query with every value read, after one
    /// warm-up run; and how many rows it returned.
    /// </summary>
    public async Task<(double Ms, long Rows)> TimeWithTasksAsync(WithTasksKind kind, Guid projectId, int runs)
    {
        var times = new List<double>();
        long rows = 0;
        for (var run = 0; run <= runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var command = Command(WithTasksSql(kind), ("project", projectId));
            await using var reader = await command.ExecuteReaderAsync();
            for (rows = 0; await reader.ReadAsync(); rows++)
                for (var i = 0; i < reader.FieldCount; i++) reader.GetValue(i);
            if (run > 0) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (Statistics.Percentile(times, 0.5), rows);
    }

    /// <summary>The server's version, and for PostgreSQL whether a commit waits for the disk (figures depend on it).</summary>
    public async Task<string> DescribeAsync()
    {
        if (!postgres) return $"SQLite {await ScalarAsync("SELECT sqlite_version()")}";
        return $"PostgreSQL {await ScalarAsync("SHOW server_version")}, fsync {await ScalarAsync("SHOW fsync")}, " +
               $"synchronous_commit {await ScalarAsync("SHOW synchronous_commit")}";
    }

    async Task<string?> ScalarAsync(string sql)
    {
        await using var command = Command(sql);
        return Convert.ToString(await command.ExecuteScalarAsync());
    }

    /// <summary>How many rows of a table point at this id through that column.</summary>
    public async Task<long> CountAsync(string table, string column, Guid id)
    {
        await using var command = Command($"SELECT count(*) FROM {table} WHERE {column} = @id", ("id", id));
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>How many rows a table holds.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var command = Command($"SELECT count(*) FROM {table}");
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>EF Core stores SQLite's UUIDs as upper-case text, PostgreSQL's as uuid.</summary>
    DbCommand Command(string sql, params (string Name, Guid Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = postgres ? value : value.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

/// <summary>
/// A task's comments, news and notifications counted before and after a scenario: each posted
/// comment must come with its news row and notify the task's assignee.
/// </summary>
public sealed class WrittenRows(Guid taskId)
{
    (long Comments, long News, long Notifications) before;

    public async Task StartAsync(Database database) => before = await CountAsync(database);

    public async Task<TargetResult> JudgeAsync(Database database)
    {
        var after = await CountAsync(database);
        var (comments, news, notifications) = (after.Comments - before.Comments, after.News - before.News,
            after.Notifications - before.Notifications);
        return new TargetResult("news and notifications written", $"{comments} comments, {news} news, {notifications} notifications",
            comments > 0 && news == comments && notifications >= comments);
    }

    async Task<(long Comments, long News, long Notifications)> CountAsync(Database database) => (
        await database.CountAsync("comment", "object_id", taskId),
        await database.CountAsync("news", "task_id", taskId),
        await database.CountAsync("notification", "task_id", taskId));
}
