using System.Globalization;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

/// <summary>
/// A password an administrator chose for someone else (a new account, or a reset) is an initial password: it opens
/// nothing but the page where the person sets their own (ASVS V6.4.1). The mark is kept with the account's other
/// tokens and taken away when the person changes the password themselves. <c>create-admin</c> marks the password it
/// generates, not one the operator gives with <c>--password</c>.
/// </summary>
internal static class InitialPasswords
{
    public const string Store = "[DanVan]";
    public const string Name = "PasswordSetByAdministrator";

    /// <summary>Marks the account's password as set by an administrator, saved with the caller's next save (so with
    /// the password it marks).</summary>
    public static async Task MarkAsync(DanVanDbContext db, int accountId, CancellationToken ct = default)
    {
        if (
            db.UserTokens.Local.Any(t => t.UserId == accountId && t.LoginProvider == Store && t.Name == Name)
            || await db.UserTokens.AnyAsync(
                t => t.UserId == accountId && t.LoginProvider == Store && t.Name == Name,
                ct
            )
        )
        {
            return;
        }

        db.UserTokens.Add(
            new IdentityUserToken<int>
            {
                UserId = accountId,
                LoginProvider = Store,
                Name = Name,
                Value = db.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            }
        );
    }

    /// <summary>The person chose their own password.</summary>
    public static Task ClearAsync(UserManager<Account> users, Account account) =>
        users.RemoveAuthenticationTokenAsync(account, Store, Name);
}
