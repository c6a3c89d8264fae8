using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

public sealed record Choice(int Id, string Name);

/// <summary>The choices the petition forms offer: places, categories, organizations (one small statement
/// each).</summary>
internal sealed class PetitionForms(DanVanDbContext db, ICurrentUser user)
{
    /// <summary>The unit and its villages (or communes) still in force: where a petition can be located.</summary>
    public async Task<IReadOnlyList<Choice>> PlacesAsync(int unitId, CancellationToken ct) =>
        await db
            .Units.AsNoTracking()
            .Where(u => (u.Id == unitId || u.ParentId == unitId) && u.ValidTo == null)
            .OrderBy(u => u.Level)
            .ThenBy(u => u.Name)
            .Select(u => new Choice(u.Id, u.Name))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<PetitionCategory>> CategoriesAsync(CancellationToken ct) =>
        await db.PetitionCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);

    /// <summary>Active organizations the petition may be assigned to (<see cref="PetitionAccess.AssignableUnits"/>),
    /// the handling unit's first.</summary>
    public async Task<IReadOnlyList<Choice>> OrganizationsAsync(Petition petition, CancellationToken ct)
    {
        var units = PetitionAccess.AssignableUnits(petition);
        return await db
            .Organizations.AsNoTracking()
            .Where(o => o.IsActive && units.Contains(o.UnitId))
            .Where(UnitScope.Rows<Organizations.Organization>(user, Permission.PetitionsEdit))
            .OrderBy(o => o.UnitId == petition.HandlingUnitId ? 0 : 1)
            .ThenBy(o => o.Name)
            .Select(o => new Choice(o.Id, o.Name))
            .ToListAsync(ct);
    }
}
