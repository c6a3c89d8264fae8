using System.Linq.Expressions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// Which petitions and which of their fields the caller sees: <see cref="FieldRules"/> applied to petitions, in memory
/// (<see cref="Sees"/>) and as SQL (<see cref="Where"/>), so that the pages, the API, the lists and the search all read
/// one rule. An agency handler sees the petitions assigned to its organization and those it answered before; a
/// viewer or an administrator sees the register (subject, place, status, dates), not the citizen's letter.
/// </summary>
public static class PetitionAccess
{
    /// <summary>The unit that handles the petition, as a position in the tree (it is the location or one of its
    /// ancestors).</summary>
    public static UnitRef HandlingOf(Petition p) =>
        HandlingOf(p.HandlingUnitId, p.ProvinceId, p.CommuneId, p.VillageId);

    public static UnitRef HandlingOf(int handlingUnitId, int? provinceId, int? communeId, int? villageId)
    {
        if (handlingUnitId == villageId)
        {
            return new UnitRef(handlingUnitId, UnitLevel.Village, provinceId, communeId, villageId);
        }

        if (handlingUnitId == communeId)
        {
            return new UnitRef(handlingUnitId, UnitLevel.Commune, provinceId, communeId, null);
        }

        if (handlingUnitId == provinceId)
        {
            return new UnitRef(handlingUnitId, UnitLevel.Province, provinceId, null, null);
        }

        // Handled at the root: only a central grant contains it.
        return new UnitRef(handlingUnitId, UnitLevel.Central, null, null, null);
    }

    /// <summary>
    /// The units whose organizations the petition may be assigned to: the handling unit and the units below it down to
    /// the
    /// petition's place. An organization elsewhere (a sibling commune's, a unit above the handling unit) could not act
    /// on
    /// it, or would take the case out of the handling unit's hands.
    /// </summary>
    public static IReadOnlyList<int> AssignableUnits(Petition p)
    {
        var handling = HandlingOf(p);
        var units = new List<int> { handling.Id };
        if (handling.Level < UnitLevel.Province && p.ProvinceId is { } province)
        {
            units.Add(province);
        }

        if (handling.Level < UnitLevel.Commune && p.CommuneId is { } commune)
        {
            units.Add(commune);
        }

        if (handling.Level < UnitLevel.Village && p.VillageId is { } village)
        {
            units.Add(village);
        }

        return [.. units.Distinct()];
    }

    public static RecordPosition Position(Petition p, IReadOnlyCollection<int>? answeredBy = null) =>
        new(p.Ref, HandlingOf(p), p.AssignedOrganizationId, answeredBy);

    public static bool Sees(
        ICurrentUser user,
        SensitiveField field,
        Petition p,
        IReadOnlyCollection<int>? answeredBy = null
    ) => FieldRules.Sees(user, field, Position(p, answeredBy));

    /// <summary>
    /// The tracking-code rule for a row of a list, from the row's columns: the rule reaches the handling unit only, so
    /// no
    /// history is needed to decide it.
    /// </summary>
    public static bool SeesCode(
        ICurrentUser user,
        int unitId,
        int handlingUnitId,
        int? provinceId,
        int? communeId,
        int? villageId
    ) =>
        FieldRules.Sees(
            user,
            SensitiveField.TrackingCode,
            new RecordPosition(
                new UnitRef(unitId, UnitLevel.Village, provinceId, communeId, villageId),
                HandlingOf(handlingUnitId, provinceId, communeId, villageId)
            )
        );

    /// <summary>Whether the caller takes the handling unit's steps on the petition (assign, decide, close, redirect,
    /// erase).</summary>
    public static bool Handles(ICurrentUser user, Petition p) => user.Can(Permission.PetitionsEdit, HandlingOf(p));

    /// <summary>
    /// The petitions whose <paramref name="field"/> the caller sees, as SQL: the same rules as <see cref="Sees"/>, the
    /// "answered before" of an agency read from the petition's history. No grant, no rows.
    /// </summary>
    public static Expression<Func<Petition, bool>> Where(DanVanDbContext db, ICurrentUser user, SensitiveField field)
    {
        Expression<Func<Petition, bool>>? result = null;
        var subtreeRoots = new List<(UnitLevel, int)>();
        foreach (var rule in FieldRules.Of(field))
        {
            foreach (var grant in user.Grants.Where(g => FieldRules.Holds(g.Role, rule)))
            {
                switch (rule.Reach)
                {
                    case Reach.Subtree:
                        subtreeRoots.Add((grant.Level, grant.UnitId));
                        break;
                    case Reach.HandlingUnit:
                        result = Or(result, And(InSubtree(grant), HandledWithin(grant)));
                        break;
                    case Reach.AssignedOrganization when grant.OrganizationId is { } org:
                        result = Or(
                            result,
                            And(InSubtree(grant), p =>
                                p.AssignedOrganizationId == org
                                || db.PetitionEvents.Any(e =>
                                    e.PetitionId == p.Id && e.Action == PetitionAction.Answer && e.OrganizationId == org
                                )
                            )
                        );
                        break;
                }
            }
        }

        if (subtreeRoots.Count > 0)
        {
            result = Or(
                UnitScope.Within<Petition>(subtreeRoots, p => p.ProvinceId, p => p.CommuneId, p => p.VillageId),
                result
            );
        }

        return result ?? (_ => false);
    }

    private static Expression<Func<Petition, bool>> InSubtree(Grant grant) =>
        UnitScope.Within<Petition>(
            [(grant.Level, grant.UnitId)],
            p => p.ProvinceId,
            p => p.CommuneId,
            p => p.VillageId
        );

    /// <summary>The handling unit is the grant's unit or below it (it is always the location or an ancestor of
    /// it).</summary>
    private static Expression<Func<Petition, bool>> HandledWithin(Grant grant) =>
        grant.Level switch
        {
            UnitLevel.Central => _ => true,
            UnitLevel.Province => p =>
                p.HandlingUnitId == p.ProvinceId || p.HandlingUnitId == p.CommuneId || p.HandlingUnitId == p.VillageId,
            UnitLevel.Commune => p => p.HandlingUnitId == p.CommuneId || p.HandlingUnitId == p.VillageId,
            _ => p => p.HandlingUnitId == p.VillageId,
        };

    internal static Expression<Func<Petition, bool>> Or(
        Expression<Func<Petition, bool>>? a,
        Expression<Func<Petition, bool>>? b
    ) =>
        a is null ? b!
        : b is null ? a
        : Combine(a, b, Expression.OrElse);

    internal static Expression<Func<Petition, bool>> And(
        Expression<Func<Petition, bool>> a,
        Expression<Func<Petition, bool>> b
    ) => Combine(a, b, Expression.AndAlso);

    private static Expression<Func<Petition, bool>> Combine(
        Expression<Func<Petition, bool>> a,
        Expression<Func<Petition, bool>> b,
        Func<Expression, Expression, BinaryExpression> op
    )
    {
        var x = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], x).Visit(b.Body);
        return Expression.Lambda<Func<Petition, bool>>(op(a.Body, right), x);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
