using DanVan.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts;

/// <summary>Ends a managed account's lockout after too many failed sign-ins.</summary>
internal sealed class UnlockAccount(UserManager<Account> users, AccountRules rules)
{
    public async Task<Result<int>> HandleAsync(int id, CancellationToken ct)
    {
        var (account, error, _) = await rules.LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        return account.Id;
    }
}
