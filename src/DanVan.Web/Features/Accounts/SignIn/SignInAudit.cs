using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>Writes sign-in successes and failures into the audit trail, in the account's home unit.</summary>
internal sealed class SignInAudit(DanVanDbContext db, UserManager<Account> users, IHttpContextAccessor http)
{
    public async Task RecordAsync(AuditAction action, string email, Account? account = null, string? details = null)
    {
        account ??= await users.FindByEmailAsync(email);
        var remote = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        db.AuditEntries.Add(
            new AuditEntry
            {
                At = db.UtcNow,
                AccountId = account?.Id,
                ActorName = account?.Email ?? Truncate(email, 256),
                UnitId = account?.HomeUnitId,
                ProvinceId = account?.ProvinceId,
                CommuneId = account?.CommuneId,
                VillageId = account?.VillageId,
                Action = action,
                EntityType = nameof(Features.Accounts.Account),
                EntityId = account?.Id.ToString(CultureInfo.InvariantCulture),
                Details = details,
                RemoteAddress = remote,
            }
        );
        if (action == AuditAction.SignIn && account is not null)
        {
            db.Actor = CurrentUser.Signing(account.Id, account.DisplayName);
            account.LastSignInAt = db.UtcNow;
            if (http.HttpContext is { } context)
            {
                LocalizationSetup.RememberCulture(context, account);
            }
        }

        // Two sign-ins of one account at the same moment (two browsers, or a code replayed while the person signs in)
        // both update the account; the framework reports the loser's lost update as a failed result and leaves the
        // change pending here. The line is written all the same, over the account as the winner left it.
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException lost)
        {
            foreach (var entry in lost.Entries)
            {
                await entry.ReloadAsync();
            }

            if (action == AuditAction.SignIn && account is not null)
            {
                account.LastSignInAt = db.UtcNow;
            }

            await db.SaveChangesAsync();
        }
    }

    /// <summary>A change the signed-in person made to their own account's security (password, second factor).</summary>
    public async Task RecordOwnChangeAsync(AuditAction action, Account account, UnitRef? activeUnit)
    {
        db.Audit(
            action,
            nameof(Features.Accounts.Account),
            account.Id.ToString(CultureInfo.InvariantCulture),
            activeUnit
        );
        await db.SaveChangesAsync();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
