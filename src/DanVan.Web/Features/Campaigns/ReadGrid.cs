using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record GridCell(
    int IndicatorId,
    decimal? Value,
    int Version,
    string? ActorName,
    DateTime? UpdatedAt,
    string? Note
);

/// <param name="GroupId">The unit above the row (a village's commune, a commune's province): the grid and the missing
/// list group by it.</param>
/// <param name="MayReport">The caller may enter this unit's figures (whether or not the period is open).</param>
public sealed record GridRow(
    int UnitId,
    string UnitName,
    string Code,
    int? CommuneId,
    bool MayEnter,
    IReadOnlyList<GridCell> Cells,
    int? GroupId = null,
    string? GroupName = null,
    bool MayReport = false
)
{
    public int Missing => Cells.Count(c => c.Value is null);
}

/// <summary>
/// The figures of one period for the participants under a unit: the entry grid (rows = units, columns = the
/// indicators reported at that frequency) and the list of missing entries.
/// </summary>
public sealed record CampaignGrid(
    int CampaignId,
    string CampaignName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool AcceptsFigures,
    UnitLevel ReportingLevel,
    ReportingFrequency Frequency,
    DateOnly Period,
    DateOnly PeriodEnd,
    DateOnly? Previous,
    DateOnly? Next,
    bool Locked,
    bool MayLock,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<GridRow> Rows,
    bool Truncated,
    IReadOnlyList<ReportingFrequency> Frequencies
)
{
    public CampaignStatus Status { get; init; }

    /// <summary>The period has begun (figures are entered once it has).</summary>
    public bool Started { get; init; } = true;
}

public sealed record FigureRow(
    long Id,
    int UnitId,
    int IndicatorId,
    DateOnly Period,
    decimal Value,
    string? Note,
    int Version,
    string ActorName,
    DateTime UpdatedAt
);

public sealed record RevisionRow(
    decimal? OldValue,
    decimal? NewValue,
    FigureSource Source,
    DateTime At,
    string ActorName
);

/// <summary>One cell's history with what names it: the history page.</summary>
public sealed record CellHistory(
    int CampaignId,
    string CampaignName,
    int UnitId,
    string UnitName,
    IndicatorRow Indicator,
    DateOnly Period,
    DateOnly PeriodEnd,
    decimal? Value,
    string? Note,
    IReadOnlyList<RevisionRow> Revisions
);

/// <summary>A participant without a figure for some indicators of the period.</summary>
public sealed record MissingUnit(int UnitId, string Name, string Code, IReadOnlyList<int> MissingIndicatorIds);

/// <summary>The participants under one unit (a commune's villages, a province's communes) and those of them that have
/// not reported.</summary>
public sealed record MissingGroup(int? GroupId, string? GroupName, int Units, IReadOnlyList<MissingUnit> Missing);

/// <summary>Who has not reported for a period: per indicator and grouped by the unit above the participants.</summary>
public sealed record MissingReport(
    int CampaignId,
    string CampaignName,
    CampaignStatus Status,
    DateOnly StartsOn,
    DateOnly EndsOn,
    UnitLevel ReportingLevel,
    ReportingFrequency Frequency,
    DateOnly Period,
    DateOnly PeriodEnd,
    DateOnly? Previous,
    DateOnly? Next,
    bool Started,
    IReadOnlyList<ReportingFrequency> Frequencies,
    IReadOnlyList<IndicatorRow> Indicators,
    int Units,
    int UnitsMissing,
    IReadOnlyDictionary<int, int> ReportedPerIndicator,
    IReadOnlyList<MissingGroup> Groups,
    bool Truncated
);

public sealed record TargetRow(
    int UnitId,
    string UnitName,
    UnitLevel Level,
    int? ParentUnitId,
    decimal? ExplicitTarget,
    int Version,
    decimal ChildTarget,
    decimal Target,
    decimal Actual,
    bool IsActive
);

