using System.Data.Common;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DanVan.Bench.Benchmarks;

/// <summary>
/// The baselines of P1: the same figures a dashboard shows, read by the SQL a careful person would write by hand
/// (one pass over the rows each figure needs, through the same indexes), executed through plain ADO.NET and read
/// completely. Standard SQL that runs unchanged on SQLite and PostgreSQL; dates and flags are parameters.
/// </summary>
internal sealed class HandSql(BenchOptions options)
{
    private const string Running = "(2, 3)"; // Assigned, InProgress
    private const string Open = "(1, 2, 3, 7)"; // Received, Assigned, InProgress, Reopened
    private const string Recognized = "(6, 8)"; // Recognized, Commended

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection conn =
            options.Provider == DatabaseProvider.Sqlite
                ? new SqliteConnection(options.ConnectionString)
                : new NpgsqlConnection(options.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    /// <summary>The subtree as an equality on one ancestor column (nothing for the country).</summary>
    private static string Within(UnitRef unit, string alias = "") =>
        unit.Level switch
        {
            UnitLevel.Province => $"{alias}\"ProvinceId\" = {unit.Id}",
            UnitLevel.Commune => $"{alias}\"CommuneId\" = {unit.Id}",
            UnitLevel.Village => $"{alias}\"VillageId\" = {unit.Id}",
            _ => "1 = 1",
        };

    private object Date(DateOnly day) =>
        options.Provider == DatabaseProvider.Sqlite
            ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : day;

    /// <summary>Runs the statements and reads every value of every row; returns the number of rows read.</summary>
    private async Task<int> ReadAsync(
        DbConnection conn,
        CancellationToken ct,
        params (string Sql, (string Name, object Value)[] Parameters)[] statements
    )
    {
        var rows = 0;
        foreach (var (sql, parameters) in statements)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                cmd.Parameters.Add(p);
            }

            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
                rows++;
            }
        }

        return rows;
    }

    /// <summary>The petition dashboard: counts by category, agency, status, overdue, on time and escalated, with the
    /// names; the histogram of days to answer.</summary>
    public Task<int> PetitionDashboardAsync(DbConnection conn, UnitRef unit, DateOnly today, CancellationToken ct) =>
        ReadAsync(
            conn,
            ct,
            (
                $"""
                SELECT g.cat, c."Name", g.org, o."Name", g.n, g.open, g.od, g.ans, g.ot, g.res, g.cnr, g.esc
                FROM (SELECT "CategoryId" AS cat, "AssignedOrganizationId" AS org, COUNT(*) AS n,
                        SUM(CASE WHEN "Status" IN {Open} THEN 1 ELSE 0 END) AS open,
                        SUM(CASE WHEN "Status" IN {Running} AND "DueOn" < @today THEN 1 ELSE 0 END) AS od,
                        SUM(CASE WHEN "AnsweredOnTime" IS NOT NULL THEN 1 ELSE 0 END) AS ans,
                        SUM(CASE WHEN "AnsweredOnTime" THEN 1 ELSE 0 END) AS ot,
                        SUM(CASE WHEN "Status" = 5 THEN 1 ELSE 0 END) AS res,
                        SUM(CASE WHEN "Status" = 6 THEN 1 ELSE 0 END) AS cnr,
                        SUM(CASE WHEN "EscalatedToUnitId" IS NULL THEN 0 ELSE 1 END) AS esc
                      FROM "Petitions" WHERE {Within(unit)} GROUP BY 1, 2) g
                JOIN "PetitionCategories" c ON c."Id" = g.cat
                LEFT JOIN "Organizations" o ON o."Id" = g.org
                """,
                [("today", Date(today))]
            ),
            (
                $"""SELECT "DaysToAnswer", COUNT(*) FROM "Petitions" WHERE {Within(unit)} AND "DaysToAnswer" IS NOT NULL GROUP BY 1""",
                []
            )
        );

    /// <summary>The model counts of a year: by field, kind, status, level and recognition level; replications by
    /// field and kind.</summary>
    public Task<int> ModelCountsAsync(DbConnection conn, UnitRef unit, int year, CancellationToken ct) =>
        ReadAsync(
            conn,
            ct,
            (
                $"""
                SELECT "FieldId", "Kind", "Status", "UnitLevel",
                  CASE WHEN "Status" IN {Recognized} THEN "RecognitionLevel" END,
                  SUM(CASE WHEN "RegisteredOn" >= @from AND "RegisteredOn" <= @to THEN 1 ELSE 0 END),
                  SUM(CASE WHEN "Status" IN {Recognized} AND "RecognizedOn" >= @from AND "RecognizedOn" <= @to THEN 1 ELSE 0 END),
                  COUNT(*)
                FROM "Models" WHERE {Within(unit)} GROUP BY 1, 2, 3, 4, 5
                """,
                [("from", Date(new DateOnly(year, 1, 1))), ("to", Date(new DateOnly(year, 12, 31)))]
            ),
            (
                $"""
                SELECT m."FieldId", m."Kind", COUNT(*) FROM "ModelReplications" r JOIN "Models" m ON m."Id" = r."SourceModelId"
                WHERE {Within(unit, "r.")} AND r."StartDate" >= @from AND r."StartDate" <= @to GROUP BY 1, 2
                """,
                [("from", Date(new DateOnly(year, 1, 1))), ("to", Date(new DateOnly(year, 12, 31)))]
            )
        );

    /// <summary>A campaign's dashboard at a node: the campaign and its indicators, the node's and its children's
    /// summary rows with names, and their series.</summary>
    public Task<int> CampaignDashboardAsync(
        DbConnection conn,
        int campaignId,
        int indicatorId,
        int node,
        int owner,
        CancellationToken ct
    ) =>
        ReadAsync(
            conn,
            ct,
            (
                """SELECT c.*, i.* FROM "Campaigns" c JOIN "CampaignIndicators" i ON i."CampaignId" = c."Id" WHERE c."Id" = @c ORDER BY i."SortOrder", i."Id" """,
                [("c", campaignId)]
            ),
            (
                """
                SELECT t.*, u."Name" FROM "CampaignTotals" t JOIN "Units" u ON u."Id" = t."UnitId"
                WHERE t."IndicatorId" = @i AND (t."UnitId" = @node OR t."ParentUnitId" = @node OR t."UnitId" = @owner)
                """,
                [("i", indicatorId), ("node", node), ("owner", owner)]
            ),
            (
                """
                SELECT "UnitId", "Period", "Delta" FROM "CampaignSeries"
                WHERE "IndicatorId" = @i AND "Delta" <> 0 AND "UnitId" IN
                  (SELECT "UnitId" FROM "CampaignTotals" WHERE "IndicatorId" = @i AND ("UnitId" = @node OR "ParentUnitId" = @node))
                """,
                [("i", indicatorId), ("node", node)]
            )
        );

    /// <summary>The home page: units by kind, organizations, accounts, what needs someone today (petitions, conferences
    /// without results), running campaigns' top nodes with their first and last periods, and the year's model counts.</summary>
    public async Task<int> HomeAsync(DbConnection conn, UnitRef unit, DateOnly today, CancellationToken ct)
    {
        var taking =
            unit.Level == UnitLevel.Central
                ? """SELECT "CampaignId" FROM "CampaignParticipants" """
                : $"""SELECT "CampaignId" FROM "CampaignParticipants" WHERE {Within(unit)}""";
        var rows = await ReadAsync(
            conn,
            ct,
            ($"""SELECT "Kind", COUNT(*) FROM "Units" WHERE "ValidTo" IS NULL AND {Within(unit)} GROUP BY 1""", []),
            ($"""SELECT COUNT(*) FROM "Organizations" WHERE "IsActive" = TRUE AND {Within(unit)}""", []),
            ($"""SELECT "IsDisabled", COUNT(*) FROM "Accounts" WHERE {Within(unit)} GROUP BY 1""", []),
            // Each tally on its own index (one pass over the open petitions reads the table for the extension column).
            ($"""SELECT COUNT(*) FROM "Petitions" WHERE {Within(unit)} AND "Status" IN {Open}""", []),
            (
                $"""SELECT COUNT(*) FROM "Petitions" WHERE {Within(unit)} AND "Status" IN {Running} AND "DueOn" < @today""",
                [("today", Date(today))]
            ),
            ($"""SELECT COUNT(*) FROM "Petitions" WHERE {Within(unit)} AND "Status" IN (1, 7)""", []),
            (
                $"""SELECT COUNT(*) FROM "Petitions" WHERE {Within(unit)} AND "Status" IN {Running} AND "ExtensionRequestedTo" IS NOT NULL""",
                []
            ),
            (
                $"""SELECT COUNT(*) FROM "Petitions" WHERE "EscalatedToUnitId" = {unit.Id} AND "Status" IN {Running}""",
                []
            ),
            (
                $"""SELECT COUNT(*) FROM "Dialogues" WHERE "Type" = 2 AND "ResultsPublishedOn" IS NULL AND "HeldOn" < @today AND {Within(unit)}""",
                [("today", Date(today))]
            ),
            (
                $"""
                SELECT c."Id", c."Name", c."StartsOn", c."EndsOn", i."Id", i."Name", i."SortOrder", i."Aggregation", i."Direction",
                  t."Actual", t."Target",
                  (SELECT MIN(s."Period") FROM "CampaignSeries" s WHERE s."IndicatorId" = i."Id" AND s."UnitId" = t."UnitId"),
                  (SELECT MAX(s."Period") FROM "CampaignSeries" s WHERE s."IndicatorId" = i."Id" AND s."UnitId" = t."UnitId"),
                  (SELECT s."Delta" FROM "CampaignSeries" s WHERE s."IndicatorId" = i."Id" AND s."UnitId" = t."UnitId"
                   ORDER BY s."Period" LIMIT 1)
                FROM "Campaigns" c JOIN "CampaignIndicators" i ON i."CampaignId" = c."Id"
                JOIN "CampaignTotals" t ON t."IndicatorId" = i."Id" AND t."ParentUnitId" IS NULL
                WHERE c."Status" = 2 AND c."StartsOn" <= @today AND ({Within(unit, "c.")} OR c."Id" IN ({taking}))
                """,
                [("today", Date(today))]
            )
        );
        return rows + await ModelCountsAsync(conn, unit, today.Year, ct);
    }
}
