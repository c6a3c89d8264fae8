using System.Linq.Expressions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>The petition figures of one group (a whole subtree, a category or an agency).</summary>
public sealed record PetitionFigures(
    int Received,
    int Open,
    int Overdue,
    int Answered,
    int AnsweredOnTime,
    int Resolved,
    int ClosedNotResolved,
    int Escalated
)
{
    /// <summary>Answered by the deadline in force, as a share of everything answered (null when nothing was
    /// answered).</summary>
    public double? OnTimePercent => Answered == 0 ? null : Math.Round(100.0 * AnsweredOnTime / Answered, 1);
}

public sealed record PetitionBreakdownRow(int? Id, string Name, PetitionFigures Figures);

public sealed record PetitionDashboard(
    int UnitId,
    DateOnly? From,
    DateOnly? To,
    DateOnly Today,
    PetitionFigures Totals,
    double? MedianDaysToAnswer,
    IReadOnlyList<PetitionBreakdownRow> ByCategory,
    IReadOnlyList<PetitionBreakdownRow> ByAgency
);

/// <summary>
/// The one definition of the petition figures (DOMAIN.md §3, PRODUCT.md "one definition per statistic"): for a
/// subtree and a period of receipt, what is open, overdue (assigned, unanswered and past the deadline in force on
/// the day asked), answered, answered on time, resolved, closed not resolved and escalated; the median calendar
/// days from receipt to answer; by category and by responsible agency. Reads the petitions' indexed ancestor
/// columns in two statements (the counts with their names joined in, and the histogram of days); the dashboard, the API
/// and later reports call this.
/// </summary>
internal sealed class PetitionStatistics(DanVanDbContext db, TimeProvider clock, ICurrentUser user)
{
    /// <summary>
    /// The figures of the subtree of the unit named, else of the caller's active unit; null when there is no such unit
    /// or the caller may not see its petitions (one more statement, to find the unit).
    /// </summary>
    public async Task<PetitionDashboard?> ComputeForAsync(
        int? unitId,
        DateOnly? from,
        DateOnly? to,
        CancellationToken ct
    )
    {
        var id = unitId ?? user.Active?.UnitId;
        UnitRef? unit = id is null
            ? null
            : await db
                .Units.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => (UnitRef?)new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .SingleOrDefaultAsync(ct);
        return unit is { } scope && user.Can(Permission.PetitionsView, scope)
            ? await ComputeAsync(scope, from, to, ct)
            : null;
    }

