using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Edits a campaign its caller manages, from the version the person started from. Beyond a new campaign's checks
/// (<see cref="CampaignSaving"/>): figures already entered pin the period's bounds, its start and the reporting level.
/// </summary>
internal sealed class UpdateCampaign(
    DanVanDbContext db,
    ICurrentUser user,
    CampaignSaving saving,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, CampaignInput input, CancellationToken ct)
    {
        var managed = await CampaignAccess.FindManagedAsync(db, user, id, tracking: true, L, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value;
        var errors = RequestValidation.Validate(input);
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == campaign.UnitId, ct);
        var checkedInput = await saving.CheckAsync(unit, campaign.ReportingLevel, input, errors, ct);

        // Figures outside a shortened period would no longer belong to the campaign.
        if (
            input.StartsOn is { } from
            && input.EndsOn is { } to
            && await db.Set<CampaignFigure>()
                .AnyAsync(f => f.CampaignId == campaign.Id && (f.Period < from || f.Period > to), ct)
        )
        {
            errors.Add(nameof(CampaignInput.StartsOn), L["Campaigns_FiguresOutsidePeriod"]);
        }

        // Weeks, months and the single period are cut from the campaign's first day: a new start must leave every such
        // period
        // that holds figures or a lock where it is, or one week would hold two cells of a unit (counted twice).
        if (
            input.StartsOn is { } start
            && start != campaign.StartsOn
            && !errors.Has(nameof(CampaignInput.StartsOn))
            && await RecutsPeriodsAsync(campaign.Id, start, ct)
        )
        {
            errors.Add(nameof(CampaignInput.StartsOn), L["Campaigns_StartFixed"]);
        }

        if (
            checkedInput.Reporting != campaign.ReportingLevel
            && await db.Set<CampaignFigure>().AnyAsync(f => f.CampaignId == campaign.Id, ct)
        )
        {
            errors.Add(nameof(CampaignInput.ReportingLevel), L["Campaigns_ReportingLevelFixed"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(campaign).Property(c => c.Version).OriginalValue = input.Version;
        // The participants and models are saved with the campaign: the version moves even when only they change.
        db.Entry(campaign).Property(c => c.Version).IsModified = true;
        return await saving.WriteAsync(campaign, input, checkedInput, ct);
    }

    private async Task<bool> RecutsPeriodsAsync(int campaignId, DateOnly start, CancellationToken ct)
    {
        var frequencies = await db.Set<Indicator>()
            .Where(i => i.CampaignId == campaignId && i.Frequency != ReportingFrequency.Daily)
            .ToDictionaryAsync(i => i.Id, i => i.Frequency, ct);
        var ids = frequencies.Keys.ToList();
        var figured = await db.Set<CampaignFigure>()
            .Where(f => ids.Contains(f.IndicatorId))
            .Select(f => new { f.IndicatorId, f.Period })
            .Distinct()
            .ToListAsync(ct);
        var locked = await db.Set<CampaignPeriodLock>()
            .Where(l => l.CampaignId == campaignId && l.Frequency != ReportingFrequency.Daily)
            .Select(l => new { l.Frequency, l.Period })
            .ToListAsync(ct);
        return figured
            .Select(f => (Frequency: frequencies[f.IndicatorId], f.Period))
            .Concat(locked.Select(l => (l.Frequency, l.Period)))
            .Any(p => CampaignPeriods.PeriodOf(p.Period, p.Frequency, start) != p.Period);
    }
}
