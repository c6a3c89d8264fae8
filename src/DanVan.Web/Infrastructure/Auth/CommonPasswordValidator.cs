using System.IO.Compression;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// Refuses passwords found in breach lists (NIST SP 800-63B §5.1.1.2), also when a common word only has
/// digits or symbols added around it ("password2026!"), and passwords made of the account's own name or
/// e-mail. Length (≥ 12) is Identity's own rule; there are no composition rules. The list is the SecLists
/// top-million list (CC BY-SA 3.0; see docs/THIRD-PARTY.md): its first 20,000 entries and every entry of
/// 12 characters or more.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Account>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

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

        foreach (var own in new[] { user?.Email?.Split('@')[0], user?.DisplayName?.Replace(" ", "") })
        {
            if (own is { Length: >= 4 } && lower.Contains(own.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

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
