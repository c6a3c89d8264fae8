using System.Data.Common;
using DanVan.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>Plain ADO.NET on the generated database: the benchmarks' own reads, clean-ups and baselines.</summary>
internal static class BenchSql
{
    public static async Task<DbConnection> OpenAsync(BenchOptions options, CancellationToken ct)
    {
        DbConnection connection =
            options.Provider == DatabaseProvider.Postgres
                ? new NpgsqlConnection(options.ConnectionString)
                : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt64(
            await command.ExecuteScalarAsync(ct) ?? 0L,
            System.Globalization.CultureInfo.InvariantCulture
        );
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Foreign keys off for this connection (a clean-up that deletes in any order).</summary>
    public static Task<int> WithoutForeignKeysAsync(DbConnection connection, CancellationToken ct) =>
        ExecuteAsync(
            connection,
            connection is NpgsqlConnection ? "SET session_replication_role = replica" : "PRAGMA foreign_keys = OFF",
            ct
        );
}
