using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record NodeProgress(
    int UnitId,
    string UnitName,
    UnitLevel Level,
    decimal Actual,
    decimal Target,
    decimal? ExplicitTarget,
    decimal ChildTarget,
    int FigureCount,
    decimal? Percent,
    decimal Expected,
    bool Behind,
    bool Reached,
    DateOnly? Projected
);

public sealed record SeriesPoint(DateOnly Period, decimal Change, decimal Cumulative);

public sealed record CampaignProgress(
    int CampaignId,
    string CampaignName,
    CampaignStatus Status,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly Today,
    IReadOnlyList<IndicatorRow> Indicators,
    IndicatorRow Indicator,
    NodeProgress Node,
    int? ParentUnitId,
    IReadOnlyList<SeriesPoint> Series,
    IReadOnlyList<NodeProgress> Ranking,
    UnitLevel ReportingLevel
);

/// <summary>
/// The dashboard of one indicator at one node of the campaign's tree: its series, its progress against target and
/// time (<see cref="CampaignForecast"/>), and its children ranked by % of target. Read from the summary rows only:
/// three statements whatever the campaign's size.
/// </summary>
internal sealed class ReadProgress(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>A node's summary row as the dashboard reads it (its figures, not the whole row), with its unit's
    /// name.</summary>
    internal sealed record NamedTotal(
        int UnitId,
        UnitLevel UnitLevel,
        int? ParentUnitId,
        decimal Actual,
        decimal Target,
        decimal? ExplicitTarget,
        decimal ChildTarget,
        int FigureCount,
        string Name
    );

    /// <summary>The summary rows of one indicator that a node's dashboard shows: the node, its children and the
    /// campaign's own node, each with its unit's name (the dashboard's first statement; the benchmark runs the
    /// same).</summary>
    internal static IQueryable<NamedTotal> Totals(DanVanDbContext db, int indicatorId, int node, int owner) =>
        from t in db.Set<CampaignTotal>().AsNoTracking()
        join u in db.Units on t.UnitId equals u.Id
        where t.IndicatorId == indicatorId && (t.UnitId == node || t.ParentUnitId == node || t.UnitId == owner)
        select new NamedTotal(
            t.UnitId,
            t.UnitLevel,
            t.ParentUnitId,
            t.Actual,
            t.Target,
            t.ExplicitTarget,
            t.ChildTarget,
            t.FigureCount,
            u.Name
        );

    public async Task<CampaignProgress?> HandleAsync(
        int campaignId,
        int? indicatorId,
        int? unitId,
        CancellationToken ct
    )
    {
        var found = await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct);
        if (found is null)
        {
            return null;
        }

        var (campaign, indicators) = found.Value;

        var indicator = indicatorId is { } iid
            ? indicators.SingleOrDefault(i => i.Id == iid)
            : indicators.FirstOrDefault();
        if (indicator is null)
        {
            return null;
        }

        var owner = CampaignTree.OwnerNodeId(campaign.Ref, campaign.UnitLevel);
        var node = unitId ?? owner;
        var rows = await Totals(db, indicator.Id, node, owner).ToListAsync(ct);
        var self = rows.SingleOrDefault(r => r.UnitId == node);
        if (self is null)
        {
            return null;
        }

        // The node's and its children's series, chosen by the same summary rows in the statement (a list of ids as a
        // parameter would make EF Core expand it and generate the SQL again on every call). A correction can bring a
        // period's change back to zero: such a row is no point of the series (as in the recompute).
        var nodes = db.Set<CampaignTotal>()
            .Where(t => t.IndicatorId == indicator.Id && (t.UnitId == node || t.ParentUnitId == node))
            .Select(t => t.UnitId);
        var deltas = (
            await db.Set<CampaignSeries>()
                .AsNoTracking()
                .Where(s => s.IndicatorId == indicator.Id && nodes.Contains(s.UnitId) && s.Delta != 0)
                .Select(s => new
                {
                    s.UnitId,
                    s.Period,
                    s.Delta,
                })
                .ToListAsync(ct)
        ).ToLookup(s => s.UnitId);
        var today = VietnamTime.Today(clock);
        NodeProgress Assess(NamedTotal t)
        {
            var series = CampaignForecast.Cumulative(deltas[t.UnitId].Select(d => (d.Period, d.Delta)));
            var a = CampaignForecast.Assess(
                series,
                t.Target,
                campaign.StartsOn,
                campaign.EndsOn,
                today,
                indicator.Aggregation,
                indicator.Direction
            );
            return new NodeProgress(
                t.UnitId,
                t.Name,
                t.UnitLevel,
                t.Actual,
                t.Target,
                t.ExplicitTarget,
                t.ChildTarget,
                t.FigureCount,
                a.Percent,
                a.Expected,
                a.Behind,
                a.Reached,
                a.ProjectedCompletion
            );
        }

        var points = new List<SeriesPoint>();
        var running = 0m;
        foreach (var d in deltas[node].OrderBy(d => d.Period))
        {
            running += d.Delta;
            points.Add(new SeriesPoint(d.Period, d.Delta, running));
        }

        var ceiling =
            indicator.Direction == IndicatorDirection.LowerIsBetter && indicator.Aggregation == Aggregation.Sum;
        var children = rows.Where(r => r.ParentUnitId == node).Select(Assess);
        var ranking = (
            ceiling
                ? children.OrderBy(c => c.Percent ?? decimal.MaxValue)
                : children.OrderByDescending(c => c.Percent ?? decimal.MinValue)
        )
            .ThenBy(c => c.UnitName, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
            .ToList();
        var ownerTotal = rows.SingleOrDefault(r => r.UnitId == owner);
        IndicatorRow Row(Indicator i) =>
            ownerTotal is { } o && i.Id == indicator.Id
                ? IndicatorRow.From(i, o.Actual, o.Target, o.ExplicitTarget)
                : IndicatorRow.From(i, null);
        return new CampaignProgress(
            campaign.Id,
            campaign.Name,
            campaign.Status,
            campaign.StartsOn,
            campaign.EndsOn,
            today,
            [.. indicators.Select(Row)],
            Row(indicator),
            Assess(self),
            self.ParentUnitId,
            points,
            ranking,
            campaign.ReportingLevel
        );
    }
}
