using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Slate.Data;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Data;

/// <summary>
/// Zou's schema (Fixtures/models.tsv) against Slate's EF model and against the schema the
/// migrations really built, on whichever database this run uses. Each test lists every problem
/// it finds at once, so one run shows the whole gap.
/// </summary>
public class SchemaTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>One column of Zou's schema; relationships and computed attributes are left out.</summary>
    sealed record ZouColumn(string Table, string Column, string Type, bool Nullable, bool InPrimaryKey, string? ForeignTable);

    static readonly IReadOnlyList<ZouColumn> Zou = ReadModelsTsv();

    static IReadOnlyList<ZouColumn> ReadModelsTsv()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "models.tsv"));
        var header = lines[0].Split('\t').Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        return lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Where(cells => !cells[header["type"]].StartsWith("relation") && !cells[header["type"]].StartsWith("hybrid_property"))
            .Select(cells => new ZouColumn(
                cells[header["table"]],
                cells[header["column"]],
                cells[header["type"]],
                cells[header["nullable"]] == "yes",
                cells[header["unique_or_index"]].Split(';', StringSplitOptions.TrimEntries).Contains("pk"),
                cells[header["foreign_key"]] is { Length: > 0 } target ? target.Split('.')[0] : null))
            .ToList();
    }

    [Fact]
    public void Zou_has_77_tables()
    {
        Assert.Equal(77, Zou.Select(c => c.Table).Distinct().Count());
    }

    [Fact]
    public async Task Every_Zou_column_exists_with_its_nullability()
    {
        var problems = await factory.WithDb(async db =>
        {
            var live = await LiveSchema.Read(db);
            var found = new List<string>();
            foreach (var zou in Zou)
            {
                var model = ModelTable(db, zou.Table);
                var property = model?.GetProperties().FirstOrDefault(p => ColumnName(p) == zou.Column);
                if (model is null) found.Add($"{zou.Table}: table missing from the EF model");
                else if (property is null) found.Add($"{zou.Table}.{zou.Column}: column missing from the EF model");
                else if (property.IsNullable != zou.Nullable)
                    found.Add($"{zou.Table}.{zou.Column}: EF model says nullable={property.IsNullable}, Zou says {zou.Nullable}");

                if (!live.Columns.TryGetValue((zou.Table, zou.Column), out var liveNullable))
                    found.Add($"{zou.Table}.{zou.Column}: column missing from the database");
                else if (liveNullable != zou.Nullable)
                    found.Add($"{zou.Table}.{zou.Column}: database says nullable={liveNullable}, Zou says {zou.Nullable}");
            }
            return found.Distinct().ToList();
        });
        AssertNone(problems);
    }

    [Fact]
    public async Task Primary_keys_are_Zous()
    {
        var problems = await factory.WithDb(async db =>
        {
            var live = await LiveSchema.Read(db);
            var found = new List<string>();
            foreach (var table in Zou.GroupBy(c => c.Table))
            {
                var expected = table.Where(c => c.InPrimaryKey).Select(c => c.Column).Order().ToList();
                var model = ModelTable(db, table.Key)?.FindPrimaryKey()?.Properties.Select(ColumnName).Order().ToList() ?? [];
                var database = live.PrimaryKeys.GetValueOrDefault(table.Key, []).Order().ToList();
                if (!model.SequenceEqual(expected))
                    found.Add($"{table.Key}: EF primary key ({string.Join(", ", model)}), Zou's ({string.Join(", ", expected)})");
                if (!database.SequenceEqual(expected))
                    found.Add($"{table.Key}: database primary key ({string.Join(", ", database)}), Zou's ({string.Join(", ", expected)})");
            }
            return found;
        });
        AssertNone(problems);
    }

    [Fact]
    public async Task Foreign_keys_point_at_Zous_tables()
    {
        var problems = await factory.WithDb(db =>
        {
            var found = new List<string>();
            foreach (var zou in Zou.Where(c => c.ForeignTable is not null))
            {
                var targets = ModelTable(db, zou.Table)?.GetForeignKeys()
                    .Where(fk => fk.Properties.Count == 1 && ColumnName(fk.Properties[0]) == zou.Column)
                    .Select(fk => fk.PrincipalEntityType.GetTableName())
                    .ToList() ?? [];
                if (!targets.Contains(zou.ForeignTable))
                    found.Add($"{zou.Table}.{zou.Column}: no foreign key to {zou.ForeignTable} in the EF model" +
                              (targets.Count > 0 ? $" (points at {string.Join(", ", targets)})" : ""));
            }
            return Task.FromResult(found);
        });
        AssertNone(problems);
    }

    /// <summary>SQLite only has type affinities; PostgreSQL's column types are Zou's.</summary>
    [Fact]
    public async Task Column_types_are_Zous_on_PostgreSQL()
    {
        var problems = await factory.WithDb(async db =>
        {
            if (db.Database.IsSqlite()) return [];
            var live = await LiveSchema.Read(db);
            var found = new List<string>();
            foreach (var zou in Zou)
            {
                if (!live.Types.TryGetValue((zou.Table, zou.Column), out var type)) continue; // reported by the column test
                var expected = (PostgresType(zou.Type), MaxLength(zou.Type));
                if (type != expected)
                    found.Add($"{zou.Table}.{zou.Column}: database type {type.Name}({type.Length}), Zou's {zou.Type} is {expected.Item1}({expected.Item2})");
            }
            return found;
        });
        AssertNone(problems);
    }

    /// <summary>PostgreSQL's name (information_schema udt_name) for the column type Zou declares.</summary>
    static string PostgresType(string zouType) => zouType switch
    {
        _ when zouType.StartsWith("ARRAY(") => "_" + PostgresType(zouType["ARRAY(".Length..^1]),
        _ when zouType.StartsWith("LargeBinary") => "bytea",
        "UUID" => "uuid",
        "DateTime" => "timestamp",
        "Date" => "date",
        "Boolean" => "bool",
        "Integer" => "int4",
        "BigInteger" => "int8",
        "Float" => "float8",
        "Text" or "URLType" => "text",
        "JSONB" => "jsonb",
        // String, ChoiceType and SQLAlchemy-Utils' email, timezone, locale and IP types are strings;
        // so is Zou's one PostgreSQL enum (data_import_error.source), which SQLite could not hold.
        _ => "varchar",
    };

    static int? MaxLength(string zouType) => zouType switch
    {
        _ when zouType.StartsWith("String(") => int.Parse(zouType["String(".Length..^1]),
        _ when zouType.StartsWith("ChoiceType") || zouType.StartsWith("Enum") || zouType == "EmailType" => 255,
        "TimezoneType" or "IPAddressType" => 50,
        "LocaleType" => 10,
        _ => null,
    };

    static IEntityType? ModelTable(SlateDb db, string table) =>
        db.Model.GetEntityTypes().FirstOrDefault(e => e.GetTableName() == table);

    static string ColumnName(IReadOnlyProperty property) =>
        property.GetColumnName(StoreObjectIdentifier.Table(property.DeclaringType.GetTableName()!))!;

    static void AssertNone(List<string> problems)
    {
        if (problems.Count > 0)
            Assert.Fail($"{problems.Count} schema problem(s):\n" + string.Join("\n", problems));
    }

    /// <summary>Columns (with nullability) and primary keys as the database itself reports them.</summary>
    sealed class LiveSchema
    {
        public Dictionary<(string Table, string Column), bool> Columns { get; } = [];
        public Dictionary<string, List<string>> PrimaryKeys { get; } = [];
        /// <summary>PostgreSQL only: udt_name and character_maximum_length.</summary>
        public Dictionary<(string Table, string Column), (string Name, int? Length)> Types { get; } = [];

        public static async Task<LiveSchema> Read(SlateDb db)
        {
            var schema = new LiveSchema();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                if (db.Database.IsSqlite())
                {
                    await foreach (var row in Rows(connection, """
                        SELECT m.name, p.name, p."notnull", p.pk
                        FROM sqlite_master m JOIN pragma_table_info(m.name) p
                        WHERE m.type = 'table'
                        """))
                    {
                        schema.Columns[(row[0], row[1])] = row[2] == "0";
                        if (row[3] != "0") schema.AddKey(row[0], row[1]);
                    }
                }
                else
                {
                    await foreach (var row in Rows(connection, """
                        SELECT table_name, column_name, is_nullable, udt_name, character_maximum_length
                        FROM information_schema.columns WHERE table_schema = 'public'
                        """))
                    {
                        schema.Columns[(row[0], row[1])] = row[2] == "YES";
                        schema.Types[(row[0], row[1])] = (row[3], row[4] is { Length: > 0 } length ? int.Parse(length) : null);
                    }
                    await foreach (var row in Rows(connection, """
                        SELECT k.table_name, k.column_name
                        FROM information_schema.table_constraints t
                        JOIN information_schema.key_column_usage k
                          ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
                        WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = 'public'
                        """))
                        schema.AddKey(row[0], row[1]);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return schema;
        }

        void AddKey(string table, string column)
        {
            if (!PrimaryKeys.TryGetValue(table, out var columns)) PrimaryKeys[table] = columns = [];
            columns.Add(column);
        }

        static async IAsyncEnumerable<string[]> Rows(DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                yield return Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i))!).ToArray();
        }
    }
}
