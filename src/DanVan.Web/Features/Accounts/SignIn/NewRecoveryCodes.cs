using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>Replaces the signed-in account's recovery codes (the old ones stop working) once the current password
/// confirms it is the account's owner; null when the password is wrong or the second factor is off.</summary>
internal sealed class NewRecoveryCodes(UserManager<Account> users, SignInManager<Account> signIn, ICurrentUser user)
{
    public async Task<IReadOnlyList<string>?> HandleAsync(string? password) =>
        await users.FindOwnAsync(user) is { TwoFactorEnabled: true } account
        && await signIn.ConfirmsPasswordAsync(account, password)
            ? [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!]
            : null;
}
