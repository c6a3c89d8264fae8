using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// A period in which a unit is held as a whole by someone: the union of its whole-unit assignments' periods (a group
/// held inside the unit does not hold it), one row per unbroken stretch. Derived from <see cref="Responsibility"/> by
/// <see cref="HeldUnits"/> in the same save as the assignment, stamped with the held unit's ancestors; the coverage
/// figures of the statistics catalogue read it (two holders at once hold the unit once).
/// </summary>
public sealed class UnitHolding : IUnitStamped, IDerivedRow
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }
    public DateOnly FromOn { get; set; }

    /// <summary>The last day held; none: until further notice.</summary>
    public DateOnly? ToOn { get; set; }
}

/// <summary>Keeps a unit's <see cref="UnitHolding"/> rows equal to the union of its whole-unit assignments.</summary>
public static class HeldUnits
{
    /// <summary>The unbroken stretches covered by the periods (overlapping or touching periods join).</summary>
    public static List<(DateOnly From, DateOnly? To)> Union(IEnumerable<(DateOnly From, DateOnly? To)> periods)
    {
        var union = new List<(DateOnly From, DateOnly? To)>();
        foreach (var (from, to) in periods.Where(p => p.To is null || p.To >= p.From).OrderBy(p => p.From))
        {
            if (
                union.Count > 0
                && union[^1] is var (lastFrom, lastTo)
                && (lastTo is null || lastTo >= from.AddDays(-1))
            )
            {
                union[^1] = (lastFrom, lastTo is null || to is null ? null : (to > lastTo ? to : lastTo));
            }
            else
            {
                union.Add((from, to));
            }
        }

        return union;
    }

    /// <summary>
    /// Brings the holdings of the units in line with their assignments as tracked now (saved, or added and changed
    /// in this context, not yet saved), so the caller's one save writes both: rows that still match stay, the others
    /// are removed or added (the statistics' summary rows follow the change in that save).
    /// </summary>
    public static async Task SyncAsync(DanVanDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        await db.Responsibilities.Where(r => ids.Contains(r.UnitId)).LoadAsync(ct);
        var holdings = await db.UnitHoldings.Where(h => ids.Contains(h.UnitId)).ToListAsync(ct);
        var assignments = db
            .Responsibilities.Local.Where(r => ids.Contains(r.UnitId) && r.GroupName == null)
            .GroupBy(r => r.UnitId)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var unitId in ids)
        {
            var held = assignments.GetValueOrDefault(unitId) ?? [];
            var union = Union(held.Select(r => (r.FromOn, r.ToOn)));
            var mine = holdings.Where(h => h.UnitId == unitId).ToList();
            foreach (var stale in mine.Where(h => !union.Contains((h.FromOn, h.ToOn))))
            {
                db.UnitHoldings.Remove(stale);
            }

            var place = held.Count > 0 ? held[0].Ref : default;
            foreach (var (from, to) in union.Where(p => !mine.Any(h => h.FromOn == p.From && h.ToOn == p.To)))
            {
                var row = new UnitHolding
                {
                    UnitLevel = place.Level,
                    FromOn = from,
                    ToOn = to,
                };
                place.StampOnto(row);
                db.UnitHoldings.Add(row);
            }
        }
    }

    /// <summary>
    /// The units whose holdings differ from their assignments (all of them, or those of the provinces given), made
    /// equal when <paramref name="repair"/> is set; for the operator's check and for data written in bulk.
    /// </summary>
    public static async Task<int> CheckAsync(
        DanVanDbContext db,
        IReadOnlyCollection<int>? provinces,
        bool repair,
        CancellationToken ct
    )
    {
        var list = provinces?.ToList();
        var assignments = await db
            .Responsibilities.AsNoTracking()
            .Where(r => r.GroupName == null && (list == null || list.Contains(r.ProvinceId ?? 0)))
            .Select(r => new
            {
                r.UnitId,
                r.FromOn,
                r.ToOn,
            })
            .ToListAsync(ct);
        var holdings = await db
            .UnitHoldings.AsNoTracking()
            .Where(h => list == null || list.Contains(h.ProvinceId ?? 0))
            .Select(h => new
            {
                h.UnitId,
                h.FromOn,
                h.ToOn,
            })
            .ToListAsync(ct);
        var expected = assignments
            .GroupBy(a => a.UnitId)
            .ToDictionary(g => g.Key, g => Union(g.Select(a => (a.FromOn, a.ToOn))));
        var stored = holdings
            .GroupBy(h => h.UnitId)
            .ToDictionary(g => g.Key, g => g.Select(h => (h.FromOn, h.ToOn)).OrderBy(p => p.FromOn).ToList());
        var differing = expected
            .Keys.Union(stored.Keys)
            .Where(id => !(expected.GetValueOrDefault(id) ?? []).SequenceEqual(stored.GetValueOrDefault(id) ?? []))
            .ToList();
        if (repair)
        {
            foreach (var chunk in differing.Chunk(500))
            {
                await SyncAsync(db, chunk, ct);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        return differing.Count;
    }
}
