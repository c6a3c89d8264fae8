using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>One of the person's sessions as the profile lists it.</summary>
public sealed record SessionView(string Handle, DateTime StartedAt, string Client, bool IsThis);

/// <summary>
/// The server's record of every signed-in browser (ASVS V7.4.1, V7.5.2). The cookie names its session by a random id;
/// the session lives while its row does, so signing out — here, or from another device's profile, or everywhere —
/// deletes the row and the cookie, even a copy of it taken before, opens nothing after. Rows sit with the account's
/// other tokens (the session id as the token's name; the start, a digest of the security stamp and the browser as its
/// value) and are cleared when the account signs in after their 12-hour lifetime.
/// </summary>
internal static class Sessions
{
    public const string Store = "[DanVanSession]";
    public const string Claim = "danvan:session";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>How a form names a session: a digest of its id, so the page never shows the id itself.</summary>
    public static string Handle(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("session:" + sessionId)))[..16];

    private static string StampDigest(string? stamp) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("stamp:" + stamp)))[..16];

    private static string Started(DateTimeOffset at) =>
        at.ToUnixTimeSeconds().ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Writes (or, when the cookie is reissued, renews) the session's row; clears the account's rows past the
    /// absolute timeout.</summary>
    public static async Task RecordAsync(
        DanVanDbContext db,
        ClaimsPrincipal principal,
        string stampClaimType,
        string? userAgent,
        DateTimeOffset now
    )
    {
        if (
            !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
            || principal.FindFirstValue(Claim) is not { Length: > 0 } sessionId
        )
        {
            return;
        }

        var startedAt = long.TryParse(
            principal.FindFirstValue(AuthSetup.SignedInAtClaim),
            NumberStyles.Integer,
            CultureInfo.InvariantCulture,
            out var unix
        )
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : now;
        var client = Truncate(userAgent ?? "", 300);
        var value = $"{Started(startedAt)}|{StampDigest(principal.FindFirstValue(stampClaimType))}|{client}";
        var expired = Started(now - AuthSetup.AbsoluteTimeout);
        await db
            .UserTokens.Where(t =>
                t.UserId == accountId && t.LoginProvider == Store && string.Compare(t.Value, expired) < 0
            )
            .ExecuteDeleteAsync();
        await AccountTokenRows.WriteAsync(db, accountId, Store, sessionId, value);
    }

    /// <summary>Ends one session of the account (signing out).</summary>
    public static Task<int> EndAsync(DanVanDbContext db, int accountId, string? sessionId) =>
        db
            .UserTokens.Where(t => t.UserId == accountId && t.LoginProvider == Store && t.Name == sessionId)
            .ExecuteDeleteAsync();

    /// <summary>Ends every session of the account.</summary>
    public static Task<int> EndAllAsync(DanVanDbContext db, int accountId) =>
        db.UserTokens.Where(t => t.UserId == accountId && t.LoginProvider == Store).ExecuteDeleteAsync();

    /// <summary>The account's live sessions, newest first: started within the absolute timeout, under the account's
    /// present security stamp (a password change or a reset ended the others).</summary>
    public static async Task<IReadOnlyList<SessionView>> ListAsync(
        DanVanDbContext db,
        int accountId,
        string? currentSessionId,
        DateTimeOffset now
    )
    {
        var stamp = await db.Users.Where(a => a.Id == accountId).Select(a => a.SecurityStamp).SingleOrDefaultAsync();
        var expired = Started(now - AuthSetup.AbsoluteTimeout);
        var rows = await db
            .UserTokens.AsNoTracking()
            .Where(t => t.UserId == accountId && t.LoginProvider == Store && string.Compare(t.Value, expired) >= 0)
            .Select(t => new { t.Name, t.Value })
            .ToListAsync();
        return
        [
            .. rows.Select(r => (r.Name, Parts: (r.Value ?? "").Split('|', 3)))
                .Where(r => r.Parts.Length == 3 && r.Parts[1] == StampDigest(stamp))
                .Select(r => new SessionView(
                    Handle(r.Name),
                    DateTimeOffset
                        .FromUnixTimeSeconds(long.Parse(r.Parts[0], CultureInfo.InvariantCulture))
                        .UtcDateTime,
                    BrowserName(r.Parts[2]),
                    r.Name == currentSessionId
                ))
                .OrderByDescending(s => s.IsThis)
                .ThenByDescending(s => s.StartedAt),
        ];
    }

    /// <summary>"Chrome · Android" from a user agent: enough for a person to tell their devices apart.</summary>
    public static string BrowserName(string userAgent)
    {
        var browser =
            userAgent.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : userAgent.Contains("OPR/", StringComparison.Ordinal) ? "Opera"
            : userAgent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : userAgent.Contains("Chrome/", StringComparison.Ordinal) ? "Chrome"
            : userAgent.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : null;
        var system =
            userAgent.Contains("Android", StringComparison.Ordinal) ? "Android"
            : userAgent.Contains("iPhone", StringComparison.Ordinal)
            || userAgent.Contains("iPad", StringComparison.Ordinal)
                ? "iOS"
            : userAgent.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : userAgent.Contains("Mac OS", StringComparison.Ordinal) ? "macOS"
            : userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return (browser, system) switch
        {
            (null, null) => "?",
            (null, _) => system!,
            (_, null) => browser,
            _ => $"{browser} · {system}",
        };
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
