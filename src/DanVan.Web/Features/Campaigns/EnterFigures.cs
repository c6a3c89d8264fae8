using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Enters and corrects figures, all or nothing: a grid of a commune's villages for a day, an API batch or an imported
/// sheet. Each cell is checked (participant, the caller's unit, period inside the campaign and not in the future, not
/// locked, sign, decimals); a cell changed by someone else since it was read is a conflict, and nothing is saved.
/// The figures, their history and the summary rows are written in one transaction (<see cref="CampaignRollup"/>).
/// </summary>
internal sealed partial class EnterFigures(
    DanVanDbContext db,
    ICurrentUser user,
    CampaignRollup rollup,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    internal sealed record Cell(
        int Index,
        FigureInput Input,
        Indicator Indicator,
        Unit Unit,
        DateOnly Period,
        IReadOnlyList<int> Path
    );

    /// <param name="importAudit">For an import: the details of one audit entry for the whole file, written in the same
    /// transaction.</param>
    public async Task<Result<int>> HandleAsync(
        int campaignId,
        IReadOnlyList<FigureInput>? figures,
        FigureSource source,
        CancellationToken ct,
        string? importAudit = null
    )
    {
        var limit = importAudit is null ? CampaignRules.MaxCells : CampaignRules.MaxImportCells;
        var prepared = await PrepareAsync(campaignId, figures, limit, ct);
        if (!prepared.IsOk)
        {
            return prepared.Error;
        }

        var (campaign, cells) = prepared.Value;
        return await WriteAsync(campaign, cells, source, importAudit, ct);
    }

    /// <summary>An import's commit: the cells <see cref="CheckForImportAsync"/> checked (each with the version and note
    /// read then), written without checking them again. Versions are still compared inside the transaction.</summary>
    internal Task<Result<int>> WriteCheckedAsync(
        Campaign campaign,
        List<Cell> cells,
        string importAudit,
        CancellationToken ct
    ) => WriteAsync(campaign, cells, FigureSource.Import, importAudit, ct);

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
            if ((current?.Version ?? 0) != cell.Input.Version)
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

        // The summary rows' changes, summed per node as they come (a large import touches each node many times).
        var totals = new Dictionary<(int Indicator, int Node), (decimal Actual, int Figures)>();
        var series = new Dictionary<(int Indicator, int Node, DateOnly Period), decimal>();
        var changes = new List<(CampaignFigure Figure, decimal? Old, decimal? New)>();
        var added = new List<CampaignFigure>();
        var actor = user.DisplayName ?? "";
        foreach (var cell in cells.OrderBy(c => c.Indicator.Id).ThenBy(c => c.Unit.Id).ThenBy(c => c.Period))
        {
            var figure = existing.GetValueOrDefault((cell.Indicator.Id, cell.Unit.Id, cell.Period));
            var old = figure?.Value;
            var value = cell.Input.Value;
            var note = string.IsNullOrWhiteSpace(cell.Input.Note) ? null : cell.Input.Note;
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

            if (figure is null)
            {
                figure = new CampaignFigure
                {
                    CampaignId = campaign.Id,
                    IndicatorId = cell.Indicator.Id,
                    UnitId = cell.Unit.Id,
                    ProvinceId = cell.Unit.ProvinceId,
                    CommuneId = cell.Unit.CommuneId,
                    VillageId = cell.Unit.VillageId,
                    Period = cell.Period,

                    // An entered cell starts at version 1: a cell read empty (version 0) and filled by someone else
                    // since is a conflict.
                    Version = 1,
                };
                added.Add(figure);
            }
            else if (value is null)
            {
                db.Remove(figure);
            }

            if (value is { } newValue)
            {
                figure.Value = newValue;
                figure.Note = note;
                figure.UpdatedAt = db.UtcNow;
                figure.ActorName = actor;
            }

            changes.Add((figure, old, value));
        }

        if (changes.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            return 0;
        }

        // Corrections and removals through the change tracker (versions checked and incremented); new cells and every
        // revision in bulk (ADR-0022): an import of 100,000 cells is 100,000 new rows, not 100,000 round trips.
        try
        {
            await db.SaveChangesAsync(ct);
            var keys = await BulkInsert.ReserveKeysAsync<CampaignFigure>(db, added.Count, ct);
            for (var i = 0; i < added.Count; i++)
            {
                added[i].Id = keys[i];
            }

            await BulkInsert.InsertAsync(db, added, ct, keys: true);
        }
        catch (Exception e) when (e is DbUpdateException u ? DbErrors.IsConflict(u) : DbErrors.IsUniqueViolation(e))
        {
            // Someone filled an empty cell between our read and our insert: their value stands; show it.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ConflictError(L["Campaigns_CellsStale", 1]);
        }

        var at = db.UtcNow;
        await BulkInsert.InsertAsync(
            db,
            changes.Select(c => new FigureRevision
            {
                FigureId = c.Figure.Id,
                CampaignId = campaign.Id,
                IndicatorId = c.Figure.IndicatorId,
                UnitId = c.Figure.UnitId,
                ProvinceId = c.Figure.ProvinceId,
                CommuneId = c.Figure.CommuneId,
                VillageId = c.Figure.VillageId,
                Period = c.Figure.Period,
                OldValue = c.Old,
                NewValue = c.New,
                Source = source,
                At = at,
                AccountId = user.AccountId,
                ActorName = actor,
            }),
            ct
        );

        // One entry in the audit trail for the save, in the units it touched; the revisions hold each cell's change.
        db.Audit(
            importAudit is null ? AuditAction.FiguresEntered : AuditAction.FiguresImported,
            nameof(Campaign),
            campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CommonUnit(cells.Select(c => c.Unit.Ref), campaign.Ref),
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{(importAudit is null ? $"source={source}" : importAudit)}; changed={changes.Count}"
            )
        );
        await db.SaveChangesAsync(ct);
        await rollup.ApplyAsync(
            campaign.Id,
            totals.Select(t => new TotalDelta(t.Key.Indicator, t.Key.Node, t.Value.Actual, t.Value.Figures)),
            series.Select(s => new SeriesDelta(s.Key.Indicator, s.Key.Node, s.Key.Period, s.Value)),
            ct
        );
        await transaction.CommitAsync(ct);
        return changes.Count;
    }

    /// <summary>
    /// Validate only: the same checks as <see cref="HandleAsync"/> and what saving each cell would do (by value: notes
    /// aside), with the figure there now; nothing is written and versions are not compared. The import's preview, and
    /// the grid's way to show every problem at once when some cells did not even parse.
    /// </summary>
    public async Task<Result<IReadOnlyList<FigureCheck>>> CheckOnlyAsync(
        int campaignId,
        IReadOnlyList<FigureInput>? figures,
        CancellationToken ct,
        int limit = CampaignRules.MaxCells
    )
    {
        var checkedCells = await CheckForImportAsync(campaignId, figures, limit, ct);
        if (!checkedCells.IsOk)
        {
            return checkedCells.Error;
        }

        return checkedCells.Value.Checks;
    }

    /// <summary>A batch checked and compared with the figures there now; the import commits its cells with
    /// <see cref="WriteCheckedAsync"/>.</summary>
    internal sealed record CheckedBatch(Campaign Campaign, List<Cell> Cells, List<FigureCheck> Checks);

    /// <summary><see cref="CheckOnlyAsync"/>, keeping the checked cells for the commit (an import checks once).</summary>
    internal async Task<Result<CheckedBatch>> CheckForImportAsync(
        int campaignId,
        IReadOnlyList<FigureInput>? figures,
        int limit,
        CancellationToken ct
    )
    {
        var prepared = await PrepareAsync(campaignId, figures, limit, ct);
        if (!prepared.IsOk)
        {
            return prepared.Error;
        }

        var (campaign, cells) = prepared.Value;
        var unitIds = cells.Select(c => c.Unit.Id).Distinct().ToList();
        var indicatorIds = cells.Select(c => c.Indicator.Id).Distinct().ToList();
        var periods = cells.Select(c => c.Period).Distinct().ToList();
        var existing = (
            await db.Set<CampaignFigure>()
                .AsNoTracking()
                .Where(f =>
                    f.CampaignId == campaign.Id
                    && unitIds.Contains(f.UnitId)
                    && indicatorIds.Contains(f.IndicatorId)
                    && periods.Contains(f.Period)
                )
                .Select(f => new
                {
                    f.IndicatorId,
                    f.UnitId,
                    f.Period,
                    f.Value,
                    f.Version,
                    f.Note,
                    f.ActorName,
                    f.UpdatedAt,
                })
                .ToListAsync(ct)
        ).ToDictionary(f => (f.IndicatorId, f.UnitId, f.Period));
        var checks = cells
            .Select(cell =>
            {
                var current = existing.GetValueOrDefault((cell.Indicator.Id, cell.Unit.Id, cell.Period));
                var value = cell.Input.Value;
                var change =
                    current is null ? (value is null ? FigureChange.Unchanged : FigureChange.New)
                    : value is null ? FigureChange.Cleared
                    : value == current.Value ? FigureChange.Unchanged
                    : FigureChange.Changed;
                return new FigureCheck(
                    cell.Index,
                    cell.Period,
                    change,
                    current?.Value,
                    current?.Version ?? 0,
                    current?.Note,
                    current?.ActorName,
                    current?.UpdatedAt
                );
            })
            .ToList();
        return new CheckedBatch(campaign, cells, checks);
    }

    /// <summary>The campaign, the caller's right to report, the batch's size and every cell's checks: nothing read for
    /// writing yet.</summary>
    private async Task<Result<(Campaign Campaign, List<Cell> Cells)>> PrepareAsync(
        int campaignId,
        IReadOnlyList<FigureInput>? figures,
        int limit,
        CancellationToken ct
    )
    {
        var campaign = await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct);
        if (campaign is null)
        {
            return new NotFoundError(L["Campaigns_NotFound"]);
        }

        if (CampaignAccess.RefuseFigures(user, campaign, L) is { } refused)
        {
            return refused;
        }

        var inputs = figures ?? [];
        if (inputs.Count == 0)
        {
            return ValidationError.For(L["Val_FixBelow"], "Figures", L["Campaigns_NoFigures"]);
        }

        if (inputs.Count > limit)
        {
            return ValidationError.For(L["Val_FixBelow"], "Figures", L["Campaigns_TooManyCells", limit]);
        }

        var (cells, errors) = await CheckAsync(campaign, inputs, ct);
        return errors.Any ? errors.ToError(L["Val_FixBelow"]) : (campaign, cells);
    }

    /// <summary>The smallest unit holding every cell (a village, a commune, a province), else the campaign's own: where
    /// the save shows in the audit trail.</summary>
    private static UnitRef CommonUnit(IEnumerable<UnitRef> units, UnitRef campaign)
    {
        var all = units.ToList();
        static bool Same(List<UnitRef> all, Func<UnitRef, int?> id) =>
            id(all[0]) is not null && all.All(u => id(u) == id(all[0]));
        var first = all[0];
        return Same(all, u => u.VillageId)
                ? new(first.VillageId!.Value, UnitLevel.Village, first.ProvinceId, first.CommuneId, first.VillageId)
            : Same(all, u => u.CommuneId)
                ? new(first.CommuneId!.Value, UnitLevel.Commune, first.ProvinceId, first.CommuneId, null)
            : Same(all, u => u.ProvinceId)
                ? new(first.ProvinceId!.Value, UnitLevel.Province, first.ProvinceId, null, null)
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
