namespace DanVan.Web.Features.Organizations;

/// <summary>
/// Whether an organization is in use by a feature above this one (accounts act for it), so that it can only be closed,
/// not deleted. Owned here, implemented by those features.
/// </summary>
public interface IOrganizationUse
{
    Task<bool> IsUsedAsync(int organizationId, CancellationToken ct);
}
