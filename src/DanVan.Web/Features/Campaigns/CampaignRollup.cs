using System.Text.Json;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Keeps a campaign's summary rows (<see cref="CampaignTotal"/>, <see cref="CampaignSeries"/>) equal to its raw
/// figures and targets, inside the caller's transaction: figure changes become increments of the nodes on the
/// figure's path (plain SQL "x = x + d", so concurrent entries in sibling villages never lose each other's
/// update); structural changes (participants, indicators, a merger) rebuild the campaign's rows from the raw data
/// with <see cref="CampaignTree.Compute"/>, the same definition the recompute check compares against.
/// </summary>
internal sealed class CampaignRollup(DanVanDbContext db)
{
    /// <summary>
    /// Entries into a campaign run side by side; a rebuild or a refresh of its targets runs alone: it waits for the
    /// entries under way and holds new ones back, so that neither deadlocks on the other's rows nor computes from
    /// figures
    /// the other is about to change. PostgreSQL locks the campaign's row (shared or exclusive) until the transaction
    /// ends; SQLite needs nothing, as a writing transaction holds the whole database.
    /// </summary>
    public Task EnterAsync(int campaignId, CancellationToken ct) => LockCampaignAsync(campaignId, exclusive: false, ct);

    /// <inheritdoc cref="EnterAsync"/>
    public Task RebuildAsync(int campaignId, CancellationToken ct) =>
        LockCampaignAsync(campaignId, exclusive: true, ct);

