using DanVan.E2E.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The account's own security in the browser: a password an administrator set opens only the page where the person
/// chooses their own; the profile lists the devices signed in and ends another one. Each test makes its own account, so
/// the demo's are left as they are.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class AccountSessionTests(DemoSite site)
{
    [Fact]
    public async Task A_password_set_by_an_administrator_opens_only_the_password_page_until_the_person_chooses_their_own()
    {
        var email = await site.CreateAccountAsync(
            "canbo.matkhaumoi@danvan.demo",
            Role.Officer,
            setByAdministrator: true
        );
        await using var browser = await site.OpenAsync("initial-password", width: 360, height: 780);
        await browser.GotoAsync("/account/login");
        await browser.SubmitSignInAsync(email, DemoSite.Password);

        await browser.Page.WaitForURLAsync("**/account/password?required=true");
        await Expect(browser.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "do quản trị viên đặt cho bạn" }))
            .ToBeVisibleAsync();
        await browser.ScreenshotAsync("password-required");

        // Nothing else opens before.
        await browser.GotoAsync("/units");
        Assert.Equal("/account/password", browser.Path);

        // The administrator's password again is no password of one's own.
        await browser.Page.GetByLabel("Mật khẩu hiện tại", new() { Exact = true }).FillAsync(DemoSite.Password);
        await browser.Page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync(DemoSite.Password);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(browser.Page.Locator("#New-error")).ToContainTextAsync("Mật khẩu mới phải khác mật khẩu hiện tại");

        await browser.Page.GetByLabel("Mật khẩu hiện tại", new() { Exact = true }).FillAsync(DemoSite.Password);
        await browser.Page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("Mật khẩu của riêng tôi 2026");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await browser.Page.WaitForURLAsync("**/account/password?done=1");
        await Expect(browser.Page.GetByText("do quản trị viên đặt cho bạn")).ToHaveCountAsync(0);

        await browser.GotoAsync("/units");
        Assert.Equal("/units", browser.Path);
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task The_profile_lists_the_devices_signed_in_and_ends_another_one()
    {
        var email = await site.CreateAccountAsync("canbo.haithietbi@danvan.demo", Role.Officer);
        await using var other = await site.OpenAsync("sessions-other");
        await other.GotoAsync("/account/login");
        await other.SubmitSignInAsync(email, DemoSite.Password);
        await other.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await using var phone = await site.OpenAsync("sessions", width: 360, height: 780);
        await phone.GotoAsync("/account/login");
        await phone.SubmitSignInAsync(email, DemoSite.Password);
        await phone.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await phone.GotoAsync("/account");

        var sessions = phone.Page.GetByTestId("sessions").Locator("li");
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.Filter(new() { HasText = "thiết bị này" })).ToHaveCountAsync(1);
        var end = phone.Page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc phiên này" });
        await Expect(end).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("profile-two-devices");

        await end.ClickAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "thiết bị kia đã kết thúc" }))
            .ToBeVisibleAsync();
        await Expect(sessions).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("profile-other-ended");

        // The other device is signed out at its next click.
        await other.Page.GotoAsync(new Uri(site.BaseUrl, "/units").ToString());
        Assert.Equal("/account/login", other.Path);
        phone.AssertNothingWentWrong();
    }
}
