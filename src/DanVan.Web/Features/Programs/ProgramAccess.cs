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
        if (AboveIds(user) is not { } above)
        {
            return own;
        }

        return Or(own, p => p.PublishedOn != null && (p.UnitLevel == UnitLevel.Central || above.Contains(p.UnitId)));
    }

    /// <summary>The provinces and communes above the units where the caller holds the permission (by default
    /// <see cref="Permission.ProgramsView"/>; null without it).</summary>
    internal static List<int>? AboveIds(ICurrentUser user, Permission permission = Permission.ProgramsView)
    {
        var grants = user.Grants.Where(g => RolePermissions.Grants(g.Role, permission)).ToList();
        if (grants.Count == 0)
        {
            return null;
        }

        return grants
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
    }

    /// <summary>Whether a unit is above one of the caller's units with the permission (by default
    /// <see cref="Permission.ProgramsView"/>), or is the centre.</summary>
    internal static bool IsAbove(
        ICurrentUser user,
        UnitLevel level,
        int unitId,
        Permission permission = Permission.ProgramsView
    ) =>
        user.Grants.Any(g =>
            RolePermissions.Grants(g.Role, permission)
            && (
                level == UnitLevel.Central
                || (g.Level > UnitLevel.Province && g.ProvinceId == unitId)
                || (g.Level > UnitLevel.Commune && g.CommuneId == unitId)
            )
        );

    /// <summary>Either condition, over one parameter.</summary>
    internal static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var x = left.Parameters[0];
        return Expression.Lambda<Func<T, bool>>(
            Expression.OrElse(left.Body, new Rebind(right.Parameters[0], x).Visit(right.Body)),
            x
        );
    }

    /// <summary>The same rule in memory, for a program already loaded.</summary>
    public static bool Sees(ICurrentUser user, WorkProgram program) =>
        user.Can(Permission.ProgramsView, program.Ref)
        || (program.PublishedOn is not null && IsAbove(user, program.UnitLevel, program.UnitId));

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>
/// Which thematic conferences the caller reads: those held in the subtrees where the caller holds
/// <see cref="Permission.ProgramsView"/>, and those of the units above them — a conference is held so that the units
/// below learn from it. Its commitments, participants and documents are read with it. Written by the host unit's own
/// officers and leaders (<see cref="ProgramRules.MayWrite(ICurrentUser, int)"/>).
/// </summary>
public static class ConferenceAccess
{
    public static Expression<Func<ThematicConference, bool>> Visible(ICurrentUser user)
    {
        var own = UnitScope.Rows<ThematicConference>(user, Permission.ProgramsView);
        if (ProgramAccess.AboveIds(user) is not { } above)
        {
            return own;
        }

        return ProgramAccess.Or(own, c => c.UnitLevel == UnitLevel.Central || above.Contains(c.UnitId));
    }

    public static bool Sees(ICurrentUser user, ThematicConference conference) =>
        user.Can(Permission.ProgramsView, conference.Ref)
        || ProgramAccess.IsAbove(user, conference.UnitLevel, conference.UnitId);
}
