using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

/// <summary>
/// The units offered when creating an account or assignment: the units where the caller manages accounts,
/// their direct children, and one more unit if asked for by id (reached from a unit's page). One statement.
/// </summary>
internal sealed class AccountUnitChoices(DanVanDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<UnitRow>> HandleAsync(int? wanted, CancellationToken ct)
    {
        var roots = user
            .Grants.Where(g => RolePermissions.Grants(g.Role, Permission.AccountsManage))
            .Select(g => (int?)g.UnitId)
            .Distinct()
            .ToList();
        var ids = wanted is { } w ? [.. roots, w] : roots;
        var units = await db
            .Units.AsNoTracking()
            .Where(UnitScope.Units(user, Permission.AccountsManage))
            .Where(u => u.ValidTo == null && (ids.Contains(u.Id) || roots.Contains(u.ParentId)))
            .OrderBy(u => u.Level)
            .ThenBy(u => u.Name)
            .Take(ListUnits.MaxLimit)
            .Select(u => new UnitRow(
                u.Id,
                u.Code,
                u.Name,
                u.NameEn,
                u.Kind,
                u.Level,
                u.ParentId,
                u.ValidFrom,
                u.ValidTo,
                u.SuccessorId,
                u.IsSynthetic,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId
            ))
            .ToListAsync(ct);
        return units;
    }
}
