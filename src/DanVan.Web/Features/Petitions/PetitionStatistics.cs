using System.Linq.Expressions;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// The predicates of a petition's state that every count of petitions shares: the list's filters, the home page's work
/// list, the overdue sweep and the agencies' workload (<see cref="PetitionWorkload"/>); the statistics catalogue's stock
/// figures (open, overdue) follow the same rules from the petition's columns (<c>PetitionLifecycle</c>). The period
/// figures (received, answered, on time, median days...) are the statistics catalogue's, read from its summary rows.
/// </summary>
public static class PetitionStatistics
{
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
}
