using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>An agency's open petitions of a subtree today, and how many of them are past their deadline.</summary>
public sealed record AgencyWorkload(int OrganizationId, string Name, int Open, int Overdue);

/// <summary>
/// What each responsible agency has on its desk in a subtree, today: the petitions assigned to it that are open
/// (<see cref="PetitionStatistics.IsOpen"/>) and those of them overdue (<see cref="PetitionStatistics.IsOverdueOn"/>),
/// most overdue first. A stock of today, by the same rules as the catalogue's "open" and "overdue", broken down by the
/// agency (which the summary rows do not carry). One statement over the covering index of the open petitions.
/// </summary>
internal sealed class PetitionWorkload(DanVanDbContext db)
{
    public async Task<IReadOnlyList<AgencyWorkload>> ByAgencyAsync(UnitRef unit, DateOnly today, CancellationToken ct)
    {
        var rows = await Query(db, unit, today).ToListAsync(ct);
        return
        [
            .. rows.OrderByDescending(r => r.Overdue)
                .ThenByDescending(r => r.Open)
                .ThenBy(r => r.Name, StringComparer.CurrentCulture),
        ];
    }

    /// <summary>The statement (the benchmark measures this very query, QUALITY.md P2).</summary>
    internal static IQueryable<AgencyWorkload> Query(DanVanDbContext db, UnitRef unit, DateOnly today)
    {
        var counted =
            from p in db
                .Petitions.AsNoTracking()
                .Where(
                    UnitScope.Within<Petition>(
                        [(unit.Level, unit.Id)],
                        p => p.ProvinceId,
                        p => p.CommuneId,
                        p => p.VillageId
                    )
                )
                .Where(p => p.AssignedOrganizationId != null)
                .Where(PetitionStatistics.IsOpen)
            group p by p.AssignedOrganizationId into g
            select new
            {
                OrganizationId = g.Key!.Value,
                Open = g.Count(),
                Overdue = g.Sum(p =>
                    new[] { PetitionStatus.Assigned, PetitionStatus.InProgress }.Contains(p.Status) && p.DueOn < today
                        ? 1
                        : 0
                ),
            };
        return from g in counted
            join o in db.Organizations on g.OrganizationId equals o.Id
            select new AgencyWorkload(g.OrganizationId, o.Name, g.Open, g.Overdue);
    }
}
