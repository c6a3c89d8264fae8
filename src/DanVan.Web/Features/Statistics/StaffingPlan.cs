using System.Globalization;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using static DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Web.Features.Statistics;

/// <summary>A unit's staffing against its quota on the plan's day, from the catalogue's figures.</summary>
public sealed record StaffingRow(
    int UnitId,
    string Name,
    UnitLevel Level,
    bool IsActive,
    double? Quota,
    double? Staff,
    double? StaffingShare,
    double? Qualified,
    double? QualifiedRequired,
    double? QualifiedShare,
    bool MaySetQuota
)
{
    /// <summary>Staff missing against the quota (negative: over the quota); none without a quota.</summary>
    public double? Gap => Quota is > 0 && Staff is { } staff ? Quota - staff : null;

    /// <summary>Staff at intermediate theory or above missing against the plan's requirement.</summary>
    public double? QualifiedGap =>
        QualifiedRequired is > 0 && Qualified is { } q ? Math.Max(0, QualifiedRequired.Value - q) : null;
}

/// <summary>A body's quota and staff in the unit on the plan's day, from the catalogue figures' breakdown by
/// body.</summary>
public sealed record StaffingBody(
    int OrganizationId,
    string Name,
    double Quota,
    double Staff,
    double Qualified,
    double QualifiedRequired
)
{
    /// <summary>Staff missing against the body's quota (negative: over it); none without a quota.</summary>
    public double? Gap => Quota > 0 ? Quota - Staff : null;

    /// <summary>Staff at intermediate theory or above missing against the body's requirement.</summary>
    public double? QualifiedGap => QualifiedRequired > 0 ? Math.Max(0, QualifiedRequired - Qualified) : null;
}

/// <summary>The unit's quota and staff at the end of each year of the plan (staff only for the years begun).</summary>
public sealed record StaffingYear(int Year, long Quota, long? Staff, long QualifiedRequired, long? Qualified);

/// <summary>The staffing plan of a unit for a year: the unit's total, each unit directly below, and the years.</summary>
public sealed record StaffingPlanView(
    int UnitId,
    string UnitName,
    UnitLevel Level,
    int Year,
    DateOnly On,
    StaffingRow Total,
    IReadOnlyList<StaffingRow> Children,
    IReadOnlyList<StaffingYear> Years
)
{
    /// <summary>The unit's own bodies with a quota or staff of their own (a quota given to the unit as a whole is
    /// nobody's).</summary>
    public IReadOnlyList<StaffingBody> Bodies { get; init; } = [];
}

