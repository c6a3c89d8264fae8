using System.Collections.Concurrent;
using OtpNet;

namespace DanVan.E2E.Infrastructure;

/// <summary>
/// The authenticator app of every demo account that has set up two-factor sign-in during this run: it keeps
/// the shared key read from the enrollment page and computes codes from it, as a phone app would.
/// </summary>
public sealed class Authenticators
{
    private readonly ConcurrentDictionary<string, string> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> lastStep = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the key as the page shows it (lower case, a space every four characters).</summary>
    public void Remember(string email, string sharedKey) => keys[email] = sharedKey;

    public bool Has(string email) => keys.ContainsKey(email);

    /// <summary>
    /// A code for the account. No code is handed out twice: a server may refuse a replayed code, so when the
    /// current 30-second step was used already, the next step's code is given (servers accept a small drift).
    /// </summary>
    public string NextCode(string email)
    {
        var key = keys.TryGetValue(email, out var k)
            ? k
            : throw new InvalidOperationException($"{email} has no authenticator yet.");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var step = lastStep.AddOrUpdate(email, now, (_, last) => Math.Max(now, last + 1));
        // A server accepts a code a step or so ahead, not more: an account signed in many times within a minute waits
        // until its next code is close enough to the present, as a person waits for the app's next code.
        var ready = DateTimeOffset.FromUnixTimeSeconds((step - 1) * 30);
        if (ready > DateTimeOffset.UtcNow)
        {
            Thread.Sleep(ready - DateTimeOffset.UtcNow);
        }

        var bytes = Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        return new Totp(bytes).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }
}
