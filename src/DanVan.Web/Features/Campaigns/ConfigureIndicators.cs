using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

public sealed class IndicatorInput
{
    public int Version { get; set; }

    [MaxChars(CampaignRules.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_IndicatorName), ResourceType = typeof(SharedResource))]
    public string? Name { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Measure), ResourceType = typeof(SharedResource))]
    public MeasureUnit? Measure { get; set; }

    [MaxChars(50), PlainText]
    [Display(Name = nameof(SharedResource.Field_CustomMeasure), ResourceType = typeof(SharedResource))]
    public string? CustomMeasure { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Aggregation), ResourceType = typeof(SharedResource))]
    public Aggregation? Aggregation { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Direction), ResourceType = typeof(SharedResource))]
    public IndicatorDirection? Direction { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Frequency), ResourceType = typeof(SharedResource))]
    public ReportingFrequency? Frequency { get; set; }

    [Range(0, 3)]
    [Display(Name = nameof(SharedResource.Field_Decimals), ResourceType = typeof(SharedResource))]
    public int? Decimals { get; set; }

    public bool AllowNegative { get; set; }

    /// <summary>The campaign's own target (its unit's); the participants' targets are set on the targets page.</summary>
    [Display(Name = nameof(SharedResource.Field_Target), ResourceType = typeof(SharedResource))]
    public decimal? Target { get; set; }
}

public sealed record TargetCell(int UnitId, decimal? Value, int Version);

public sealed record TargetsInput(int IndicatorId, List<TargetCell> Targets);

public sealed record PeriodLockInput(ReportingFrequency Frequency, DateOnly Period);

/// <summary>
/// A campaign owner's configuration: indicators, targets per unit (explicit; a parent without one has its children's
/// sum), and locked periods. Every change keeps the summary rows in the same transaction.
/// </summary>
internal sealed class ConfigureIndicators(DanVanDbContext db, ICurrentUser user, CampaignRollup rollup, IStringLocalizer<SharedResource> L)
{
    private async Task<Result<Campaign>> ManagedAsync(int campaignId, CancellationToken ct)
    {
        var campaign = await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct);
        if (campaign is null)
        {
            return new NotFoundError(L["Campaigns_NotFound"]);
        }

