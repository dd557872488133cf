using Microsoft.Data.Sqlite;
using Npgsql;

namespace Calliyo.Storage;

/// <summary>Recognizes a unique-index violation on either database.</summary>
public static class UniqueViolations
{
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555) as extended codes.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
