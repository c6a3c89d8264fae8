using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Organizations;

/// <summary>Creates an organization in a unit the caller manages organizations of.</summary>
internal sealed class CreateOrganization(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public Task<Result<int>> HandleAsync(OrganizationInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Organization), () => CreateAsync(input, ct), ct);

    private async Task<Result<int>> CreateAsync(OrganizationInput input, CancellationToken ct)
    {
        var found = await db
            .Units.AsNoTracking()
            .Where(u => u.Id == input.UnitId)
            .LoadScopedAsync(
                user,
                Permission.UnitsView,
                Permission.OrganizationsManage,
                L["Units_NotFound"],
                u => L["Organizations_CannotManage", u.Name],
                ct
            );
        if (!found.IsOk)
        {
            return found.Error;
        }

        var unit = found.Value;

        var errors = RequestValidation.Validate(input);
        if (!unit.IsActive)
        {
            errors.Add(nameof(OrganizationInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var organization = new Organization
        {
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            Type = input.Type,
            Name = input.Name,
            ShortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName,
            IsActive = input.IsActive,
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        return organization.Id;
    }
}