        return CampaignAccess.MayManage(user, campaign) ? campaign : new ForbiddenError(L["Campaigns_CannotManage"]);
    }

    public async Task<Result<int>> SaveIndicatorAsync(int campaignId, int? indicatorId, IndicatorInput input, CancellationToken ct)
    {
        var managed = await ManagedAsync(campaignId, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value!;
        Indicator? indicator = null;
        if (indicatorId is { } iid)
        {
            indicator = await db.Set<Indicator>().SingleOrDefaultAsync(i => i.Id == iid && i.CampaignId == campaignId, ct);
            if (indicator is null)
            {
                return new NotFoundError(L["Campaigns_IndicatorNotFound"]);
            }
        }
        else if (await db.Set<Indicator>().CountAsync(i => i.CampaignId == campaignId, ct) >= CampaignRules.MaxIndicators)
        {
            return new ConflictError(L["Campaigns_TooManyIndicators", CampaignRules.MaxIndicators]);
        }

        var errors = RequestValidation.Validate(input);
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(nameof(IndicatorInput.Name), L["Val_Required", L["Field_IndicatorName"]]);
        }

        foreach (var (value, field, label) in new (object? Value, string Field, string Label)[]
                 {
                     (input.Measure, nameof(IndicatorInput.Measure), L["Field_Measure"]),
                     (input.Aggregation, nameof(IndicatorInput.Aggregation), L["Field_Aggregation"]),
                     (input.Direction, nameof(IndicatorInput.Direction), L["Field_Direction"]),
                     (input.Frequency, nameof(IndicatorInput.Frequency), L["Field_Frequency"]),
                 })
        {
            if (value is null && !errors.Has(field))
            {
                errors.Add(field, L["Val_Choose", label]);
            }
        }

        if (input.Measure == MeasureUnit.Custom && string.IsNullOrWhiteSpace(input.CustomMeasure))
        {
            errors.Add(nameof(IndicatorInput.CustomMeasure), L["Val_Required", L["Field_CustomMeasure"]]);
        }

        var decimals = input.Decimals ?? 0;
        if (input.Target is { } target)
        {
            CheckValue(target, decimals, allowNegative: false, nameof(IndicatorInput.Target), errors);
        }

        var hasFigures = indicator is not null && await db.Set<CampaignFigure>().AnyAsync(f => f.IndicatorId == indicator.Id, ct);
        if (hasFigures && (input.Frequency != indicator!.Frequency || input.Aggregation != indicator.Aggregation))
        {
            errors.Add(nameof(IndicatorInput.Frequency), L["Campaigns_IndicatorFixed"]);
        }

        if (hasFigures && decimals < indicator!.Decimals)
        {
            errors.Add(nameof(IndicatorInput.Decimals), L["Campaigns_DecimalsFixed"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var isNew = indicator is null;
        if (indicator is null)
        {
            var order = await db.Set<Indicator>().Where(i => i.CampaignId == campaignId).Select(i => (int?)i.SortOrder).MaxAsync(ct) ?? 0;
            indicator = new Indicator { CampaignId = campaignId, SortOrder = order + 1 };
            db.Add(indicator);
        }
        else
        {
            db.Entry(indicator).Property(i => i.Version).OriginalValue = input.Version;
        }

        // Stored exactly as typed, like every other text (QUALITY.md S2).
        indicator.Name = input.Name!;
        indicator.Measure = input.Measure!.Value;
        indicator.CustomMeasure = input.Measure == MeasureUnit.Custom ? input.CustomMeasure : null;
        indicator.Aggregation = input.Aggregation!.Value;
        indicator.Direction = input.Direction!.Value;
        indicator.Frequency = input.Frequency!.Value;
        indicator.Decimals = decimals;
        indicator.AllowNegative = input.AllowNegative;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Campaigns_Stale"]);
        }

        if (input.Target is { } own || !isNew)
        {
            await SetOwnTargetAsync(campaign, indicator.Id, input.Target, ct);
        }

        if (isNew)
        {
            await rollup.RecomputeAsync(campaignId, ct);
        }
        else
        {
            await rollup.RefreshTargetsAsync(campaign, indicator.Id, ct);
        }

        await transaction.CommitAsync(ct);
        return indicator.Id;
    }

    /// <summary>The campaign unit's own target, set from the indicator form (null: the participants' sum).</summary>
    private async Task SetOwnTargetAsync(Campaign campaign, int indicatorId, decimal? value, CancellationToken ct)
    {
        var row = await db.Set<IndicatorTarget>().SingleOrDefaultAsync(t => t.IndicatorId == indicatorId && t.UnitId == campaign.UnitId, ct);
        if (value is null)
        {
            if (row is not null)
            {
                db.Remove(row);
            }
        }
        else if (row is null)
        {
            db.Add(new IndicatorTarget
            {
                CampaignId = campaign.Id,
                IndicatorId = indicatorId,
                UnitId = campaign.UnitId,
                ProvinceId = campaign.ProvinceId,
                CommuneId = campaign.CommuneId,
                VillageId = campaign.VillageId,
                Value = value.Value,
                Version = 1,
            });
        }
        else
        {
            row.Value = value.Value;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets or clears explicit targets of units of the campaign's tree for one indicator, all or nothing; each cell
    /// carries the version it started from (0 for a unit without an explicit target).
    /// </summary>
    public async Task<Result<int>> SetTargetsAsync(int campaignId, TargetsInput input, CancellationToken ct)
    {
        var managed = await ManagedAsync(campaignId, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value!;
        var indicator = await db.Set<Indicator>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == input.IndicatorId && i.CampaignId == campaignId, ct);
        if (indicator is null)
        {
            return new NotFoundError(L["Campaigns_IndicatorNotFound"]);
        }

        var cells = input.Targets ?? [];
        if (cells.Count > CampaignRules.MaxCells)
        {
            return ValidationError.For(L["Val_FixBelow"], "Targets", L["Campaigns_TooManyCells", CampaignRules.MaxCells]);
        }

        var unitIds = cells.Select(c => c.UnitId).Distinct().ToList();
        var nodes = await db.Set<CampaignTotal>().AsNoTracking().Where(t => t.IndicatorId == indicator.Id && unitIds.Contains(t.UnitId))
            .Select(t => t.UnitId).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var existing = await db.Set<IndicatorTarget>().Where(t => t.IndicatorId == indicator.Id && unitIds.Contains(t.UnitId)).ToDictionaryAsync(t => t.UnitId, ct);
        var errors = new ValidationErrors();
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
                CheckValue(v, indicator.Decimals, allowNegative: false, key, errors);
            }

            if (existing.TryGetValue(cell.UnitId, out var row) ? row.Version != cell.Version : cell.Version != 0)
            {
                errors.Add(key, L["Campaigns_TargetStale"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
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
                db.Add(new IndicatorTarget
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
                });
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

    /// <summary>Locks a period of a frequency: its figures can no longer be entered, corrected or imported.</summary>
    public async Task<Result<int>> LockAsync(int campaignId, PeriodLockInput input, bool locked, CancellationToken ct)
    {
        var managed = await ManagedAsync(campaignId, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value!;
        if (!Enum.IsDefined(input.Frequency) || input.Period < campaign.StartsOn || input.Period > campaign.EndsOn
            || CampaignPeriods.PeriodOf(input.Period, input.Frequency, campaign.StartsOn) != input.Period)
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(PeriodLockInput.Period), L["Campaigns_NotAPeriod"]);
        }

        var row = await db.Set<CampaignPeriodLock>().SingleOrDefaultAsync(l => l.CampaignId == campaignId && l.Frequency == input.Frequency && l.Period == input.Period, ct);
        if (locked && row is null)
        {
            db.Add(new CampaignPeriodLock
            {
                CampaignId = campaignId,
                Frequency = input.Frequency,
                Period = input.Period,
                LockedAt = db.UtcNow,
                ActorName = user.DisplayName ?? "",
            });
        }
        else if (!locked && row is not null)
        {
            db.Remove(row);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A twin lock of the same period committed first: the period is locked either way.
            db.ChangeTracker.Clear();
        }

        return campaignId;
    }

    /// <summary>The checks every figure and target passes: sign, decimal places, magnitude.</summary>
    internal void CheckValue(decimal value, int decimals, bool allowNegative, string key, ValidationErrors errors) =>
        FigureChecks.Check(value, decimals, allowNegative, key, errors, L);
}

internal static class FigureChecks
{
    public static void Check(decimal value, int decimals, bool allowNegative, string key, ValidationErrors errors, IStringLocalizer L)
    {
        if (value < 0 && !allowNegative)
        {
            errors.Add(key, L["Campaigns_Negative"]);
        }
        else if (Math.Abs(value) > Thousandths.Max)
        {
            errors.Add(key, L["Campaigns_TooLarge", Thousandths.Max.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
        }
        else if (decimal.Round(value, decimals) != value)
        {
            errors.Add(key, decimals == 0 ? L["Campaigns_WholeNumber"] : L["Campaigns_Decimals", decimals]);
        }
    }
}
