using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Privacy;

/// <summary>When units merge, the merged units' open requests pass to the successor, whose handlers get the reminders;
/// closed ones stay with the unit that answered them (their ancestor columns follow the successor like every
/// row's).</summary>
internal sealed class PrivacyInMergers(DanVanDbContext db) : IUnitMergeStep
{
    public async Task<string?> MoveAsync(UnitMerger merger, CancellationToken ct)
    {
        var sourceIds = merger.SourceIds;
        var open = await db
            .DataSubjectRequests.Where(r =>
                sourceIds.Contains(r.UnitId)
                && (r.Status == RequestStatus.Received || r.Status == RequestStatus.Acknowledged)
            )
            .ToListAsync(ct);
        foreach (var request in open)
        {
            request.UnitId = merger.Target.Id;
            request.UnitLevel = merger.Target.Level;
        }

        return open.Count == 0 ? null : $"open data-subject requests moved: {open.Count}";
    }
}
