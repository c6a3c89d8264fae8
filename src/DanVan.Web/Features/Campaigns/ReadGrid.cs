using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record GridCell(int IndicatorId, decimal? Value, int Version, string? ActorName, DateTime? UpdatedAt, string? Note);

public sealed record GridRow(int UnitId, string UnitName, string Code, int? CommuneId, bool MayEnter, IReadOnlyList<GridCell> Cells)
{
    public int Missing => Cells.Count(c => c.Value is null);
}

/// <summary>
/// The figures of one period for the participants under a unit: the entry grid (rows = units, columns = the
/// indicators reported at that frequency) and the list of missing entries.
/// </summary>
public sealed record CampaignGrid(int CampaignId, string CampaignName, DateOnly StartsOn, DateOnly EndsOn, bool AcceptsFigures, UnitLevel ReportingLevel,
    ReportingFrequency Frequency, DateOnly Period, DateOnly PeriodEnd, DateOnly? Previous, DateOnly? Next, bool Locked, bool MayLock,
    IReadOnlyList<IndicatorRow> Indicators, IReadOnlyList<GridRow> Rows, bool Truncated, IReadOnlyList<ReportingFrequency> Frequencies);

public sealed record FigureRow(long Id, int UnitId, int IndicatorId, DateOnly Period, decimal Value, string? Note, int Version, string ActorName, DateTime UpdatedAt);

public sealed record RevisionRow(decimal? OldValue, decimal? NewValue, FigureSource Source, DateTime At, string ActorName);

public sealed record TargetRow(int UnitId, string UnitName, UnitLevel Level, int? ParentUnitId, decimal? ExplicitTarget, int Version, decimal ChildTarget,
    decimal Target, decimal Actual, bool IsActive);

