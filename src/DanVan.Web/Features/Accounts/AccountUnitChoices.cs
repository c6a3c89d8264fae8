using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Accounts;

/// <summary>
/// The units offered when creating an account or assignment: the units where the caller manages accounts,
/// their direct children, and one more unit if asked for by id (reached from a unit's page).
/// </summary>
internal sealed class AccountUnitChoices(ListUnits units, ICurrentUser user)
{
    public async Task<IReadOnlyList<UnitRow>> HandleAsync(int? wanted, CancellationToken ct)
    {
        var roots = user.Grants.Where(g => RolePermissions.Grants(g.Role, Permission.AccountsManage)).Select(g => g.UnitId).Distinct().ToList();
        var ids = wanted is { } w ? [.. roots, w] : roots;
        var list = new List<UnitRow>((await units.HandleAsync(new UnitListQuery(Ids: ids, Limit: ListUnits.MaxLimit), ct)).Items);
        foreach (var root in roots)
        {
            list.AddRange((await units.HandleAsync(new UnitListQuery(ParentId: root, Limit: ListUnits.MaxLimit), ct)).Items);
        }

        return [.. list.DistinctBy(u => u.Id).Where(u => user.Can(Permission.AccountsManage, u.Ref))];
    }
}
