using System.IO.Compression;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// Refuses passwords found in breach lists (NIST SP 800-63B §5.1.1.2), also when a common word only has
/// digits or symbols added around it ("password2026!"), passwords made of the account's own name or
/// e-mail, and passwords made of the words of DanVan's own context (<see cref="ContextWords"/>, ASVS V6.1.2 and
/// V6.2.11: "DanVan@2026", "Mặt trận Tổ quốc 1930"); a passphrase that only contains one of them is taken. Length (≥ 12) is Identity's own rule; there are no composition rules. The list is the SecLists
/// top-million list (CC BY-SA 3.0; see docs/THIRD-PARTY.md): its first 20,000 entries and every entry of
/// 12 characters or more.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Account>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>
    /// The words an attacker tries first against this system, folded (no diacritics, no case, no spaces): the product,
    /// the work, its bodies and the country's names. A password whose letters are these words and fewer than four
    /// others is refused. SECURITY.md lists them.
    /// </summary>
    public static readonly IReadOnlyList<string> ContextWords =
    [
        "danvan",
        "dankhoi",
        "mattran",
        "toquoc",
        "vietnam",
        "hochiminh",
        "congsan",
        "nhandan",
        "dangbo",
        "chinhquyen",
        "doanthe",
        "hoinongdan",
        "hoiphunu",
        "doanthanhnien",
        "cuuchienbinh",
        "congdoan",
        "kiennghi",
        "phananh",
        "dandanhgia",
        "matkhau",
        "quantri",
        "admin",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(
            IsWeak(password, user)
                ? IdentityResult.Failed(
                    new IdentityError { Code = "CommonPassword", Description = SharedResource.Password_Common }
                )
                : IdentityResult.Success
        );
    }

    public static bool IsWeak(string password, Account? user = null)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower) || lower.Distinct().Count() <= 2)
        {
            return true;
        }

        var core = lower.Trim("0123456789!@#$%^&*()_+-=.,;:?~ ".ToCharArray());
        if (core.Length >= 3 && Common.Value.Contains(core))
        {
            return true;
        }

        // Context words: what is left of the letters once they are taken out.
        var letters = Fold(password);
        foreach (var word in ContextWords.OrderByDescending(w => w.Length))
        {
            letters = letters.Replace(word, "", StringComparison.Ordinal);
        }

        if (letters.Length < 4 && Fold(password).Length > letters.Length)
        {
            return true;
        }

        foreach (var own in new[] { user?.Email?.Split('@')[0], user?.DisplayName?.Replace(" ", "") })
        {
            if (own is { Length: >= 4 } && lower.Contains(own.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The letters of a text without diacritics, in lower case: "Mặt trận 1930!" → "mattran".</summary>
    private static string Fold(string text) =>
        new([
            .. text.ToLowerInvariant()
                .Replace('đ', 'd')
                .Normalize(System.Text.NormalizationForm.FormD)
                .Where(c => char.IsAsciiLetter(c)),
        ]);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(
            "DanVan.Web.common-passwords.txt.gz"
        ) ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
