using DanVan.Web.Features.Accounts.SignIn;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

public sealed record AssignmentRow(
    int Id,
    int UnitId,
    string UnitName,
    UnitKind UnitKind,
    Role Role,
    int? OrganizationId,
    string? OrganizationName,
    DateTime CreatedAt
);

/// <summary>
/// An account as the caller may see it. <see cref="CanManage"/>: the caller administers every unit of the account (its
/// home
/// and each unit where it holds a role) and it is not the caller's own; otherwise <see cref="ReadOnlyReason"/> says
/// why.
/// <see cref="CanResetPassword"/>: setting a password would not hand the caller rights it does not hold (or the account
/// has a second factor). <see cref="Tokens"/>: null unless the caller may see and revoke them.
/// </summary>
public sealed record AccountDetail(
    int Id,
    string Email,
    string DisplayName,
    int HomeUnitId,
    string HomeUnitName,
    bool IsDisabled,
    bool TwoFactorEnabled,
    bool LockedOut,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    string? ConcurrencyStamp,
    IReadOnlyList<AssignmentRow> Assignments,
    bool CanManage,
    bool CanResetPassword = false,
    string? ReadOnlyReason = null,
    IReadOnlyList<TokenRow>? Tokens = null
);

/// <summary>One account of the caller's subtrees with its assignments and what the caller may do to it (<see
/// cref="AccountRules.ReachOf"/>).</summary>
internal sealed class GetAccount(DanVanDbContext db, ICurrentUser user, TimeProvider clock, AccountRules rules)
{
    public async Task<AccountDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var account = await db
            .Users.AsNoTracking()
            .Where(UnitScope.Accounts(user, Permission.AccountsView))
            .Where(a => a.Id == id)
            .Join(db.Units, a => a.HomeUnitId, u => u.Id, (a, u) => new { Account = a, HomeUnitName = u.Name })
            .SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }

        var assignments = await db
            .Assignments.AsNoTracking()
            .Where(g => g.AccountId == id)
            .Join(db.Units, g => g.UnitId, u => u.Id, (g, u) => new { g, u })
            .GroupJoin(
                db.Organizations,
                x => x.g.OrganizationId,
                o => o.Id,
                (x, os) =>
                    new
                    {
                        x.g,
                        x.u,
                        os,
                    }
            )
            .SelectMany(
                x => x.os.DefaultIfEmpty(),
                (x, o) =>
                    new
                    {
                        Row = new AssignmentRow(
                            x.g.Id,
                            x.u.Id,
                            x.u.Name,
                            x.u.Kind,
                            x.g.Role,
                            x.g.OrganizationId,
                            o == null ? null : o.Name,
                            x.g.CreatedAt
                        ),
                        x.g.ProvinceId,
                        x.g.CommuneId,
                        x.g.VillageId,
                    }
            )
            .ToListAsync(ct);
        var a = account.Account;
        var reach = rules.ReachOf(
            a,
            account.HomeUnitName,
            [
                .. assignments.Select(g => new AccountRules.HeldRole(
                    new UnitRef(g.Row.UnitId, UnitLevel.Village, g.ProvinceId, g.CommuneId, g.VillageId),
                    g.Row.UnitName,
                    g.Row.Role
                )),
            ]
        );
        var tokens = reach.SeesTokens ? await ApiTokens.RowsAsync(db, id, a.SecurityStamp, ct) : null;
        return new AccountDetail(
            a.Id,
            a.Email ?? "",
            a.DisplayName,
            a.HomeUnitId,
            account.HomeUnitName,
            a.IsDisabled,
            a.TwoFactorEnabled,
            a.LockoutEnd > clock.GetUtcNow(),
            a.CreatedAt,
            a.LastSignInAt,
            a.ConcurrencyStamp,
            [.. assignments.Select(g => g.Row).OrderBy(g => g.Role).ThenBy(g => g.UnitName)],
            reach.CanManage,
            reach.CanResetPassword,
            reach.WhyNot,
            tokens
        );
    }
}
