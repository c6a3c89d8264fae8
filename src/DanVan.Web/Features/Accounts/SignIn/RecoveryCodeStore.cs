using System.Security.Cryptography;
using System.Text;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>
/// Identity's account store with the recovery codes kept hashed (ASVS V6.5.2): each code as a random 128-bit salt and
/// the SHA-256 of salt and code, where Identity keeps them in clear in the token table. The codes are random (50 bits,
/// ten of them, each used once), so a salted SHA-256 is what the standard asks; a code is compared in constant time.
/// A code stored in clear before this store (no salt) is still accepted once, and the set is hashed when it is next
/// replaced.
/// </summary>
internal sealed class RecoveryCodeStore(DanVanDbContext context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Account, DanVanDbContext, int>(context, describer)
{
    // Identity's own names for the token (UserStoreBase), so the framework's reads and the table stay as they were.
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";

    public override Task ReplaceCodesAsync(
        Account user,
        IEnumerable<string> recoveryCodes,
        CancellationToken cancellationToken
    ) => SetTokenAsync(user, Provider, Name, string.Join(";", recoveryCodes.Select(Hash)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(Account user, string code, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(user, cancellationToken);
        var match = stored.FirstOrDefault(s => Matches(s, code));
        if (match is null)
        {
            return false;
        }

        await SetTokenAsync(user, Provider, Name, string.Join(";", stored.Where(s => s != match)), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(Account user, CancellationToken cancellationToken) =>
        (await StoredAsync(user, cancellationToken)).Length;

    private async Task<string[]> StoredAsync(Account user, CancellationToken ct) =>
        (await GetTokenAsync(user, Provider, Name, ct) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);

    private static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Digest(salt, code));
    }

    private static bool Matches(string stored, string code)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(stored),
                Encoding.UTF8.GetBytes(code)
            );
        }

        Span<byte> salt = stackalloc byte[16];
        Span<byte> expected = stackalloc byte[32];
        return Convert.TryFromBase64String(stored[..colon], salt, out var saltLength)
            && saltLength == 16
            && Convert.TryFromBase64String(stored[(colon + 1)..], expected, out var length)
            && length == 32
            && CryptographicOperations.FixedTimeEquals(expected, Digest(salt.ToArray(), code));
    }

    private static byte[] Digest(byte[] salt, string code) =>
        SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(code)]);
}