internal sealed class ReadGrid(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>More rows than this on one grid: choose a commune.</summary>
    public const int MaxRows = 1000;

    public async Task<CampaignGrid?> HandleAsync(int campaignId, int? unitId, DateOnly? date, ReportingFrequency? frequency, CancellationToken ct)
    {
        // Three statements: the campaign with its indicators, the rows with their figures, the lock.
        var found = await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct);
        if (found is null)
        {
            return null;
        }

        var (campaign, indicators) = found.Value;

        var frequencies = indicators.Select(i => i.Frequency).Distinct().Order().ToList();
        var chosen = frequency is { } f && frequencies.Contains(f) ? f : frequencies.FirstOrDefault(ReportingFrequency.Daily);
        var columns = indicators.Where(i => i.Frequency == chosen).ToList();
        var today = VietnamTime.Today(clock);
        var day = date ?? (today < campaign.StartsOn ? campaign.StartsOn : today > campaign.EndsOn ? campaign.EndsOn : today);
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
        DateOnly? previous = period > campaign.StartsOn ? CampaignPeriods.PeriodOf(period.AddDays(-1), chosen, campaign.StartsOn) : null;
        DateOnly? next = periodEnd < campaign.EndsOn && periodEnd < today ? periodEnd.AddDays(1) : null;

        // The rows: active participants at the reporting level under the chosen unit (default: the caller's units).
        var participants = db.Set<CampaignParticipant>().AsNoTracking().Where(p => p.CampaignId == campaignId)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => u)
            .Where(u => u.ValidTo == null && u.Level == campaign.ReportingLevel);
        if (unitId is { } root)
        {
            // Under the chosen unit, looked up in the same statement (ids are unique across levels; the centre holds everything).
            participants = participants.Where(u => db.Units.Any(r => r.Id == root
                && (r.Level == UnitLevel.Central || u.ProvinceId == r.Id || u.CommuneId == r.Id || u.VillageId == r.Id)));
        }
        else if (CampaignAccess.MayReportAny(user))
        {
            participants = participants.Where(UnitScope.Units(user, Permission.CampaignsReport));
        }

        var columnIds = columns.Select(c => c.Id).ToList();
        var units = await participants.OrderBy(u => u.CommuneId).ThenBy(u => u.Name).ThenBy(u => u.Id).Take(MaxRows + 1)
            .Select(u => new
            {
                u.Id, u.Name, u.Code, u.ProvinceId, u.CommuneId, u.VillageId, u.Level,
                Figures = db.Set<CampaignFigure>().Where(x => x.CampaignId == campaignId && x.UnitId == u.Id && x.Period == period && columnIds.Contains(x.IndicatorId))
                    .Select(x => new { x.UnitId, x.IndicatorId, x.Value, x.Version, x.ActorName, x.UpdatedAt, x.Note }).ToList(),
            })
            .ToListAsync(ct);
        var truncated = units.Count > MaxRows;
        if (truncated)
        {
            units.RemoveAt(MaxRows);
        }

        var figures = units.SelectMany(u => u.Figures).ToDictionary(x => (x.UnitId, x.IndicatorId));
        var locked = await db.Set<CampaignPeriodLock>().AnyAsync(l => l.CampaignId == campaignId && l.Frequency == chosen && l.Period == period, ct);
        var open = campaign.AcceptsFigures && !locked && period <= today;
        var rows = units.Select(u => new GridRow(u.Id, u.Name, u.Code, u.CommuneId,
            open && CampaignAccess.MayReport(user, new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId)),
            [.. columns.Select(c => figures.TryGetValue((u.Id, c.Id), out var x)
                ? new GridCell(c.Id, x.Value, x.Version, x.ActorName, x.UpdatedAt, x.Note)
                : new GridCell(c.Id, null, 0, null, null, null))])).ToList();
        return new CampaignGrid(campaign.Id, campaign.Name, campaign.StartsOn, campaign.EndsOn, campaign.AcceptsFigures, campaign.ReportingLevel, chosen, period,
            periodEnd, previous, next, locked, CampaignAccess.MayManage(user, campaign), [.. columns.Select(c => IndicatorRow.From(c, null))], rows, truncated, frequencies);
    }

    /// <summary>Figures of a campaign the caller sees, filtered and keyset-paged by id (the API's raw data).</summary>
    public async Task<ListPage<FigureRow>?> FiguresAsync(int campaignId, int? indicatorId, int? unitId, DateOnly? from, DateOnly? to, long? after, int limit,
        CancellationToken ct)
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
            var unit = await db.Units.AsNoTracking().Where(x => x.Id == u).Select(x => new { x.Id, x.Level }).SingleOrDefaultAsync(ct);
            rows = unit is null ? rows.Where(_ => false)
                : rows.Where(UnitScope.Within<CampaignFigure>([(unit.Level, unit.Id)], f => f.ProvinceId, f => f.CommuneId, f => f.VillageId));
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
        var items = await rows.OrderBy(f => f.Id).Take(size + 1)
            .Select(f => new FigureRow(f.Id, f.UnitId, f.IndicatorId, f.Period, f.Value, f.Note, f.Version, f.ActorName, f.UpdatedAt)).ToListAsync(ct);
        string? nextCursor = null;
        if (items.Count > size)
        {
            items.RemoveAt(size);
            nextCursor = items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ListPage<FigureRow>(items, nextCursor);
    }

    /// <summary>The history of one cell, newest first.</summary>
    public async Task<IReadOnlyList<RevisionRow>?> HistoryAsync(int campaignId, int unitId, int indicatorId, DateOnly period, CancellationToken ct)
    {
        if (await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct) is null)
        {
            return null;
        }

        return await db.Set<FigureRevision>().AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.UnitId == unitId && r.IndicatorId == indicatorId && r.Period == period)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Select(r => new RevisionRow(r.OldValue, r.NewValue, r.Source, r.At, r.ActorName)).ToListAsync(ct);
    }

    /// <summary>The nodes of one indicator with their explicit, derived and effective targets (the targets page).</summary>
    public async Task<IReadOnlyList<TargetRow>?> TargetsAsync(int campaignId, int indicatorId, CancellationToken ct)
    {
        if (await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct) is null)
        {
            return null;
        }

        return await db.Set<CampaignTotal>().AsNoTracking().Where(t => t.CampaignId == campaignId && t.IndicatorId == indicatorId)
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t, u })
            .OrderBy(x => x.t.UnitLevel).ThenBy(x => x.t.ParentUnitId).ThenBy(x => x.u.Name)
            .Select(x => new TargetRow(x.t.UnitId, x.u.Name, x.t.UnitLevel, x.t.ParentUnitId, x.t.ExplicitTarget,
                db.Set<IndicatorTarget>().Where(g => g.IndicatorId == indicatorId && g.UnitId == x.t.UnitId).Select(g => g.Version).FirstOrDefault(),
                x.t.ChildTarget, x.t.Target, x.t.Actual, x.u.ValidTo == null))
            .ToListAsync(ct);
    }
}
