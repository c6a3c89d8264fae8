using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// Logs every refused request at Warning (ASVS V16.3.2, V16.3.3): not signed in (401), not allowed (403), too many
/// (429), a form without a valid antiforgery token, an API request refused as invalid (400, 422), and a signed-in
/// caller's request for a record that is not there or not theirs to see (404 on a route of the app) — with the method,
/// the path without its query (which may carry a search for a person's name), the status, the reason and the account
/// id; no personal data. The audit trail keeps what was done; this keeps what was tried and refused, for the operator's
/// log monitoring.
/// </summary>
internal sealed class RefusalLogMiddleware(RequestDelegate next, ILogger<RefusalLogMiddleware> log)
{
    private static readonly object ReasonKey = new();

    /// <summary>Names the reason of a refusal the middleware cannot tell from the response (a check made by hand).</summary>
    public static void Refuse(HttpContext context, string reason) => context.Items[ReasonKey] = reason;

    public async Task InvokeAsync(HttpContext context, ICurrentUser user)
    {
        await next(context);
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return; // the error page shown for a refusal already logged
        }

        var status = context.Response.StatusCode;
        var reason = status >= 400 && context.Items.TryGetValue(ReasonKey, out var named) ? named as string : null;
        reason ??= status switch
        {
            StatusCodes.Status401Unauthorized => "not signed in",
            StatusCodes.Status403Forbidden => "not allowed",
            StatusCodes.Status429TooManyRequests => "rate limit",
            _ when context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } => "antiforgery",
            StatusCodes.Status400BadRequest
            or StatusCodes.Status422UnprocessableEntity when context.Request.Path.StartsWithSegments("/api") =>
                "invalid",
            // A record outside the caller's units answers 404 like one that does not exist (its existence is not
            // told); for a signed-in caller on a route of the app, either may be a probe, so both are logged.
            StatusCodes.Status404NotFound when user.IsAuthenticated && context.GetEndpoint() is not null =>
                "not found or outside the caller's units",
            _ => null,
        };
        if (reason is not null)
        {
            log.LogWarning(
                "Refused {Method} {Path} with {Status} ({Reason}) for account {AccountId}",
                context.Request.Method,
                context.Request.Path.Value,
                status,
                reason,
                user.AccountId
            );
        }
    }
}