internal sealed class ReadGrid(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>More rows than this on one grid: choose a commune.</summary>
    public const int MaxRows = 1000;

    /// <summary>More participants than this in one missing list: choose a commune or a district.</summary>
    public const int MaxMissingRows = 5000;

    private static readonly StringComparer VietnameseOrder = StringComparer.Create(
        System.Globalization.CultureInfo.GetCultureInfo("vi-VN"),
        false
    );

    private sealed record PeriodChoice(
        ReportingFrequency Frequency,
        List<Indicator> Columns,
        DateOnly Period,
        DateOnly PeriodEnd,
        DateOnly? Previous,
        DateOnly? Next,
        List<ReportingFrequency> Frequencies,
        DateOnly Today
    );

    /// <summary>
    /// The grid of one period: the campaign with its indicators, the rows (with the period's lock) and their figures —
    /// three statements.
    /// Rows are the participants under <paramref name="unitId"/>, or by default the caller's units where it may report
    /// (where it may look, for a caller who does not report).
    /// </summary>
    public async Task<CampaignGrid?> HandleAsync(
        int campaignId,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return null;
        }

        var (campaign, indicators) = found;

        var choice = Choose(campaign, indicators, date, frequency);
        var participants = Rows(
            campaign,
            unitId,
            CampaignAccess.MayReportAny(user) ? Permission.CampaignsReport : Permission.CampaignsView
        );
        var village = campaign.ReportingLevel == UnitLevel.Village;
        var chosen = choice.Frequency;
        var period = choice.Period;
        var locks = db.Set<CampaignPeriodLock>()
            .Where(l => l.CampaignId == campaignId && l.Frequency == chosen && l.Period == period);

        // The period's lock rides along with the rows (an API read must stay within five statements, its token's
        // included).
        var units = await participants
            .OrderBy(u => village ? u.CommuneId : u.ProvinceId)
            .ThenBy(u => u.Name)
            .ThenBy(u => u.Id)
            .Take(MaxRows + 1)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Code,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId,
                u.Level,
                GroupName = db
                    .Units.Where(g => g.Id == (village ? u.CommuneId : u.ProvinceId))
                    .Select(g => g.Name)
                    .FirstOrDefault(),
                Locked = locks.Any(),
            })
            .ToListAsync(ct);
        var truncated = units.Count > MaxRows;
        if (truncated)
        {
            units.RemoveAt(MaxRows);
        }

        // In Vietnamese order ("Thôn Đông" after "Thôn Dư", not after "Thôn Trung" as the database's byte order has
        // it).
        units =
        [
            .. units.OrderBy(u => u.GroupName, VietnameseOrder).ThenBy(u => u.Name, VietnameseOrder).ThenBy(u => u.Id),
        ];
        var ids = units.Select(u => u.Id).ToList();
        var columnIds = choice.Columns.Select(c => c.Id).ToList();
        var figures =
            ids.Count == 0 || columnIds.Count == 0
                ? []
                : (
                    await db.Set<CampaignFigure>()
                        .AsNoTracking()
                        .Where(x =>
                            x.CampaignId == campaignId
                            && x.Period == period
                            && columnIds.Contains(x.IndicatorId)
                            && ids.Contains(x.UnitId)
                        )
                        .Select(x => new
                        {
                            x.UnitId,
                            x.IndicatorId,
                            x.Value,
                            x.Version,
                            x.ActorName,
                            x.UpdatedAt,
                            x.Note,
                        })
                        .ToListAsync(ct)
                ).ToDictionary(x => (x.UnitId, x.IndicatorId));
        var locked = units.Count > 0 ? units[0].Locked : await locks.AnyAsync(ct);
        var open = campaign.AcceptsFigures && !locked && period <= choice.Today;
        var rows = units
            .Select(u =>
            {
                var mayReport = CampaignAccess.MayReport(
                    user,
                    new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId)
                );
                return new GridRow(
                    u.Id,
                    u.Name,
                    u.Code,
                    u.CommuneId,
                    open && mayReport,
                    [
                        .. choice.Columns.Select(c =>
                            figures.TryGetValue((u.Id, c.Id), out var x)
                                ? new GridCell(c.Id, x.Value, x.Version, x.ActorName, x.UpdatedAt, x.Note)
                                : new GridCell(c.Id, null, 0, null, null, null)
                        ),
                    ],
                    village ? u.CommuneId : u.ProvinceId,
                    u.GroupName,
                    mayReport
                );
            })
            .ToList();
        return new CampaignGrid(
            campaign.Id,
            campaign.Name,
            campaign.StartsOn,
            campaign.EndsOn,
            campaign.AcceptsFigures,
            campaign.ReportingLevel,
            chosen,
            period,
            choice.PeriodEnd,
            choice.Previous,
            choice.Next,
            locked,
            CampaignAccess.MayManage(user, campaign),
            [.. choice.Columns.Select(c => IndicatorRow.From(c, null))],
            rows,
            truncated,
            choice.Frequencies
        )
        {
            Status = campaign.Status,
            Started = period <= choice.Today,
        };
    }

    /// <summary>
    /// The participants without a figure for one or more indicators of a period, grouped by the unit above them, with
    /// the number of units that reported each indicator. Three statements: the campaign with its indicators, the
    /// participants with their group's name, and the (unit, indicator) pairs of the period's figures.
    /// </summary>
    public async Task<MissingReport?> MissingAsync(
        int campaignId,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return null;
        }

        var (campaign, indicators) = found;

        var choice = Choose(campaign, indicators, date, frequency);
        var participants = Rows(campaign, unitId, Permission.CampaignsView);
        var village = campaign.ReportingLevel == UnitLevel.Village;
        var units = await participants
            .OrderBy(u => village ? u.CommuneId : u.ProvinceId)
            .ThenBy(u => u.Name)
            .ThenBy(u => u.Id)
            .Take(MaxMissingRows + 1)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Code,
                GroupId = village ? u.CommuneId : u.ProvinceId,
                GroupName = db
                    .Units.Where(g => g.Id == (village ? u.CommuneId : u.ProvinceId))
                    .Select(g => g.Name)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var truncated = units.Count > MaxMissingRows;
        if (truncated)
        {
            units.RemoveAt(MaxMissingRows);
        }

        units =
        [
            .. units.OrderBy(u => u.GroupName, VietnameseOrder).ThenBy(u => u.Name, VietnameseOrder).ThenBy(u => u.Id),
        ];

        var columnIds = choice.Columns.Select(c => c.Id).ToList();
        var period = choice.Period;
        var participantIds = participants.Select(u => u.Id);
        var reported = (
            await db.Set<CampaignFigure>()
                .AsNoTracking()
                .Where(f =>
                    f.CampaignId == campaignId
                    && f.Period == period
                    && columnIds.Contains(f.IndicatorId)
                    && participantIds.Contains(f.UnitId)
                )
                .Select(f => new { f.UnitId, f.IndicatorId })
                .ToListAsync(ct)
        ).ToLookup(f => f.UnitId, f => f.IndicatorId);
        var shown = units.Select(u => u.Id).ToHashSet();
        var perIndicator = columnIds.ToDictionary(
            id => id,
            id => reported.Where(g => shown.Contains(g.Key)).Count(g => g.Contains(id))
        );
        var groups = units
            .GroupBy(u => (u.GroupId, u.GroupName))
            .Select(g => new MissingGroup(
                g.Key.GroupId,
                g.Key.GroupName,
                g.Count(),
                [
                    .. g.Select(u => new MissingUnit(
                            u.Id,
                            u.Name,
                            u.Code,
                            [.. columnIds.Where(c => !reported[u.Id].Contains(c))]
                        ))
                        .Where(m => m.MissingIndicatorIds.Count > 0),
                ]
            ))
            .ToList();
        return new MissingReport(
            campaign.Id,
            campaign.Name,
            campaign.Status,
            campaign.StartsOn,
            campaign.EndsOn,
            campaign.ReportingLevel,
            choice.Frequency,
            period,
            choice.PeriodEnd,
            choice.Previous,
            choice.Next,
            period <= choice.Today,
            choice.Frequencies,
            [.. choice.Columns.Select(c => IndicatorRow.From(c, null))],
            units.Count,
            groups.Sum(g => g.Missing.Count),
            perIndicator,
            groups,
            truncated
        );
    }

    /// <summary>The participants at the reporting level under a unit (any unit id: its ancestor columns hold it), or in
    /// the caller's units.</summary>
    private IQueryable<Unit> Rows(Campaign campaign, int? unitId, Permission fallback)
    {
        var units = CampaignAccess.ReportingUnits(db, campaign);
        return unitId is { } root
            ? units.Where(u => u.ProvinceId == root || u.CommuneId == root || u.VillageId == root)
            : units.Where(UnitScope.Units(user, fallback));
    }

    /// <summary>The frequency shown (the one asked for if an indicator has it), its indicators, and the period a date
    /// falls in.</summary>
    private PeriodChoice Choose(
        Campaign campaign,
        List<Indicator> indicators,
        DateOnly? date,
        ReportingFrequency? frequency
    )
    {
        var frequencies = indicators.Select(i => i.Frequency).Distinct().Order().ToList();
        var chosen =
            frequency is { } f && frequencies.Contains(f) ? f : frequencies.FirstOrDefault(ReportingFrequency.Daily);
        var columns = indicators.Where(i => i.Frequency == chosen).ToList();
        var today = VietnamTime.Today(clock);
        var day = date ?? today;
        if (day < campaign.StartsOn)
        {
            day = campaign.StartsOn;
        }
        else if (day > campaign.EndsOn)
        {
            day = campaign.EndsOn;
        }

        var period = CampaignPeriods.PeriodOf(day, chosen, campaign.StartsOn);
        var periodEnd = CampaignPeriods.EndOf(period, chosen, campaign.EndsOn);
        DateOnly? previous =
            period > campaign.StartsOn ? CampaignPeriods.PeriodOf(period.AddDays(-1), chosen, campaign.StartsOn) : null;
        DateOnly? next = periodEnd < campaign.EndsOn && periodEnd < today ? periodEnd.AddDays(1) : null;
        return new PeriodChoice(chosen, columns, period, periodEnd, previous, next, frequencies, today);
    }

    /// <summary>Figures of a campaign the caller sees, filtered and keyset-paged by id (the API's raw data).</summary>
    public async Task<ListPage<FigureRow>?> FiguresAsync(
        int campaignId,
        int? indicatorId,
        int? unitId,
        DateOnly? from,
        DateOnly? to,
        long? after,
        int limit,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct) is null)
        {
            return null;
        }

        var rows = db.Set<CampaignFigure>().AsNoTracking().Where(f => f.CampaignId == campaignId);
        if (indicatorId is { } i)
        {
            rows = rows.Where(f => f.IndicatorId == i);
        }

        if (unitId is { } u)
        {
            var unit = await db
                .Units.AsNoTracking()
                .Where(x => x.Id == u)
                .Select(x => new { x.Id, x.Level })
                .SingleOrDefaultAsync(ct);
            rows = unit is null
                ? rows.Where(_ => false)
                : rows.Where(
                    UnitScope.Within<CampaignFigure>(
                        [(unit.Level, unit.Id)],
                        f => f.ProvinceId,
                        f => f.CommuneId,
                        f => f.VillageId
                    )
                );
        }

        if (from is { } start)
        {
            rows = rows.Where(f => f.Period >= start);
        }

        if (to is { } end)
        {
            rows = rows.Where(f => f.Period <= end);
        }

        if (after is { } last)
        {
            rows = rows.Where(f => f.Id > last);
        }

        var size = Math.Clamp(limit, 1, 5000);
        var items = await rows.OrderBy(f => f.Id)
            .Take(size + 1)
            .Select(f => new FigureRow(
                f.Id,
                f.UnitId,
                f.IndicatorId,
                f.Period,
                f.Value,
                f.Note,
                f.Version,
                f.ActorName,
                f.UpdatedAt
            ))
            .ToListAsync(ct);
        string? nextCursor = null;
        if (items.Count > size)
        {
            items.RemoveAt(size);
            nextCursor = items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ListPage<FigureRow>(items, nextCursor);
    }

    /// <summary>The history of one cell, newest first.</summary>
    public async Task<IReadOnlyList<RevisionRow>?> HistoryAsync(
        int campaignId,
        int unitId,
        int indicatorId,
        DateOnly period,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct) is null)
        {
            return null;
        }

        return await db.Set<FigureRevision>()
            .AsNoTracking()
            .Where(r =>
                r.CampaignId == campaignId && r.UnitId == unitId && r.IndicatorId == indicatorId && r.Period == period
            )
            .OrderByDescending(r => r.At)
            .ThenByDescending(r => r.Id)
            .Select(r => new RevisionRow(r.OldValue, r.NewValue, r.Source, r.At, r.ActorName))
            .ToListAsync(ct);
    }

    /// <summary>One cell's history with the names of its campaign, unit and indicator, newest first: two
    /// statements.</summary>
    public async Task<CellHistory?> CellHistoryAsync(
        int campaignId,
        int unitId,
        int indicatorId,
        DateOnly period,
        CancellationToken ct
    )
    {
        var cell = await CampaignAccess
            .Visible(db, user)
            .AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new
            {
                c.Name,
                c.StartsOn,
                c.EndsOn,
                Unit = db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefault(),
                Indicator = db.Set<Indicator>().FirstOrDefault(i => i.Id == indicatorId && i.CampaignId == c.Id),
                Figure = db.Set<CampaignFigure>()
                    .Where(f =>
                        f.CampaignId == c.Id && f.UnitId == unitId && f.IndicatorId == indicatorId && f.Period == period
                    )
                    .Select(f => new { f.Value, f.Note })
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (cell is not { Unit: not null, Indicator: not null })
        {
            return null;
        }

        var revisions = await db.Set<FigureRevision>()
            .AsNoTracking()
            .Where(r =>
                r.CampaignId == campaignId && r.UnitId == unitId && r.IndicatorId == indicatorId && r.Period == period
            )
            .OrderByDescending(r => r.At)
            .ThenByDescending(r => r.Id)
            .Select(r => new RevisionRow(r.OldValue, r.NewValue, r.Source, r.At, r.ActorName))
            .ToListAsync(ct);
        return new CellHistory(
            campaignId,
            cell.Name,
            unitId,
            cell.Unit,
            IndicatorRow.From(cell.Indicator, null),
            period,
            CampaignPeriods.EndOf(period, cell.Indicator.Frequency, cell.EndsOn),
            cell.Figure?.Value,
            cell.Figure?.Note,
            revisions
        );
    }

    /// <summary>The nodes of one indicator with their explicit, derived and effective targets (the targets
    /// page).</summary>
    public async Task<IReadOnlyList<TargetRow>?> TargetsAsync(int campaignId, int indicatorId, CancellationToken ct)
    {
        if (await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct) is null)
        {
            return null;
        }

        return await db.Set<CampaignTotal>()
            .AsNoTracking()
            .Where(t => t.CampaignId == campaignId && t.IndicatorId == indicatorId)
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t, u })
            .OrderBy(x => x.t.UnitLevel)
            .ThenBy(x => x.t.ParentUnitId)
            .ThenBy(x => x.u.Name)
            .Select(x => new TargetRow(
                x.t.UnitId,
                x.u.Name,
                x.t.UnitLevel,
                x.t.ParentUnitId,
                x.t.ExplicitTarget,
                db.Set<IndicatorTarget>()
                    .Where(g => g.IndicatorId == indicatorId && g.UnitId == x.t.UnitId)
                    .Select(g => g.Version)
                    .FirstOrDefault(),
                x.t.ChildTarget,
                x.t.Target,
                x.t.Actual,
                x.u.ValidTo == null
            ))
            .ToListAsync(ct);
    }
}
