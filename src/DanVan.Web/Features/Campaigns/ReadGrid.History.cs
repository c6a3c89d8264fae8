using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The grid reader's history side: stored figures, their revisions, one cell's story and the targets.</summary>
partial class ReadGrid
{
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
