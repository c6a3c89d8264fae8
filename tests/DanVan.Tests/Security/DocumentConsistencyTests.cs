using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Imports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DanVan.Tests.Security;

/// <summary>
/// What docs/SECURITY.md says about limits, cryptography, logs and the ways in is what the running app does: each test
/// reads the page and the app (its registered services and options, its code) and fails when they part (ASVS V2.1.3,
/// V5.1.1, V6.1.3, V11.1.2, V16.1.1, V16.2.3).
/// </summary>
public sealed partial class DocumentConsistencyTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static readonly string Page = File.ReadAllText(Repository.PathOf("docs", "SECURITY.md"))
        .ReplaceLineEndings("\n");

    /// <summary>The paragraph (or table) that starts with <paramref name="opening"/>, up to the next blank line.</summary>
    private static string Block(string opening, int skipBlankLines = 0)
    {
        var start = Page.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/SECURITY.md has no '{opening}'");
        var end = start;
        for (var i = 0; i <= skipBlankLines; i++)
        {
            end = Page.IndexOf("\n\n", end + 1, StringComparison.Ordinal);
        }

        return Page[start..end];
    }

    /// <summary>The app's source files (not what the build made), with comment lines left out.</summary>
    private static IEnumerable<(string File, string Code)> SourceFiles()
    {
        var root = Repository.PathOf("src", "DanVan.Web");
        foreach (
            var file in Directory
                .EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                .Where(f =>
                    f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)
                )
        )
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (
                relative.StartsWith("bin/", StringComparison.Ordinal)
                || relative.StartsWith("obj/", StringComparison.Ordinal)
            )
            {
                continue;
            }

            var code = string.Join(
                '\n',
                File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
            );
            yield return (relative, code);
        }
    }

    [Fact]
    public void The_limits_the_security_page_states_are_the_ones_the_app_enforces()
    {
        var identity = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var cookie = app
            .Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        // The shipped settings may name a rate limit; they must not name another figure than the default stated.
        var shipped = JsonNode.Parse(File.ReadAllText(Repository.PathOf("src", "DanVan.Web", "appsettings.json")))![
            "Security"
        ];
        // The README's configuration table states each rate limit's default too.
        var readme = File.ReadAllLines(Repository.PathOf("README.md"));
        string Limit(string setting, int fallback)
        {
            var configured = shipped?[setting]?.GetValue<int>();
            Assert.True(
                configured is null || configured == fallback,
                $"appsettings.json sets {setting} to {configured}"
            );
            var row = Assert.Single(readme, l => l.StartsWith($"| `Security:{setting}` |", StringComparison.Ordinal));
            Assert.True(
                row.Split('|', StringSplitOptions.TrimEntries)[2] == $"`{Number(fallback)}`",
                $"README.md states Security:{setting} as {row}, the app's default is {fallback}"
            );
            return Number(fallback);
        }

        var enforced = new Dictionary<string, string>
        {
            ["Sign-in posts per minute and client address"] = Limit("SignInPermitLimit", AuthSetup.SignInPermitLimit),
            ["Tracking-code look-ups per minute and client address"] = Limit(
                "TrackingPermitLimit",
                AuthSetup.TrackingPermitLimit
            ),
            ["Public API requests per minute and client address"] = Limit(
                "PublicApiPermitLimit",
                AuthSetup.PublicApiPermitLimit
            ),
            ["Wrong passwords before the account locks"] = Number(identity.Lockout.MaxFailedAccessAttempts),
            ["Time an account stays locked"] = $"{identity.Lockout.DefaultLockoutTimeSpan.TotalMinutes} minutes",
            ["Shortest password"] = $"{identity.Password.RequiredLength} characters",
            ["Wrong verdict PINs before a receipt's PIN locks"] = Number(VerdictPin.MaxFailures),
            ["Idle timeout of a session"] = $"{cookie.ExpireTimeSpan.TotalMinutes} minutes",
            ["Absolute timeout of a session"] = $"{AuthSetup.AbsoluteTimeout.TotalHours} hours",
            ["Import file types"] = string.Join(", ", TabularFile.Extensions),
            ["Largest import file"] = Megabytes(TabularFile.MaxBytes),
            ["Entries in an imported workbook"] = Number(TabularFile.MaxZipEntries),
            ["Declared unpacked size of an imported workbook"] = Megabytes(TabularFile.MaxUncompressedBytes),
            ["Compression ratio of a workbook's entry"] = Number(TabularFile.MaxCompressionRatio),
            ["Rows in a records import (models, petitions, cadres)"] = Number(RecordImport.MaxRows),
            ["Document types"] = string.Join(", ", AttachmentRules.Accept.Split(',')),
            ["Largest document"] = Megabytes(AttachmentRules.MaxBytes),
        };

        var stated = Block("| limit | value |")
            .Split('\n')
            .Skip(2)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1], cells => cells[2]);
        Assert.Equal(enforced.Keys.Order(StringComparer.Ordinal), stated.Keys.Order(StringComparer.Ordinal));
        Assert.All(enforced, limit =>
            Assert.True(
                stated[limit.Key] == limit.Value,
                $"{limit.Key}: the page says {stated[limit.Key]}, the app enforces {limit.Value}"
            )
        );

        static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
        static string Megabytes(long bytes) => $"{bytes / 1024 / 1024} MB";
    }

    /// <summary>Types and names that mean a cryptographic algorithm or facility, with the words the inventory must use
    /// for each.</summary>
    private static readonly Dictionary<string, string> Algorithms = new(StringComparer.Ordinal)
    {
        ["SHA1"] = "SHA-1",
        ["SHA256"] = "SHA-256",
        ["SHA384"] = "SHA-384",
        ["SHA512"] = "SHA-512",
        ["SHA3_256"] = "SHA3",
        ["MD5"] = "MD5",
        ["HMACSHA1"] = "HMAC-SHA1",
        ["HMACSHA256"] = "HMAC-SHA256",
        ["HMACSHA384"] = "HMAC-SHA384",
        ["HMACSHA512"] = "HMAC-SHA512",
        ["HMACMD5"] = "HMAC-MD5",
        ["Aes"] = "AES",
        ["AesGcm"] = "AES-GCM",
        ["AesCcm"] = "AES-CCM",
        ["ChaCha20Poly1305"] = "ChaCha20",
        ["TripleDES"] = "3DES",
        ["DES"] = "DES",
        ["RSA"] = "RSA",
        ["ECDsa"] = "ECDSA",
        ["ECDiffieHellman"] = "ECDH",
        ["Rfc2898DeriveBytes"] = "PBKDF2",
        ["KeyDerivation"] = "PBKDF2",
        ["HKDF"] = "HKDF",
        ["RandomNumberGenerator"] = "RandomNumberGenerator",
        ["Totp"] = "TOTP",
        ["Hotp"] = "HOTP",
        ["X509Certificate2"] = "certificate",
        ["IDataProtector"] = "Data Protection",
        ["IDataProtectionProvider"] = "Data Protection",
        ["ProtectedData"] = "DPAPI",
    };

    [GeneratedRegex(@"\b(?:HashAlgorithmName\.)?(?<name>[A-Za-z0-9_]+)\b")]
    private static partial Regex Word();

    [Fact]
    public void The_cryptographic_inventory_names_every_algorithm_the_code_uses()
    {
        var inventory = Block("**Cryptographic inventory (V11.1).**");
        var used = SourceFiles()
            .SelectMany(f =>
                Word()
                    .Matches(f.Code)
                    .Select(m => m.Groups["name"].Value)
                    .Where(Algorithms.ContainsKey)
                    .Select(name => (name, f.File))
            )
            .GroupBy(u => u.name)
            .ToDictionary(g => g.Key, g => g.Select(u => u.File).Distinct().ToList());
        // The code does use cryptography; a scan that found none would prove nothing.
        Assert.Contains("SHA256", used.Keys);
        Assert.Contains("RandomNumberGenerator", used.Keys);
        Assert.Contains("Totp", used.Keys);
        Assert.All(used, u =>
            Assert.True(
                inventory.Contains(Algorithms[u.Key], StringComparison.Ordinal),
                $"{u.Key} is used in {string.Join(", ", u.Value)} but the inventory does not name {Algorithms[u.Key]}"
            )
        );

        // What the framework does for the app by configuration is named too: Identity's password format (v3 is
        // PBKDF2 with HMAC-SHA512) and Data Protection for cookies and tokens.
        var hasher = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, hasher.CompatibilityMode);
        Assert.Contains("PBKDF2-HMAC-SHA512", inventory, StringComparison.Ordinal);
        Assert.Contains("Data Protection", inventory, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_inventory_names_every_place_the_app_writes_a_log()
    {
        var inventory = Block("**Log inventory (V16.1).**");

        // The providers the app registers (the test host's own two, which write the test run's logs, aside).
        var providers = app
            .Services.GetServices<ILoggerProvider>()
            .Where(p => p is not ServerLog and not LogFile)
            .Select(p => p.GetType())
            .ToList();
        Assert.Equal([typeof(ConsoleLoggerProvider)], providers);
        Assert.Contains("console provider alone", inventory, StringComparison.Ordinal);

        // Every category named in the code (besides the classes' own) is in the inventory.
        var categories = SourceFiles()
            .SelectMany(f => CategoryName().Matches(f.Code).Select(m => m.Groups["name"].Value))
            .Distinct()
            .ToList();
        Assert.Contains("DanVan.Audit", categories);
        Assert.All(categories, c => Assert.Contains($"`{c}`", inventory, StringComparison.Ordinal));

        // The console is written to only by the operator commands and a refused start; everything else logs.
        var writers = SourceFiles()
            .Where(f => ConsoleOrFile().IsMatch(f.Code))
            .Select(f => f.File)
            .Where(f => !f.StartsWith("Infrastructure/Cli/", StringComparison.Ordinal))
            .Where(f => f != "Infrastructure/PlatformSetup.cs")
            .ToList();
        Assert.Empty(writers);
        Assert.Contains("operator commands and a refused start", inventory, StringComparison.Ordinal);
    }

    [GeneratedRegex("""CreateLogger\("(?<name>[^"]+)"\)""")]
    private static partial Regex CategoryName();

    [GeneratedRegex(@"\bConsole\.(?:Write|Error|Out)|\b(?:Trace|Debug)\.Write|\bEventLog\b|Serilog|NLog|log4net")]
    private static partial Regex ConsoleOrFile();

    [Fact]
    public async Task The_documented_two_ways_in_are_the_only_authentication_schemes()
    {
        var schemes = (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync())
            .Select(s => (s.Name, Handler: s.HandlerType))
            .ToList();
        // No remote sign-in (OAuth, OpenID Connect, SAML): every handler is the cookie one, the API token one, or the
        // policy scheme that picks between them by the request's Authorization header.
        Assert.All(schemes, s =>
            Assert.True(
                s.Handler == typeof(CookieAuthenticationHandler)
                    || s.Handler == typeof(TokenAuthentication)
                    || s.Handler == typeof(PolicySchemeHandler),
                $"{s.Name} is handled by {s.Handler.Name}"
            )
        );
        Assert.Equal(
            new[]
            {
                AuthSetup.SmartScheme,
                IdentityConstants.ApplicationScheme,
                IdentityConstants.ExternalScheme,
                IdentityConstants.TwoFactorRememberMeScheme,
                IdentityConstants.TwoFactorUserIdScheme,
                TokenAuthentication.SchemeName,
            }.Order(StringComparer.Ordinal),
            schemes.Select(s => s.Name).Order(StringComparer.Ordinal)
        );
        Assert.Contains(
            "Two ways in: the cookie sign-in (password, TOTP or recovery code) and personal API tokens",
            Page,
            StringComparison.Ordinal
        );
    }
}
