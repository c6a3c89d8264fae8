using System.Linq.Expressions;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// Decides whether a unit lies inside the subtrees where the caller holds a permission, in memory
/// (<see cref="Can(ICurrentUser, Permission, UnitRef)"/>) and as SQL (<see cref="Filter{T}"/>). Every
/// query and every id taken from a route or form goes through here; no grants means nothing (fail closed).
/// A grant at level L contains exactly the rows whose level-L ancestor column equals the grant's unit.
/// </summary>
public static class UnitScope
{
    public static bool Contains(Grant grant, UnitRef unit) =>
        grant.Level switch
        {
            UnitLevel.Central => true,
            UnitLevel.Province => unit.ProvinceId == grant.UnitId,
            UnitLevel.Commune => unit.CommuneId == grant.UnitId,
            _ => unit.VillageId == grant.UnitId,
        };

    /// <summary>
    /// The position of a scoped row for <see cref="Can(ICurrentUser, Permission, UnitRef)"/>: containment reads only
    /// the ancestor columns, so the row's own level does not matter.
    /// </summary>
    public static UnitRef ScopeOf(IUnitScoped row) =>
        new(row.UnitId, UnitLevel.Village, row.ProvinceId, row.CommuneId, row.VillageId);

    public static bool Can(this ICurrentUser user, Permission permission) =>
        user.Grants.Any(g => RolePermissions.Grants(g.Role, permission));

    public static bool Can(this ICurrentUser user, Permission permission, UnitRef unit) =>
        user.Grants.Any(g => RolePermissions.Grants(g.Role, permission) && Contains(g, unit));

    /// <summary>
    /// Acts on a unit's own record (edit, retire, merge, create a child of the parent) need the permission
    /// on its parent: a commune's administrator manages its villages, while the commune's official record
    /// belongs to the province.
    /// </summary>
    public static bool CanManageUnitUnder(this ICurrentUser user, UnitRef? parent) =>
        parent is { } p && user.Can(Permission.UnitsManage, p);

    public static Expression<Func<Unit, bool>> Units(ICurrentUser user, Permission permission) =>
        Filter<Unit>(user, permission, u => u.ProvinceId, u => u.CommuneId, u => u.VillageId);

    public static Expression<Func<Account, bool>> Accounts(ICurrentUser user, Permission permission) =>
        Filter<Account>(user, permission, a => a.ProvinceId, a => a.CommuneId, a => a.VillageId);

    public static Expression<Func<T, bool>> Rows<T>(ICurrentUser user, Permission permission)
        where T : class, IUnitScoped =>
        Filter<T>(user, permission, x => x.ProvinceId, x => x.CommuneId, x => x.VillageId);

    /// <summary>Builds "row is inside one of the caller's subtrees" from the row's ancestor columns.</summary>
    public static Expression<Func<T, bool>> Filter<T>(
        ICurrentUser user,
        Permission permission,
        Expression<Func<T, int?>> provinceId,
        Expression<Func<T, int?>> communeId,
        Expression<Func<T, int?>> villageId
    ) =>
        Within(
            user.Grants.Where(g => RolePermissions.Grants(g.Role, permission)).Select(g => (g.Level, g.UnitId)),
            provinceId,
            communeId,
            villageId
        );

    /// <summary>
    /// Narrows a list to the subtree of the unit it was asked for (a query's unit id; none leaves the rows as they
    /// are).
    /// The caller's own scope filter stays on the rows, so a unit outside it shows nothing, and so does an unknown
    /// unit.
    /// One statement finds the unit's level, unless the caller already has the unit (<paramref name="known"/>).
    /// </summary>
    public static Task<IQueryable<T>> InSubtreeOfAsync<T>(
        this IQueryable<T> rows,
        IQueryable<Unit> units,
        int? unitId,
        CancellationToken ct,
        UnitRef? known = null
    )
        where T : class, IUnitScoped =>
        rows.InSubtreeOfAsync(units, unitId, x => x.ProvinceId, x => x.CommuneId, x => x.VillageId, ct, known);

    /// <summary><see cref="InSubtreeOfAsync{T}(IQueryable{T}, IQueryable{Unit}, int?, CancellationToken, UnitRef?)"/>
    /// for rows that name their ancestor columns otherwise.</summary>
    public static async Task<IQueryable<T>> InSubtreeOfAsync<T>(
        this IQueryable<T> rows,
        IQueryable<Unit> units,
        int? unitId,
        Expression<Func<T, int?>> provinceId,
        Expression<Func<T, int?>> communeId,
        Expression<Func<T, int?>> villageId,
        CancellationToken ct,
        UnitRef? known = null
    )
    {
        if (unitId is not { } id)
        {
            return rows;
        }

        var level =
            known is { } unit && unit.Id == id
                ? unit.Level
                : await units
                    .AsNoTracking()
                    .Where(u => u.Id == id)
                    .Select(u => (UnitLevel?)u.Level)
                    .SingleOrDefaultAsync(ct);
        return level is { } l
            ? rows.Where(Within([(l, id)], provinceId, communeId, villageId))
            : rows.Where(_ => false);
    }

    /// <summary>Builds "row is inside the subtree of one of these units".</summary>
    public static Expression<Func<T, bool>> Within<T>(
        IEnumerable<(UnitLevel Level, int UnitId)> roots,
        Expression<Func<T, int?>> provinceId,
        Expression<Func<T, int?>> communeId,
        Expression<Func<T, int?>> villageId
    )
    {
        var list = roots.ToList();
        if (list.Any(r => r.Level == UnitLevel.Central))
        {
            return _ => true;
        }

        var x = Expression.Parameter(typeof(T), "x");
        Expression? body = null;
        foreach (
            var (level, column) in new[]
            {
                (UnitLevel.Province, provinceId),
                (UnitLevel.Commune, communeId),
                (UnitLevel.Village, villageId),
            }
        )
        {
            var ids = list.Where(r => r.Level == level).Select(r => (int?)r.UnitId).Distinct().ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var term = ContainsCall(ids, new ParameterReplacer(column.Parameters[0], x).Visit(column.Body));
            body = body is null ? term : Expression.OrElse(body, term);
        }

        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(false), x);
    }

    private static Expression ContainsCall(List<int?> ids, Expression column)
    {
        // Through a holder object, as a closure would, so EF Core sends the value or the list as parameters. One unit
        // (an account's usual single grant) is an equality: EF Core 10 expands a list parameter into one parameter per
        // element on every execution and does not cache the SQL it then generates, while a query with scalar
        // parameters is translated once (QUALITY.md P2).
        if (ids.Count == 1)
        {
            return Expression.Equal(
                column,
                Expression.Property(Expression.Constant(new OneId(ids[0])), nameof(OneId.Id))
            );
        }

        var holder = Expression.Property(Expression.Constant(new IdList(ids)), nameof(IdList.Ids));
        return Expression.Call(holder, typeof(List<int?>).GetMethod(nameof(List<int?>.Contains))!, column);
    }

    private sealed class IdList(List<int?> ids)
    {
        public List<int?> Ids { get; } = ids;
    }

    private sealed class OneId(int? id)
    {
        public int? Id { get; } = id;
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
