using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>Revokes one of a managed account's API tokens (a lost laptop, a leaver), audited with the administrator's
/// name.</summary>
internal sealed class RevokeAccountToken(DanVanDbContext db, AccountRules rules, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, int tokenId, CancellationToken ct)
    {
        var (account, error, reach) = await rules.LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.AccountId == id, ct);
        if (token is null || !reach.SeesTokens)
        {
            return new NotFoundError(L["Tokens_NotFound"]);
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = db.UtcNow;
            db.Audit(
                AuditAction.TokenRevoked,
                nameof(ApiToken),
                token.Id.ToString(CultureInfo.InvariantCulture),
                UnitScope.ScopeOf(account),
                $"account={account.Email}; by administrator"
            );
            await db.SaveChangesAsync(ct);
        }

        return token.Id;
    }
}
