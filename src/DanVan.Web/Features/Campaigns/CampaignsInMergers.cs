using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Campaign summaries follow the new tree: a merged participant's figures now count towards its successor. The
/// campaigns
/// touched are locked (in id order) before any of their rows is re-pointed, as a rebuild does: a figure entered
/// meanwhile
/// waits for the merger instead of holding a row the merger needs (a deadlock on PostgreSQL). Recomputed afterwards.
/// </summary>
internal sealed class CampaignsInMergers(DanVanDbContext db, CampaignRollup campaigns) : IUnitMergeStep
{
    private List<int> campaignIds = [];

    public async Task BeforeRepointAsync(UnitMerger merger, CancellationToken ct)
    {
        var within = merger.Within;
        campaignIds = (
            await db.Set<CampaignParticipant>()
                .Where(
                    UnitScope.Within<CampaignParticipant>(within, p => p.ProvinceId, p => p.CommuneId, p => p.VillageId)
                )
                .Select(p => p.CampaignId)
                .Union(
                    db.Campaigns.Where(
                            UnitScope.Within<Campaign>(within, c => c.ProvinceId, c => c.CommuneId, c => c.VillageId)
                        )
                        .Select(c => c.Id)
                )
                .ToListAsync(ct)
        )
            .Order()
            .ToList();
        foreach (var campaignId in campaignIds)
        {
            await campaigns.RebuildAsync(campaignId, ct);
        }
    }

    public async Task<string?> AfterRepointAsync(UnitMerger merger, CancellationToken ct)
    {
        foreach (var campaignId in campaignIds)
        {
            await campaigns.RecomputeAsync(campaignId, ct);
        }

        return string.Create(CultureInfo.InvariantCulture, $"campaigns recomputed={campaignIds.Count}");
    }
}
