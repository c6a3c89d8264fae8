using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// Every cookie the app sets: the session, the sign-in's second-factor step, the antiforgery token and the language.
/// In Production each is <c>__Host-</c>-prefixed and always <c>Secure</c> — also behind a proxy that terminates TLS and
/// forwards plain HTTP — so a browser refuses to let a sibling subdomain or a plain-HTTP page set or shadow it. In
/// Development and Testing (plain http://localhost) they keep the bare names and follow the request's scheme.
/// </summary>
public static class SiteCookies
{
    public const string HostPrefix = "__Host-";
    public const string Session = "danvan.auth";
    public const string Antiforgery = "danvan.af";
    public const string Culture = "danvan.culture";

    public static bool Strict(IHostEnvironment environment) => environment.IsProduction();

    public static string Name(IHostEnvironment environment, string name) =>
        Strict(environment) ? HostPrefix + name : name;

    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        Strict(environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>The language cookie's options (a __Host- cookie must be Secure, on path / and without a
    /// domain).</summary>
    public static CookieOptions CultureOptions(HttpContext context)
    {
        var environment = context.RequestServices.GetRequiredService<IHostEnvironment>();
        return new CookieOptions
        {
            Expires = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1),
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            HttpOnly = true,
            Path = "/",
            Secure = Strict(environment) || context.Request.IsHttps,
        };
    }

    public static IServiceCollection AddSiteCookies(this IServiceCollection services)
    {
        foreach (
            var (scheme, name) in new[]
            {
                (IdentityConstants.ApplicationScheme, Session),
                (IdentityConstants.TwoFactorUserIdScheme, "danvan.2fa"),
                (IdentityConstants.TwoFactorRememberMeScheme, "danvan.2fa-remember"),
                (IdentityConstants.ExternalScheme, "danvan.external"),
            }
        )
        {
            services
                .AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IHostEnvironment>(
                    (o, environment) =>
                    {
                        o.Cookie.Name = Name(environment, name);
                        o.Cookie.Path = "/";
                        o.Cookie.SecurePolicy = SecurePolicy(environment);
                    }
                );
        }

        services
            .AddOptions<AntiforgeryOptions>()
            .Configure<IHostEnvironment>(
                (o, environment) =>
                {
                    o.Cookie.Name = Name(environment, Antiforgery);
                    o.Cookie.Path = "/";
                    o.Cookie.SecurePolicy = SecurePolicy(environment);
                }
            );
        return services;
    }
}
