using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// When a unit is dissolved without a successor, what was current at it ends the day before: the full-time and
/// part-time posts in its bodies, the assignments to hold it (or a group in it), and those its bodies held elsewhere;
/// rows that would only start on or after that day are removed. Without this a dissolved commune would stay held (the
/// coverage figures would count a unit held that is no longer one to hold) and its cadres on its staff. The cadres'
/// records stay at the unit for its personnel officers above to post again; quotas stay with their years. Tracked
/// changes, so the holdings and the figures' summary rows follow in the same save.
/// </summary>
internal sealed class PersonnelInRetirements(DanVanDbContext db) : IUnitRetireStep
{
    public async Task<string?> RetireAsync(Unit unit, DateOnly validTo, CancellationToken ct)
    {
        var before = validTo.AddDays(-1);
        var bodies = await db.Organizations.Where(o => o.UnitId == unit.Id).Select(o => o.Id).ToListAsync(ct);
        var posts = await db
            .CadrePositions.Where(p => p.UnitId == unit.Id && (p.EndOn == null || p.EndOn >= validTo))
            .ToListAsync(ct);
        var assignments = await db
            .Responsibilities.Where(r =>
                (r.UnitId == unit.Id || bodies.Contains(r.HolderOrganizationId ?? 0))
                && (r.ToOn == null || r.ToOn >= validTo)
            )
            .ToListAsync(ct);
        foreach (var post in posts)
        {
            if (post.StartOn >= validTo)
            {
                db.CadrePositions.Remove(post);
            }
            else
            {
                post.EndOn = before;
            }
        }

        foreach (var held in assignments)
        {
            if (held.FromOn >= validTo)
            {
                db.Responsibilities.Remove(held);
            }
            else
            {
                held.ToOn = before;
            }
        }

        if (posts.Count == 0 && assignments.Count == 0)
        {
            return null;
        }

        await HeldUnits.SyncAsync(db, [unit.Id, .. assignments.Select(a => a.UnitId)], ct);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"posts ended: {posts.Count}; responsibility assignments ended: {assignments.Count}"
        );
    }
}