    public async Task<PetitionDashboard> ComputeAsync(UnitRef unit, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var rows = Received(db, unit, from, to);
        var groups = await Groups(db, rows, today).ToListAsync(ct);
        var histogram = await rows.Where(p => p.DaysToAnswer != null)
            .GroupBy(p => p.DaysToAnswer!.Value)
            .Select(g => new { Days = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var byCategory = groups
            .GroupBy(g => (g.CategoryId, g.SortOrder, g.CategoryName))
            .OrderBy(g => g.Key.SortOrder)
            .ThenBy(g => g.Key.CategoryId)
            .Select(g => new PetitionBreakdownRow(g.Key.CategoryId, g.Key.CategoryName, Sum(g)))
            .ToList();
        var byAgency = groups
            .Where(g => g.OrganizationId != null)
            .GroupBy(g => (g.OrganizationId!.Value, g.OrganizationName))
            .Select(g => new PetitionBreakdownRow(g.Key.Value, g.Key.OrganizationName ?? "#" + g.Key.Value, Sum(g)))
            .OrderByDescending(r => r.Figures.Overdue)
            .ThenByDescending(r => r.Figures.Received)
            .ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        return new PetitionDashboard(
            unit.Id,
            from,
            to,
            today,
            Sum(groups),
            Median(histogram.Select(h => (h.Days, h.Count))),
            byCategory,
            byAgency
        );
    }

    /// <summary>The petitions of a subtree received in a period (either end open).</summary>
    internal static IQueryable<Petition> Received(DanVanDbContext db, UnitRef unit, DateOnly? from, DateOnly? to)
    {
        var rows = db
            .Petitions.AsNoTracking()
            .Where(
                UnitScope.Within<Petition>(
                    [(unit.Level, unit.Id)],
                    p => p.ProvinceId,
                    p => p.CommuneId,
                    p => p.VillageId
                )
            );
        if (from is { } f)
        {
            rows = rows.Where(p => p.ReceivedOn >= f);
        }

        if (to is { } t)
        {
            rows = rows.Where(p => p.ReceivedOn <= t);
        }

        return rows;
    }

    /// <summary>
    /// The figures' one statement: conditional sums per (category, agency) pair, so there are only as many groups as
    /// pairs that occur (national scale: 5,416 for the largest province and 107,368 for the country, where grouping
    /// by status and flags as well made 43,724 and 867,370), with the names joined to those groups, not to every
    /// petition. A province's statement reads only the covering index IX_Petitions_ProvinceId_Figures
    /// (docs/PERFORMANCE.md). The benchmark measures this very query (QUALITY.md P2).
    /// </summary>
    internal static IQueryable<FigureGroup> Groups(DanVanDbContext db, IQueryable<Petition> rows, DateOnly today)
    {
        var counted =
            from p in rows
            group p by new { p.CategoryId, p.AssignedOrganizationId } into g
            select new
            {
                g.Key.CategoryId,
                g.Key.AssignedOrganizationId,
                Received = g.Count(),
                Open = g.Sum(p =>
                    new[]
                    {
                        PetitionStatus.Received,
                        PetitionStatus.Assigned,
                        PetitionStatus.InProgress,
                        PetitionStatus.Reopened,
                    }.Contains(p.Status)
                        ? 1
                        : 0
                ),
                Overdue = g.Sum(p =>
                    new[] { PetitionStatus.Assigned, PetitionStatus.InProgress }.Contains(p.Status) && p.DueOn < today
                        ? 1
                        : 0
                ),
                Answered = g.Sum(p => p.AnsweredOnTime != null ? 1 : 0),
                AnsweredOnTime = g.Sum(p => p.AnsweredOnTime == true ? 1 : 0),
                Resolved = g.Sum(p => p.Status == PetitionStatus.Resolved ? 1 : 0),
                ClosedNotResolved = g.Sum(p => p.Status == PetitionStatus.ClosedNotResolved ? 1 : 0),
                Escalated = g.Sum(p => p.EscalatedToUnitId != null ? 1 : 0),
            };
        return from g in counted
            join c in db.PetitionCategories on g.CategoryId equals c.Id
            join o in db.Organizations on g.AssignedOrganizationId equals (int?)o.Id into assigned
            from o in assigned.DefaultIfEmpty()
            select new FigureGroup(
                g.CategoryId,
                c.SortOrder,
                Cultures.Pick(c.Name, c.NameEn, c.NameDe),
                g.AssignedOrganizationId,
                o.Name,
                g.Received,
                g.Open,
                g.Overdue,
                g.Answered,
                g.AnsweredOnTime,
                g.Resolved,
                g.ClosedNotResolved,
                g.Escalated
            );
    }

    /// <summary>One (category, agency) pair's figures as the statement returns them.</summary>
    internal sealed record FigureGroup(
        int CategoryId,
        int SortOrder,
        string CategoryName,
        int? OrganizationId,
        string? OrganizationName,
        int Received,
        int Open,
        int Overdue,
        int Answered,
        int AnsweredOnTime,
        int Resolved,
        int ClosedNotResolved,
        int Escalated
    );

    // The predicates the figures share with the home page's tallies (one definition each).
    public static Expression<Func<Petition, bool>> IsOpen =>
        p =>
            new[]
            {
                PetitionStatus.Received,
                PetitionStatus.Assigned,
                PetitionStatus.InProgress,
                PetitionStatus.Reopened,
            }.Contains(p.Status);

    // Status sets as inline arrays: EF Core sends them as IN (…) constants, which PostgreSQL uses as index conditions
    // (an OR of two equalities lost the (Status, DueOn) index's condition: ADR-0023).

    /// <summary>With an agency: assigned or in progress (the deadline runs).</summary>
    public static Expression<Func<Petition, bool>> IsRunning =>
        p => new[] { PetitionStatus.Assigned, PetitionStatus.InProgress }.Contains(p.Status);

    public static Expression<Func<Petition, bool>> IsOverdueOn(DateOnly today) =>
        p => new[] { PetitionStatus.Assigned, PetitionStatus.InProgress }.Contains(p.Status) && p.DueOn < today;

    public static Expression<Func<Petition, bool>> AwaitsAssignment =>
        p => new[] { PetitionStatus.Received, PetitionStatus.Reopened }.Contains(p.Status);

    public static Expression<Func<Petition, bool>> AwaitsExtensionDecision =>
        p =>
            p.ExtensionRequestedTo != null
            && new[] { PetitionStatus.Assigned, PetitionStatus.InProgress }.Contains(p.Status);

    /// <summary>The median of a histogram of whole days (the mean of the two middle values for an even
    /// count).</summary>
    public static double? Median(IEnumerable<(int Days, int Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Days).ToList();
        var n = sorted.Sum(h => h.Count);
        if (n == 0)
        {
            return null;
        }

        int ValueAt(int index)
        {
            foreach (var (days, count) in sorted)
            {
                if (index < count)
                {
                    return days;
                }

                index -= count;
            }

            throw new InvalidOperationException("index outside the histogram");
        }

        return n % 2 == 1 ? ValueAt(n / 2) : (ValueAt((n / 2) - 1) + ValueAt(n / 2)) / 2.0;
    }

    private static PetitionFigures Sum(IEnumerable<FigureGroup> groups)
    {
        var list = groups.ToList();
        return new PetitionFigures(
            list.Sum(g => g.Received),
            list.Sum(g => g.Open),
            list.Sum(g => g.Overdue),
            list.Sum(g => g.Answered),
            list.Sum(g => g.AnsweredOnTime),
            list.Sum(g => g.Resolved),
            list.Sum(g => g.ClosedNotResolved),
            list.Sum(g => g.Escalated)
        );
    }
}
