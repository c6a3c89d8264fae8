using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>Edits a managed account's name and e-mail from the stamp the editor saw, and sets a new password where the
/// caller may (<see cref="AccountReach.CanResetPassword"/>).</summary>
internal sealed class UpdateAccount(
    DanVanDbContext db,
    UserManager<Account> users,
    AccountRules rules,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, EditAccountInput input, CancellationToken ct)
    {
        var (account, error, reach) = await rules.LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        if (!string.IsNullOrEmpty(input.NewPassword) && !reach.CanResetPassword)
        {
            return new ForbiddenError(reach.WhyNot ?? L["Accounts_CannotManage", account.DisplayName]);
        }

        var errors = RequestValidation.Validate(input);
        var email = input.Email.Trim();
        if (
            !errors.Any
            && !string.Equals(email, account.Email, StringComparison.OrdinalIgnoreCase)
            && await users.FindByEmailAsync(email) is { } other
            && other.Id != id
        )
        {
            errors.Add(nameof(EditAccountInput.Email), L["Accounts_EmailInUse", email]);
        }

        if (!string.IsNullOrEmpty(input.NewPassword))
        {
            foreach (var failure in await rules.PasswordProblemsAsync(account, input.NewPassword))
            {
                errors.Add(nameof(EditAccountInput.NewPassword), failure);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (input.ConcurrencyStamp is not null && input.ConcurrencyStamp != account.ConcurrencyStamp)
        {
            return new ConflictError(
                L["Conflict_ChangedMeanwhile"],
                new
                {
                    account.Email,
                    account.DisplayName,
                    account.ConcurrencyStamp,
                }
            );
        }

        account.DisplayName = input.DisplayName;
        account.Email = email;
        account.UserName = email;
        var result = await users.UpdateAsync(account);
        if (result.Succeeded && !string.IsNullOrEmpty(input.NewPassword))
        {
            await users.RemovePasswordAsync(account);
            result = await users.AddPasswordAsync(account, input.NewPassword);
            db.Audit(
                AuditAction.PasswordChanged,
                nameof(Account),
                account.Id.ToString(CultureInfo.InvariantCulture),
                UnitScope.ScopeOf(account),
                "set by administrator"
            );
            if (result.Succeeded && account.Id != user.AccountId)
            {
                await InitialPasswords.MarkAsync(db, account.Id, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new ConflictError(L["Conflict_ChangedMeanwhile"])
                : ValidationError.For(
                    L["Val_FixBelow"],
                    nameof(EditAccountInput.Email),
                    string.Join(" ", result.Errors.Select(e => e.Description))
                );
        }

        return account.Id;
    }
}
