using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The write of a checked batch: the figures, their revisions, the audit entry and the summary rows, in one
/// transaction.</summary>
partial class EnterFigures
{
    /// <summary>A cell that changes a figure (its position in the batch): the tracked figure it corrects or removes
    /// (null for a new one) and the value before; the value after is the cell's.</summary>
    private readonly record struct Change(int Cell, CampaignFigure? Figure, decimal? Old);

    private async Task<Result<int>> WriteAsync(
        Campaign campaign,
        List<Cell> cells,
        FigureSource source,
        string? importAudit,
        CancellationToken ct
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await rollup.EnterAsync(campaign.Id, ct);
        await rollup.LockAsync(cells.Select(c => (c.Indicator.Id, c.Unit.Id)), ct);

        var unitIds = cells.Select(c => c.Unit.Id).Distinct().ToList();
        var indicatorIds = cells.Select(c => c.Indicator.Id).Distinct().ToList();
        var periods = cells.Select(c => c.Period).Distinct().ToList();
        var existing = (
            await db.Set<CampaignFigure>()
                .Where(f =>
                    f.CampaignId == campaign.Id
                    && unitIds.Contains(f.UnitId)
                    && indicatorIds.Contains(f.IndicatorId)
                    && periods.Contains(f.Period)
                )
                .ToListAsync(ct)
        ).ToDictionary(f => (f.IndicatorId, f.UnitId, f.Period));

        var conflicts = new List<FigureConflict>();
        foreach (var cell in cells)
        {
            var current = existing.GetValueOrDefault((cell.Indicator.Id, cell.Unit.Id, cell.Period));
            if ((current?.Version ?? 0) != cell.Version)
            {
                conflicts.Add(
                    new FigureConflict(
                        cell.Index,
                        cell.Unit.Id,
                        cell.Indicator.Id,
                        cell.Period,
                        current?.Value,
                        current?.Version ?? 0,
                        current?.ActorName
                    )
                );
            }
        }

        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ConflictError(L["Campaigns_CellsStale", conflicts.Count], conflicts);
        }

        // A stock's change depends on the unit's neighbouring periods: load each touched unit's timeline once.
        var latestIds = cells
            .Where(c => c.Indicator.Aggregation == Aggregation.Latest)
            .Select(c => c.Indicator.Id)
            .Distinct()
            .ToList();
        var timelines = latestIds.Count == 0 ? [] : (
                    await db.Set<CampaignFigure>()
                        .AsNoTracking()
                        .Where(f => latestIds.Contains(f.IndicatorId) && unitIds.Contains(f.UnitId))
                        .Select(f => new
                        {
                            f.IndicatorId,
                            f.UnitId,
                            f.Period,
                            f.Value,
                        })
                        .ToListAsync(ct)
                ).GroupBy(f => (f.IndicatorId, f.UnitId)).ToDictionary(g => g.Key, g => new SortedDictionary<DateOnly, decimal>(g.ToDictionary(f => f.Period, f => f.Value)));

        // The cells in key order (indicator, unit, period), sorted as keys rather than as cells.
        var order = new (int Indicator, int Unit, int Day, int Cell)[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            order[i] = (cells[i].Indicator.Id, cells[i].Unit.Id, cells[i].Period.DayNumber, i);
        }

        Array.Sort(order);