/// <summary>
/// The 2025–2030 staffing plan against the staff in post (ADR-0031): every number is one of the catalogue's figures
/// (<see cref="StatisticCatalogue.StaffInPost"/>, <see cref="StatisticCatalogue.StaffQuota"/> and the theory counts), read
/// from the summary rows — the dashboards, the API and this page show the same ones; the unit's own bodies are the
/// figures' breakdown by body. Four statements.
/// </summary>
internal sealed class ReadStaffingPlan(
    DanVanDbContext db,
    ICurrentUser user,
    ReadStatistics statistics,
    TimeProvider clock
)
{
    private static readonly Statistic[] Figures =
    [
        .. new[]
        {
            StaffQuota,
            StaffInPost,
            StaffingShare,
            StaffQualified,
            StaffQualifiedRequired,
            StaffQualifiedShare,
        }.Select(Get),
    ];

    public static int YearOf(int? year, DateOnly today) =>
        Math.Clamp(year ?? today.Year, StaffingQuota.FirstYear, StaffingQuota.LastYear);

    /// <param name="years">Whether to read the plan's years too (the page's; the API serves them apart, so that each
    /// call stays within its statements).</param>
    public async Task<StaffingPlanView?> HandleAsync(int unitId, int? year, CancellationToken ct, bool years = true)
    {
        var today = VietnamTime.Today(clock);
        var y = YearOf(year, today);
        var period = StatisticPeriod.Of(PeriodKind.Year, y);
        var (from, to) = (period.From, period.To);
        // The unit, its children and its parent, with the unit's own bodies' names in the same statement.
        var read = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.Id == unitId
                || (u.ParentId == unitId && (u.ValidTo == null || u.ValidTo >= from) && u.ValidFrom <= to)
                || u.Id == db.Units.Where(x => x.Id == unitId).Select(x => x.ParentId).FirstOrDefault()
            )
            .Select(u => new
            {
                Unit = u,
                Bodies = db
                    .Organizations.Where(o => o.UnitId == u.Id && o.UnitId == unitId)
                    .Select(o => new QuotaBody(o.Id, o.Name))
                    .ToList(),
            })
            .ToListAsync(ct);
        var related = read.Select(r => r.Unit).ToList();
        var unit = related.SingleOrDefault(u => u.Id == unitId);
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return null;
        }

        var parent = related.SingleOrDefault(u => u.Id == unit.ParentId);
        var values = await statistics.ValuesAsync(unit.Ref, period, today, Figures, ct);
        var below = related
            .Where(u => u.ParentId == unit.Id && u.Id != unit.Id && CadreRules.KeepsCadres(u.Level))
            .OrderBy(u => u.Name)
            .ToList();
        var children =
            below.Count == 0
                ? []
                : await statistics.ChildrenAsync(
                    unit.Ref,
                    [.. below.Select(u => new ChildUnit(u.Id, u.Name, u.Level, u.ValidTo is null))],
                    period,
                    today,
                    Figures,
                    ct
                );
        var planYears = years ? await YearsAsync(unit.Ref, today, ct) : [];
        var bodies = Bodies(read.Single(r => r.Unit.Id == unitId).Bodies, values);
        return new StaffingPlanView(
            unit.Id,
            unit.Name,
            unit.Level,
            y,
            period.StockDay(today),
            new StaffingRow(
                unit.Id,
                unit.Name,
                unit.Level,
                unit.IsActive,
                values[StaffQuota].Value,
                values[StaffInPost].Value,
                values[StaffingShare].Value,
                values[StaffQualified].Value,
                values[StaffQualifiedRequired].Value,
                values[StaffQualifiedShare].Value,
                unit.IsActive && SaveStaffingQuota.MaySet(user, unit.Ref, parent?.Ref)
            ),
            [
                .. children.Select(c =>
                {
                    var u = below.Single(b => b.Id == c.UnitId);
                    return new StaffingRow(
                        c.UnitId,
                        c.Name,
                        c.Level,
                        c.IsActive,
                        c.Values[StaffQuota],
                        c.Values[StaffInPost],
                        c.Values[StaffingShare],
                        c.Values[StaffQualified],
                        c.Values[StaffQualifiedRequired],
                        c.Values[StaffQualifiedShare],
                        c.IsActive && SaveStaffingQuota.MaySet(user, u.Ref, unit.Ref)
                    );
                }),
            ],
            planYears
        )
        {
            Bodies = bodies,
        };
    }

    /// <summary>The unit's own bodies from the figures' parts: a body's id is its part, and bodies belong to one unit, so
    /// of the subtree's parts those of the unit's bodies are its own (part 0, the quotas given to whole units, is not).</summary>
    private static IReadOnlyList<StaffingBody> Bodies(
        IEnumerable<QuotaBody> own,
        IReadOnlyDictionary<string, FigureValue> values
    )
    {
        var parts = new[] { StaffQuota, StaffInPost, StaffQualified, StaffQualifiedRequired }.ToDictionary(
            k => k,
            k => values[k].Parts
        );
        double Part(string key, int id) => parts[key].GetValueOrDefault(id);
        return
        [
            .. own.Where(b => parts.Values.Any(p => p.ContainsKey(b.Id)))
                .OrderBy(b => b.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
                .Select(b => new StaffingBody(
                    b.Id,
                    b.Name,
                    Part(StaffQuota, b.Id),
                    Part(StaffInPost, b.Id),
                    Part(StaffQualified, b.Id),
                    Part(StaffQualifiedRequired, b.Id)
                )),
        ];
    }

    /// <summary>The plan's years for a unit the caller may see (the API's second read).</summary>
    public async Task<IReadOnlyList<StaffingYear>?> YearsAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        return unit is null || !user.Can(Permission.UnitsView, unit.Ref)
            ? null
            : await YearsAsync(unit.Ref, VietnamTime.Today(clock), ct);
    }

    private async Task<IReadOnlyList<StaffingYear>> YearsAsync(UnitRef unit, DateOnly today, CancellationToken ct)
    {
        var years = Enumerable
            .Range(StaffingQuota.FirstYear, StaffingQuota.LastYear - StaffingQuota.FirstYear + 1)
            .ToList();
        var days = years.Select(x => StatisticPeriod.Of(PeriodKind.Year, x).StockDay(today)).ToList();
        // A year's quota stands all year (read on its last day); its staff on its last day, or today while it runs.
        var series = await statistics.StocksOnAsync(
            unit,
            [StaffQuota, StaffInPost, StaffQualified, StaffQualifiedRequired],
            [.. years.Select(x => new DateOnly(x, 12, 31)), .. days],
            ct
        );
        return
        [
            .. years.Select(
                (x, i) =>
                {
                    var begun = x <= today.Year;
                    return new StaffingYear(
                        x,
                        series[StaffQuota][i],
                        begun ? series[StaffInPost][years.Count + i] : null,
                        series[StaffQualifiedRequired][i],
                        begun ? series[StaffQualified][years.Count + i] : null
                    );
                }
            ),
        ];
    }
}
