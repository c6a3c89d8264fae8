using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Switching the interface language. The account (kinhbac.xem) is used by no other test: the app saves its
/// choice and applies it at the next sign-in, which would change the language other tests expect.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class LanguageTests(DemoSite site)
{
    private const string account = "kinhbac.xem@danvan.demo";

    [Fact]
    public async Task Vietnamese_switches_to_English_then_German_and_the_choice_is_remembered()
    {
        await using var browser = await site.OpenAsync("language");
        await browser.SignInAsync(account);
        var page = browser.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Mở trang của Kinh Bắc" }).ClickAsync();
        await page.WaitForURLAsync("**/units/*");
        var unitPath = browser.Path;

        // Vietnamese by default, though the browser asks for English.
        await ExpectLanguageAsync(page, "vi", units: "Đơn vị", validFrom: "Có hiệu lực từ", date: "01/07/2025");
        await browser.ScreenshotAsync("vi");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync($"**{unitPath}");
        await ExpectLanguageAsync(page, "en", units: "Units", validFrom: "In force from", date: "01/07/2025");
        await browser.ScreenshotAsync("en");

        // The next page keeps the choice.
        await NavigationLink(page, "Units").ClickAsync();
        await page.WaitForURLAsync("**/units");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Units");
        await Expect(page.GetByLabel("Name or code")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("en-next-page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        await page.WaitForURLAsync("**/units");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Einheiten");
        await browser.GotoAsync(unitPath);
        await ExpectLanguageAsync(page, "de", units: "Einheiten", validFrom: "Gültig ab", date: "01.07.2025");
        await browser.ScreenshotAsync("de");
        await browser.GotoAsync("/organizations");
        await Expect(NavigationLink(page, "Organisationen")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Organisationen");
        // The unit's dashboard in German: its headings, the catalogue's names and the dates.
        await browser.GotoAsync(unitPath + "/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Kennzahlen: ");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dialoge und Bürgersprechstunden" }))
            .ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Fällige Bürgersprechtage");
        await browser.ScreenshotAsync("de-dashboard");
        browser.AssertNothingWentWrong();

        // Another device: the sign-in page is Vietnamese, and the saved choice returns with the sign-in.
        await using var elsewhere = await site.OpenAsync("language-elsewhere");
        await elsewhere.GotoAsync("/account/login");
        await elsewhere.SubmitSignInAsync(account, DemoSite.Password);
        await elsewhere.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(elsewhere.Page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(NavigationLink(elsewhere.Page, "Einheiten")).ToBeVisibleAsync();
        await elsewhere.ScreenshotAsync("de-after-sign-in");
        elsewhere.AssertNothingWentWrong();
    }

    private static ILocator NavigationLink(IPage page, string name) =>
        page.Locator("nav.site-nav--wide").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static async Task ExpectLanguageAsync(IPage page, string lang, string units, string validFrom, string date)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(NavigationLink(page, units)).ToBeVisibleAsync();
        var validFromRow = page.Locator(".summary-list > div")
            .Filter(new() { Has = page.Locator("dt", new() { HasText = validFrom }) });
        await Expect(validFromRow.Locator("dd")).ToHaveTextAsync(date);
    }
}
