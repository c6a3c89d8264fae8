using System.Collections.Concurrent;
using OtpNet;

namespace DanVan.Tests.Infrastructure;

/// <summary>Computes the code an authenticator app would show for a shared key.</summary>
public static class Totp
{
    private static readonly ConcurrentDictionary<string, long> LastStep = new(StringComparer.Ordinal);

    private static OtpNet.Totp For(string base32Key) => new(Base32Encoding.ToBytes(Normalized(base32Key)));

    private static string Normalized(string base32Key) =>
        base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The 30-second step the clock is in now.</summary>
    public static long CurrentStep => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>
    /// A code the server has not seen yet for this key, by the app's clock. The server takes each step's code once
    /// (ASVS V6.5.1), so when this step's code was handed out already, the next step's is given; an account signed in
    /// a third time within the step waits until the next code is close enough to the present, as a person waits for the
    /// app's next code. An app on a fake clock cannot be waited for: the test moves its clock instead.
    /// </summary>
    public static string Now(string base32Key, TimeProvider? appClock = null)
    {
        var clock = appClock ?? TimeProvider.System;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var step = LastStep.AddOrUpdate(Normalized(base32Key), now, (_, last) => Math.Max(now, last + 1));
        if (step > now + 1 && clock != TimeProvider.System)
        {
            throw new InvalidOperationException(
                "A third sign-in with the same authenticator within one step of a fake clock: move the clock on."
            );
        }

        var ready = DateTimeOffset.FromUnixTimeSeconds((step - 1) * 30);
        if (ready > clock.GetUtcNow())
        {
            Thread.Sleep(ready - clock.GetUtcNow());
        }

        return AtStep(base32Key, step);
    }

    /// <summary>The code of a given step, whether or not it was used.</summary>
    public static string AtStep(string base32Key, long step) =>
        For(base32Key).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
}
