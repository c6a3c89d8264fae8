using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts;

/// <summary>Disables a managed account (ending its sessions and tokens) or, with <c>disabled: false</c>, enables it
/// again.</summary>
internal sealed class DisableAccount(DanVanDbContext db, UserManager<Account> users, AccountRules rules)
{
    public async Task<Result<int>> HandleAsync(int id, bool disabled, CancellationToken ct)
    {
        var (account, error, _) = await rules.LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        if (account.IsDisabled == disabled)
        {
            return account.Id;
        }

        account.IsDisabled = disabled;
        db.Audit(
            disabled ? AuditAction.AccountDisabled : AuditAction.AccountEnabled,
            nameof(Account),
            account.Id.ToString(CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(account),
            account.Email
        );
        // A new security stamp ends every session of the account at its next request.
        await users.UpdateSecurityStampAsync(account);
        return account.Id;
    }
}
