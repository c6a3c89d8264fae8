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

    /// <summary>The rows of the statistics' summary table of a subtree (the country's are unit 0).</summary>
    private static int RowUnit(UnitRef unit) => unit.Level == UnitLevel.Central ? 0 : unit.Id;

    /// <summary>The petition dashboard of a period: the petition figures' summary rows summed per key and breakdown for
    /// the period, the one before and a year earlier; the categories' names; each agency's open and overdue petitions
    /// today.</summary>
    public Task<int> PetitionDashboardAsync(
        DbConnection conn,
        UnitRef unit,
        DateOnly from,
        DateOnly to,
        DateOnly today,
        CancellationToken ct
    ) =>
        ReadAsync(
            conn,
            ct,
            (
                """
                SELECT "Key", "Breakdown",
                  SUM(CASE WHEN "On" >= @from AND "On" <= @to THEN "Value" ELSE 0 END),
                  SUM(CASE WHEN "On" >= @pfrom AND "On" <= @pto THEN "Value" ELSE 0 END),
                  SUM(CASE WHEN "On" >= @yfrom AND "On" <= @yto THEN "Value" ELSE 0 END),
                  SUM(CASE WHEN "On" <= @to THEN "Value" ELSE 0 END)
                FROM "StatisticCounts" WHERE "UnitId" = @unit AND "Key" LIKE 'petitions.%' AND "On" <= @to
                GROUP BY 1, 2
                """,
                [
                    ("unit", RowUnit(unit)),
                    ("from", Date(from)),
                    ("to", Date(to < today ? to : today)),
                    ("pfrom", Date(from.AddYears(-1))),
                    ("pto", Date(from.AddDays(-1))),
                    ("yfrom", Date(from.AddYears(-1))),
                    ("yto", Date(to.AddYears(-1))),
                ]
            ),
            (
                """SELECT "Id", "Name", "NameEn", "NameDe", "IsActive" FROM "PetitionCategories" ORDER BY "SortOrder", "Id" """,
                []
            ),
            (
                $"""
                SELECT g.org, o."Name", g.open, g.od
                FROM (SELECT "AssignedOrganizationId" AS org, COUNT(*) AS open,
                        SUM(CASE WHEN "Status" IN {Running} AND "DueOn" < @today THEN 1 ELSE 0 END) AS od
                      FROM "Petitions" WHERE {Within(
                    unit
                )} AND "AssignedOrganizationId" IS NOT NULL AND "Status" IN {Open}
                      GROUP BY 1) g
                JOIN "Organizations" o ON o."Id" = g.org
                """,
                [("today", Date(today))]
            )
        );

    /// <summary>The unit dashboard of a month: the unit with its children and merged units; every figure's summary
    /// rows for the month, the month before and a year earlier; the children's key figures; twelve months of trend.</summary>
    public Task<int> UnitDashboardAsync(
        DbConnection conn,
        UnitRef unit,
        DateOnly month,
        DateOnly today,
        CancellationToken ct
    )
    {
        var end = month.AddMonths(1).AddDays(-1);
        var to = end < today ? end : today;
        return ReadAsync(
            conn,
            ct,
            (
                """
                SELECT * FROM "Units" WHERE "Id" = @id OR ("ParentId" = @id AND ("ValidTo" IS NULL OR "ValidTo" >= @from))
                  OR "SuccessorId" = @id
                """,
                [("id", unit.Id), ("from", Date(month))]
            ),
            (
                """
                SELECT "Key", "Breakdown",
                  SUM(CASE WHEN "On" >= @from AND "On" <= @to THEN "Value" ELSE 0 END),
                  SUM(CASE WHEN "On" >= @pfrom AND "On" < @from THEN "Value" ELSE 0 END),
                  SUM(CASE WHEN "On" >= @yfrom AND "On" <= @yto THEN "Value" ELSE 0 END),
                  SUM(CASE WHEN "On" <= @to THEN "Value" ELSE 0 END)
                FROM "StatisticCounts" WHERE "UnitId" = @unit AND "On" <= @to GROUP BY 1, 2
                """,
                [
                    ("unit", RowUnit(unit)),
                    ("from", Date(month)),
                    ("to", Date(to)),
                    ("pfrom", Date(month.AddMonths(-1))),
                    ("yfrom", Date(month.AddYears(-1))),
                    ("yto", Date(end.AddYears(-1))),
                ]
            ),
            (
                """
                SELECT "UnitId", "Key",
                  SUM(CASE WHEN "On" >= @from THEN "Value" ELSE 0 END), SUM("Value")
                FROM "StatisticCounts" WHERE "ParentId" = @unit AND "On" <= @to GROUP BY 1, 2
                """,
                [("unit", RowUnit(unit)), ("from", Date(month)), ("to", Date(to))]
            ),
            (
                """
                SELECT "Key", "On", SUM("Value") FROM "StatisticCounts"
                WHERE "UnitId" = @unit AND "On" <= @to GROUP BY 1, 2
                """,
                [("unit", RowUnit(unit)), ("to", Date(to))]
            )
        );
    }

    /// <summary>The portal's statistics of a unit for a year: the unit and its active children (communes at most), the
    /// public figures' summary rows for the year, and the children's; a commune's parent's name.</summary>
    public Task<int> PublicStatisticsAsync(
        DbConnection conn,
        UnitRef unit,
        DateOnly year,
        DateOnly today,
        CancellationToken ct
    )
    {
        var end = year.AddYears(1).AddDays(-1);
        var to = end < today ? end : today;
        const string keys =
            "('models.recognized', 'dialogues.sessions', 'petitions.received', 'petitions.answered', 'petitions.answered_on_time')";
        var reads = new List<(string, (string, object)[])>
        {
            (
                unit.Level == UnitLevel.Central
                    ? """SELECT * FROM "Units" WHERE "ValidTo" IS NULL AND "Level" <= 1"""
                    : """SELECT * FROM "Units" WHERE "ValidTo" IS NULL AND "Level" <= 2 AND ("Id" = @id OR "ParentId" = @id)""",
                [("id", unit.Id)]
            ),
            (
                $"""
                SELECT "Key", "Breakdown", SUM(CASE WHEN "On" >= @from THEN "Value" ELSE 0 END), SUM("Value")
                FROM "StatisticCounts" WHERE "UnitId" = @unit AND "Key" IN {keys} AND "On" <= @to GROUP BY 1, 2
                """,
                [("unit", RowUnit(unit)), ("from", Date(year)), ("to", Date(to))]
            ),
        };
        if (unit.Level != UnitLevel.Commune)
        {
            reads.Add(
                (
                    $"""
                    SELECT "UnitId", "Key", SUM(CASE WHEN "On" >= @from THEN "Value" ELSE 0 END), SUM("Value")
                    FROM "StatisticCounts" WHERE "ParentId" = @unit AND "Key" IN {keys} AND "On" <= @to GROUP BY 1, 2
                    """,
                    [("unit", RowUnit(unit)), ("from", Date(year)), ("to", Date(to))]
                )
            );
        }
        else
        {
            reads.Add(("""SELECT "Name" FROM "Units" WHERE "Id" = @id""", [("id", unit.ProvinceId!.Value)]));
        }

        return ReadAsync(conn, ct, [.. reads]);
    }

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

    /// <summary>A program's coverage matrix: the program with its unit's name and its items, the child units with the
    /// program each has concretizing it, and the implementing items counted per parent item and child unit.</summary>
    public Task<int> CoverageAsync(
        DbConnection conn,
        int programId,
        int unitId,
        DateOnly today,
        CancellationToken ct
    ) =>
        ReadAsync(
            conn,
            ct,
            (
                """
                SELECT p.*, u."Name", i.* FROM "WorkPrograms" p JOIN "Units" u ON u."Id" = p."UnitId"
                LEFT JOIN "ProgramItems" i ON i."ProgramId" = p."Id" WHERE p."Id" = @p ORDER BY i."Order"
                """,
                [("p", programId)]
            ),
            (
                """
                SELECT u."Id", u."Name", p."Id", p."Status" FROM "Units" u
                LEFT JOIN "WorkPrograms" p ON p."ParentProgramId" = @p AND p."UnitId" = u."Id"
                WHERE u."ParentId" = @u AND u."ValidTo" IS NULL ORDER BY u."Name"
                """,
                [("p", programId), ("u", unitId)]
            ),
            (
                """
                SELECT "ParentItemId", "CommuneId", COUNT(*),
                  SUM(CASE WHEN "Status" = 3 THEN 1 ELSE 0 END),
                  SUM(CASE WHEN "Status" = 4 OR ("Status" IN (1, 2) AND "DueOn" < @today) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN "Status" = 2 THEN 1 ELSE 0 END)
                FROM "ProgramItems" WHERE "ParentProgramId" = @p AND "ParentItemId" IS NOT NULL AND "CommuneId" IS NOT NULL
                GROUP BY "ParentItemId", "CommuneId"
                """,
                [("p", programId), ("today", Date(today))]
            )
        );

    /// <summary>The staffing plan of the year (its default, today's): the unit with its children that keep cadres and its
    /// parent; the unit's four stored staffing figures on each year's last day and each year's stock day (today for the
    /// current year, so the same statement gives the year's total); the children's on the day.</summary>
    public Task<int> StaffingPlanAsync(DbConnection conn, UnitRef unit, DateOnly today, CancellationToken ct)
    {
        const string keys =
            "('personnel.staff', 'personnel.quota', 'personnel.staff_qualified', 'personnel.qualified_required')";
        var year = Math.Clamp(today.Year, 2025, 2030);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var day = to < today ? to : today;
        var ends = Enumerable.Range(2025, 6).Select(y => new DateOnly(y, 12, 31)).ToList();
        var days = ends.Select(e => e < today ? e : today).ToList();
        var sums = string.Join(
            ", ",
            Enumerable.Range(0, 12).Select(i => $"""SUM(CASE WHEN "On" <= @d{i} THEN "Value" ELSE 0 END)""")
        );
        return ReadAsync(
            conn,
            ct,
            (
                """
                SELECT * FROM "Units" WHERE "Id" = @id
                  OR ("ParentId" = @id AND "Level" < 3 AND ("ValidTo" IS NULL OR "ValidTo" >= @from) AND "ValidFrom" <= @to)
                  OR "Id" = (SELECT "ParentId" FROM "Units" WHERE "Id" = @id)
                """,
                [("id", unit.Id), ("from", Date(from)), ("to", Date(to))]
            ),
            (
                $"""
                SELECT "Key", {sums} FROM "StatisticCounts"
                WHERE "UnitId" = @unit AND "Key" IN {keys} AND "On" <= @last GROUP BY 1
                """,
                [
                    ("unit", RowUnit(unit)),
                    ("last", Date(ends[^1])),
                    .. ends.Concat(days).Select((d, i) => ($"d{i}", Date(d))),
                ]
            ),
            (
                $"""
                SELECT "UnitId", "Key", SUM("Value") FROM "StatisticCounts"
                WHERE "ParentId" = @unit AND "Key" IN {keys} AND "On" <= @day GROUP BY 1, 2
                """,
                [("unit", RowUnit(unit)), ("day", Date(day))]
            )
        );
    }

    /// <summary>The responsibility coverage of a province or a commune today: the unit; every current unit below it with
    /// its parent's name and its whole-unit holdings of the day (how many, the latest report, when last heard from),
    /// the holdings counted once per subtree and joined to the units.</summary>
    public Task<int> ResponsibilityCoverageAsync(
        DbConnection conn,
        UnitRef unit,
        DateOnly today,
        CancellationToken ct
    ) =>
        ReadAsync(
            conn,
            ct,
            ("""SELECT * FROM "Units" WHERE "Id" = @id""", [("id", unit.Id)]),
            (
                $"""
                SELECT u."Id", u."Name", u."Level", p."Name", h.n, h.visited, h.heard
                FROM "Units" u
                LEFT JOIN "Units" p ON p."Id" = u."ParentId"
                LEFT JOIN (SELECT "UnitId", COUNT(*) AS n, MAX("LastVisitOn") AS visited,
                             MAX(COALESCE("LastVisitOn", "FromOn")) AS heard
                           FROM "Responsibilities"
                           WHERE {Within(unit)} AND "GroupName" IS NULL AND "FromOn" <= @today
                             AND ("ToOn" IS NULL OR "ToOn" >= @today)
                           GROUP BY "UnitId") h ON h."UnitId" = u."Id"
                WHERE u."ValidTo" IS NULL AND u."Level" {(unit.Level == UnitLevel.Commune ? ">=" : ">")} @level
                  AND {Within(unit, "u.")}
                ORDER BY u."Level", u."Name"
                """,
                [("today", Date(today)), ("level", (int)unit.Level)]
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
        // The models by status now, and the statistics' summary rows of this month, last month and the year.
        var month = new DateOnly(today.Year, today.Month, 1);
        return rows
            + await ReadAsync(
                conn,
                ct,
                ($"""SELECT "Status", "UnitLevel", COUNT(*) FROM "Models" WHERE {Within(unit)} GROUP BY 1, 2""", []),
                (
                    """
                    SELECT "Key", "Breakdown",
                      SUM(CASE WHEN "On" >= @month THEN "Value" ELSE 0 END),
                      SUM(CASE WHEN "On" >= @last AND "On" < @month THEN "Value" ELSE 0 END),
                      SUM(CASE WHEN "On" >= @year THEN "Value" ELSE 0 END),
                      SUM("Value")
                    FROM "StatisticCounts" WHERE "UnitId" = @unit AND "On" <= @today GROUP BY 1, 2
                    """,
                    [
                        ("unit", RowUnit(unit)),
                        ("month", Date(month)),
                        ("last", Date(month.AddMonths(-1))),
                        ("year", Date(new DateOnly(today.Year, 1, 1))),
                        ("today", Date(today)),
                    ]
                )
            );
    }
}
