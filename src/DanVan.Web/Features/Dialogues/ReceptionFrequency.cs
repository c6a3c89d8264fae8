using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Dialogues;

public sealed record ReceptionMonth(int Year, int Month, int Days, int Required)
{
    public bool Met => Days >= Required;
}

public sealed record ReceptionRow(int UnitId, string UnitName, UnitLevel Level, IReadOnlyList<ReceptionMonth> Months);

/// <summary>
/// Per unit and month, the reception days of the head of the Party committee (<see cref="DialogueRules.IsReceptionDay"/>,
/// the catalogue's definition), against the rule:
/// the unit itself and its children at province or commune level, for the last months. Two statements.
/// </summary>
internal sealed class ReceptionFrequency(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>
    /// For a unit the caller may see dialogues of (the active unit when none is given), over the last
    /// <paramref name="months"/> (1 to 24); null when there is no such unit. The page and the API both read it here.
    /// </summary>
    public async Task<(Unit Unit, IReadOnlyList<ReceptionRow> Rows)?> ForUnitAsync(
        int? unitId,
        int months,
        CancellationToken ct
    )
    {
        var id = unitId ?? user.Active?.UnitId;
        var unit = id is null ? null : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !user.Can(Permission.DialoguesView, unit.Ref))
        {
            return null;
        }

        return (unit, await ComputeAsync(unit, VietnamTime.Today(clock), Math.Clamp(months, 1, 24), ct));
    }

    public async Task<IReadOnlyList<ReceptionRow>> ComputeAsync(
        Unit root,
        DateOnly today,
        int months,
        CancellationToken ct
    )
    {
        var units = await db
            .Units.AsNoTracking()
            .Where(u =>
                (u.Id == root.Id || u.ParentId == root.Id)
                && u.ValidTo == null
                && (u.Level == UnitLevel.Province || u.Level == UnitLevel.Commune)
            )
            .OrderBy(u => u.Level)
            .ThenBy(u => u.Name)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Level,
            })
            .ToListAsync(ct);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));
        var ids = units.Select(u => u.Id).ToList();
        var days = await db
            .Dialogues.AsNoTracking()
            .Where(DialogueRules.IsReceptionDay)
            .Where(d => ids.Contains(d.UnitId) && d.HeldOn >= first && d.HeldOn <= today)
            .Select(d => new { d.UnitId, d.HeldOn })
            .ToListAsync(ct);
        var byUnit = days.ToLookup(d => d.UnitId);
        return
        [
            .. units.Select(u => new ReceptionRow(
                u.Id,
                u.Name,
                u.Level,
                [
                    .. Enumerable
                        .Range(0, months)
                        .Select(i =>
                        {
                            var month = first.AddMonths(i);
                            return new ReceptionMonth(
                                month.Year,
                                month.Month,
                                byUnit[u.Id].Count(d => d.HeldOn.Year == month.Year && d.HeldOn.Month == month.Month),
                                DialogueRules.RequiredReceptionDays(u.Level)
                            );
                        }),
                ]
            )),
        ];
    }
}
