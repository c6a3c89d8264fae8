using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Organizations;

/// <summary>Edits an organization (type, names, whether it still exists) from the version the editor saw.</summary>
internal sealed class UpdateOrganization(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, OrganizationInput input, CancellationToken ct)
    {
        var found = await db
            .Organizations.Where(o => o.Id == id)
            .LoadScopedAsync(
                user,
                Permission.OrganizationsView,
                Permission.OrganizationsManage,
                L["Organizations_NotFound"],
                o => L["Organizations_CannotManage", o.Name],
                ct
            );
        if (!found.IsOk)
        {
            return found.Error;
        }

        var organization = found.Value;

        var errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(organization).Property(o => o.Version).OriginalValue = input.Version;
        organization.Type = input.Type;
        organization.Name = input.Name;
        organization.ShortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName;
        organization.IsActive = input.IsActive;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db
                .Organizations.AsNoTracking()
                .Where(o => o.Id == id)
                .Select(o => new
                {
                    o.Type,
                    o.Name,
                    o.ShortName,
                    o.IsActive,
                    o.Version,
                })
                .SingleAsync(ct);
            return new ConflictError(L["Conflict_ChangedMeanwhile"], current);
        }

        return organization.Id;
    }
}
