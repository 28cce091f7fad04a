using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Slate.Data;

namespace Slate.Bench.Seed;

/// <summary>
/// Inserts many domain rows at once, column by column as Slate's EF model maps them (same
/// names, same value conversions), without the change tracker: PostgreSQL's binary COPY, or one
/// prepared INSERT per row inside a single SQLite transaction. For the seeder's large tables,
/// where saving through EF would take minutes. PostgreSQL's statistics are refreshed after each.
/// </summary>
public sealed partial class BulkRows(SlateDb db)
{
    sealed record Column(string Name, PropertyInfo Property, RelationalTypeMapping Mapping, string StoreType);

    public async Task InsertAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not a table.");
        var table = entity.GetTableName()!;
        var columns = entity.GetProperties()
            .Select(p => new Column(p.GetColumnName(), p.PropertyInfo!, (RelationalTypeMapping)p.GetTypeMapping(), p.GetColumnType()))
            .ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is NpgsqlConnection postgres) await CopyAsync(postgres, table, names, columns, rows, ct);
            else await InsertEachAsync(db.Database.GetDbConnection(), table, names, columns, rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task CopyAsync<T>(NpgsqlConnection connection, string table, string names, List<Column> columns,
        IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        // Npgsql names types without their length: "character varying(80)" is "character varying".
        var types = columns.Select(c => Facets().Replace(c.StoreType, "")).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Property.GetValue(row);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(columns[i].Mapping.Converter?.ConvertToProvider(value) ?? value, types[i], ct);
            }
        }
        await importer.CompleteAsync(ct);
        await importer.CloseAsync(ct);
        // Fresh statistics, or the planner takes the new millions of rows for an empty table.
        await using var analyze = new NpgsqlCommand($"ANALYZE \"{table}\"", connection);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    static async Task InsertEachAsync<T>(DbConnection connection, string table, string names, List<Column> columns,
        IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        foreach (var row in rows)
        {
            // The mapping makes each parameter exactly as EF would (converted value, SQLite type).
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
                command.Parameters.Add(columns[i].Mapping.CreateParameter(command, "$p" + i, columns[i].Property.GetValue(row)));
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Facets();
}
