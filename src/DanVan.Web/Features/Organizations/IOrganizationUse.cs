using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Organizations;

/// <summary>
/// Whether an organization is in use by a feature above this one (accounts act for it), so that it can only be closed,
/// not deleted. Owned here, implemented by those features.
/// </summary>
public interface IOrganizationUse
{
    Task<bool> IsUsedAsync(int organizationId, CancellationToken ct);
}
