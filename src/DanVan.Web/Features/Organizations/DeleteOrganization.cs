using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Organizations;

/// <summary>Deletes an organization entered by mistake; one that accounts act for is closed instead.</summary>
internal sealed class DeleteOrganization(
    DanVanDbContext db,
    ICurrentUser user,
    IEnumerable<IOrganizationUse> uses,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, CancellationToken ct)
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

        foreach (var use in uses)
        {
            if (await use.IsUsedAsync(id, ct))
            {
                return new ConflictError(L["Organizations_InUse", organization.Name]);
            }
        }

        db.Organizations.Remove(organization);
        await db.SaveChangesAsync(ct);
        return id;
    }
}
