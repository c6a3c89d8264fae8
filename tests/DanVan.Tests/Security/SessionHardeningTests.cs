using System.Net;
using DanVan.Tests.Campaigns;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// The second factor guards downloads too (not only pages), the sign-out forms take the antiforgery token, and in
/// Production every cookie is __Host- and Secure, also when TLS ends at a proxy (QUALITY.md S4–S6, ADR-0016).
/// </summary>
public sealed class SessionHardeningTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task An_administrator_without_a_second_factor_downloads_nothing_before_setting_one_up()
    {
        var system = await app.ApiClientAsync(await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root));
        var campaign = await CampaignData.CreateAsync(
            system,
            CampaignData.Campaign(app.Tree.C1, UnitLevel.Village, [app.Tree.C1])
        );
        var leader = await app.CreateAccountAsync(Role.Leader, app.Tree.C1, enrollTwoFactor: false);
        using var client = await app.SignInAsync(leader);
        foreach (var download in new[] { $"/campaigns/{campaign}/chart.png", $"/campaigns/{campaign}/template.xlsx" })
        {
            var response = await client.GetAsync(download);
            Assert.True(
                response.StatusCode == HttpStatusCode.Redirect,
                $"{download}: {(int)response.StatusCode} {response.Content.Headers.ContentType}"
            );
            Assert.Equal("/account/two-factor?required=true", response.Headers.Location?.ToString());
        }

        // The framework's own files still load (the enrolment page needs its styles).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-factor?required=true")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        var stamp = await app.WithDbAsync(db =>
            db.Users.Where(a => a.Id == officer.Id).Select(a => a.SecurityStamp).SingleAsync()
        );

        // Another site's hidden form carries the session cookie but not the token: nothing happens.
        foreach (var path in new[] { "/account/logout", "/account/logout-everywhere", "/account/sessions/end" })
        {
            var forged = await client.Http.PostAsync(path, new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
        Assert.Equal(
            stamp,
            await app.WithDbAsync(db =>
                db.Users.Where(a => a.Id == officer.Id).Select(a => a.SecurityStamp).SingleAsync()
            )
        );

        var (_, page) = await client.GetPageAsync("/units");
        var token = page.QuerySelector("form[action='/account/logout'] input[name=__RequestVerificationToken]")!
            .GetAttribute("value")!;
        var signedOut = await client.Http.PostAsync(
            "/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })
        );
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        // The browser empties its copies of the account's pages and the offline queue (docs/OFFLINE.md).
        Assert.Equal("\"cache\", \"storage\"", signedOut.Headers.GetValues("Clear-Site-Data").Single());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/units")).StatusCode);
    }
}

/// <summary>The app as deployed (environment Production): every cookie __Host- and Secure.</summary>
public sealed class ProductionCookieTests(ProductionCookieTests.ProductionApp app)
    : IClassFixture<ProductionCookieTests.ProductionApp>
{
    public sealed class ProductionApp : DanVanApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static IReadOnlyList<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static void AssertHostCookie(IEnumerable<string> cookies, string name)
    {
        var cookie = cookies.SingleOrDefault(c => c.StartsWith($"__Host-{name}=", StringComparison.Ordinal));
        Assert.True(cookie is not null, $"no __Host-{name} among: {string.Join(" | ", cookies)}");
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_cookie_is_host_prefixed_and_secure()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var http = app.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
                BaseAddress = new Uri("https://localhost"),
            }
        );
        AssertHostCookie(CookiesOf(await http.GetAsync("/account/login")), "danvan.af");
        AssertHostCookie(CookiesOf(await http.GetAsync("/culture?c=en-GB&returnUrl=/")), "danvan.culture");

        // TLS ended at a proxy that does not say so: the cookie is Secure all the same (the browser talks HTTPS).
        using var plain = app.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
                BaseAddress = new Uri("http://localhost"),
            }
        );
        AssertHostCookie(CookiesOf(await plain.GetAsync("/culture?c=de-DE&returnUrl=/")), "danvan.culture");

        using var secure = new PageClient(
            app.CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                    BaseAddress = new Uri("https://localhost"),
                }
            )
        );
        var signedIn = await secure.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = officer.Email, ["Input.Password"] = officer.Password }
        );
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertHostCookie(CookiesOf(signedIn), "danvan.auth");
        Assert.DoesNotContain(CookiesOf(signedIn), c =>
            c.StartsWith("danvan.", StringComparison.Ordinal) || c.StartsWith(".AspNetCore.", StringComparison.Ordinal)
        );
        Assert.Equal(HttpStatusCode.OK, (await secure.GetAsync("/units")).StatusCode);
    }
}
