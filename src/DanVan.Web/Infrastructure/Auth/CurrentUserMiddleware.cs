using System.Security.Claims;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// Loads the signed-in account, its assignments and its unread notification count once per request, in one statement. A
/// disabled account,
/// or a cookie whose security stamp no longer matches (password changed, "sign out everywhere", account
/// disabled), or whose session the server no longer holds (signed out, here or from another device), is signed out on its
/// next request, so access ends at once rather than within the 60 s of S5.
/// </summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(
        HttpContext context,
        CurrentUser currentUser,
        DanVanDbContext db,
        IOptions<IdentityOptions> identity
    )
    {
        currentUser.RemoteAddress = context.Connection.RemoteIpAddress?.ToString();
        var principal = context.User;
        if (
            principal.Identity?.IsAuthenticated == true
            && int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
        )
        {
            var sessionId = principal.FindFirstValue(Features.Accounts.SignIn.Sessions.Claim) ?? "";
            var account = await db
                .Users.AsNoTracking()
                .Where(a => a.Id == accountId)
                .Select(a => new
                {
                    a.DisplayName,
                    a.IsDisabled,
                    a.SecurityStamp,
                    a.TwoFactorEnabled,
                    SessionLive = db.UserTokens.Any(t =>
                        t.UserId == a.Id
                        && t.LoginProvider == Features.Accounts.SignIn.Sessions.Store
                        && t.Name == sessionId
                    ),
                    MustChangePassword = db.UserTokens.Any(t =>
                        t.UserId == a.Id
                        && t.LoginProvider == Features.Accounts.InitialPasswords.Store
                        && t.Name == Features.Accounts.InitialPasswords.Name
                    ),
                    a.ActiveUnitId,
                    // The account's own assignments, filtered inside the joined subquery as well: SQLite
                    // materializes that subquery before the join, and unfiltered it is every account's grants (15 ms
                    // a request with 20,000 accounts, measured by the bench's P3).
                    Grants = a
                        .Assignments.Where(g => g.AccountId == accountId)
                        .Join(
                            db.Units.Where(u => u.ValidTo == null),
                            g => g.UnitId,
                            u => u.Id,
                            (g, u) =>
                                new Grant(
                                    g.Id,
                                    g.Role,
                                    u.Id,
                                    u.Name,
                                    u.Level,
                                    u.ProvinceId,
                                    u.CommuneId,
                                    u.VillageId,
                                    g.OrganizationId
                                )
                        )
                        .ToList(),
                    // A correlated count on the (AccountId, ReadAt) index: the header's badge costs no extra statement.
                    Unread = db.Notifications.Count(n => n.AccountId == a.Id && n.ReadAt == null),
                })
                .SingleOrDefaultAsync(context.RequestAborted);

            var stampClaim = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var tokenSignIn = principal.Identity.AuthenticationType == TokenAuthentication.SchemeName;
            if (
                account is null
                || account.IsDisabled
                || (!tokenSignIn && (stampClaim != account.SecurityStamp || !account.SessionLive))
            )
            {
                if (!tokenSignIn)
                {
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                }

                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                currentUser.SignedIn(
                    accountId,
                    account.DisplayName,
                    account.TwoFactorEnabled,
                    account.Grants,
                    account.ActiveUnitId,
                    account.Unread,
                    account.MustChangePassword
                );
            }
        }

        await next(context);
    }
}
