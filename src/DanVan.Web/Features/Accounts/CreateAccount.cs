using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>Creates an account in a unit the caller manages, with its first role there (never beyond the caller's own
/// rights), once per submission.</summary>
internal sealed class CreateAccount(
    DanVanDbContext db,
    UserManager<Account> users,
    AccountRules rules,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(NewAccountInput input, CancellationToken ct) =>
        await Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Account), () => CreateAsync(input, ct), ct);

    private async Task<Result<int>> CreateAsync(NewAccountInput input, CancellationToken ct)
    {
        var found = await rules.UnitToGrantInAsync(
            input.HomeUnitId,
            input.Role,
            message => new NotFoundError(message),
            ct
        );
        if (!found.IsOk)
        {
            return found.Error;
        }

        var unit = found.Value;
        var errors = RequestValidation.Validate(input);
        await rules.CheckAssignmentAsync(
            errors,
            unit,
            input.Role,
            input.OrganizationId,
            nameof(NewAccountInput.Role),
            nameof(NewAccountInput.OrganizationId),
            ct
        );
        if (!errors.Any && await users.FindByEmailAsync(input.Email.Trim()) is not null)
        {
            errors.Add(nameof(NewAccountInput.Email), L["Accounts_EmailInUse", input.Email]);
        }

        var account = new Account
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName,
            HomeUnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            CreatedAt = db.UtcNow,
            ActiveUnitId = unit.Id,
        };
        if (!errors.Any)
        {
            foreach (var failure in await rules.PasswordProblemsAsync(account, input.Password))
            {
                errors.Add(nameof(NewAccountInput.Password), failure);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        account.Assignments.Add(
            new Assignment
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                Role = input.Role,
                OrganizationId = input.Role == Role.AgencyHandler ? input.OrganizationId : null,
                CreatedAt = db.UtcNow,
            }
        );
        var created = await users.CreateAsync(account, input.Password);
        if (!created.Succeeded)
        {
            return ValidationError.For(
                L["Val_FixBelow"],
                nameof(NewAccountInput.Email),
                string.Join(" ", created.Errors.Select(e => e.Description))
            );
        }

        db.Audit(
            AuditAction.PermissionGranted,
            nameof(Assignment),
            account.Assignments[0].Id.ToString(CultureInfo.InvariantCulture),
            unit.Ref,
            $"account={account.Email}; role={input.Role}; unit={unit.Code}"
        );
        await InitialPasswords.MarkAsync(db, account.Id, ct);
        await db.SaveChangesAsync(ct);
        return account.Id;
    }
}
