using System.Globalization;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>The signed-in account for the use cases of one's own security (password, second factor, tokens,
/// profile).</summary>
internal static class OwnAccount
{
    /// <summary>The account acting in this request, tracked (Identity's stores change it); null when signed
    /// out.</summary>
    public static Task<Account?> FindOwnAsync(this UserManager<Account> users, ICurrentUser user) =>
        user.AccountId is { } id
            ? users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture))
            : Task.FromResult<Account?>(null);

    /// <summary>
    /// Re-authentication before a change to how the account signs in (ASVS V7.5.1): the account's current password,
    /// checked as a sign-in would check it, so wrong ones count towards the lockout.
    /// </summary>
    public static async Task<bool> ConfirmsPasswordAsync(
        this SignInManager<Account> signIn,
        Account account,
        string? password
    ) =>
        !string.IsNullOrEmpty(password)
        && (await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true)).Succeeded;
}
