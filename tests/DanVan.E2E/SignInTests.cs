using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Signing in per role. The accounts that set up two-factor sign-in here (tinh.lanhdao, kinhbac.quantri) are
/// used by no other test, so each test sees them as new whatever the order.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class SignInTests(DemoSite site)
{
    [Fact]
    public async Task An_officer_signs_in_with_a_password_only_and_lands_on_the_home_page_of_their_unit()
    {
        await using var browser = await site.OpenAsync("signin-officer");
        await browser.GotoAsync("/account/login");
        await browser.ScreenshotAsync("login");

        await browser.SubmitSignInAsync("tinh.canbo@danvan.demo", DemoSite.Password);

        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bắc Ninh");
        await Expect(browser.Page.Locator(".context-bar")).ToContainTextAsync("Đang làm việc tại Bắc Ninh · Cán bộ");
        await Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Mở trang của Bắc Ninh" }))
            .ToBeVisibleAsync();
        await browser.ScreenshotAsync("home");
        browser.AssertNothingWentWrong();
    }

    [Theory]
    [InlineData("tinh.lanhdao@danvan.demo", "Bắc Ninh", "Lãnh đạo")]
    [InlineData("kinhbac.quantri@danvan.demo", "Kinh Bắc", "Quản trị đơn vị")]
    public async Task A_leader_or_unit_administrator_must_set_up_two_factor_sign_in_and_then_signs_in_with_a_code(
        string email,
        string unit,
        string role
    )
    {
        var name = "signin-" + email.Split('@')[0].Replace('.', '-');
        await using (var first = await site.OpenAsync(name + "-first"))
        {
            await first.GotoAsync("/account/login");
            await first.SubmitSignInAsync(email, DemoSite.Password);

            await first.Page.WaitForURLAsync("**/account/two-factor?required=true");
            await Expect(first.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("bắt buộc xác thực hai bước");
            var key = await first.Page.GetByTestId("shared-key").InnerTextAsync();
            Assert.Matches("^([a-z2-7]{4} )*[a-z2-7]{1,4}$", key);
            await first.ScreenshotAsync("two-factor-setup");

            // Nothing else opens before the second factor is set up.
            await first.GotoAsync("/units");
            Assert.Equal("/account/two-factor", first.Path);

            await first.EnrollAsync(email);
            await Expect(first.Page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
            await first.ScreenshotAsync("recovery-codes");
            await first.Page.GetByRole(AriaRole.Link, new() { Name = Vi.TwoFactorContinue }).ClickAsync();
            await first.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await Expect(first.Page.Locator(".context-bar")).ToContainTextAsync($"Đang làm việc tại {unit} · {role}");
            await first.GotoAsync("/units");
            Assert.Equal("/units", first.Path);
            first.AssertNothingWentWrong();
        }

        await using var later = await site.OpenAsync(name + "-later");
        await later.GotoAsync("/account/login");
        await later.SubmitSignInAsync(email, DemoSite.Password);
        await later.Page.WaitForURLAsync("**/account/login/two-factor**");
        await later.ScreenshotAsync("code");

        // A wrong code is refused with a message; the right one signs in.
        await later.Page.GetByLabel(Vi.AuthenticatorCode).FillAsync("000000");
        await later.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Verify }).ClickAsync();
        await Expect(later.Page.GetByText("Mã không đúng.").First).ToBeVisibleAsync();
        Assert.Equal("/account/login/two-factor", later.Path);
        await later.SubmitCodeAsync(email);

        await later.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(later.Page.Locator(".context-bar")).ToContainTextAsync($"Đang làm việc tại {unit} · {role}");
        await later.ScreenshotAsync("home");
        later.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_message_and_stays_on_the_sign_in_page()
    {
        await using var browser = await site.OpenAsync("signin-wrong-password");
        await browser.GotoAsync("/account/login");

        await browser.SubmitSignInAsync("tiendu.xuly@danvan.demo", "this-is-not-the-password");

        var summary = browser.Page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync(Vi.SignInFailed);
        Assert.Equal("/account/login", browser.Path);
        await Expect(browser.Page.GetByLabel(Vi.Email)).ToHaveValueAsync("tiendu.xuly@danvan.demo");
        await Expect(browser.Page.GetByLabel(Vi.Password, new() { Exact = true })).ToHaveValueAsync("");
        await Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = Vi.SignOut, IncludeHidden = true }))
            .ToHaveCountAsync(0);
        await browser.ScreenshotAsync("error");
        browser.AssertNothingWentWrong();
    }
}
