using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A running campaign whose campaign-level progress of an indicator lags behind its plan.</summary>
public sealed record CampaignBehind(int CampaignId, string Name, DateOnly EndsOn, string IndicatorName, decimal Actual, decimal Target, decimal Expected, decimal? Percent);

/// <summary>
/// "What needs me today" for campaigns: the running campaigns of the active unit's subtree, and those its units take part
/// in, whose campaign-level node of any indicator is behind schedule by <see cref="CampaignForecast.Assess"/> — read
/// from the summary rows of the campaigns' own nodes with their series, in one statement.
/// </summary>
internal sealed class CampaignsBehind(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The home page lists the first few; the campaigns list has the rest.</summary>
    public const int MaxCampaigns = 20;

    public async Task<IReadOnlyList<CampaignBehind>> HandleAsync(CancellationToken ct)
    {
        if (user.Active is not { } active || !user.Can(Permission.CampaignsView, active.Unit))
        {
            return [];
        }

        var roots = new[] { (active.Level, active.UnitId) };
        var takingPart = db.Set<CampaignParticipant>().Where(UnitScope.Within<CampaignParticipant>(roots, p => p.ProvinceId, p => p.CommuneId, p => p.VillageId))
            .Select(p => p.CampaignId);
        var own = db.Campaigns.Where(UnitScope.Within<Campaign>(roots, c => c.ProvinceId, c => c.CommuneId, c => c.VillageId)).Select(c => c.Id);
        var today = VietnamTime.Today(clock);

        // The campaign's own node is the root of each indicator's tree (the one node without a parent).
        var rows = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Running && c.StartsOn <= today && (own.Contains(c.Id) || takingPart.Contains(c.Id)))
            .OrderBy(c => c.EndsOn).ThenBy(c => c.Id).Take(MaxCampaigns)
            .SelectMany(c => db.Set<Indicator>().Where(i => i.CampaignId == c.Id), (c, i) => new { c, i })
            .SelectMany(x => db.Set<CampaignTotal>().Where(t => t.IndicatorId == x.i.Id && t.ParentUnitId == null), (x, t) => new
            {
                x.c.Id, x.c.Name, x.c.StartsOn, x.c.EndsOn, Indicator = x.i.Name, x.i.SortOrder, IndicatorId = x.i.Id, x.i.Aggregation, x.i.Direction, t.Actual, t.Target,
                Series = db.Set<CampaignSeries>().Where(s => s.IndicatorId == x.i.Id && s.UnitId == t.UnitId).Select(s => new { s.Period, s.Delta }).ToList(),
            })
            .ToListAsync(ct);

        var behind = new List<CampaignBehind>();
        foreach (var campaign in rows.GroupBy(r => r.Id).OrderBy(g => g.First().EndsOn).ThenBy(g => g.Key))
        {
            foreach (var r in campaign.OrderBy(r => r.SortOrder).ThenBy(r => r.IndicatorId))
            {
                var series = CampaignForecast.Cumulative(r.Series.Select(s => (s.Period, s.Delta)));
                var assessment = CampaignForecast.Assess(series, r.Target, r.StartsOn, r.EndsOn, today, r.Aggregation, r.Direction);
                if (assessment.Behind)
                {
                    behind.Add(new CampaignBehind(r.Id, r.Name, r.EndsOn, r.Indicator, r.Actual, r.Target, assessment.Expected, assessment.Percent));
                    break;
                }
            }
        }

        return behind;
    }
}
