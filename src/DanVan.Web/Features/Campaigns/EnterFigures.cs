using DanVan.Web.Features.Units;
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
    /// <summary>A checked cell: a value in the batch (no object of its own, so that an import of 100,000 cells is one
    /// array), with the indicator, the unit and the unit's path up to the campaign's node shared by its cells.</summary>
    internal readonly record struct Cell(
        int Index,
        Indicator Indicator,
        Unit Unit,
        DateOnly Period,
        IReadOnlyList<int> Path,
        decimal? Value,
        string? Note,
        int Version
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

        var batch = checkedCells.Value;
        return batch
            .Cells.Select(cell =>
            {
                var current = batch.CurrentOf(cell);
                return new FigureCheck(
                    cell.Index,
                    cell.Period,
                    ChangeOf(cell, current),
                    current?.Value,
                    current?.Version ?? 0,
                    current?.Note,
                    current?.ActorName,
                    current?.UpdatedAt
                );
            })
            .ToList();
    }

    /// <summary>The figure in a cell now.</summary>
    internal sealed record Current(decimal Value, int Version, string? Note, string? ActorName, DateTime UpdatedAt);

    /// <summary>A batch checked, with the figures there now (only the cells that have one: an import of new figures
    /// holds nothing per cell but the cell); the import commits its cells with <see cref="WriteCheckedAsync"/>.</summary>
    internal sealed record CheckedBatch(
        Campaign Campaign,
        List<Cell> Cells,
        Dictionary<(int Indicator, int Unit, DateOnly Period), Current> Existing
    )
    {
        public Current? CurrentOf(Cell cell) =>
            Existing.GetValueOrDefault((cell.Indicator.Id, cell.Unit.Id, cell.Period));
    }

    /// <summary>What saving a cell would do (by value: notes aside), given the figure there now.</summary>
    internal static FigureChange ChangeOf(Cell cell, Current? current) =>
        current is null ? (cell.Value is null ? FigureChange.Unchanged : FigureChange.New)
        : cell.Value is null ? FigureChange.Cleared
        : cell.Value == current.Value ? FigureChange.Unchanged
        : FigureChange.Changed;

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
        var existing = await db.Set<CampaignFigure>()
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
            .ToDictionaryAsync(
                f => (f.IndicatorId, f.UnitId, f.Period),
                f => new Current(f.Value, f.Version, f.Note, f.ActorName, f.UpdatedAt),
                ct
            );
        return new CheckedBatch(campaign, cells, existing);
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
}
