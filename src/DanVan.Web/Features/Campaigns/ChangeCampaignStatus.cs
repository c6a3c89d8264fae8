using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

public sealed record CampaignStatusInput(CampaignStatus Status, int Version);

/// <summary>Moves a campaign through planned → running → finished → reviewed (finished may be reopened).</summary>
internal sealed class ChangeCampaignStatus(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, CampaignStatusInput input, CancellationToken ct)
    {
        var managed = await CampaignAccess.FindManagedAsync(db, user, id, tracking: true, L, ct);
        if (!managed.IsOk)
        {
            return managed.Error;
        }

        var campaign = managed.Value;
        if (!Enum.IsDefined(input.Status) || !CampaignRules.CanMove(campaign.Status, input.Status))
        {
            return new ConflictError(
                L[
                    "Campaigns_StatusStep",
                    L.Enum(campaign.Status),
                    Enum.IsDefined(input.Status) ? L.Enum(input.Status) : "?"
                ]
            );
        }

        db.Entry(campaign).Property(c => c.Version).OriginalValue = input.Version;
        campaign.Status = input.Status;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Campaigns_Stale"]);
        }

        return campaign.Id;
    }
}
