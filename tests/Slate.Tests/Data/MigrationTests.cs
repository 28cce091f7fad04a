using Microsoft.EntityFrameworkCore;
using Slate.Data;

namespace Slate.Tests.Data;

/// <summary>Each provider's migrations describe the current model: no change is left unmigrated.</summary>
public class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_are_up_to_date()
    {
        using var db = new SqliteDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration (see ARCHITECTURE.md, Data).");
    }

    [Fact]
    public void Postgres_migrations_are_up_to_date()
    {
        using var db = new PostgresDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a PostgreSQL migration (see ARCHITECTURE.md, Data).");
    }
}
