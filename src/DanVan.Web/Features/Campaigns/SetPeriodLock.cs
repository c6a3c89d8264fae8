using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

public sealed record PeriodLockInput(ReportingFrequency Frequency, DateOnly Period);

/// <summary>
/// Locks a period of a frequency of a campaign its caller manages: its figures can no longer be entered, corrected or
/// imported. Unlocking opens it again.
/// </summary>
internal sealed class SetPeriodLock(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int campaignId, PeriodLockInput input, bool locked, CancellationToken ct)
    {
        var managed = await CampaignAccess.FindManagedAsync(db, user, campaignId, tracking: false, L, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value;
        if (
            !Enum.IsDefined(input.Frequency)
            || input.Period < campaign.StartsOn
            || input.Period > campaign.EndsOn
            || CampaignPeriods.PeriodOf(input.Period, input.Frequency, campaign.StartsOn) != input.Period
        )
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(PeriodLockInput.Period), L["Campaigns_NotAPeriod"]);
        }

        var row = await db.Set<CampaignPeriodLock>()
            .SingleOrDefaultAsync(
                l => l.CampaignId == campaignId && l.Frequency == input.Frequency && l.Period == input.Period,
                ct
            );
        if (locked && row is null)
        {
            db.Add(
                new CampaignPeriodLock
                {
                    CampaignId = campaignId,
                    Frequency = input.Frequency,
                    Period = input.Period,
                    LockedAt = db.UtcNow,
                    ActorName = user.DisplayName ?? "",
                }
            );
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
}
