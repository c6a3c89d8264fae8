using System.Data.Common;
using System.Globalization;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Generate;

/// <summary>What a generated database says about itself: the "BenchDataset" row the generator writes first
/// (incomplete) and completes last, so an interrupted run is recognized and a run at another scale refused.</summary>
internal sealed record DatasetInfo(
    double Scale,
    int Seed,
    DateTime StartedAt,
    DateTime? CompletedAt,
    long Rows,
    double RowsPerSecond
)
{
    public bool Complete => CompletedAt is not null;

    public string ScaleText => Scale.ToString("0.0###", CultureInfo.InvariantCulture);
}

internal static class Dataset
{
    public const string Table = "BenchDataset";

    /// <summary>The tables the generator fills in bulk: their secondary indexes are dropped for the load and built
    /// again after it (an index built once is far cheaper than one kept up row by row).</summary>
    public static readonly string[] BulkTables =
    [
        "Units",
        "Organizations",
        "Accounts",
        "Assignments",
        "Models",
        "ModelEvents",
        "ModelResults",
        "ModelEvaluations",
        "EvaluationScores",
        "ModelReplications",
        "Dialogues",
        "Petitions",
        "PetitionEvents",
        "Campaigns",
        "CampaignIndicators",
        "CampaignParticipants",
        "CampaignTargets",
        "CampaignFigures",
        "CampaignFigureRevisions",
        "CampaignTotals",
        "CampaignSeries",
        "Cadres",
        "CadrePositions",
        "StaffingQuotas",
        "Responsibilities",
        "ResponsibilityVisits",
        "UnitHoldings",
    ];

    /// <summary>The marker, or null when the database or the marker does not exist; HasTables
    /// tells whether the database holds anything at all.</summary>
    public static async Task<(DatasetInfo? Info, bool HasTables)> ReadAsync(BenchOptions options, CancellationToken ct)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            if (!File.Exists(file))
            {
                return (null, false);
            }
        }
        else
        {
            var target = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            var admin = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres" };
            await using var server = new Npgsql.NpgsqlConnection(admin.ConnectionString);
            await server.OpenAsync(ct);
            await using var exists = new Npgsql.NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_database WHERE datname = @name",
                server
            );
            exists.Parameters.AddWithValue("name", target.Database!);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
            {
                return (null, false);
            }
        }

        await using var db = new DanVanDbContext(options.DbOptions());
        if (!await db.Database.CanConnectAsync(ct))
        {
            return (null, false);
        }

        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        var tables = await ScalarAsync(
            conn,
            options.Provider == DatabaseProvider.Sqlite
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            ct
        );
        var marker = await ScalarAsync(
            conn,
            options.Provider == DatabaseProvider.Sqlite
                ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{Table}'"
                : $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{Table}'",
            ct
        );
        if (marker == 0)
        {
            return (null, tables > 0);
        }

        await using var cmd = conn.CreateCommand();
        cmd.CommandText =
            $"""SELECT "Scale", "Seed", "StartedAt", "CompletedAt", "Rows", "RowsPerSecond" FROM "{Table}" """;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, true);
        }

        return (
            new DatasetInfo(
                double.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                reader.GetInt32(1),
                DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.IsDBNull(3)
                    ? null
                    : DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetInt64(4),
                reader.GetDouble(5)
            ),
            true
        );
    }

    public static async Task<long> ScalarAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public static string CreateSql(BenchOptions options) =>
        $"""
            CREATE TABLE "{Table}" ("Scale" text NOT NULL, "Seed" integer NOT NULL, "StartedAt" text NOT NULL,
              "CompletedAt" text NULL, "Rows" bigint NOT NULL, "RowsPerSecond" double precision NOT NULL);
            INSERT INTO "{Table}" VALUES ('{options.ScaleText}', {options.Seed}, '{DateTime.UtcNow:O}', NULL, 0, 0);
            """;

    public static string CompleteSql(long rows, double rate) =>
        $"""UPDATE "{Table}" SET "CompletedAt" = '{DateTime.UtcNow:O}', "Rows" = {rows}, "RowsPerSecond" = {rate.ToString("0.0", CultureInfo.InvariantCulture)}""";

    /// <summary>The secondary indexes of the bulk tables, as statements that create them again.</summary>
    public static async Task<List<(string Name, string Sql)>> IndexesAsync(
        BenchOptions options,
        DbConnection conn,
        CancellationToken ct
    )
    {
        var list = string.Join(", ", BulkTables.Select(t => $"'{t}'"));
        await using var cmd = conn.CreateCommand();
        cmd.CommandText =
            options.Provider == DatabaseProvider.Sqlite
                ? $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({list})"
                : $"""
                    SELECT i.indexname, i.indexdef FROM pg_indexes i
                    WHERE i.schemaname = current_schema() AND i.tablename IN ({list})
                      AND i.indexname NOT IN (SELECT conname FROM pg_constraint)
                    """;
        var indexes = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }
}
