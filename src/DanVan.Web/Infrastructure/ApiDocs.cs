using Scalar.AspNetCore;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// /api-docs: the interactive reference of /openapi/v1.json, drawn by Scalar. Scalar's own page starts itself
/// with an inline script, which our content security policy forbids; so Scalar only serves its bundle (under
/// /scalar) and this page loads it with an external start script. Scalar injects its styles at run time, so
/// this one page allows inline styles (never inline scripts).
/// </summary>
public static class ApiDocs
{
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>DanVan API</title>
          <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
        </head>
        <body>
          <main id="app"></main>
          <script src="/scalar/scalar.js"></script>
          <script src="/js/api-docs.js"></script>
        </body>
        </html>
        """;

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static void MapApiDocs(this WebApplication app)
    {
        // Scalar's own HTML pages would be blocked by the policy: send them to ours.
        app.Use(
            async (context, next) =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/scalar") && !Path.HasExtension(path.Value))
                {
                    context.Response.Redirect("/api-docs");
                    return;
                }

                await next(context);
            }
        );
        app.MapScalarApiReference("/scalar").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api-docs", (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Results.Content(Page, "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
