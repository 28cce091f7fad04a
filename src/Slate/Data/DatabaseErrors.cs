using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Slate.Data;

/// <summary>
/// What a refused write means, in Zou's sanitized words (behavior-platform.md §2.5), for both
/// databases: a unique, foreign-key, not-null or check constraint. Nothing was written.
/// </summary>
public static class DatabaseErrors
{
    public const string Unique = "A record with the same unique values already exists.";
    public const string ForeignKey = "The change conflicts with records referencing this one.";
    public const string NotNull = "A required field is missing.";
    public const string Integrity = "The data conflicts with database integrity rules.";
    public const string Format = "One of the provided values has an invalid format.";

    /// <summary>The message for a refused write, or null when the failure is not the data's fault.</summary>
    public static string? Describe(DbUpdateException error) => error.InnerException switch
    {
        PostgresException postgres => postgres.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => Unique,
            PostgresErrorCodes.ForeignKeyViolation => ForeignKey,
            PostgresErrorCodes.NotNullViolation => NotNull,
            PostgresErrorCodes.CheckViolation or PostgresErrorCodes.ExclusionViolation => Integrity,
            PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.InvalidTextRepresentation
                or PostgresErrorCodes.InvalidDatetimeFormat or PostgresErrorCodes.NumericValueOutOfRange => Format,
            _ => null,
        },
        SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.SqliteExtendedErrorCode switch
        {
            2067 or 1555 => Unique,       // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
            787 => ForeignKey,            // SQLITE_CONSTRAINT_FOREIGNKEY
            1299 => NotNull,              // SQLITE_CONSTRAINT_NOTNULL
            _ => Integrity,
        },
        _ => null,
    };
}
