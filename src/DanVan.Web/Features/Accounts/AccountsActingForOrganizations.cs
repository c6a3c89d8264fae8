using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

/// <summary>An organization that accounts act for is in use: it is closed, never deleted.</summary>
internal sealed class AccountsActingForOrganizations(DanVanDbContext db) : Organizations.IOrganizationUse
{
    public Task<bool> IsUsedAsync(int organizationId, CancellationToken ct) =>
        db.Assignments.AnyAsync(a => a.OrganizationId == organizationId, ct);
}
