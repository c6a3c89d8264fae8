using DanVan.Web.Features.Accounts;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Localization;

namespace DanVan.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    public static IServiceCollection AddDanVanLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services
            .AddOptions<RequestLocalizationOptions>()
            .Configure<IHostEnvironment>(
                (o, environment) =>
                {
                    o.SetDefaultCulture(Cultures.Default)
                        .AddSupportedCultures(Cultures.Supported)
                        .AddSupportedUICultures(Cultures.Supported);
                    // Vietnamese unless the person chose otherwise: the cookie remembers the choice. The browser's
                    // Accept-Language is deliberately not consulted.
                    o.RequestCultureProviders =
                    [
                        new CookieRequestCultureProvider
                        {
                            CookieName = SiteCookies.Name(environment, SiteCookies.Culture),
                        },
                    ];
                }
            );
        return services;
    }

    /// <summary>GET /culture?c=en-GB&amp;returnUrl=/units — switch language, remember it, go back.</summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(
                "/culture",
                async (string? c, string? returnUrl, HttpContext context, ICurrentUser user, DanVanDbContext db) =>
                {
                    var culture = Cultures.Normalize(c);
                    SetCookie(context, culture);
                    if (
                        user.AccountId is { } id
                        && await db.Users.FindAsync(id) is { } account
                        && account.PreferredCulture != culture
                    )
                    {
                        account.PreferredCulture = culture;
                        await db.SaveChangesAsync();
                    }

                    var target =
                        returnUrl is { Length: > 0 }
                        && returnUrl.StartsWith('/')
                        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                            ? returnUrl
                            : "/";
                    return Results.LocalRedirect(target);
                }
            )
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>Applies the account's saved language when it signs in on a new device.</summary>
    public static void RememberCulture(HttpContext context, Account account)
    {
        if (account.PreferredCulture is { } culture)
        {
            SetCookie(context, Cultures.Normalize(culture));
        }
    }

    private static void SetCookie(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            SiteCookies.Name(context.RequestServices.GetRequiredService<IHostEnvironment>(), SiteCookies.Culture),
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            SiteCookies.CultureOptions(context)
        );
}
