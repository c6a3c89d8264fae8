using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>
/// The plain form posts of the account area: sign out, sign out everywhere, end another session, switch unit. Each takes the antiforgery
/// token (another site cannot sign a user out, or end all of their sessions, with a hidden form).
/// </summary>
public static class AccountPageEndpoints
{
    public static void MapAccountPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();

        group.MapPost("/logout", LogoutAsync).AllowAnonymous().AddEndpointFilter(RequireAntiforgeryAsync);
        group
            .MapPost("/logout-everywhere", LogoutEverywhereAsync)
            .RequireAuthorization()
            .AddEndpointFilter(RequireAntiforgeryAsync);
        group
            .MapPost("/sessions/end", EndSessionAsync)
            .RequireAuthorization()
            .AddEndpointFilter(RequireAntiforgeryAsync);
        group.MapPost("/switch-unit", SwitchUnitAsync).RequireAuthorization();
    }

    private static async Task<RedirectHttpResult> LogoutAsync(
        SignInManager<Account> signIn,
        ICurrentUser user,
        DanVanDbContext db,
        HttpContext context
    )
    {
        if (user.AccountId is { } id)
        {
            // The server forgets the session: a copy of the cookie opens nothing after this.
            await Sessions.EndAsync(db, id, context.User.FindFirst(Sessions.Claim)?.Value);
            db.Audit(
                AuditAction.SignOut,
                nameof(Account),
                id.ToString(CultureInfo.InvariantCulture),
                user.Active?.Unit
            );
            await db.SaveChangesAsync();
        }

        await signIn.SignOutAsync();
        ClearDevice(context);
        return TypedResults.LocalRedirect("/");
    }

    private static async Task<RedirectHttpResult> LogoutEverywhereAsync(
        UserManager<Account> users,
        SignInManager<Account> signIn,
        ICurrentUser user,
        DanVanDbContext db,
        HttpContext context
    )
    {
        if (
            user.AccountId is { } id
            && await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture)) is { } account
        )
        {
            db.Audit(
                AuditAction.SignOut,
                nameof(Account),
                id.ToString(CultureInfo.InvariantCulture),
                user.Active?.Unit,
                "everywhere"
            );
            await users.UpdateSecurityStampAsync(account);
            await Sessions.EndAllAsync(db, id);
        }

        await signIn.SignOutAsync();
        ClearDevice(context);
        return TypedResults.LocalRedirect("/account/login?done=signed-out-everywhere");
    }

    /// <summary>Signing out empties this browser's copies of the account's pages and its offline queue (docs/OFFLINE.md):
    /// the page's script does it before the post, and the browser again on this answer.</summary>
    private static void ClearDevice(HttpContext context) =>
        context.Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";

    /// <summary>Ends one of the person's other sessions, named by its handle on the profile page.</summary>
    private static async Task<RedirectHttpResult> EndSessionAsync(
        HttpContext context,
        ICurrentUser user,
        DanVanDbContext db
    )
    {
        var handle = (await context.Request.ReadFormAsync(context.RequestAborted))["session"].ToString();
        var current = context.User.FindFirst(Sessions.Claim)?.Value;
        if (user.AccountId is not { } id || handle.Length == 0)
        {
            return TypedResults.LocalRedirect("/account");
        }

        var ids = await db
            .UserTokens.Where(t => t.UserId == id && t.LoginProvider == Sessions.Store)
            .Select(t => t.Name)
            .ToListAsync(context.RequestAborted);
        var target = ids.FirstOrDefault(s => s != current && Sessions.Handle(s) == handle);
        if (target is null)
        {
            return TypedResults.LocalRedirect("/account");
        }

        await Sessions.EndAsync(db, id, target);
        db.Audit(
            AuditAction.SignOut,
            nameof(Account),
            id.ToString(CultureInfo.InvariantCulture),
            user.Active?.Unit,
            "another session"
        );
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.LocalRedirect("/account?done=session-ended");
    }

    private static async Task<RedirectHttpResult> SwitchUnitAsync(
        [FromForm] int unitId,
        [FromForm] string? returnUrl,
        ICurrentUser user,
        DanVanDbContext db
    )
    {
        if (
            user.AccountId is { } id
            && user.Grants.Any(g => g.UnitId == unitId)
            && await db.Users.FindAsync(id) is { } account
        )
        {
            account.ActiveUnitId = unitId;
            await db.SaveChangesAsync();
        }

        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// The form's antiforgery token, checked before the handler runs: these posts bind no form field, so the
    /// framework's
    /// check (which runs when a form is bound) would never refuse them.
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgeryAsync(
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next
    )
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return await next(context);
        }

        Infrastructure.Security.RefusalLogMiddleware.Refuse(http, "antiforgery");
        return TypedResults.BadRequest();
    }

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
