using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>
/// Turns the signed-in account's second factor off and forgets its key, unless one of its roles requires a second
/// factor
/// (then false).
/// </summary>
internal sealed class DisableTwoFactor(
    UserManager<Account> users,
    SignInManager<Account> signIn,
    SignInAudit audit,
    ICurrentUser user
)
{
    /// <summary>Turns the second factor off once the current password confirms the owner (ASVS V7.5.1); false, and
    /// nothing changed, when the password is wrong or the account's roles require the factor.</summary>
    public async Task<bool> HandleAsync(string? password)
    {
        var account = await users.FindOwnAsync(user);
        if (
            account is null
            || user.Grants.Any(g => RolePermissions.RequiresTwoFactor(g.Role))
            || !await signIn.ConfirmsPasswordAsync(account, password)
        )
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        await audit.RecordOwnChangeAsync(AuditAction.TwoFactorDisabled, account, user.Active?.Unit);
        await signIn.RefreshSignInAsync(account);
        return true;
    }
}
