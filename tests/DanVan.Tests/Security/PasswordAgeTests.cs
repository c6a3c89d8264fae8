using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>ASVS V6.2.10: a password is not made to expire; the person keeps it until they choose to change it.</summary>
public sealed class PasswordAgeTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task A_password_set_more_than_a_year_ago_still_signs_in_without_being_made_to_change()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        app.Clock.Advance(TimeSpan.FromDays(400));
        using var client = await app.SignInAsync(officer);
        var units = await client.GetAsync("/units");
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/petitions")).StatusCode);
    }
}

/// <summary>ASVS V6.1.1: a lockout locks nobody out for good; the account's administrator lifts it at once.</summary>
public sealed class LockoutLiftTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private async Task<string> SignInLocationAsync(TestAccount account, string password)
    {
        using var client = app.NewPageClient();
        var response = await client.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = account.Email, ["Input.Password"] = password }
        );
        return response.Headers.Location?.ToString() ?? "";
    }

    [Fact]
    public async Task The_accounts_administrator_lifts_a_lockout_and_the_person_signs_in_again()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInLocationAsync(officer, "sai mật khẩu lần " + attempt);
        }

        Assert.EndsWith(
            "/account/lockout",
            await SignInLocationAsync(officer, officer.Password),
            StringComparison.Ordinal
        );
        using var adminApi = await app.ApiClientAsync(admin);
        Assert.Equal(
            HttpStatusCode.OK,
            (await adminApi.PostAsync($"/api/v1/accounts/{officer.Id}/unlock", null)).StatusCode
        );
        using var client = await app.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
    }
}
