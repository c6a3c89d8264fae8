using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>Replaces the signed-in account's recovery codes (the old ones stop working); null when its second factor is
/// off.</summary>
internal sealed class NewRecoveryCodes(UserManager<Account> users, ICurrentUser user)
{
    public async Task<IReadOnlyList<string>?> HandleAsync() =>
        await users.FindOwnAsync(user) is { TwoFactorEnabled: true } account
            ? [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!]
            : null;
}
