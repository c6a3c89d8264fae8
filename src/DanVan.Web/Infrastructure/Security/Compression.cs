using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// Pages and API answers compressed with Brotli or gzip for slow networks (QUALITY.md P7; ADR-0039), only where
/// compression cannot leak a secret: a response is compressed when the browser says the request came from this site
/// itself or from the person (Sec-Fetch-Site <c>same-origin</c> or <c>none</c>), or when a client that is not a browser
/// sends no cookie. A page requested from another site is sent uncompressed, so that site cannot learn a secret on it
/// from the compressed length with text it chose (BREACH). The static assets are compressed once at build time and
/// served by MapStaticAssets.
/// </summary>
public static class Compression
{
    public static IServiceCollection AddDanVanCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat([
                "application/problem+json",
                "image/svg+xml",
                "application/manifest+json",
            ]);
        });
        // The fastest levels: a page is written once per request, and the first steps of either take most of the gain.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseDanVanCompression(this WebApplication app)
    {
        app.UseWhen(IsSafeToCompress, branch => branch.UseResponseCompression());
        return app;
    }

    /// <summary>Whether the request cannot have been made by another site with text of its choosing.</summary>
    public static bool IsSafeToCompress(HttpContext context)
    {
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 ? !context.Request.Headers.ContainsKey("Cookie") : site is "same-origin" or "none";
    }
}
