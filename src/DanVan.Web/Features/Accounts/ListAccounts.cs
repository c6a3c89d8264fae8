using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

public sealed record AccountRow(
    int Id,
    string Email,
    string DisplayName,
    int HomeUnitId,
    string HomeUnitName,
    bool IsDisabled,
    bool TwoFactorEnabled,
    bool LockedOut,
    DateTime? LastSignInAt,
    IReadOnlyList<Role> Roles
);

/// <summary>The accounts of the caller's subtrees, optionally of one unit (home or role there) or matching a
/// text.</summary>
internal sealed class ListAccounts(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>A page in name order; <paramref name="after"/> is the previous page's cursor.</summary>
    public async Task<ListPage<AccountRow>> HandleAsync(
        string? q,
        int? unitId,
        int limit,
        CancellationToken ct,
        string? after = null
    )
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
            accounts = accounts.Where(a =>
                string.Compare(a.DisplayName, cursor.Key) > 0 || (a.DisplayName == cursor.Key && a.Id > cursor.Id)
            );
        }

        limit = Math.Clamp(limit, 1, 500);
        var now = clock.GetUtcNow();
        var rows = await accounts
            .OrderBy(a => a.DisplayName)
            .ThenBy(a => a.Id)
            .Take(limit + 1)
            .Join(
                db.Units,
                a => a.HomeUnitId,
                u => u.Id,
                (a, u) =>
                    new
                    {
                        a.Id,
                        a.Email,
                        a.DisplayName,
                        a.HomeUnitId,
                        HomeUnitName = u.Name,
                        a.IsDisabled,
                        a.TwoFactorEnabled,
                        a.LockoutEnd,
                        a.LastSignInAt,
                        Roles = a.Assignments.Select(g => g.Role).ToList(),
                    }
            )
            .ToListAsync(ct);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = PageCursor.Encode(rows[^1].DisplayName, rows[^1].Id);
        }

        return new ListPage<AccountRow>(
            [
                .. rows.Select(r => new AccountRow(
                    r.Id,
                    r.Email ?? "",
                    r.DisplayName,
                    r.HomeUnitId,
                    r.HomeUnitName,
                    r.IsDisabled,
                    r.TwoFactorEnabled,
                    r.LockoutEnd > now,
                    r.LastSignInAt,
                    [.. r.Roles.Distinct().Order()]
                )),
            ],
            next
        );
    }
}
