using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Creates a campaign in an active unit above village level that the caller manages, once per submission id; the
/// fields, participants and models are checked and written as an edit's are (<see cref="CampaignSaving"/>).
/// </summary>
internal sealed class CreateCampaign(
    DanVanDbContext db,
    ICurrentUser user,
    CampaignSaving saving,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> HandleAsync(CampaignInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Campaign), () => CreateAsync(input, ct), ct);

    private async Task<Result<int>> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        var errors = RequestValidation.Validate(input);
        var unit = input.UnitId is { } unitId
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
            : null;
        if (input.UnitId is null)
        {
            errors.Add(nameof(CampaignInput.UnitId), L["Val_Choose", L["Field_Unit"]]);
        }
        else if (unit is null || !user.Can(Permission.CampaignsView, unit.Ref))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }
        else if (!user.Can(Permission.CampaignsManage, unit.Ref))
        {
            return new ForbiddenError(L["Campaigns_CannotManage"]);
        }
        else if (!unit.IsActive)
        {
            errors.Add(nameof(CampaignInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
        }
        else if (unit.Level == UnitLevel.Village)
        {
            errors.Add(nameof(CampaignInput.UnitId), L["Campaigns_UnitLevel"]);
        }

        var checkedInput = await saving.CheckAsync(unit, null, input, errors, ct);
        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var campaign = new Campaign
        {
            UnitId = unit!.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            UnitLevel = unit.Level,
            CreatedAt = db.UtcNow,
        };
        db.Campaigns.Add(campaign);
        return await saving.WriteAsync(campaign, input, checkedInput, ct);
    }
}
