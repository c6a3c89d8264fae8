using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

public sealed record TargetCell(int UnitId, decimal? Value, int Version);

/// <summary>A cell someone else set since it was read (by its position in the batch): what is there now (no value and
/// version 0: the target was cleared).</summary>
public sealed record TargetConflict(int Index, int UnitId, decimal? CurrentValue, int CurrentVersion);

public sealed record TargetsInput(int IndicatorId, List<TargetCell> Targets);

/// <summary>
/// A campaign owner's targets per unit of the campaign's tree for one indicator (explicit; a parent without one has its
/// children's sum). The summary rows' targets follow in the same transaction.
/// </summary>
internal sealed class SetTargets(
    DanVanDbContext db,
    ICurrentUser user,
    CampaignRollup rollup,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>
    /// Sets or clears explicit targets of units of the campaign's tree for one indicator, all or nothing; each cell
    /// carries the version it started from (0 for a unit without an explicit target).
    /// </summary>
    public async Task<Result<int>> HandleAsync(int campaignId, TargetsInput input, CancellationToken ct)
    {
        var managed = await CampaignAccess.FindManagedAsync(db, user, campaignId, tracking: false, L, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value;
        var indicator = await db.Set<Indicator>()
            .AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == input.IndicatorId && i.CampaignId == campaignId, ct);
        if (indicator is null)
        {
            return new NotFoundError(L["Campaigns_IndicatorNotFound"]);
        }

        var cells = input.Targets ?? [];
        if (cells.Count > CampaignRules.MaxCells)
        {
            return ValidationError.For(
                L["Val_FixBelow"],
                "Targets",
                L["Campaigns_TooManyCells", CampaignRules.MaxCells]
            );
        }

        var unitIds = cells.Select(c => c.UnitId).Distinct().ToList();
        var nodes = await db.Set<CampaignTotal>()
            .AsNoTracking()
            .Where(t => t.IndicatorId == indicator.Id && unitIds.Contains(t.UnitId))
            .Select(t => t.UnitId)
            .ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var existing = await db.Set<IndicatorTarget>()
            .Where(t => t.IndicatorId == indicator.Id && unitIds.Contains(t.UnitId))
            .ToDictionaryAsync(t => t.UnitId, ct);
        var errors = new ValidationErrors();
        var stale = new List<TargetConflict>();
        var seen = new HashSet<int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var key = $"Targets[{i}]";
            if (!seen.Add(cell.UnitId))
            {
                errors.Add(key, L["Campaigns_DuplicateCell"]);
            }
            else if (!nodes.Contains(cell.UnitId) || !units.TryGetValue(cell.UnitId, out var unit))
            {
                errors.Add(key, L["Campaigns_UnitNotInCampaign"]);
            }
            else if (!unit.IsActive && cell.Value is not null)
            {
                errors.Add(key, L["Units_RetiredReadOnly", unit.Name]);
            }
            else if (cell.Value is { } v)
            {
                FigureChecks.Check(v, indicator.Decimals, allowNegative: false, key, errors, L);
            }

            if (existing.TryGetValue(cell.UnitId, out var row) ? row.Version != cell.Version : cell.Version != 0)
            {
                stale.Add(new TargetConflict(i, cell.UnitId, row?.Value, row?.Version ?? 0));
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (stale.Count > 0)
        {
            // Someone else set these cells since they were read: nothing is written, and what is there now is shown.
            return new ConflictError(L["Campaigns_TargetStale"], stale);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var cell in cells)
        {
            var unit = units[cell.UnitId];
            if (existing.TryGetValue(cell.UnitId, out var row))
            {
                if (cell.Value is { } v)
                {
                    row.Value = v;
                }
                else
                {
                    db.Remove(row);
                }
            }
            else if (cell.Value is { } v)
            {
                db.Add(
                    new IndicatorTarget
                    {
                        CampaignId = campaignId,
                        IndicatorId = indicator.Id,
                        UnitId = unit.Id,
                        ProvinceId = unit.ProvinceId,
                        CommuneId = unit.CommuneId,
                        VillageId = unit.VillageId,
                        Value = v,

                        // 0 means "no explicit target": a new one starts at 1, so someone who saw none gets a conflict.
                        Version = 1,
                    }
                );
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return new ConflictError(L["Campaigns_TargetStale"]);
        }

        await rollup.RefreshTargetsAsync(campaign, indicator.Id, ct);
        await transaction.CommitAsync(ct);
        return indicator.Id;
    }
}
