using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>Gives a managed account a role in a unit the caller manages, never beyond the caller's own rights
/// there.</summary>
internal sealed class GrantRole(DanVanDbContext db, AccountRules rules, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, AssignmentInput input, CancellationToken ct)
    {
        var (account, error, _) = await rules.LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        var found = await rules.UnitToGrantInAsync(
            input.UnitId,
            input.Role,
            message => ValidationError.For(L["Val_FixBelow"], nameof(AssignmentInput.UnitId), message),
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
            nameof(AssignmentInput.Role),
            nameof(AssignmentInput.OrganizationId),
            ct
        );
        if (await db.Assignments.AnyAsync(g => g.AccountId == id && g.UnitId == unit.Id && g.Role == input.Role, ct))
        {
            errors.Add(nameof(AssignmentInput.Role), L["Accounts_AssignmentExists", L.Enum(input.Role), unit.Name]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var assignment = new Assignment
        {
            AccountId = id,
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            Role = input.Role,
            OrganizationId = input.Role == Role.AgencyHandler ? input.OrganizationId : null,
            CreatedAt = db.UtcNow,
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        db.Audit(
            AuditAction.PermissionGranted,
            nameof(Assignment),
            assignment.Id.ToString(CultureInfo.InvariantCulture),
            unit.Ref,
            $"account={account.Email}; role={input.Role}; unit={unit.Code}"
        );
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }
}