        // The summary rows' changes, summed per node as they come (a large import touches each node many times).
        // Sized up front where the batch tells the size: a large import's arrays are not grown by doubling, each
        // step leaving the last one behind on the large-object heap until a full collection.
        var totals = new Dictionary<(int Indicator, int Node), (decimal Actual, int Figures)>();
        var series = new Dictionary<(int Indicator, int Node, DateOnly Period), decimal>(cells.Count + cells.Count / 8);
        var changes = new List<Change>(cells.Count);
        var added = 0;
        var actor = user.DisplayName ?? "";
        var now = db.UtcNow;
        foreach (var (_, _, _, index) in order)
        {
            var cell = cells[index];
            var figure = existing.GetValueOrDefault((cell.Indicator.Id, cell.Unit.Id, cell.Period));
            var old = figure?.Value;
            var value = cell.Value;
            var note = string.IsNullOrWhiteSpace(cell.Note) ? null : cell.Note;
            if (old == value && (figure is null || figure.Note == note))
            {
                continue;
            }

            var count = (value is null ? 0 : 1) - (old is null ? 0 : 1);
            decimal actualDelta;
            if (cell.Indicator.Aggregation == Aggregation.Sum)
            {
                actualDelta = (value ?? 0) - (old ?? 0);
                Add(series, cell, cell.Period, actualDelta);
            }
            else
            {
                if (!timelines.TryGetValue((cell.Indicator.Id, cell.Unit.Id), out var timeline))
                {
                    timelines[(cell.Indicator.Id, cell.Unit.Id)] = timeline = [];
                }

                var previous = timeline.Where(t => t.Key < cell.Period).Select(t => (decimal?)t.Value).LastOrDefault()
                    ?? 0m;
                var next = timeline.Keys.Where(p => p > cell.Period).Select(p => (DateOnly?)p).FirstOrDefault();
                var delta = (value ?? previous) - (old ?? previous);
                Add(series, cell, cell.Period, delta);
                if (next is { } later)
                {
                    Add(series, cell, later, -delta);
                }

                actualDelta = next is null ? delta : 0;
                if (value is { } v)
                {
                    timeline[cell.Period] = v;
                }
                else
                {
                    timeline.Remove(cell.Period);
                }
            }

            foreach (var node in cell.Path)
            {
                var (actual, entered) = totals.GetValueOrDefault((cell.Indicator.Id, node));
                totals[(cell.Indicator.Id, node)] = (actual + actualDelta, entered + count);
            }

            // A correction or a removal goes through the change tracker; a new figure is written in bulk below.
            if (figure is null)
            {
                added++;
            }
            else if (value is { } newValue)
            {
                figure.Value = newValue;
                figure.Note = note;
                figure.UpdatedAt = now;
                figure.ActorName = actor;
            }
            else
            {
                db.Remove(figure);
            }

            changes.Add(new Change(index, figure, old));
        }

        if (changes.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            return 0;
        }

        // Corrections and removals through the change tracker (versions checked and incremented); new cells and every
        // revision in bulk (ADR-0022): an import of 100,000 cells is 100,000 new rows, not 100,000 round trips. New
        // figures are made as they are written, with the keys reserved for them in the order of the changes.
        long[] keys;
        try
        {
            await db.SaveChangesAsync(ct);
            keys = await BulkInsert.ReserveKeysAsync<CampaignFigure>(db, added, ct);
            await BulkInsert.InsertAsync(db, NewFigures(campaign, cells, changes, keys, now, actor), ct, keys: true);
        }
        catch (Exception e) when (e is DbUpdateException u ? DbErrors.IsConflict(u) : DbErrors.IsUniqueViolation(e))
        {
            // Someone filled an empty cell between our read and our insert: their value stands; show it.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ConflictError(L["Campaigns_CellsStale", 1]);
        }

        await BulkInsert.InsertAsync(
            db,
            Revisions(campaign, cells, changes, keys, db.UtcNow, source, user.AccountId, actor),
            ct
        );

