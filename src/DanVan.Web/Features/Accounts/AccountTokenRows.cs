using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

/// <summary>
/// Writes one of the account's token rows (<c>AccountTokens</c>, keyed by account, store and name) in one statement, the
/// same text on SQLite and PostgreSQL, so that two requests writing the same row at the same moment cannot both insert
/// it. With <c>onlyForward</c> the row is changed only when the new value sorts after the recorded one: the
/// statement then reports 0 rows for a value already used, which is how a one-time value is taken once.
/// </summary>
internal static class AccountTokenRows
{
    private const string Upsert = """
        INSERT INTO "AccountTokens" ("UserId", "LoginProvider", "Name", "Value")
        VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT ("UserId", "LoginProvider", "Name") DO UPDATE SET "Value" = excluded."Value"
        """;

    private const string OnlyForward = """
         WHERE "AccountTokens"."Value" < excluded."Value"
        """;

    /// <summary>The number of rows written: 1, or 0 when <paramref name="onlyForward"/> kept the recorded value.</summary>
    public static Task<int> WriteAsync(
        DanVanDbContext db,
        int accountId,
        string store,
        string name,
        string value,
        bool onlyForward = false
    ) => db.Database.ExecuteSqlRawAsync(onlyForward ? Upsert + OnlyForward : Upsert, accountId, store, name, value);
}
