using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>What the caller may do to one account (ADR-0016), and why not.</summary>
public sealed record AccountReach(bool CanManage, bool CanResetPassword, bool SeesTokens, string? WhyNot);

/// <summary>
/// The rules every account use case shares. Accounts are managed by administrators (ADR-0016): an administrator manages
/// an account only if its home unit and every unit where it holds a role lie in subtrees where the administrator holds
/// AccountsManage — a commune's administrator cannot touch an account that also acts for the province. A grant never
/// exceeds the granter's own rights: a role may be given only by someone who holds each of its permissions at that unit
/// (a system administrator holds them all), and a password is set by an administrator only where that would hand over
/// no
/// right the administrator lacks (or the account has a second factor the administrator cannot pass). Nobody manages
/// their own account here: the profile changes one's password and second factor, another administrator one's roles.
/// </summary>
internal sealed class AccountRules(
    DanVanDbContext db,
    ICurrentUser user,
    UserManager<Account> users,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>A role the account holds, where, for <see cref="ReachOf"/>.</summary>
    public sealed record HeldRole(UnitRef Unit, string UnitName, Role Role);

    /// <summary>Whether the caller may give <paramref name="role"/> at <paramref name="unit"/>: it holds each of the
    /// role's permissions there.</summary>
    public bool MayGrant(Role role, UnitRef unit) =>
        user.Can(Permission.AccountsManage, unit)
        && RolePermissions.Of(role).All(p => user.Can(p, unit))
        && (role != Role.SystemAdministrator || (IsSystemAdministrator && unit.Level == UnitLevel.Central));

    /// <summary>The one rule of what the caller may do to an account: used by the page, the API and every
    /// write.</summary>
    public AccountReach ReachOf(Account account, string homeUnitName, IReadOnlyList<HeldRole> roles)
    {
        var units = roles
            .Select(r => (Unit: r.Unit, UnitName: r.UnitName))
            .Prepend((Unit: UnitScope.ScopeOf(account), UnitName: homeUnitName))
            .ToList();
        var seesTokens = FieldRules.Sees(
            user,
            SensitiveField.AccountTokens,
            new RecordPosition(UnitScope.ScopeOf(account), AccountUnits: [.. units.Select(u => u.Unit)])
        );
        if (!user.Can(Permission.AccountsManage))
        {
            return new AccountReach(false, false, false, null);
        }

        if (account.Id == user.AccountId)
        {
            return new AccountReach(false, false, seesTokens, L["Accounts_NotYourselfHere"]);
        }

        var outside = units.FirstOrDefault(u => !user.Can(Permission.AccountsManage, u.Unit));
        if (outside.UnitName is not null)
        {
            return new AccountReach(
                false,
                false,
                seesTokens,
                L["Accounts_OutsideYourAdministration", account.DisplayName, outside.UnitName]
            );
        }

        var beyond = roles.FirstOrDefault(r => !RolePermissions.Of(r.Role).All(p => user.Can(p, r.Unit)));
        return beyond is null || account.TwoFactorEnabled
            ? new AccountReach(true, true, seesTokens, null)
            : new AccountReach(
                true,
                false,
                seesTokens,
                L["Accounts_CannotResetPassword", L.Enum(beyond.Role), beyond.UnitName]
            );
    }

    /// <summary>The account, tracked, if the caller may manage it (<see cref="ReachOf"/>); otherwise not found (out of
    /// sight) or forbidden with the reason.</summary>
    public async Task<(Account? Account, Error? Error, AccountReach Reach)> LoadManagedAsync(
        int id,
        CancellationToken ct
    )
    {
        var none = new AccountReach(false, false, false, null);
        var loaded = await db
            .Users.Where(a => a.Id == id)
            .LoadScopedAsync(user, Permission.AccountsView, L["Accounts_NotFound"], ct);
        if (!loaded.IsOk)
        {
            return (null, loaded.Error, none);
        }

        var account = loaded.Value;
        var homeName = await db.Units.Where(u => u.Id == account.HomeUnitId).Select(u => u.Name).SingleAsync(ct);
        var roles = await db
            .Assignments.AsNoTracking()
            .Where(g => g.AccountId == id)
            .Join(
                db.Units,
                g => g.UnitId,
                u => u.Id,
                (g, u) =>
                    new
                    {
                        g.Role,
                        g.UnitId,
                        g.ProvinceId,
                        g.CommuneId,
                        g.VillageId,
                        u.Name,
                    }
            )
            .ToListAsync(ct);
        var reach = ReachOf(
            account,
            homeName,
            [
                .. roles.Select(r => new HeldRole(
                    new UnitRef(r.UnitId, UnitLevel.Village, r.ProvinceId, r.CommuneId, r.VillageId),
                    r.Name,
                    r.Role
                )),
            ]
        );
        if (!reach.CanManage)
        {
            return (null, new ForbiddenError(reach.WhyNot ?? L["Accounts_CannotManage", account.DisplayName]), reach);
        }

        return (account, null, reach);
    }

    /// <summary>
    /// The unit an account or assignment is to be placed in, if the caller sees it (else <paramref name="notFound"/>),
    /// manages accounts there and may grant <paramref name="role"/> there (else forbidden).
    /// </summary>
    public async Task<Result<Unit>> UnitToGrantInAsync(
        int? unitId,
        Role role,
        Func<string, Error> notFound,
        CancellationToken ct
    )
    {
        var unit = unitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return notFound(L["Units_NotFound"]);
        }

        if (!user.Can(Permission.AccountsManage, unit.Ref))
        {
            return new ForbiddenError(L["Accounts_CannotManageIn", unit.Name]);
        }

        if (!MayGrant(role, unit.Ref) && role != Role.SystemAdministrator)
        {
            return new ForbiddenError(L["Accounts_CannotGrantRole", L.Enum(role), unit.Name]);
        }

        return unit;
    }

    /// <summary>The rules of one assignment: a unit in force, the system administrator only at the root, a handler
    /// acting for an organization of the unit.</summary>
    public async Task CheckAssignmentAsync(
        ValidationErrors errors,
        Unit unit,
        Role role,
        int? organizationId,
        string roleField,
        string organizationField,
        CancellationToken ct
    )
    {
        if (!unit.IsActive)
        {
            errors.Add(roleField, L["Units_RetiredReadOnly", unit.Name]);
        }

        if (role == Role.SystemAdministrator && (!IsSystemAdministrator || unit.Level != UnitLevel.Central))
        {
            errors.Add(roleField, L["Accounts_SystemAdminOnlyAtRoot"]);
        }

        if (role == Role.AgencyHandler)
        {
            if (
                organizationId is not { } orgId
                || !await db.Organizations.AnyAsync(o => o.Id == orgId && o.UnitId == unit.Id && o.IsActive, ct)
            )
            {
                errors.Add(organizationField, L["Accounts_HandlerNeedsOrganization", unit.Name]);
            }
        }
    }

    public async Task<IEnumerable<string>> PasswordProblemsAsync(Account account, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems.Distinct();
    }

    private bool IsSystemAdministrator => user.Grants.Any(g => g.Role == Role.SystemAdministrator);
}
