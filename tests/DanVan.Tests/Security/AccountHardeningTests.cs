using System.Net;
using AngleSharp.Html.Dom;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DanVan.Tests.Security;

/// <summary>
/// ASVS 5.0 requirements on cookies, passwords, sessions and what travels in a URL, each shown through the real pages
/// and the app's own configuration (V3.3, V6.2, V7.2, V9.2, V13.4, V14.2).
/// </summary>
public sealed class AccountHardeningTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static IReadOnlyList<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static List<string> Attributes(string cookie) =>
        [.. cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];

    [Fact]
    public async Task Session_antiforgery_and_language_cookies_are_HttpOnly_and_SameSite()
    {
        // ASVS V3.3.2, V3.3.4: no script reads them, and another site's request does not carry them (Lax keeps a link
        // from a notification e-mail signed in).
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = app.NewPageClient();
        var (login, _) = await client.GetPageAsync("/account/login");
        var antiforgery = CookiesOf(login).Single(c => c.Contains(".af=", StringComparison.Ordinal));
        Assert.Contains("httponly", Attributes(antiforgery));
        Assert.Contains(Attributes(antiforgery), a => a is "samesite=strict" or "samesite=lax");

        var signedIn = await client.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = officer.Email, ["Input.Password"] = officer.Password }
        );
        var session = CookiesOf(signedIn).Single(c => c.Contains(".auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", Attributes(session));
        Assert.Contains("samesite=lax", Attributes(session));

        var culture = CookiesOf(await client.GetAsync("/culture?c=en-GB&returnUrl=/"))
            .Single(c => c.Contains(".culture=", StringComparison.Ordinal));
        Assert.Contains("httponly", Attributes(culture));
        Assert.Contains("samesite=lax", Attributes(culture));
    }

    [Fact]
    public async Task Every_password_field_is_masked_and_open_to_password_managers()
    {
        // ASVS V6.2.6, V6.2.7: type=password with the autocomplete a password manager needs; no script stops paste.
        var admin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var anonymous = app.NewPageClient();
        using var signedIn = await app.SignInAsync(admin);
        var pages = new (PageClient Client, string Url)[]
        {
            (anonymous, "/account/login"),
            (signedIn, "/account/password"),
            (signedIn, "/accounts/new"),
            (signedIn, $"/accounts/{officer.Id}/edit"),
        };
        var fields = 0;
        foreach (var (client, url) in pages)
        {
            var (response, page) = await client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var input in page.QuerySelectorAll("input").OfType<IHtmlInputElement>())
            {
                var name = input.Name ?? "";
                var isPassword =
                    input.Type == "password"
                    || name.Contains("Password", StringComparison.OrdinalIgnoreCase)
                    || name is "Input.Current" or "Input.New";
                if (!isPassword)
                {
                    continue;
                }

                fields++;
                Assert.True(input.Type == "password", $"{url}: {name} is type {input.Type}");
                Assert.Contains(input.GetAttribute("autocomplete"), new[] { "current-password", "new-password" });
                Assert.Null(input.GetAttribute("onpaste"));
            }
        }

        Assert.True(fields >= 4, $"only {fields} password fields found on {pages.Length} pages");
    }

    [Fact]
    public async Task A_password_is_compared_exactly_as_typed_and_may_be_long()
    {
        // ASVS V6.2.8, V6.2.9: no trimming, no case folding, and a passphrase of 64 characters and more is taken.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        const string passphrase = " Một câu dài làm mật khẩu: Đồng chí Bí thư xã đi cơ sở mỗi tuần ba buổi! ";
        Assert.True(passphrase.Length >= 64);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = await users.FindByIdAsync(
                officer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
            var reset = await users.ResetPasswordAsync(
                account!,
                await users.GeneratePasswordResetTokenAsync(account!),
                passphrase
            );
            Assert.True(reset.Succeeded, string.Join("; ", reset.Errors.Select(e => e.Code)));
        }

        foreach (var almost in new[] { passphrase.Trim(), passphrase.ToUpperInvariant(), passphrase[..64] })
        {
            using var client = app.NewPageClient();
            var refused = await client.SubmitFormAsync(
                "/account/login",
                "login",
                new() { ["Input.Email"] = officer.Email, ["Input.Password"] = almost }
            );
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var exact = await app.SignInAsync(officer with { Password = passphrase });
        Assert.Equal(HttpStatusCode.OK, (await exact.GetAsync("/units")).StatusCode);
    }

    [Fact]
    public async Task Passwords_made_of_the_systems_own_words_are_refused()
    {
        // ASVS V6.1.2, V6.2.11: the documented context words (CommonPasswordValidator.ContextWords) with only digits,
        // symbols or each other around them are refused; a passphrase that merely contains one is taken.
        foreach (
            var weak in new[] { "DanVan@2026!!", "Mặt trận Tổ quốc 1930", "Mật khẩu: Việt Nam!", "admin-quantri-2026" }
        )
        {
            Assert.True(CommonPasswordValidator.IsWeak(weak), weak);
        }

        foreach (var fine in new[] { "Tôi làm dân vận ở xã Tiên Du từ năm 2010", "con đường làng quê hương" })
        {
            Assert.False(CommonPasswordValidator.IsWeak(fine), fine);
        }

        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var hash = await app.WithDbAsync(db =>
            db.Users.Where(u => u.Id == officer.Id).Select(u => u.PasswordHash).SingleAsync()
        );
        using var client = await app.SignInAsync(officer);
        var refused = await client.ChangePasswordAsync(officer.Password, "DanVan@MatTran-2026");
        var page = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#New-error")?.TextContent));
        Assert.Equal(
            hash,
            await app.WithDbAsync(db =>
                db.Users.Where(u => u.Id == officer.Id).Select(u => u.PasswordHash).SingleAsync()
            )
        );
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        // ASVS V6.2.3: changing one's password asks for the current one, and a wrong one is refused.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var hash = await app.WithDbAsync(db =>
            db.Users.Where(u => u.Id == officer.Id).Select(u => u.PasswordHash).SingleAsync()
        );
        using var client = await app.SignInAsync(officer);
        var refused = await client.ChangePasswordAsync(officer.Password + "x", "Một mật khẩu mới đủ dài 2026");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#Current-error")?.TextContent));
        Assert.Equal(
            hash,
            await app.WithDbAsync(db =>
                db.Users.Where(u => u.Id == officer.Id).Select(u => u.PasswordHash).SingleAsync()
            )
        );
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_second_factor_asks_for_the_password_again()
    {
        // ASVS V7.5.1: new recovery codes and turning the second factor off need the current password; a session left
        // open on a shared computer is not enough.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The second factor is optional for an officer; this one has turned it on.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = (
                await users.FindByIdAsync(officer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            )!;
            await users.ResetAuthenticatorKeyAsync(account);
            await users.SetTwoFactorEnabledAsync(account, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
            key = (await users.GetAuthenticatorKeyAsync(account))!;
        }

        Task<string?> StoredCodesAsync() =>
            app.WithDbAsync(db =>
                db.Set<IdentityUserToken<int>>()
                    .Where(t => t.UserId == officer.Id && t.Name == "RecoveryCodes")
                    .Select(t => t.Value)
                    .SingleOrDefaultAsync()
            );
        Task<bool> EnabledAsync() =>
            app.WithDbAsync(db =>
                db.Users.Where(u => u.Id == officer.Id).Select(u => u.TwoFactorEnabled).SingleAsync()
            );

        using var client = await app.SignInAsync(officer with { AuthenticatorKey = key });
        var codes = await StoredCodesAsync();
        foreach (var password in new[] { "", officer.Password + "x" })
        {
            var (_, page) = await client.GetPageAsync("/account/two-factor");
            var refused = PageClient.Parse(
                await (
                    await client.SubmitAsync(
                        page,
                        "/account/two-factor",
                        "new-codes",
                        new() { ["password"] = password }
                    )
                ).Content.ReadAsStringAsync()
            );
            Assert.Empty(refused.QuerySelectorAll("[data-testid=recovery-codes] code"));
            Assert.Contains("Mật khẩu không đúng", refused.QuerySelector("#new-codes-error")?.TextContent ?? "");
            Assert.Equal(codes, await StoredCodesAsync());

            (_, page) = await client.GetPageAsync("/account/two-factor");
            var kept = PageClient.Parse(
                await (
                    await client.SubmitAsync(
                        page,
                        "/account/two-factor",
                        "disable-2fa",
                        new() { ["password"] = password }
                    )
                ).Content.ReadAsStringAsync()
            );
            Assert.Contains("Mật khẩu không đúng", kept.QuerySelector("#disable-error")?.TextContent ?? "");
            Assert.True(await EnabledAsync());
        }

        var (_, form) = await client.GetPageAsync("/account/two-factor");
        var renewed = PageClient.Parse(
            await (
                await client.SubmitAsync(
                    form,
                    "/account/two-factor",
                    "new-codes",
                    new() { ["password"] = officer.Password }
                )
            ).Content.ReadAsStringAsync()
        );
        Assert.Equal(10, renewed.QuerySelectorAll("[data-testid=recovery-codes] code").Length);
        Assert.NotEqual(codes, await StoredCodesAsync());

        (_, form) = await client.GetPageAsync("/account/two-factor");
        await client.SubmitAsync(form, "/account/two-factor", "disable-2fa", new() { ["password"] = officer.Password });
        Assert.False(await EnabledAsync());
    }

    [Fact]
    public async Task Every_sign_in_issues_a_new_session_cookie()
    {
        // ASVS V7.2.4: a session cookie is made at sign-in; one from before (or from an earlier sign-in) is not reused.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = app.NewPageClient();
        var (before, _) = await client.GetPageAsync("/account/login");
        Assert.DoesNotContain(CookiesOf(before), c => c.Contains(".auth=", StringComparison.Ordinal));
        string Session(HttpResponseMessage r) =>
            CookiesOf(r).Single(c => c.Contains(".auth=", StringComparison.Ordinal)).Split(';')[0];

        var first = Session(
            await client.SubmitFormAsync(
                "/account/login",
                "login",
                new() { ["Input.Email"] = officer.Email, ["Input.Password"] = officer.Password }
            )
        );
        var second = Session(
            await client.SubmitFormAsync(
                "/account/login",
                "login",
                new() { ["Input.Email"] = officer.Email, ["Input.Password"] = officer.Password }
            )
        );
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Sign_in_tickets_are_bound_to_the_application()
    {
        // ASVS V9.2.3: the Data Protection purpose chain starts with the application's name, so a ticket made by
        // another application on the same key store is not read as DanVan's.
        var options = app.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value;
        Assert.Equal("DanVan", options.ApplicationDiscriminator);
    }

    [Fact]
    public async Task No_request_is_echoed_back()
    {
        // ASVS V13.4.4: TRACE (and any method a route does not declare) does not reflect the request and its headers.
        using var http = app.CreateClient();
        foreach (var path in new[] { "/", "/health", "/account/login", "/api/v1/units" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Trace, path);
            request.Headers.Add("X-Secret-Probe", "trace-echo-probe");
            using var response = await http.SendAsync(request);
            Assert.DoesNotContain(
                "trace-echo-probe",
                await response.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
            Assert.NotEqual("message/http", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Secrets_travel_in_bodies_and_headers_never_in_a_URL()
    {
        // ASVS V14.2.1: no route takes a code, PIN, token or password as a path segment; the citizen's tracking code
        // and verdict PIN are posted, on the page and through the API.
        var secretNames = new[] { "code", "trackingcode", "pin", "token", "secret", "password", "key" };
        var routes = app
            .Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
        Assert.True(routes.Count > 100);
        Assert.DoesNotContain(
            routes.SelectMany(r => r.RoutePattern.Parameters.Select(p => (r.RoutePattern.RawText, p.Name))),
            x => secretNames.Contains(x.Name.ToLowerInvariant())
        );
        var tracking = routes
            .Where(r => r.RoutePattern.RawText?.StartsWith("/api/v1/tracking", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal(2, tracking.Count);
        Assert.All(tracking, r =>
            Assert.Equal(
                ["POST"],
                r.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
            )
        );

        using var anonymous = app.NewPageClient();
        var (_, track) = await anonymous.GetPageAsync("/track");
        var forms = track
            .QuerySelectorAll("form")
            .OfType<IHtmlFormElement>()
            .Where(f => f.Action.Contains("/track"))
            .ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.Equal("post", f.Method, ignoreCase: true));
    }
}

/// <summary>ASVS V4.1.3, V15.3.4: the client address comes from <c>X-Forwarded-For</c> only when a listed proxy sends
/// it; a caller who writes the header himself is still limited as the one address he is.</summary>
public sealed class ForwardedHeaderTests(ForwardedHeaderTests.ProxyApp app)
    : IClassFixture<ForwardedHeaderTests.ProxyApp>
{
    private const string Proxy = "198.51.100.7";

    /// <summary>Three sign-in posts a minute per address, and one listed proxy.</summary>
    public sealed class ProxyApp : DanVanApp
    {
        protected override int SignInPermitLimit => 3;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
        }
    }

    private async Task<List<HttpStatusCode>> FourPostsAsync(string peer, int firstForwarded)
    {
        using var client = app.NewPageClient();
        client.Http.DefaultRequestHeaders.Add(DanVanApp.ClientAddressHeader, peer);
        var (_, login) = await client.GetPageAsync("/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{firstForwarded + i}");
            var response = await client.SubmitAsync(
                login,
                "/account/login",
                "login",
                new() { ["Input.Email"] = "x@test.danvan", ["Input.Password"] = "wrong password" }
            );
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task A_forwarded_address_counts_only_when_a_listed_proxy_sends_it()
    {
        // A caller on the internet writing the header himself: still one address, the fourth post is refused.
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            await FourPostsAsync("192.0.2.50", 1)
        );

        // The listed proxy forwarding four people: four addresses, none limited.
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            await FourPostsAsync(Proxy, 11)
        );
    }
}
