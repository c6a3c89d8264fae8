using System.Security.Cryptography;
using System.Text;

namespace DanVan.Web.Features.Petitions;

/// <summary>What the citizen is handed when a petition is recorded (or a new receipt is issued): the code and the
/// verdict PIN.</summary>
public sealed record PetitionReceipt(
    int PetitionId,
    string TrackingCode,
    string VerdictPin,
    string Title,
    DateOnly ReceivedOn
);

/// <summary>
/// The second factor of the citizen's verdict (ADR-0016): six digits printed on the receipt next to the tracking code,
/// shown once and stored only as a salted hash. The code lets anyone follow the petition; only the PIN lets someone say
/// whether the answer satisfied them, so the organization whose answer is judged cannot judge it. Guessing is bounded
/// online: <see cref="MaxFailures"/> wrong PINs lock the verdict until a new receipt, and the tracking form is
/// rate-limited per address. Six digits cannot resist an offline search of a stolen database, and are not meant to.
/// </summary>
public static class VerdictPin
{
    public const int Digits = 6;
    public const int MaxFailures = 5;
    private const string Scheme = "s256";

    public static string New()
    {
        Span<char> digits = stackalloc char[Digits];
        for (var i = 0; i < Digits; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }

    /// <summary>"s256$salt$hash": SHA-256 of a 16-byte random salt and the PIN.</summary>
    public static string Hash(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Scheme}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Digest(salt, pin))}";
    }

    /// <summary>What a citizen typed, in the stored form (digits only, spaces dropped); null if it cannot be a
    /// PIN.</summary>
    public static string? Normalize(string? typed)
    {
        var digits = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool Verify(string? stored, string? typed)
    {
        var pin = Normalize(typed);
        var parts = stored?.Split('$');
        if (pin is null || parts is not [Scheme, var salt, var hash])
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(
                Digest(Convert.FromBase64String(salt), pin),
                Convert.FromBase64String(hash)
            );
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Digest(byte[] salt, string pin) =>
        SHA256.HashData([.. salt, .. Encoding.ASCII.GetBytes(pin)]);
}
