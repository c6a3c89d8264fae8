using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>Sign-in, sessions, policies and the sign-in rate limit (QUALITY.md S4–S5).</summary>
public static class AuthSetup
{
    public const string SmartScheme = "DanVan";
    public const string ApiPolicy = "api";
    public const string SignInRateLimit = "sign-in";
    public const string SignedInAtClaim = "danvan:signed_in_at";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Posted sign-in forms per minute and client address, unless <c>Security:SignInPermitLimit</c> says
    /// otherwise.</summary>
    public const int SignInPermitLimit = 10;

    /// <summary>Tracking-code look-ups per minute and client address (<c>Security:TrackingPermitLimit</c>).</summary>
    public const int TrackingPermitLimit = 20;

    /// <summary>Public API requests per minute and client address (<c>Security:PublicApiPermitLimit</c>).</summary>
    public const int PublicApiPermitLimit = 60;
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    public static IServiceCollection AddDanVanAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());

        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SmartScheme, SmartScheme, o =>
                o.ForwardDefaultSelector = context =>
                    TokenAuthentication.IsBearer(context.Request)
                        ? TokenAuthentication.SchemeName
                        : IdentityConstants.ApplicationScheme
            )
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            // Name, path and Secure: Security/SiteCookies (__Host- and always Secure in Production).
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Events.OnValidatePrincipal = RejectPastAbsoluteTimeout;
            // The server's record of the session, written as the cookie is issued (and renewed when it is reissued).
            o.Events.OnSigningIn = context =>
                Features.Accounts.SignIn.Sessions.RecordAsync(
                    context.HttpContext.RequestServices.GetRequiredService<DanVanDbContext>(),
                    context.Principal!,
                    context
                        .HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>()
                        .Value.ClaimsIdentity.SecurityStampClaimType,
                    context.HttpContext.Request.Headers.UserAgent.ToString(),
                    context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()
                );
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(30);
            // The validator rebuilds the principal every 30 s; the session's start must survive that, or the absolute
            // timeout would restart with every rebuild and never come.
            o.OnRefreshingPrincipal = context =>
            {
                KeepSession(context.CurrentPrincipal, context.NewPrincipal);
                return Task.CompletedTask;
            };
        });

        // PBKDF2-HMAC-SHA512 at OWASP's cost for it (Password Storage Cheat Sheet: 210,000); Identity's default is
        // 100,000. A password hashed at a lower count is rehashed at the next sign-in.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services
            .AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<DanVanDbContext>()
            // The same store with the recovery codes hashed (ASVS V6.5.2).
            .AddUserStore<DanVan.Web.Features.Accounts.SignIn.RecoveryCodeStore>()
            .AddSignInManager<DanVan.Web.Features.Accounts.SignIn.DanVanSignInManager>()
            .AddDefaultTokenProviders()
            // Authenticator codes from the present step or one either side, each taken once (ASVS V6.5.1, V6.5.5).
            .AddTokenProvider<DanVan.Web.Features.Accounts.SignIn.OneTimeAuthenticator>(
                TokenOptions.DefaultAuthenticatorProvider
            )
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<DanVanClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        services
            .AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p =>
                p.AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireAuthenticatedUser()
            );
        foreach (var permission in Enum.GetValues<Permission>())
        {
            services
                .AddAuthorizationBuilder()
                .AddPolicy(RolePermissions.PolicyName(permission), p =>
                    p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement([permission]))
                );
        }

        services
            .AddAuthorizationBuilder()
            .AddPolicy(Policies.PetitionsAccess, p =>
                p.RequireAuthenticatedUser()
                    .AddRequirements(new PermissionRequirement([Permission.PetitionsView, Permission.PetitionsAnswer]))
            );

        services.AddScoped<IAuthorizationHandler, PermissionHandler>();

        var permitLimit = configuration.GetValue("Security:SignInPermitLimit", SignInPermitLimit);
        var trackingLimit = configuration.GetValue("Security:TrackingPermitLimit", TrackingPermitLimit);
        var publicLimit = configuration.GetValue("Security:PublicApiPermitLimit", PublicApiPermitLimit);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(
                    IsTracking(context.HttpContext.Request) ? SharedResource.Tracking_TooManyAttempts
                        : IsPublicApi(context.HttpContext.Request) ? SharedResource.Public_TooManyRequests
                        : SharedResource.SignIn_TooManyAttempts,
                    token
                );
            };
            // Only posted sign-in and tracking forms count, and the public API (anyone may call it without a token):
            // reading the pages is free, guessing passwords or tracking codes, or scraping, is not.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (
                    HttpMethods.IsPost(context.Request.Method)
                    && context.Request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase)
                )
                {
                    return RateLimitPartition.GetFixedWindowLimiter(
                        "sign-in:" + address,
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = permitLimit,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }
                    );
                }

                if (IsPublicApi(context.Request))
                {
                    return RateLimitPartition.GetFixedWindowLimiter(
                        "public-api:" + address,
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = publicLimit,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }
                    );
                }

                return IsTracking(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "tracking:" + address,
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = trackingLimit,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }
                    )
                    : RateLimitPartition.GetNoLimiter("free");
            });
        });

        return services;
    }

    /// <summary>The API open without a token (the portal's statistics).</summary>
    private static bool IsPublicApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1/public", StringComparison.OrdinalIgnoreCase);

    /// <summary>A citizen looking up or answering on a petition by its code (the public tracking form and
    /// API).</summary>
    private static bool IsTracking(HttpRequest request) =>
        (
            HttpMethods.IsPost(request.Method)
            && request.Path.StartsWithSegments("/track", StringComparison.OrdinalIgnoreCase)
        ) || request.Path.StartsWithSegments("/api/v1/tracking", StringComparison.OrdinalIgnoreCase);

    private static async Task RejectPastAbsoluteTimeout(CookieValidatePrincipalContext context)
    {
        var signedInAt = context.Principal?.FindFirstValue(SignedInAtClaim);
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (
            !long.TryParse(signedInAt, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix)
            || DateTimeOffset.FromUnixTimeSeconds(unix) + AbsoluteTimeout < clock.GetUtcNow()
        )
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Carries the moment of sign-in and the session's id from the principal being replaced to its successor
    /// (same session, same start).</summary>
    public static void KeepSession(ClaimsPrincipal? from, ClaimsPrincipal? to)
    {
        foreach (var type in new[] { SignedInAtClaim, Features.Accounts.SignIn.Sessions.Claim })
        {
            if (from?.FindFirst(type) is not { } original || to?.Identity is not ClaimsIdentity identity)
            {
                continue;
            }

            foreach (var claim in identity.FindAll(type).ToList())
            {
                identity.RemoveClaim(claim);
            }

            identity.AddClaim(new Claim(type, original.Value));
        }
    }

    /// <summary>Stamps the moment of sign-in into the cookie, for the absolute session timeout.</summary>
    private sealed class DanVanClaimsFactory(
        UserManager<Account> users,
        IOptions<IdentityOptions> options,
        TimeProvider clock
    ) : UserClaimsPrincipalFactory<Account>(users, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(
                new Claim(SignedInAtClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            );
            identity.AddClaim(
                new Claim(Features.Accounts.SignIn.Sessions.Claim, Features.Accounts.SignIn.Sessions.NewId())
            );
            return identity;
        }
    }

    /// <summary>Any of the permissions held somewhere.</summary>
    private sealed record PermissionRequirement(Permission[] AnyOf) : IAuthorizationRequirement;

    /// <summary>A permission is held somewhere; which units and records it covers is checked by the handler of each
    /// act.</summary>
    private sealed class PermissionHandler(ICurrentUser user) : AuthorizationHandler<PermissionRequirement>
    {
        protected override Task HandleRequirementAsync(
            AuthorizationHandlerContext context,
            PermissionRequirement requirement
        )
        {
            if (requirement.AnyOf.Any(user.Can))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Sends accounts whose password an administrator chose to the page that changes it, and then accounts whose role
/// demands a second factor to set one up, before anything else: every page, form, download,
/// chart and export answers only the enrolment page until then. Exempt are the account pages (where one enrols), the
/// language switch, the framework's static files (matched by their endpoint, not by a dot in the path: an export
/// ending in .xlsx is not a static file) and the API (its tokens are refused to such accounts by
/// <see cref="TokenAuthentication"/>).
/// </summary>
internal sealed class RequireAccountSetupMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser user)
    {
        var path = context.Request.Path;
        if (user.MustChangePassword && !OpenBeforeOwnPassword(context))
        {
            if (HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/api"))
            {
                context.Response.Redirect("/account/password?required=true");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return Task.CompletedTask;
        }

        if (
            !user.MustEnrollTwoFactor
            || path.StartsWithSegments("/account")
            || path.StartsWithSegments("/culture")
            || path.StartsWithSegments("/api")
            || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>()
                is not null
        )
        {
            return next(context);
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect("/account/two-factor?required=true");
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }

    /// <summary>What an account with an administrator's password may still reach: the page that changes it, signing
    /// out, the language switch and the framework's static files. Not the token page, nor the API.</summary>
    private static bool OpenBeforeOwnPassword(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments("/account/password")
            || path.StartsWithSegments("/account/logout")
            || path.StartsWithSegments("/account/logout-everywhere")
            || path.StartsWithSegments("/account/login")
            || path.StartsWithSegments("/culture")
            || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>()
                is not null;
    }
}
