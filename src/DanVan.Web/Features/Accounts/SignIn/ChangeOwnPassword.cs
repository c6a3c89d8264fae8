using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts.SignIn;

public sealed class ChangePasswordInput
{
    [
        RequiredField,
        MaxChars(128),
        Display(Name = nameof(SharedResource.Field_CurrentPassword), ResourceType = typeof(SharedResource))
    ]
    public string Current { get; set; } = "";

    [
        RequiredField,
        MaxChars(128),
        Display(Name = nameof(SharedResource.Field_NewPassword), ResourceType = typeof(SharedResource))
    ]
    public string New { get; set; } = "";
}

/// <summary>
/// The signed-in person changes their own password (knowing the current one): audited, and the session's cookie is
/// renewed with the new security stamp. False when nobody is signed in.
/// </summary>
internal sealed class ChangeOwnPassword(
    UserManager<Account> users,
    SignInManager<Account> signIn,
    SignInAudit audit,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<bool>> HandleAsync(ChangePasswordInput input)
    {
        var problems = RequestValidation.Validate(input);
        if (problems.Any)
        {
            return problems.ToError(L["Val_FixBelow"]);
        }

        if (string.Equals(input.New, input.Current, StringComparison.Ordinal))
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(ChangePasswordInput.New), L["Password_SameAsCurrent"]);
        }

        var account = await users.FindOwnAsync(user);
        if (account is null)
        {
            return false;
        }

        var result = await users.ChangePasswordAsync(account, input.Current, input.New);
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? nameof(ChangePasswordInput.Current)
                : nameof(ChangePasswordInput.New);
            return new ValidationError(
                L["Val_FixBelow"],
                new Dictionary<string, string[]> { [field] = [.. result.Errors.Select(e => e.Description)] }
            );
        }

        await InitialPasswords.ClearAsync(users, account);
        await audit.RecordOwnChangeAsync(AuditAction.PasswordChanged, account, user.Active?.Unit);
        await signIn.RefreshSignInAsync(account);
        return true;
    }
}
