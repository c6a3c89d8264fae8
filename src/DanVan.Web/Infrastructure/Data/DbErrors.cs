using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// Which failed saves are a conflict with someone else's save (answered as a conflict or a retry) and which are faults
/// (left to propagate to the 500 handler and the log): only a stale version and a twin's insert of the same key are the
/// former.
/// </summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19,
        SqliteUnique = 2067,
        SqlitePrimaryKey = 1555;

    /// <summary>A unique or primary-key violation: a concurrent twin inserted the same row first.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is { } inner && IsUniqueViolation(inner);

    /// <summary>The same, raised by the provider itself (a bulk write outside the change tracker).</summary>
    public static bool IsUniqueViolation(Exception e) =>
        e switch
        {
            SqliteException s => s.SqliteErrorCode == SqliteConstraint
                && s.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
            PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };

    /// <summary>A stale version or a twin's insert: what the caller saw is out of date.</summary>
    public static bool IsConflict(DbUpdateException e) => e is DbUpdateConcurrencyException || IsUniqueViolation(e);
}
