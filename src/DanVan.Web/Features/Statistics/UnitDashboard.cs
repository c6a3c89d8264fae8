using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Statistics;

/// <summary>A unit that was merged: into which unit, or which units were merged into this one, and when.</summary>
public sealed record MergeNote(int UnitId, string Name, DateOnly On);

/// <summary>Everything the unit dashboard shows, read for one caller.</summary>
public sealed record UnitDashboardData(
    Unit Unit,
    StatisticPeriod Period,
    DateOnly Today,
    IReadOnlyList<(string Section, IReadOnlyList<FigureValue> Figures)> Sections,
    IReadOnlyList<Statistic> KeyFigures,
    IReadOnlyList<ChildFigures> Children,
    IReadOnlyList<FigureTrend> Trends,
    MergeNote? MergedInto,
    IReadOnlyList<MergeNote> MergedHere
)
{
    /// <summary>Every figure of the catalogue the caller may see, those of no section too (models recognized by level):
    /// what the API returns.</summary>
    public IReadOnlyList<FigureValue> Every { get; init; } = [];
}

/// <summary>
/// The unit dashboard (<c>/units/{id}/dashboard</c>, and the home page's top): the catalogue's figures for a period
/// against the one before and the same one a year earlier, month-by-month trends, and the child units' key figures.
/// Figures of a section show only to callers who may see that section's records in the unit (least privilege: an
/// account without petitions sees no petition figures). At most five statements, whatever the unit's size.
/// </summary>
public sealed class UnitDashboard(
    [FromKeyedServices(ReadReplica.Key)] DanVanDbContext db,
    [FromKeyedServices(ReadReplica.Key)] ReadStatistics statistics,
    ICurrentUser user,
    TimeProvider clock
)
{
    public const int TrendMonths = 12;

    public static Permission SectionPermission(string section) =>
        section switch
        {
            "models" => Permission.ModelsView,
            "dialogues" => Permission.DialoguesView,
            // Head counts against the quota, no person: every staff role reads them.
            "personnel" => Permission.UnitsView,
            _ => Permission.PetitionsView,
        };

    /// <summary>The resource key of a section's heading.</summary>
    public static string SectionKey(string section) => "Statistics_Section_" + section;

    public static string SectionOf(Statistic s) => s.Key[..s.Key.IndexOf('.')];

    /// <summary>The figures of the catalogue a caller may see in a unit: those of the sections whose records the caller
    /// may see there (the one rule for the dashboard, the home page and the API).</summary>
    public static IReadOnlyList<Statistic> VisibleTo(ICurrentUser user, UnitRef unit) =>
        [.. StatisticCatalogue.All.Where(s => user.Can(SectionPermission(SectionOf(s)), unit))];

    /// <summary>Null when there is no such unit or the caller may not see it.</summary>
    /// <param name="trends">The month-by-month charts (the page's; the API and the export do without).</param>
    public async Task<UnitDashboardData?> ReadAsync(
        int unitId,
        StatisticPeriod period,
        CancellationToken ct,
        bool trends = true
    )
    {
        // The unit, its children to compare and the units of a merger (into this one, or this one into another): one
        // statement.
        var (from, to) = (period.From, period.To);
        var related = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.Id == unitId
                || (u.ParentId == unitId && (u.ValidTo == null || u.ValidTo >= from) && u.ValidFrom <= to)
                || u.SuccessorId == unitId
                || u.Id == db.Units.Where(x => x.Id == unitId).Select(x => x.SuccessorId).FirstOrDefault()
            )
            .ToListAsync(ct);
        var unit = related.SingleOrDefault(u => u.Id == unitId);
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return null;
        }

        var today = VietnamTime.Today(clock);
        var visible = VisibleTo(user, unit.Ref);
        var values = await statistics.ValuesAsync(unit.Ref, period, today, visible, ct);
        var sections = StatisticCatalogue
            .Sections.Select(s =>
                (s.Section, (IReadOnlyList<FigureValue>)[.. s.Keys.Where(values.ContainsKey).Select(k => values[k])])
            )
            .Where(s => s.Item2.Count > 0)
            .ToList();
        var keyFigures = StatisticCatalogue
            .KeyFigures.Select(StatisticCatalogue.Get)
            .Where(s => visible.Contains(s))
            .ToList();
        var childUnits = related
            .Where(u =>
                u.Id != unit.Id
                && u.ParentId == unit.Id
                && (u.ValidTo == null || u.ValidTo >= from)
                && u.ValidFrom <= to
            )
            .Select(u => new ChildUnit(u.Id, u.Name, u.Level, u.ValidTo is null))
            .ToList();
        var children =
            childUnits.Count == 0
                ? []
                : await statistics.ChildrenAsync(unit.Ref, childUnits, period, today, keyFigures, ct);
        IReadOnlyList<FigureTrend> charts = trends
            ? await statistics.TrendAsync(unit.Ref, period, TrendMonths, today, keyFigures, ct)
            : [];
        var merges = related
            .Where(u => u.Id != unit.Id && (u.SuccessorId == unit.Id || u.Id == unit.SuccessorId))
            .ToList();
        var into = merges.FirstOrDefault(m => m.Id == unit.SuccessorId);
        return new UnitDashboardData(
            unit,
            period,
            today,
            sections,
            keyFigures,
            children,
            charts,
            into is null ? null : new MergeNote(into.Id, into.Name, unit.ValidTo ?? today),
            [
                .. merges
                    .Where(m => m.SuccessorId == unit.Id)
                    .Select(m => new MergeNote(m.Id, m.Name, m.ValidTo ?? today))
                    .OrderBy(m => m.On),
            ]
        )
        {
            Every = [.. visible.Select(s => values[s.Key])],
        };
    }
}
