using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>Turns the signed-in account's second factor on once a code from its authenticator proves the key; answers
/// the new recovery codes.</summary>
internal sealed class EnableTwoFactor(
    UserManager<Account> users,
    SignInManager<Account> signIn,
    SignInAudit audit,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>The form field the code is posted in, for the error message.</summary>
    public const string CodeField = "Code";

    public async Task<Result<string[]>> HandleAsync(string? code)
    {
        var account = await users.FindOwnAsync(user);
        if (account is null)
        {
            return new NotFoundError(L["Problem_NotFound"]);
        }

        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return ValidationError.For(L["Val_FixBelow"], CodeField, L["TwoFactor_InvalidCode"]);
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        string[] recoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!];
        await audit.RecordOwnChangeAsync(AuditAction.TwoFactorEnabled, account, user.Active?.Unit);
        await signIn.RefreshSignInAsync(account);
        return recoveryCodes;
    }
}
