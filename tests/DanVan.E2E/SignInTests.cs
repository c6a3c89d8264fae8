using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

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
        await Expect(browser.Page.Locator(".context-bar")).ToContainTextAsync("Bắc Ninh");
        await Expect(browser.Page.Locator(".context-bar")).ToContainTextAsync("Cán bộ");
        await browser.ScreenshotAsync("home");
        browser.AssertNothingWentWrong();
    }
}