        // One entry in the audit trail for the save, in the units it touched; the revisions hold each cell's change.
        db.Audit(
            importAudit is null ? AuditAction.FiguresEntered : AuditAction.FiguresImported,
            nameof(Campaign),
            campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CommonUnit(cells, campaign.Ref),
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{(importAudit is null ? $"source={source}" : importAudit)}; changed={changes.Count}"
            )
        );
        await db.SaveChangesAsync(ct);
        await rollup.ApplyAsync(campaign.Id, totals, series, ct);
        await transaction.CommitAsync(ct);
        return changes.Count;
    }

    /// <summary>The new figures among <paramref name="changes"/>, each with its reserved key, made as they are
    /// written.</summary>
    private static IEnumerable<CampaignFigure> NewFigures(
        Campaign campaign,
        List<Cell> cells,
        List<Change> changes,
        long[] keys,
        DateTime now,
        string actor
    )
    {
        var n = 0;
        foreach (var change in changes)
        {
            if (change.Figure is not null)
            {
                continue;
            }

            var cell = cells[change.Cell];
            yield return new CampaignFigure
            {
                Id = keys[n++],
                CampaignId = campaign.Id,
                IndicatorId = cell.Indicator.Id,
                UnitId = cell.Unit.Id,
                ProvinceId = cell.Unit.ProvinceId,
                CommuneId = cell.Unit.CommuneId,
                VillageId = cell.Unit.VillageId,
                Period = cell.Period,
                Value = cell.Value!.Value,
                Note = string.IsNullOrWhiteSpace(cell.Note) ? null : cell.Note,
                UpdatedAt = now,
                ActorName = actor,

                // An entered cell starts at version 1: a cell read empty (version 0) and filled by someone else since
                // is a conflict.
                Version = 1,
            };
        }
    }

    /// <summary>Each change's revision (its figure's key: the tracked figure's, or the one reserved for a new
    /// figure).</summary>
    private static IEnumerable<FigureRevision> Revisions(
        Campaign campaign,
        List<Cell> cells,
        List<Change> changes,
        long[] keys,
        DateTime at,
        FigureSource source,
        int? accountId,
        string actor
    )
    {
        var n = 0;
        foreach (var change in changes)
        {
            var cell = cells[change.Cell];
            yield return new FigureRevision
            {
                FigureId = change.Figure?.Id ?? keys[n++],
                CampaignId = campaign.Id,
                IndicatorId = cell.Indicator.Id,
                UnitId = cell.Unit.Id,
                ProvinceId = cell.Unit.ProvinceId,
                CommuneId = cell.Unit.CommuneId,
                VillageId = cell.Unit.VillageId,
                Period = cell.Period,
                OldValue = change.Old,
                NewValue = cell.Value,
                Source = source,
                At = at,
                AccountId = accountId,
                ActorName = actor,
            };
        }
    }

    /// <summary>The smallest unit holding every cell (a village, a commune, a province), else the campaign's own: where
    /// the save shows in the audit trail.</summary>
    private static UnitRef CommonUnit(List<Cell> cells, UnitRef campaign)
    {
        var first = cells[0].Unit.Ref;
        bool village = first.VillageId is not null,
            commune = first.CommuneId is not null,
            province = first.ProvinceId is not null;
        foreach (var cell in cells)
        {
            var unit = cell.Unit.Ref;
            village &= unit.VillageId == first.VillageId;
            commune &= unit.CommuneId == first.CommuneId;
            province &= unit.ProvinceId == first.ProvinceId;
        }

        return village
                ? new(first.VillageId!.Value, UnitLevel.Village, first.ProvinceId, first.CommuneId, first.VillageId)
            : commune ? new(first.CommuneId!.Value, UnitLevel.Commune, first.ProvinceId, first.CommuneId, null)
            : province ? new(first.ProvinceId!.Value, UnitLevel.Province, first.ProvinceId, null, null)
            : campaign;
    }

    private static void Add(
        Dictionary<(int Indicator, int Node, DateOnly Period), decimal> series,
        Cell cell,
        DateOnly period,
        decimal delta
    )
    {
        if (delta == 0)
        {
            return;
        }

        foreach (var node in cell.Path)
        {
            series[(cell.Indicator.Id, node, period)] =
                series.GetValueOrDefault((cell.Indicator.Id, node, period)) + delta;
        }
    }
}
