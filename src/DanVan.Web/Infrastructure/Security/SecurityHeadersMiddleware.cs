using Microsoft.AspNetCore.StaticAssets;

namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// The headers every response carries (QUALITY.md S6): HSTS for a year, a content security policy that
/// allows scripts, styles, images and fonts from this host only (no inline script), no framing, no MIME
/// sniffing, a strict referrer policy, and no caching of anything shown to a signed-in account. The framework's
/// static assets (the same public, fingerprinted files for everyone) keep their long cache, signed in or not: the
/// stylesheet and scripts are not fetched again with every page (QUALITY.md P7).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // ASVS V4.1.1: text names its character set — everything DanVan sends is UTF-8, and the framework's health
            // check and the API reference's scripts would name none.
            if (
                context.Response.ContentType is { } type
                && (
                    type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                    || type.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase)
                )
                && !type.Contains("charset", StringComparison.OrdinalIgnoreCase)
            )
            {
                context.Response.ContentType = type + "; charset=utf-8";
            }

            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            if (
                (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/account"))
                && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null
            )
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
