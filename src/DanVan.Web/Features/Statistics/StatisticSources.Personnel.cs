using DanVan.Web.Features.Personnel;
using static DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Web.Features.Statistics;

public static partial class StatisticSources
{
    /// <summary>
    /// A full-time post is staff of its unit from its first day to its last (a stock: +1 at the start, −1 the day
    /// after the end), so a cadre transferred mid-year counts to each unit for their time; counted at intermediate
    /// political theory or above by the cadre's level stamped on the post. Part-time (concurrent) posts are nobody's
    /// staff: the cadre is counted where they serve full-time. Broken down by the post's body.
    /// </summary>
    public static IEnumerable<Contribution> OfPost(CadrePosition p)
    {
        if (!p.FullTime)
        {
            yield break;
        }

        var qualified = p.CadreTheory >= TheoryLevel.Intermediate;
        var body = p.OrganizationId;
        yield return new(StaffInPost, body, p.StartOn, 1);
        if (qualified)
        {
            yield return new(StaffQualified, body, p.StartOn, 1);
        }

        if (p.EndOn is { } end && end < DateOnly.MaxValue)
        {
            yield return new(StaffInPost, body, end.AddDays(1), -1);
            if (qualified)
            {
                yield return new(StaffQualified, body, end.AddDays(1), -1);
            }
        }
    }

    /// <summary>A unit's quota stands for its year (from 1 January to 31 December); the plan's required number at
    /// intermediate theory or above is the quota's share, rounded up. Broken down by its body (0: the whole unit's).</summary>
    public static IEnumerable<Contribution> OfQuota(StaffingQuota q)
    {
        if (q.Quota == 0)
        {
            yield break;
        }

        var from = new DateOnly(q.Year, 1, 1);
        var to = from.AddYears(1);
        var body = q.OrganizationId ?? 0;
        yield return new(StaffQuota, body, from, q.Quota);
        yield return new(StaffQuota, body, to, -q.Quota);
        var required = RequiredQualified(q);
        if (required != 0)
        {
            yield return new(StaffQualifiedRequired, body, from, required);
            yield return new(StaffQualifiedRequired, body, to, -required);
        }
    }

    /// <summary>How many of the quota the plan requires at intermediate theory or above.</summary>
    public static int RequiredQualified(StaffingQuota q) => (int)Math.Ceiling(q.Quota * q.MinTheoryShare / 100m);

    /// <summary>An enrolment counts in its course's last day (the course's result is known then): as enrolled unless
    /// withdrawn before the course, as completed when passed. So the completion share of a period is that of the courses
    /// that ended in it, counted at each cadre's unit.</summary>
    public static IEnumerable<Contribution> OfEnrolment(TrainingEnrolment e)
    {
        if (!TrainingRules.Counts(e.Status))
        {
            yield break;
        }

        yield return new(TrainingEnrolled, 0, e.CourseEndsOn, 1);
        if (e.Status == EnrolmentStatus.Completed)
        {
            yield return new(TrainingCompleted, 0, e.CourseEndsOn, 1);
        }
    }

    /// <summary>"The province holds the commune, the commune holds the people": every commune and village is a unit to
    /// hold from its first day until the day it is merged (from then on its holders hold the successor), a stock.</summary>
    public static IEnumerable<Contribution> ToHold(UnitStanding u)
    {
        if (u.Level is not (Units.UnitLevel.Commune or Units.UnitLevel.Village) || u.ValidTo <= u.ValidFrom)
        {
            yield break;
        }

        yield return new(UnitsToHold, 0, u.ValidFrom, 1);
        if (u.ValidTo is { } gone)
        {
            yield return new(UnitsToHold, 0, gone, -1);
        }
    }

    /// <summary>A commune or village is held while someone holds it as a whole: each unbroken stretch of its holdings
    /// (<see cref="UnitHolding"/>, the union of its assignments, so two holders count once) is a stock's entry and
    /// exit.</summary>
    public static IEnumerable<Contribution> OfHolding(UnitHolding h)
    {
        if (h.UnitLevel is not (Units.UnitLevel.Commune or Units.UnitLevel.Village))
        {
            yield break;
        }

        yield return new(UnitsHeld, 0, h.FromOn, 1);
        if (h.ToOn is { } end && end < DateOnly.MaxValue)
        {
            yield return new(UnitsHeld, 0, end.AddDays(1), -1);
        }
    }
}
