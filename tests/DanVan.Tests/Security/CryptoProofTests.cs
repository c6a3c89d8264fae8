using System.Net;
using System.Xml.Linq;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DanVan.Tests.Security;

/// <summary>
/// What the framework's cryptography does for DanVan, shown on the running app rather than taken on trust: the
/// session ticket's authentication and purpose (ASVS V9.1.1, V9.2.2), the key ring's place, algorithms and lifetime
/// (V9.1.3, V11.1.1, V11.2.3, V11.3.2, V11.3.3), the password hash's upgrade (V11.2.2) and the second factor's secrets
/// (V6.5.3, V6.5.4).
/// </summary>
public sealed class CryptoProofTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private async Task<bool> ServedWithAsync(string cookieHeader) =>
        await app.StatusWithCookieAsync(cookieHeader) == HttpStatusCode.OK;

    [Fact]
    public async Task A_session_cookie_changed_in_one_character_or_made_from_another_cookie_is_refused()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var jar = new CookieContainer();
        using var client = await app.SignInAsync(officer, app.NewPageClient(jar));
        var cookies = jar.GetAllCookies();
        var session = cookies.Single(c => c.Name.EndsWith(".auth", StringComparison.Ordinal));
        var antiforgery = cookies.Single(c => c.Name.EndsWith(".af", StringComparison.Ordinal));

        Assert.True(await ServedWithAsync($"{session.Name}={session.Value}"), "the untouched ticket opens the page");
        // V9.1.1: the ticket is authenticated before it is read; one character changed anywhere makes it nobody's.
        foreach (var at in new[] { 10, session.Value.Length / 2, session.Value.Length - 5 })
        {
            var changed = session.Value.ToCharArray();
            changed[at] = changed[at] == 'A' ? 'B' : 'A';
            Assert.False(await ServedWithAsync($"{session.Name}={new string(changed)}"), $"changed at {at}");
        }

        // V9.2.2: another cookie protected by the same keys (the antiforgery token) does not stand for a session.
        Assert.False(await ServedWithAsync($"{session.Name}={antiforgery.Value}"));
    }

    [Fact]
    public async Task The_key_ring_is_in_the_database_with_authenticated_encryption_and_a_90_day_lifetime()
    {
        // A sign-in makes sure a key exists.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            var key = XElement.Parse(xml!);
            // V11.1.1: made by the framework, rotated every 90 days.
            var created = DateTimeOffset.Parse(
                key.Element("creationDate")!.Value,
                System.Globalization.CultureInfo.InvariantCulture
            );
            var expires = DateTimeOffset.Parse(
                key.Element("expirationDate")!.Value,
                System.Globalization.CultureInfo.InvariantCulture
            );
            Assert.Equal(TimeSpan.FromDays(90), expires - created);
            // V11.2.3, V11.3.2, V11.3.3: AES-256 in CBC mode authenticated by HMAC-SHA256 (encrypt-then-MAC).
            var descriptor = key.Descendants("descriptor").Last();
            Assert.Equal("AES_256_CBC", descriptor.Element("encryption")?.Attribute("algorithm")?.Value);
            Assert.Equal("HMACSHA256", descriptor.Element("validation")?.Attribute("algorithm")?.Value);
        }
    }

    [Fact]
    public async Task A_password_hashed_at_a_lower_cost_is_hashed_again_at_the_configured_cost_when_the_person_signs_in()
    {
        // V11.2.2: the hash carries its own cost; raising the configured cost upgrades each account at its next sign-in.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var configured = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount;
        var cheaper = new PasswordHasher<Account>(
            Options.Create(new PasswordHasherOptions { IterationCount = configured / 2 })
        ).HashPassword(new Account(), officer.Password);
        await app.WithDbAsync(db =>
            db.Users.Where(a => a.Id == officer.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, cheaper))
        );

        using var client = await app.SignInAsync(officer);
        var stored = await app.WithDbAsync(db =>
            db.Users.Where(a => a.Id == officer.Id).Select(a => a.PasswordHash).SingleAsync()
        );
        Assert.NotEqual(cheaper, stored);
        Assert.Equal(configured, PasswordHashCostTests.ReadV3Header(Convert.FromBase64String(stored!)).Iterations);
        using var again = await app.SignInAsync(officer);
    }

    [Fact]
    public async Task Authenticator_keys_have_160_random_bits_and_recovery_codes_are_ten_distinct_random_characters()
    {
        // V6.5.3, V6.5.4: secrets from the system's random generator, long enough that guessing within the lockout fails.
        var keys = new List<string>();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var leader = await app.CreateAccountAsync(Role.Leader, app.Tree.C1);
            keys.Add(leader.AuthenticatorKey!);
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = (
                await users.FindByIdAsync(leader.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            )!;
            codes.AddRange((await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!);
        }

        Assert.All(keys, k => Assert.Equal(20, OtpNet.Base32Encoding.ToBytes(k).Length));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(30, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
    }
}

/// <summary>
/// A failure in Production (ASVS V13.4.2, V16.3.4): the person sees an apology and a reference, nothing of the
/// exception; the log has the whole of it at Error.
/// </summary>
public sealed class ProductionFailureTests(ProductionFailureTests.FailingApp app)
    : IClassFixture<ProductionFailureTests.FailingApp>
{
    public const string Path = "/test-only/fail";
    public const string Secret = "connection to 10.9.8.7 refused for user danvan_owner";

    /// <summary>The app as deployed, with one route that fails after the app's own pipeline has run.</summary>
    public sealed class FailingApp : DanVanApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, Failing>());
        }

        private sealed class Failing : Microsoft.AspNetCore.Hosting.IStartupFilter
        {
            public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(
                Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next
            ) =>
                builder =>
                {
                    next(builder);
                    Microsoft.AspNetCore.Builder.UseExtensions.Use(
                        builder,
                        (Microsoft.AspNetCore.Http.HttpContext context, Func<Task> following) =>
                            context.Request.Path == Path ? throw new InvalidOperationException(Secret) : following()
                    );
                };
        }
    }

    [Fact]
    public async Task The_person_sees_a_reference_and_nothing_of_the_exception_and_the_log_has_it_at_error()
    {
        using var http = app.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                BaseAddress = new Uri("https://localhost"),
            }
        );
        var response = await http.GetAsync(Path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Mã tham chiếu", body, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.8.7", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(app.Log.Errors, e => e.Contains(Secret, StringComparison.Ordinal));
    }
}
