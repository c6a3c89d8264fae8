using System.Globalization;
using DanVan.Web.Features.Accounts.SignIn;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

public sealed record AccountRow(
    int Id, string Email, string DisplayName, int HomeUnitId, string HomeUnitName, bool IsDisabled, bool TwoFactorEnabled,
    bool LockedOut, DateTime? LastSignInAt, IReadOnlyList<Role> Roles);

public sealed record AssignmentRow(int Id, int UnitId, string UnitName, UnitKind UnitKind, Role Role, int? OrganizationId, string? OrganizationName, DateTime CreatedAt);

/// <summary>
/// An account as the caller may see it. <see cref="CanManage"/>: the caller administers every unit of the account (its home
/// and each unit where it holds a role) and it is not the caller's own; otherwise <see cref="ReadOnlyReason"/> says why.
/// <see cref="CanResetPassword"/>: setting a password would not hand the caller rights it does not hold (or the account
/// has a second factor). <see cref="Tokens"/>: null unless the caller may see and revoke them.
/// </summary>
public sealed record AccountDetail(
    int Id, string Email, string DisplayName, int HomeUnitId, string HomeUnitName, bool IsDisabled, bool TwoFactorEnabled,
    bool LockedOut, DateTime CreatedAt, DateTime? LastSignInAt, string? ConcurrencyStamp, IReadOnlyList<AssignmentRow> Assignments,
    bool CanManage, bool CanResetPassword = false, string? ReadOnlyReason = null, IReadOnlyList<TokenRow>? Tokens = null);

/// <summary>What the caller may do to one account (ADR-0016), and why not.</summary>
public sealed record AccountReach(bool CanManage, bool CanResetPassword, bool SeesTokens, string? WhyNot);

