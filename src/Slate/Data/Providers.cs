using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Slate.Domain;

namespace Slate.Data;

/// <summary>The embedded default: one SQLite file in the data folder.</summary>
public sealed class SqliteSlateDb(DbContextOptions<SqliteSlateDb> options) : SlateDb(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<Person>().Property(x => x.OtpRecoveryCodes)
            .HasConversion(new ByteListAsJsonConverter()!, new ByteListComparer());
    }
}

/// <summary>PostgreSQL, with Zou's column types (jsonb, arrays, bytea).</summary>
public sealed class PostgresSlateDb(DbContextOptions<PostgresSlateDb> options) : SlateDb(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(JsonNode)) property.SetColumnType("jsonb");
                // Zou's times are naive UTC (timestamp without time zone); Npgsql would make timestamptz.
                if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
                    property.SetColumnType("timestamp without time zone");
            }
        b.Entity<Person>().Property(x => x.FidoCredentials).HasColumnType("jsonb[]");
        // Zou's string arrays are varchar arrays (Npgsql would make text[]); roles hold ChoiceType codes.
        b.Entity<Comment>().Property(x => x.Links).HasColumnType("character varying[]");
        b.Entity<ProjectTaskStatusLink>().Property(x => x.RolesForBoard).HasColumnType("character varying(255)[]");
        b.Entity<ProjectTemplateTaskStatusLink>().Property(x => x.RolesForBoard).HasColumnType("character varying(255)[]");
    }
}

/// <summary>Lets `dotnet ef migrations add` build each context without a running server.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSlateDb>
{
    public SqliteSlateDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSlateDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSlateDb>
{
    public PostgresSlateDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSlateDb>().UseNpgsql("Host=localhost").Options);
}
