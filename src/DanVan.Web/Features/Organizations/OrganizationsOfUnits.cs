using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Organizations;

/// <summary>A unit's organizations for its page and API (<see cref="IUnitOrganizations"/>).</summary>
internal sealed class OrganizationsOfUnits(DanVanDbContext db) : IUnitOrganizations
{
    public async Task<IReadOnlyList<UnitOrganization>> OfAsync(int unitId, CancellationToken ct) => (
            await db
                .Organizations.AsNoTracking()
                .Where(o => o.UnitId == unitId)
                .OrderBy(o => o.Type)
                .ThenBy(o => o.Name)
                .Select(o => new
                {
                    o.Id,
                    o.UnitId,
                    o.Type,
                    o.Name,
                    o.ShortName,
                    o.IsActive,
                    o.Version,
                })
                .ToListAsync(ct)
        ).Select(o => new UnitOrganization(o.Id, o.UnitId, o.Type.ToString(), o.Name, o.ShortName, o.IsActive, o.Version)).ToList();
}
