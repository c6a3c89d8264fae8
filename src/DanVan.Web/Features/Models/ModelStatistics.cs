using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

/// <summary>How many models stand in each status now, and how many below the unit await its inspection.</summary>
public sealed record ModelStatusCounts(IReadOnlyDictionary<ModelStatus, int> ByStatus, int AwaitingInspectionBelow)
{
    public int InStatus(ModelStatus status) => ByStatus.TryGetValue(status, out var n) ? n : 0;
}

/// <summary>
/// How many models of a subtree stand in each status now (the home page's "what needs me today"). The period figures —
/// registered, recognized by field and level, commended, replicated — are the statistics catalogue's
/// (<c>Features/Statistics</c>, <c>/api/v1/statistics</c>), counted once from the same rows. One grouped statement.
/// </summary>
internal sealed class ModelStatistics(DanVanDbContext db, ICurrentUser user)
{
    /// <summary>How many models of the subtree stand in each status now, and how many below it await inspection.</summary>
    public async Task<ModelStatusCounts> StatusAsync(UnitRef subtree, CancellationToken ct)
    {
        var groups = await db
            .Models.AsNoTracking()
            .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
            .Where(
                UnitScope.Within<MobilizationModel>(
                    [(subtree.Level, subtree.Id)],
                    m => m.ProvinceId,
                    m => m.CommuneId,
                    m => m.VillageId
                )
            )
            .GroupBy(m => new { m.Status, m.UnitLevel })
            .Select(g => new
            {
                g.Key.Status,
                g.Key.UnitLevel,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        return new ModelStatusCounts(
            groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.Where(g => g.Status == ModelStatus.Implementing && g.UnitLevel > subtree.Level).Sum(g => g.Count)
        );
    }
}
