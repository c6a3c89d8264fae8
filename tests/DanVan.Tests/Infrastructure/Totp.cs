using OtpNet;

namespace DanVan.Tests.Infrastructure;

/// <summary>Computes the code an authenticator app would show for a shared key.</summary>
public static class Totp
{
    public static string Now(string base32Key) =>
        new OtpNet.Totp(
            Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
        ).ComputeTotp(DateTime.UtcNow);
}