    private async Task LockCampaignAsync(int campaignId, bool exclusive, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        if (exclusive)
        {
            await db.Database.ExecuteSqlAsync(
                $"""SELECT 1 FROM "Campaigns" WHERE "Id" = {campaignId} FOR UPDATE""",
                ct
            );
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Campaigns" WHERE "Id" = {campaignId} FOR SHARE""", ct);
        }
    }

    /// <summary>
    /// Takes the row locks of the nodes that will change, in key order, before anything is read: two entries for the
    /// same unit wait for each other instead of computing a stock's change from a stale neighbour. One statement for
    /// the whole batch (PostgreSQL locks the rows as the sorted scan returns them; on SQLite the update takes the
    /// database's write lock up front).
    /// </summary>
    public async Task LockAsync(IEnumerable<(int IndicatorId, int UnitId)> nodes, CancellationToken ct)
    {
        var keys = Json(nodes.Distinct().Select(n => new Key(n.IndicatorId, n.UnitId)));
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                SELECT 1 FROM "CampaignTotals" t
                JOIN jsonb_to_recordset({keys}::jsonb) AS d(i int, u int) ON t."IndicatorId" = d.i AND t."UnitId" = d.u
                ORDER BY t."IndicatorId", t."UnitId" FOR NO KEY UPDATE OF t
                """,
                ct
            );
        }
        else
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE "CampaignTotals" SET "FigureCount" = "FigureCount"
                WHERE ("IndicatorId", "UnitId") IN
                    (SELECT json_extract(value, '$.i'), json_extract(value, '$.u') FROM json_each({keys}))
                """,
                ct
            );
        }
    }

    /// <summary>
    /// Adds the changes (one per node, and per node and period, as the caller summed them) to the stored rows: totals
    /// by an atomic increment ("x = x + d"), series by an upsert that adds, each as one statement for the whole batch
    /// (SQLite's series as prepared statements of many rows). On PostgreSQL the totals' rows are locked first in key
    /// order and the series written in key order, so two batches never wait for each other in a circle.
    /// </summary>
    public async Task ApplyAsync(
        int campaignId,
        IReadOnlyDictionary<(int Indicator, int Node), (decimal Actual, int Figures)> totals,
        IReadOnlyDictionary<(int Indicator, int Node, DateOnly Period), decimal> series,
        CancellationToken ct
    )
    {
        // One change per node (the caller sums them), in key order.
        var totalChanges = new List<TotalChange>(totals.Count);
        foreach (var ((indicator, node), (actual, figures)) in totals)
        {
            var a = Thousandths.Of(actual);
            if (a != 0 || figures != 0)
            {
                totalChanges.Add(new TotalChange(indicator, node, a, figures));
            }
        }

        totalChanges.Sort();
        if (totalChanges.Count > 0)
        {
            var rows = Json(totalChanges);
            if (db.Database.IsNpgsql())
            {
                await LockAsync(totalChanges.Select(t => (t.I, t.U)), ct);
                await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE "CampaignTotals" AS t SET "Actual" = t."Actual" + d.a, "FigureCount" = t."FigureCount" + d.f
                    FROM jsonb_to_recordset({rows}::jsonb) AS d(i int, u int, a bigint, f int)
                    WHERE t."IndicatorId" = d.i AND t."UnitId" = d.u
                    """,
                    ct
                );
            }
            else
            {
                await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE "CampaignTotals" AS t SET "Actual" = t."Actual" + d.a, "FigureCount" = t."FigureCount" + d.f
                    FROM (SELECT json_extract(value, '$.i') AS i, json_extract(value, '$.u') AS u,
                        json_extract(value, '$.a') AS a, json_extract(value, '$.f') AS f FROM json_each({rows})) AS d
                    WHERE t."IndicatorId" = d.i AND t."UnitId" = d.u
                    """,
                    ct
                );
            }
        }

        // A large import's series changes (a row per village and day) are held as one array of values, not objects.
        var seriesChanges = new SeriesChange[series.Count];
        var count = 0;
        foreach (var ((indicator, node, period), delta) in series)
        {
            var d = Thousandths.Of(delta);
            if (d != 0)
            {
                seriesChanges[count++] = new SeriesChange(indicator, node, period, d);
            }
        }

        if (count == 0)
        {
            return;
        }

        Array.Sort(seriesChanges, 0, count);
        var changes = new ArraySegment<SeriesChange>(seriesChanges, 0, count);
        if (db.Database.IsNpgsql())
        {
            // Arrays rather than JSON: a large import's tens of thousands of rows are not parsed from text.
            var indicatorIds = changes.Select(s => s.I).ToArray();
            var unitIds = changes.Select(s => s.U).ToArray();
            var periods = changes.Select(s => s.P).ToArray();
            var amounts = changes.Select(s => s.D).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "CampaignSeries" ("CampaignId", "IndicatorId", "UnitId", "Period", "Delta")
                SELECT {campaignId}, d.i, d.u, d.p, d.d
                FROM unnest({indicatorIds}::int[], {unitIds}::int[], {periods}::date[], {amounts}::bigint[]) AS d(i, u, p, d)
                ORDER BY d.i, d.u, d.p
                ON CONFLICT ("IndicatorId", "UnitId", "Period") DO UPDATE SET "Delta" = "CampaignSeries"."Delta" + excluded."Delta"
                """,
                ct
            );
        }
        else
        {
            // Prepared statements of many rows each: no text of the whole batch for SQLite to parse.
            await BulkInsert.ExecuteRowsSqliteAsync(
                db,
                """
                INSERT INTO "CampaignSeries" ("CampaignId", "IndicatorId", "UnitId", "Period", "Delta") VALUES {0}
                ON CONFLICT ("IndicatorId", "UnitId", "Period") DO UPDATE SET "Delta" = "CampaignSeries"."Delta" + excluded."Delta"
                """,
                5,
                changes,
                (s, column) =>
                    column switch
                    {
                        0 => campaignId,
                        1 => s.I,
                        2 => s.U,
                        3 => s.P,
                        _ => s.D,
                    },
                ct
            );
        }
    }

    // The batch travels as one JSON parameter (short names keep it small): both databases expand it into rows.
    private readonly record struct Key(int I, int U);

    private readonly record struct TotalChange(int I, int U, long A, int F) : IComparable<TotalChange>
    {
        public int CompareTo(TotalChange other) => (I, U).CompareTo((other.I, other.U));
    }

    private readonly record struct SeriesChange(int I, int U, DateOnly P, long D) : IComparable<SeriesChange>
    {
        public int CompareTo(SeriesChange other) => (I, U, P).CompareTo((other.I, other.U, other.P));
    }

    private static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The raw data of a campaign, as the pure roll-up reads it.</summary>
    public sealed record RawCampaign(
        Campaign Campaign,
        List<Indicator> Indicators,
        IReadOnlyList<CampaignNode> Nodes,
        List<RollupFigure> Figures,
        List<RollupTarget> Targets
    );

    public async Task<RawCampaign> LoadRawAsync(int campaignId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var indicators = await db.Set<Indicator>()
            .AsNoTracking()
            .Where(i => i.CampaignId == campaignId)
            .ToListAsync(ct);
        var participants = await db.Set<CampaignParticipant>()
            .AsNoTracking()
            .Where(p => p.CampaignId == campaignId)
            .Select(p => new UnitRef(p.UnitId, UnitLevel.Village, p.ProvinceId, p.CommuneId, p.VillageId))
            .ToListAsync(ct);
        var figures = await db.Set<CampaignFigure>()
            .AsNoTracking()
            .Where(f => f.CampaignId == campaignId)
            .Select(f => new
            {
                f.IndicatorId,
                f.UnitId,
                f.ProvinceId,
                f.CommuneId,
                f.VillageId,
                f.Period,
                f.Value,
            })
            .ToListAsync(ct);
        var targets = await db.Set<IndicatorTarget>()
            .AsNoTracking()
            .Where(t => t.CampaignId == campaignId)
            .Select(t => new
            {
                t.IndicatorId,
                t.UnitId,
                t.ProvinceId,
                t.CommuneId,
                t.VillageId,
                t.Value,
            })
            .ToListAsync(ct);
        var nodes = CampaignTree.Build(participants, campaign.Ref, campaign.UnitLevel, campaign.ReportingLevel);
        return new RawCampaign(
            campaign,
            indicators,
            nodes,
            [
                .. figures.Select(f => new RollupFigure(
                    f.IndicatorId,
                    f.UnitId,
                    new UnitRef(f.UnitId, UnitLevel.Village, f.ProvinceId, f.CommuneId, f.VillageId),
                    f.Period,
                    f.Value
                )),
            ],
            [
                .. targets.Select(t => new RollupTarget(
                    t.IndicatorId,
                    new UnitRef(t.UnitId, UnitLevel.Village, t.ProvinceId, t.CommuneId, t.VillageId),
                    t.Value
                )),
            ]
        );
    }

    public static (List<NodeTotal> Totals, List<SeriesDelta> Series) Compute(RawCampaign raw)
    {
        var owner = CampaignTree.OwnerNodeId(raw.Campaign.Ref, raw.Campaign.UnitLevel);
        var totals = new List<NodeTotal>();
        var series = new List<SeriesDelta>();
        foreach (var indicator in raw.Indicators)
        {
            var (t, s) = CampaignTree.Compute(
                indicator.Id,
                indicator.Aggregation,
                raw.Nodes,
                raw.Campaign.UnitLevel,
                owner,
                raw.Campaign.ReportingLevel,
                raw.Figures,
                raw.Targets
            );
            totals.AddRange(t);
            series.AddRange(s);
        }

        return (totals, series);
    }

    /// <summary>Rebuilds every summary row of a campaign from its raw figures and targets.</summary>
    public async Task RecomputeAsync(int campaignId, CancellationToken ct)
    {
        await RebuildAsync(campaignId, ct);
        var raw = await LoadRawAsync(campaignId, ct);
        var (totals, series) = Compute(raw);
        await db.Set<CampaignTotal>().Where(t => t.CampaignId == campaignId).ExecuteDeleteAsync(ct);
        await db.Set<CampaignSeries>().Where(s => s.CampaignId == campaignId).ExecuteDeleteAsync(ct);
        db.Set<CampaignTotal>()
            .AddRange(
                totals.Select(t => new CampaignTotal
                {
                    CampaignId = campaignId,
                    IndicatorId = t.IndicatorId,
                    UnitId = t.Node.UnitId,
                    UnitLevel = t.Node.Level,
                    ParentUnitId = t.Node.ParentUnitId,
                    ProvinceId = t.Node.ProvinceId,
                    CommuneId = t.Node.CommuneId,
                    VillageId = t.Node.VillageId,
                    Actual = t.Actual,
                    ExplicitTarget = t.ExplicitTarget,
                    ChildTarget = t.ChildTarget,
                    Target = t.Target,
                    FigureCount = t.FigureCount,
                })
            );
        db.Set<CampaignSeries>()
            .AddRange(
                series.Select(s => new CampaignSeries
                {
                    CampaignId = campaignId,
                    IndicatorId = s.IndicatorId,
                    UnitId = s.UnitId,
                    Period = s.Period,
                    Delta = s.Delta,
                })
            );
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Recomputes the targets of one indicator's nodes (explicit, children's sum, in force) and writes the ones
    /// that changed; actual values are left to the increments.
    /// </summary>
    public async Task RefreshTargetsAsync(Campaign campaign, int indicatorId, CancellationToken ct)
    {
        await RebuildAsync(campaign.Id, ct);
        var rows = await db.Set<CampaignTotal>().Where(t => t.IndicatorId == indicatorId).ToListAsync(ct);
        var nodes = rows.Select(r => new CampaignNode(
                r.UnitId,
                r.UnitLevel,
                r.ParentUnitId,
                r.ProvinceId,
                r.CommuneId,
                r.VillageId
            ))
            .ToList();
        var owner = CampaignTree.OwnerNodeId(campaign.Ref, campaign.UnitLevel);
        var targets = await db.Set<IndicatorTarget>()
            .AsNoTracking()
            .Where(t => t.IndicatorId == indicatorId)
            .Select(t => new
            {
                t.UnitId,
                t.ProvinceId,
                t.CommuneId,
                t.VillageId,
                t.Value,
            })
            .ToListAsync(ct);
        var explicitByNode = new Dictionary<int, decimal>();
        foreach (var t in targets)
        {
            var position = new UnitRef(t.UnitId, UnitLevel.Village, t.ProvinceId, t.CommuneId, t.VillageId);
            if (CampaignTree.PathOf(position, campaign.UnitLevel, owner, campaign.ReportingLevel) is [var node, ..])
            {
                explicitByNode[node] = explicitByNode.GetValueOrDefault(node) + t.Value;
            }
        }

        var effective = CampaignTree.Targets(nodes, explicitByNode);
        foreach (var row in rows)
        {
            var (own, children, target) = effective[row.UnitId];
            row.ExplicitTarget = own;
            row.ChildTarget = children;
            row.Target = target;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Compares the stored summary rows with a recompute from the raw data: an empty list means they are equal.
    /// </summary>
    public async Task<List<string>> CheckAsync(int campaignId, CancellationToken ct)
    {
        var raw = await LoadRawAsync(campaignId, ct);
        var (totals, series) = Compute(raw);
        var stored = await db.Set<CampaignTotal>()
            .AsNoTracking()
            .Where(t => t.CampaignId == campaignId)
            .ToListAsync(ct);
        var storedSeries = await db.Set<CampaignSeries>()
            .AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.Delta != 0)
            .ToListAsync(ct);
        var differences = new List<string>();
        var byKey = stored.ToDictionary(s => (s.IndicatorId, s.UnitId));
        foreach (var t in totals)
        {
            if (!byKey.Remove((t.IndicatorId, t.Node.UnitId), out var s))
            {
                differences.Add($"total {t.IndicatorId}/{t.Node.UnitId} missing");
            }
            else if (
                s.Actual != t.Actual
                || s.Target != t.Target
                || s.ChildTarget != t.ChildTarget
                || s.ExplicitTarget != t.ExplicitTarget
                || s.FigureCount != t.FigureCount
                || s.ParentUnitId != t.Node.ParentUnitId
            )
            {
                differences.Add(
                    $"total {t.IndicatorId}/{t.Node.UnitId}: stored {s.Actual}/{s.Target}/{s.FigureCount}, raw {t.Actual}/{t.Target}/{t.FigureCount}"
                );
            }
        }

        differences.AddRange(byKey.Keys.Select(k => $"total {k.IndicatorId}/{k.UnitId} is not a node"));
        var expected = series.ToDictionary(s => (s.IndicatorId, s.UnitId, s.Period), s => s.Delta);
        foreach (var s in storedSeries)
        {
            if (!expected.Remove((s.IndicatorId, s.UnitId, s.Period), out var delta) || delta != s.Delta)
            {
                differences.Add(
                    $"series {s.IndicatorId}/{s.UnitId}/{s.Period:yyyy-MM-dd}: stored {s.Delta}, raw {delta}"
                );
            }
        }

        differences.AddRange(
            expected.Select(e =>
                $"series {e.Key.IndicatorId}/{e.Key.UnitId}/{e.Key.Period:yyyy-MM-dd} missing ({e.Value})"
            )
        );
        return differences;
    }
}