/// <summary>
/// Accounts are managed by administrators (ADR-0016): an administrator manages an account only if its home unit and every
/// unit where it holds a role lie in subtrees where the administrator holds AccountsManage — a commune's administrator
/// cannot touch an account that also acts for the province. A grant never exceeds the granter's own rights: a role may
/// be given only by someone who holds each of its permissions at that unit (a system administrator holds them all), and
/// a password is set by an administrator only where that would hand over no right the administrator lacks (or the
/// account has a second factor the administrator cannot pass). Nobody manages their own account here: the profile
/// changes one's password and second factor, another administrator one's roles.
/// </summary>
internal sealed class ManageAccounts(
    DanVanDbContext db, ICurrentUser user, UserManager<Account> users, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>A page in name order; <paramref name="after"/> is the previous page's cursor.</summary>
    public async Task<ListPage<AccountRow>> ListAsync(string? q, int? unitId, int limit, CancellationToken ct, string? after = null)
    {
        var accounts = db.Users.AsNoTracking().Where(UnitScope.Accounts(user, Permission.AccountsView));
        if (unitId is { } id)
        {
            accounts = accounts.Where(a => a.HomeUnitId == id || a.Assignments.Any(g => g.UnitId == id));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToUpperInvariant();
            accounts = accounts.Where(a => a.NormalizedEmail!.Contains(text) || a.DisplayName.Contains(q.Trim()));
        }

        if (PageCursor.Decode(after) is { } cursor)
        {
            accounts = accounts.Where(a => string.Compare(a.DisplayName, cursor.Key) > 0
                || (a.DisplayName == cursor.Key && a.Id > cursor.Id));
        }

        limit = Math.Clamp(limit, 1, 500);
        var now = clock.GetUtcNow();
        var rows = await accounts.OrderBy(a => a.DisplayName).ThenBy(a => a.Id)
            .Take(limit + 1)
            .Join(db.Units, a => a.HomeUnitId, u => u.Id, (a, u) => new
            {
                a.Id, a.Email, a.DisplayName, a.HomeUnitId, HomeUnitName = u.Name, a.IsDisabled, a.TwoFactorEnabled, a.LockoutEnd, a.LastSignInAt,
                Roles = a.Assignments.Select(g => g.Role).ToList(),
            })
            .ToListAsync(ct);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = PageCursor.Encode(rows[^1].DisplayName, rows[^1].Id);
        }

        return new ListPage<AccountRow>(
            [.. rows.Select(r => new AccountRow(r.Id, r.Email ?? "", r.DisplayName, r.HomeUnitId, r.HomeUnitName, r.IsDisabled, r.TwoFactorEnabled,
                r.LockoutEnd > now, r.LastSignInAt, [.. r.Roles.Distinct().Order()]))],
            next);
    }

    public async Task<AccountDetail?> GetAsync(int id, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking()
            .Where(UnitScope.Accounts(user, Permission.AccountsView))
            .Where(a => a.Id == id)
            .Join(db.Units, a => a.HomeUnitId, u => u.Id, (a, u) => new { Account = a, HomeUnitName = u.Name })
            .SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }

        var assignments = await db.Assignments.AsNoTracking().Where(g => g.AccountId == id)
            .Join(db.Units, g => g.UnitId, u => u.Id, (g, u) => new { g, u })
            .GroupJoin(db.Organizations, x => x.g.OrganizationId, o => o.Id, (x, os) => new { x.g, x.u, os })
            .SelectMany(x => x.os.DefaultIfEmpty(), (x, o) => new
            {
                Row = new AssignmentRow(x.g.Id, x.u.Id, x.u.Name, x.u.Kind, x.g.Role, x.g.OrganizationId, o == null ? null : o.Name, x.g.CreatedAt),
                x.g.ProvinceId, x.g.CommuneId, x.g.VillageId,
            })
            .ToListAsync(ct);
        var a = account.Account;
        var reach = ReachOf(a, account.HomeUnitName,
            [.. assignments.Select(g => new HeldRole(new UnitRef(g.Row.UnitId, UnitLevel.Village, g.ProvinceId, g.CommuneId, g.VillageId), g.Row.UnitName, g.Row.Role))]);
        var tokens = reach.SeesTokens ? await ApiTokens.RowsAsync(db, id, a.SecurityStamp, ct) : null;
        return new AccountDetail(a.Id, a.Email ?? "", a.DisplayName, a.HomeUnitId, account.HomeUnitName, a.IsDisabled, a.TwoFactorEnabled,
            a.LockoutEnd > clock.GetUtcNow(), a.CreatedAt, a.LastSignInAt, a.ConcurrencyStamp,
            [.. assignments.Select(g => g.Row).OrderBy(g => g.Role).ThenBy(g => g.UnitName)],
            reach.CanManage, reach.CanResetPassword, reach.WhyNot, tokens);
    }

    /// <summary>Whether the caller may give <paramref name="role"/> at <paramref name="unit"/>: it holds each of the role's permissions there.</summary>
    public bool MayGrant(Role role, UnitRef unit) =>
        user.Can(Permission.AccountsManage, unit)
        && RolePermissions.Of(role).All(p => user.Can(p, unit))
        && (role != Role.SystemAdministrator || (IsSystemAdministrator && unit.Level == UnitLevel.Central));

    private sealed record HeldRole(UnitRef Unit, string UnitName, Role Role);

    /// <summary>The one rule of what the caller may do to an account: used by the page, the API and every write.</summary>
    private AccountReach ReachOf(Account account, string homeUnitName, IReadOnlyList<HeldRole> roles)
    {
        var units = roles.Select(r => (Unit: r.Unit, UnitName: r.UnitName)).Prepend((Unit: ScopeOf(account), UnitName: homeUnitName)).ToList();
        var seesTokens = FieldRules.Sees(user, SensitiveField.AccountTokens, new RecordPosition(ScopeOf(account), AccountUnits: [.. units.Select(u => u.Unit)]));
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
            return new AccountReach(false, false, seesTokens, L["Accounts_OutsideYourAdministration", account.DisplayName, outside.UnitName]);
        }

        var beyond = roles.FirstOrDefault(r => !RolePermissions.Of(r.Role).All(p => user.Can(p, r.Unit)));
        return beyond is null || account.TwoFactorEnabled
            ? new AccountReach(true, true, seesTokens, null)
            : new AccountReach(true, false, seesTokens, L["Accounts_CannotResetPassword", L.Enum(beyond.Role), beyond.UnitName]);
    }

    public async Task<Result<int>> CreateAsync(NewAccountInput input, CancellationToken ct) =>
        await Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Account), () => CreateCoreAsync(input, ct), ct);

    private async Task<Result<int>> CreateCoreAsync(NewAccountInput input, CancellationToken ct)
    {
        var unit = input.HomeUnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        if (!user.Can(Permission.AccountsManage, unit.Ref))
        {
            return new ForbiddenError(L["Accounts_CannotManageIn", unit.Name]);
        }

        if (!MayGrant(input.Role, unit.Ref) && input.Role != Role.SystemAdministrator)
        {
            return new ForbiddenError(L["Accounts_CannotGrantRole", L.Enum(input.Role), unit.Name]);
        }

        var errors = RequestValidation.Validate(input);
        await CheckAssignmentAsync(errors, unit, input.Role, input.OrganizationId, nameof(NewAccountInput.Role), nameof(NewAccountInput.OrganizationId), ct);
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
            foreach (var failure in await PasswordProblemsAsync(account, input.Password))
            {
                errors.Add(nameof(NewAccountInput.Password), failure);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        account.Assignments.Add(new Assignment
        {
            UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId,
            Role = input.Role, OrganizationId = input.Role == Role.AgencyHandler ? input.OrganizationId : null, CreatedAt = db.UtcNow,
        });
        var created = await users.CreateAsync(account, input.Password);
        if (!created.Succeeded)
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(NewAccountInput.Email), string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        db.Audit(AuditAction.PermissionGranted, nameof(Assignment), account.Assignments[0].Id.ToString(CultureInfo.InvariantCulture), unit.Ref,
            $"account={account.Email}; role={input.Role}; unit={unit.Code}");
        await db.SaveChangesAsync(ct);
        return account.Id;
    }

    public async Task<Result<int>> UpdateAsync(int id, EditAccountInput input, CancellationToken ct)
    {
        var (account, error, reach) = await LoadManagedAsync(id, ct);
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
        if (!errors.Any && !string.Equals(email, account.Email, StringComparison.OrdinalIgnoreCase)
            && await users.FindByEmailAsync(email) is { } other && other.Id != id)
        {
            errors.Add(nameof(EditAccountInput.Email), L["Accounts_EmailInUse", email]);
        }

        if (!string.IsNullOrEmpty(input.NewPassword))
        {
            foreach (var failure in await PasswordProblemsAsync(account, input.NewPassword))
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
            return new ConflictError(L["Conflict_ChangedMeanwhile"], new { account.Email, account.DisplayName, account.ConcurrencyStamp });
        }

        account.DisplayName = input.DisplayName;
        account.Email = email;
        account.UserName = email;
        var result = await users.UpdateAsync(account);
        if (result.Succeeded && !string.IsNullOrEmpty(input.NewPassword))
        {
            await users.RemovePasswordAsync(account);
            result = await users.AddPasswordAsync(account, input.NewPassword);
            db.Audit(AuditAction.PasswordChanged, nameof(Account), account.Id.ToString(CultureInfo.InvariantCulture), ScopeOf(account), "set by administrator");
            await db.SaveChangesAsync(ct);
        }

        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new ConflictError(L["Conflict_ChangedMeanwhile"])
                : ValidationError.For(L["Val_FixBelow"], nameof(EditAccountInput.Email), string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return account.Id;
    }

    public async Task<Result<int>> SetDisabledAsync(int id, bool disabled, CancellationToken ct)
    {
        var (account, error, _) = await LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        if (account.IsDisabled == disabled)
        {
            return account.Id;
        }

        account.IsDisabled = disabled;
        db.Audit(disabled ? AuditAction.AccountDisabled : AuditAction.AccountEnabled, nameof(Account),
            account.Id.ToString(CultureInfo.InvariantCulture), ScopeOf(account), account.Email);
        // A new security stamp ends every session of the account at its next request.
        await users.UpdateSecurityStampAsync(account);
        return account.Id;
    }

    public async Task<Result<int>> UnlockAsync(int id, CancellationToken ct)
    {
        var (account, error, _) = await LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        return account.Id;
    }

    public async Task<Result<int>> AddAssignmentAsync(int id, AssignmentInput input, CancellationToken ct)
    {
        var (account, error, _) = await LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        var unit = input.UnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(AssignmentInput.UnitId), L["Units_NotFound"]);
        }

        if (!user.Can(Permission.AccountsManage, unit.Ref))
        {
            return new ForbiddenError(L["Accounts_CannotManageIn", unit.Name]);
        }

        if (!MayGrant(input.Role, unit.Ref) && input.Role != Role.SystemAdministrator)
        {
            return new ForbiddenError(L["Accounts_CannotGrantRole", L.Enum(input.Role), unit.Name]);
        }

        var errors = RequestValidation.Validate(input);
        await CheckAssignmentAsync(errors, unit, input.Role, input.OrganizationId, nameof(AssignmentInput.Role), nameof(AssignmentInput.OrganizationId), ct);
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
            AccountId = id, UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId,
            Role = input.Role, OrganizationId = input.Role == Role.AgencyHandler ? input.OrganizationId : null, CreatedAt = db.UtcNow,
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        db.Audit(AuditAction.PermissionGranted, nameof(Assignment), assignment.Id.ToString(CultureInfo.InvariantCulture), unit.Ref,
            $"account={account.Email}; role={input.Role}; unit={unit.Code}");
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }

    public async Task<Result<int>> RemoveAssignmentAsync(int id, int assignmentId, CancellationToken ct)
    {
        var assignment = await db.Assignments.SingleOrDefaultAsync(g => g.Id == assignmentId && g.AccountId == id, ct);
        if (assignment is null || !user.Can(Permission.AccountsView, ScopeOf(assignment)))
        {
            return new NotFoundError(L["Accounts_AssignmentNotFound"]);
        }

        var (account, error, _) = await LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        db.Assignments.Remove(assignment);
        db.Audit(AuditAction.PermissionRevoked, nameof(Assignment), assignment.Id.ToString(CultureInfo.InvariantCulture), ScopeOf(assignment),
            $"account={id}; role={assignment.Role}; unit={assignment.UnitId}");
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }

    /// <summary>Revokes one of a managed account's API tokens (a lost laptop, a leaver), audited with the administrator's name.</summary>
    public async Task<Result<int>> RevokeTokenAsync(int id, int tokenId, CancellationToken ct)
    {
        var (account, error, reach) = await LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.AccountId == id, ct);
        if (token is null || !reach.SeesTokens)
        {
            return new NotFoundError(L["Tokens_NotFound"]);
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = db.UtcNow;
            db.Audit(AuditAction.TokenRevoked, nameof(ApiToken), token.Id.ToString(CultureInfo.InvariantCulture), ScopeOf(account),
                $"account={account.Email}; by administrator");
            await db.SaveChangesAsync(ct);
        }

        return token.Id;
    }

    private bool IsSystemAdministrator => user.Grants.Any(g => g.Role == Role.SystemAdministrator);

    private async Task CheckAssignmentAsync(ValidationErrors errors, Unit unit, Role role, int? organizationId, string roleField, string organizationField, CancellationToken ct)
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
            if (organizationId is not { } orgId || !await db.Organizations.AnyAsync(o => o.Id == orgId && o.UnitId == unit.Id && o.IsActive, ct))
            {
                errors.Add(organizationField, L["Accounts_HandlerNeedsOrganization", unit.Name]);
            }
        }
    }

    private async Task<IEnumerable<string>> PasswordProblemsAsync(Account account, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems.Distinct();
    }

    /// <summary>The account, tracked, if the caller may manage it (<see cref="ReachOf"/>); otherwise not found (out of sight) or forbidden with the reason.</summary>
    private async Task<(Account? Account, Error? Error, AccountReach Reach)> LoadManagedAsync(int id, CancellationToken ct)
    {
        var none = new AccountReach(false, false, false, null);
        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !user.Can(Permission.AccountsView, ScopeOf(account)))
        {
            return (null, new NotFoundError(L["Accounts_NotFound"]), none);
        }

        var homeName = await db.Units.Where(u => u.Id == account.HomeUnitId).Select(u => u.Name).SingleAsync(ct);
        var roles = await db.Assignments.AsNoTracking().Where(g => g.AccountId == id)
            .Join(db.Units, g => g.UnitId, u => u.Id, (g, u) => new { g.Role, g.UnitId, g.ProvinceId, g.CommuneId, g.VillageId, u.Name })
            .ToListAsync(ct);
        var reach = ReachOf(account, homeName,
            [.. roles.Select(r => new HeldRole(new UnitRef(r.UnitId, UnitLevel.Village, r.ProvinceId, r.CommuneId, r.VillageId), r.Name, r.Role))]);
        if (!reach.CanManage)
        {
            return (null, new ForbiddenError(reach.WhyNot ?? L["Accounts_CannotManage", account.DisplayName]), reach);
        }

        return (account, null, reach);
    }

    internal static UnitRef ScopeOf(Account a) => new(a.HomeUnitId, UnitLevel.Village, a.ProvinceId, a.CommuneId, a.VillageId);

    internal static UnitRef ScopeOf(Assignment a) => new(a.UnitId, UnitLevel.Village, a.ProvinceId, a.CommuneId, a.VillageId);
}
