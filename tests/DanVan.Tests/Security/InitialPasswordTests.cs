using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// ASVS V6.4.1: a password an administrator chose — for a new account or as a reset — opens nothing but the page where
/// the person sets their own; then everything the account's roles allow.
/// </summary>
public sealed class InitialPasswordTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private Task<bool> MarkedAsync(string email) =>
        app.WithDbAsync(db =>
            db.UserTokens.AnyAsync(t =>
                t.Name == "PasswordSetByAdministrator" && db.Users.Any(a => a.Id == t.UserId && a.Email == email)
            )
        );

    /// <summary>Everything but the password page is closed: pages redirect there, the token page too, the API and forms
    /// are refused.</summary>
    private static async Task AssertOnlyThePasswordPageOpensAsync(PageClient client)
    {
        foreach (var path in new[] { "/", "/units", "/petitions", "/account/tokens", "/account" })
        {
            var page = await client.GetAsync(path);
            Assert.True(
                page.StatusCode == HttpStatusCode.Redirect
                    && page.Headers.Location?.ToString() == "/account/password?required=true",
                $"{path}: {(int)page.StatusCode} {page.Headers.Location}"
            );
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me")).StatusCode);
        var (response, passwordPage) = await client.GetPageAsync("/account/password?required=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "Mật khẩu này do quản trị viên đặt cho bạn",
            passwordPage.Body!.TextContent,
            StringComparison.Ordinal
        );
    }

    private static async Task ChooseOwnPasswordAsync(PageClient client, string current, string chosen)
    {
        var changed = await client.ChangePasswordAsync(current, chosen);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.EndsWith("/account/password?done=1", changed.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_account_opens_only_the_password_page_until_the_person_chooses_their_own()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        // A grant never exceeds the granter's rights: the administrator is an officer too.
        await app.GrantAsync(admin, Role.Officer, app.Tree.C1);
        using (var adminPages = await app.SignInAsync(admin))
        {
            var created = await adminPages.SubmitFormAsync(
                $"/accounts/new?unitId={app.Tree.V1.Id}",
                "account-new",
                new()
                {
                    ["Input.DisplayName"] = "Trưởng thôn Đông",
                    ["Input.Email"] = "truongthondong@test.danvan",
                    ["Input.Role"] = "Officer",
                    ["Input.Password"] = "Quản trị đặt cho thôn Đông",
                }
            );
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        Assert.True(await MarkedAsync("truongthondong@test.danvan"));
        var person = new TestAccount(
            0,
            "truongthondong@test.danvan",
            "Quản trị đặt cho thôn Đông",
            null,
            Role.Officer,
            app.Tree.V1
        );
        using var client = await app.SignInAsync(person);
        await AssertOnlyThePasswordPageOpensAsync(client);
        // A form of another page is refused too, and writes nothing.
        var (_, passwordPage) = await client.GetPageAsync("/account/password");
        var token = passwordPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var dialogue = await client.Http.PostAsync(
            "/dialogues/new",
            new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "dialogue-new" }
            )
        );
        Assert.Equal(HttpStatusCode.Forbidden, dialogue.StatusCode);

        // The administrator's password cannot simply be kept: the same one again is no password of one's own.
        var same = await client.ChangePasswordAsync(person.Password, person.Password);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains(
            "Mật khẩu mới phải khác mật khẩu hiện tại",
            string.Join(" ", PageClient.ErrorsOf(PageClient.Parse(await same.Content.ReadAsStringAsync()))),
            StringComparison.Ordinal
        );
        Assert.True(await MarkedAsync(person.Email));
        await ChooseOwnPasswordAsync(client, person.Password, "Con đường làng thôn Đông của tôi");
        Assert.False(await MarkedAsync(person.Email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
        using var again = await app.SignInAsync(person with { Password = "Con đường làng thôn Đông của tôi" });
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/petitions")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_by_an_administrator_is_an_initial_password_again()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var officer = await app.CreateAccountAsync(Role.Viewer, app.Tree.V1);
        using (var before = await app.SignInAsync(officer))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/units")).StatusCode);
        }

        using var adminApi = await app.ApiClientAsync(admin);
        await ApiJson.OkAsync(
            await adminApi.PutAsJsonAsync(
                $"/api/v1/accounts/{officer.Id}",
                new
                {
                    email = officer.Email,
                    displayName = "Người xem",
                    newPassword = "Mật khẩu tạm do quản trị đặt",
                }
            )
        );
        Assert.True(await MarkedAsync(officer.Email));
        using var client = await app.SignInAsync(officer with { Password = "Mật khẩu tạm do quản trị đặt" });
        await AssertOnlyThePasswordPageOpensAsync(client);
        await ChooseOwnPasswordAsync(client, "Mật khẩu tạm do quản trị đặt", "Mùa lúa chín trên cánh đồng quê");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
    }
}
