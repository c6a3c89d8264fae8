using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
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

    /// <summary>The campaign's own target (its unit's); the participants' targets are set on the targets
    /// page.</summary>
    [Display(Name = nameof(SharedResource.Field_Target), ResourceType = typeof(SharedResource))]
    public decimal? Target { get; set; }
}

/// <summary>
/// Adds an indicator to a campaign its caller manages, or edits one (from the version the person started from), with
/// the
/// campaign unit's own target; figures already entered pin the frequency, the aggregation and the decimal places. The
/// summary rows follow in the same transaction.
/// </summary>
internal sealed class SaveIndicator(
    DanVanDbContext db,
    ICurrentUser user,
    CampaignRollup rollup,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(
        int campaignId,
        int? indicatorId,
        IndicatorInput input,
        CancellationToken ct
    )
    {
        var managed = await CampaignAccess.FindManagedAsync(db, user, campaignId, tracking: false, L, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value;
        Indicator? indicator = null;
        if (indicatorId is { } iid)
        {
            indicator = await db.Set<Indicator>()
                .SingleOrDefaultAsync(i => i.Id == iid && i.CampaignId == campaignId, ct);
            if (indicator is null)
            {
                return new NotFoundError(L["Campaigns_IndicatorNotFound"]);
            }
        }
        else if (
            await db.Set<Indicator>().CountAsync(i => i.CampaignId == campaignId, ct) >= CampaignRules.MaxIndicators
        )
        {
            return new ConflictError(L["Campaigns_TooManyIndicators", CampaignRules.MaxIndicators]);
        }

        var errors = RequestValidation.Validate(input);
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(nameof(IndicatorInput.Name), L["Val_Required", L["Field_IndicatorName"]]);
        }

        foreach (
            var (value, field, label) in new (object? Value, string Field, string Label)[]
            {
                (input.Measure, nameof(IndicatorInput.Measure), L["Field_Measure"]),
                (input.Aggregation, nameof(IndicatorInput.Aggregation), L["Field_Aggregation"]),
                (input.Direction, nameof(IndicatorInput.Direction), L["Field_Direction"]),
                (input.Frequency, nameof(IndicatorInput.Frequency), L["Field_Frequency"]),
            }
        )
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
            FigureChecks.Check(target, decimals, allowNegative: false, nameof(IndicatorInput.Target), errors, L);
        }

        var hasFigures =
            indicator is not null && await db.Set<CampaignFigure>().AnyAsync(f => f.IndicatorId == indicator.Id, ct);
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
            var order = await db.Set<Indicator>()
                .Where(i => i.CampaignId == campaignId)
                .Select(i => (int?)i.SortOrder)
                .MaxAsync(ct)
                ?? 0;
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
        var row = await db.Set<IndicatorTarget>()
            .SingleOrDefaultAsync(t => t.IndicatorId == indicatorId && t.UnitId == campaign.UnitId, ct);
        if (value is null)
        {
            if (row is not null)
            {
                db.Remove(row);
            }
        }
        else if (row is null)
        {
            db.Add(
                new IndicatorTarget
                {
                    CampaignId = campaign.Id,
                    IndicatorId = indicatorId,
                    UnitId = campaign.UnitId,
                    ProvinceId = campaign.ProvinceId,
                    CommuneId = campaign.CommuneId,
                    VillageId = campaign.VillageId,
                    Value = value.Value,
                    Version = 1,
                }
            );
        }
        else
        {
            row.Value = value.Value;
        }

        await db.SaveChangesAsync(ct);
    }
}
