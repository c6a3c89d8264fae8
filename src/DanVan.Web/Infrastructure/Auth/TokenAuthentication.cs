using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// Personal API tokens: "Authorization: Bearer dv_…". The secret is 32 random bytes shown once; only its
/// SHA-256 is stored. A token acts with its account's assignments, so it never reaches beyond that scope;
/// a disabled account, a revoked or expired token, a missing required second factor, or a security stamp moved on
/// since the token was made (password changed or reset, signed out everywhere) ends it.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DanVanDbContext db,
    TimeProvider clock
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    private const string Prefix = "dv_";

    public static (string Secret, string Hash, string Display) NewToken()
    {
        var secret = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret), secret[..10]);
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The hash a token keeps of the account's security stamp when it is made; any change of the stamp ends
    /// it.</summary>
    public static string StampHash(string? securityStamp) => Hash("stamp:" + (securityStamp ?? ""));

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Malformed token.");
        }

        var hash = Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db
            .ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Join(
                db.Users,
                t => t.AccountId,
                a => a.Id,
                (t, a) =>
                    new
                    {
                        t.Id,
                        t.LastUsedAt,
                        t.StampHash,
                        a.SecurityStamp,
                        a.UserName,
                        AccountId = a.Id,
                        a.IsDisabled,
                        a.TwoFactorEnabled,
                        NeedsTwoFactor = a.Assignments.Any(g =>
                            g.Role == Role.SystemAdministrator
                            || g.Role == Role.UnitAdministrator
                            || g.Role == Role.Leader
                        ),
                    }
            )
            .SingleOrDefaultAsync(Context.RequestAborted);

        if (
            found is null
            || found.IsDisabled
            || (found.NeedsTwoFactor && !found.TwoFactorEnabled)
            || found.StampHash != StampHash(found.SecurityStamp)
        )
        {
            return AuthenticateResult.Fail("Invalid token.");
        }

        // Record use at most every five minutes, so reads stay reads.
        if (found.LastUsedAt is null || found.LastUsedAt < now.AddMinutes(-5))
        {
            await db
                .ApiTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(
                    ClaimTypes.NameIdentifier,
                    found.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ),
                new Claim(ClaimTypes.Name, found.UserName ?? ""),
            ],
            SchemeName
        );
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, Resources.SharedResource.Problem_Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, Resources.SharedResource.Problem_Forbidden);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
