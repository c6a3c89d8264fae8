using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A running campaign whose campaign-level progress of an indicator lags behind its plan.</summary>
public sealed record CampaignBehind(
    int CampaignId,
    string Name,
    DateOnly EndsOn,
    string IndicatorName,
    int Decimals,
    decimal Actual,
    decimal Target,
    decimal Expected,
    decimal? Percent
);

/// <summary>
/// The campaign's own node of one indicator of a running campaign, with the first and last points of its series: all
/// <see cref="CampaignForecast.Assess"/> reads to decide whether it is behind (the cumulative value today is the node's
/// actual value, since no figure lies in the future; a stock that must come down starts from its first level).
/// </summary>
public sealed class CampaignNodeRow
{
    public int CampaignId { get; init; }
    public string Name { get; init; } = "";
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public int IndicatorId { get; init; }
    public string Indicator { get; init; } = "";
    public int SortOrder { get; init; }
    public Aggregation Aggregation { get; init; }
    public IndicatorDirection Direction { get; init; }

    /// <summary>The indicator's decimal places: its figures are shown with them, as on its dashboard.</summary>
    public int Decimals { get; init; }
    public decimal Actual { get; init; }
    public decimal Target { get; init; }
    public DateOnly? FirstPeriod { get; init; }
    public DateOnly? LastPeriod { get; init; }
    public decimal? FirstChange { get; init; }
}

/// <summary>
/// "What needs me today" for campaigns: the running campaigns of a unit's subtree, and those its units take part in,
/// whose campaign-level node of any indicator is behind schedule. The query composes into the home page's one
/// statement of tallies; the assessment is <see cref="CampaignForecast.Assess"/>.
/// </summary>
public static class CampaignsBehind
{
    /// <summary>The home page lists the first few; the campaigns list has the rest.</summary>
    public const int MaxCampaigns = 10;

    /// <summary>The campaign-level node of every indicator of the running campaigns a unit's subtree owns or takes part
    /// in.</summary>
    public static IQueryable<CampaignNodeRow> RunningNodes(DanVanDbContext db, UnitRef unit, DateOnly today)
    {
        var roots = new[] { (unit.Level, unit.Id) };
        var takingPart = db.Set<CampaignParticipant>()
            .Where(UnitScope.Within<CampaignParticipant>(roots, p => p.ProvinceId, p => p.CommuneId, p => p.VillageId))
            .Select(p => p.CampaignId);
        var own = db
            .Campaigns.Where(UnitScope.Within<Campaign>(roots, c => c.ProvinceId, c => c.CommuneId, c => c.VillageId))
            .Select(c => c.Id);

        // The campaign's own node is the root of each indicator's tree: the one node without a parent.
        return from c in db.Campaigns
            where
                c.Status == CampaignStatus.Running
                && c.StartsOn <= today
                && (own.Contains(c.Id) || takingPart.Contains(c.Id))
            join i in db.Set<Indicator>() on c.Id equals i.CampaignId
            join t in db.Set<CampaignTotal>() on i.Id equals t.IndicatorId
            where t.ParentUnitId == null
            select new CampaignNodeRow
            {
                CampaignId = c.Id,
                Name = c.Name,
                StartsOn = c.StartsOn,
                EndsOn = c.EndsOn,
                IndicatorId = i.Id,
                Indicator = i.Name,
                SortOrder = i.SortOrder,
                Aggregation = i.Aggregation,
                Direction = i.Direction,
                Decimals = i.Decimals,
                Actual = t.Actual,
                Target = t.Target,
                FirstPeriod = db.Set<CampaignSeries>()
                    .Where(s => s.IndicatorId == i.Id && s.UnitId == t.UnitId)
                    .OrderBy(s => s.Period)
                    .Select(s => (DateOnly?)s.Period)
                    .FirstOrDefault(),
                LastPeriod = db.Set<CampaignSeries>()
                    .Where(s => s.IndicatorId == i.Id && s.UnitId == t.UnitId)
                    .OrderByDescending(s => s.Period)
                    .Select(s => (DateOnly?)s.Period)
                    .FirstOrDefault(),
                FirstChange = db.Set<CampaignSeries>()
                    .Where(s => s.IndicatorId == i.Id && s.UnitId == t.UnitId)
                    .OrderBy(s => s.Period)
                    .Select(s => (decimal?)s.Delta)
                    .FirstOrDefault(),
            };
    }

    /// <summary>The campaigns with an indicator behind schedule (the first such indicator of each), ending soonest
    /// first.</summary>
    public static IReadOnlyList<CampaignBehind> Assess(IEnumerable<CampaignNodeRow> rows, DateOnly today)
    {
        var behind = new List<CampaignBehind>();
        foreach (var campaign in rows.GroupBy(r => r.CampaignId).OrderBy(g => g.First().EndsOn).ThenBy(g => g.Key))
        {
            foreach (var r in campaign.OrderBy(r => r.SortOrder).ThenBy(r => r.IndicatorId))
            {
                var series = new List<(DateOnly Date, decimal Cumulative)>();
                if (r.FirstPeriod is { } first)
                {
                    series.Add((first, r.FirstChange ?? 0));
                    if (r.LastPeriod is { } last && last != first)
                    {
                        series.Add((last, r.Actual));
                    }
                }

                var assessment = CampaignForecast.Assess(
                    series,
                    r.Target,
                    r.StartsOn,
                    r.EndsOn,
                    today,
                    r.Aggregation,
                    r.Direction
                );
                if (assessment.Behind)
                {
                    behind.Add(
                        new CampaignBehind(
                            r.CampaignId,
                            r.Name,
                            r.EndsOn,
                            r.Indicator,
                            r.Decimals,
                            r.Actual,
                            r.Target,
                            assessment.Expected,
                            assessment.Percent
                        )
                    );
                    break;
                }
            }

            if (behind.Count == MaxCampaigns)
            {
                break;
            }
        }

        return behind;
    }
}
