using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Home;

public sealed record HomeFigures(
    IReadOnlyDictionary<UnitKind, int> UnitsByKind,
    int? Accounts, int? DisabledAccounts, int Organizations,
    IReadOnlyList<AuditRow> RecentActivity);

/// <summary>
/// The figures of the home page for the unit the account works in: units by kind, accounts and
/// organizations inside that unit's subtree, and the latest entries of its audit trail. All counted from
/// the rows; nothing is a placeholder.
/// </summary>
internal sealed class GetHomeFigures(DanVanDbContext db, ICurrentUser user, ListAudit audit)
{
    public async Task<HomeFigures?> HandleAsync(CancellationToken ct)
    {
        if (user.Active is not { } active)
        {
            return null;
        }

        var scope = active.Unit;
        var units = await InSubtree(db.Units.AsNoTracking().Where(u => u.ValidTo == null), scope, u => u.ProvinceId, u => u.CommuneId, u => u.VillageId)
            .GroupBy(u => u.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);

        int? accounts = null, disabled = null;
        if (user.Can(Permission.AccountsView, scope))
        {
            var counts = await InSubtree(db.Users.AsNoTracking(), scope, a => a.ProvinceId, a => a.CommuneId, a => a.VillageId)
                .GroupBy(a => a.IsDisabled).Select(g => new { Disabled = g.Key, Count = g.Count() }).ToListAsync(ct);
            accounts = counts.Sum(c => c.Count);
            disabled = counts.Where(c => c.Disabled).Sum(c => c.Count);
        }

        var organizations = await InSubtree(db.Organizations.AsNoTracking().Where(o => o.IsActive), scope, o => o.ProvinceId, o => o.CommuneId, o => o.VillageId)
            .CountAsync(ct);

        var recent = user.Can(Permission.AuditView, scope)
            ? (await audit.HandleAsync(new AuditQuery(UnitId: active.UnitId, Limit: 8), ct, scope)).Items
            : [];

        return new HomeFigures(units.ToDictionary(u => u.Kind, u => u.Count), accounts, disabled, organizations, recent);
    }

    /// <summary>Rows inside one unit's subtree (the active unit, not every grant of the account).</summary>
    private static IQueryable<T> InSubtree<T>(
        IQueryable<T> rows, UnitRef unit,
        System.Linq.Expressions.Expression<Func<T, int?>> province,
        System.Linq.Expressions.Expression<Func<T, int?>> commune,
        System.Linq.Expressions.Expression<Func<T, int?>> village) =>
        rows.Where(UnitScope.Within([(unit.Level, unit.Id)], province, commune, village));
}
