using System.Linq.Expressions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Programs;

/// <summary>
/// Which programs the caller reads: those of the units in the subtrees where the caller holds
/// <see cref="Permission.ProgramsView"/>, and the published programs of the units above them — a published program is
/// sent down so that the units below can concretize it. One rule, used by the list, the page, the API and the cascade.
/// </summary>
public static class ProgramAccess
{
    public static Expression<Func<WorkProgram, bool>> Visible(ICurrentUser user)
    {
        var own = UnitScope.Rows<WorkProgram>(user, Permission.ProgramsView);
        var grants = user.Grants.Where(g => RolePermissions.Grants(g.Role, Permission.ProgramsView)).ToList();
        if (grants.Count == 0)
        {
            return own;
        }

        var above = grants
            .SelectMany(g =>
                new[]
                {
                    g.Level > UnitLevel.Province ? g.ProvinceId : null,
                    g.Level > UnitLevel.Commune ? g.CommuneId : null,
                }
            )
            .OfType<int>()
            .Distinct()
            .ToList();
        Expression<Func<WorkProgram, bool>> published = p =>
            p.PublishedOn != null && (p.UnitLevel == UnitLevel.Central || above.Contains(p.UnitId));
        var x = own.Parameters[0];
        var right = new Rebind(published.Parameters[0], x).Visit(published.Body);
        return Expression.Lambda<Func<WorkProgram, bool>>(Expression.OrElse(own.Body, right), x);
    }

    /// <summary>The same rule in memory, for a program already loaded.</summary>
    public static bool Sees(ICurrentUser user, WorkProgram program) =>
        user.Can(Permission.ProgramsView, program.Ref)
        || (
            program.PublishedOn is not null
            && user.Grants.Any(g =>
                RolePermissions.Grants(g.Role, Permission.ProgramsView)
                && (
                    program.UnitLevel == UnitLevel.Central
                    || (g.Level > UnitLevel.Province && g.ProvinceId == program.UnitId)
                    || (g.Level > UnitLevel.Commune && g.CommuneId == program.UnitId)
                )
            )
        );

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
