using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Organizations;

/// <summary>A merger closes the sources' organizations (the successor's own carry on).</summary>
internal sealed class OrganizationsInMergers(DanVanDbContext db) : IUnitMergeStep
{
    public async Task<string?> MoveAsync(UnitMerger merger, CancellationToken ct)
    {
        var ids = merger.SourceIds;
        foreach (
            var organization in await db.Organizations.Where(o => ids.Contains(o.UnitId) && o.IsActive).ToListAsync(ct)
        )
        {
            organization.IsActive = false;
        }

        return null;
    }
}
