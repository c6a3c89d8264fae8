using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Hostile text is only text (QUALITY.md S2): names that are markup are stored and shown exactly, and no
/// script runs, whether or not the browser enforces the content security policy.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class HostileTextTests(DemoSite site)
{
    private static readonly string[] hostileNames = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"];

    [Fact]
    public async Task Organization_names_that_are_markup_are_shown_literally_and_run_no_script()
    {
        await using var browser = await site.OpenAsync("hostile");
        await browser.SignInAsync("tiendu.quantri@danvan.demo");
        var page = browser.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Mở trang của Tiên Du" }).ClickAsync();
        await page.WaitForURLAsync("**/units/*");
        var unitPath = browser.Path;

        foreach (var name in hostileNames)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = Vi.AddOrganization }).ClickAsync();
            await page.WaitForURLAsync("**/organizations/new?unitId=*");
            await page.GetByLabel(Vi.Name, new() { Exact = true }).FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = Vi.Save }).ClickAsync();
            await page.WaitForURLAsync($"**{unitPath}?done=saved");
            await Expect(page.GetByText("Đã lưu.")).ToBeVisibleAsync();
        }

        await browser.ScreenshotAsync("unit-with-hostile-names");
        await ExpectShownLiterallyAsync(page);
        browser.AssertNothingWentWrong();

        // Even with the policy switched off in the browser the markup stays text: escaping, not CSP, is what holds.
        await using var unprotected = await site.OpenAsync("hostile-no-csp", bypassContentSecurityPolicy: true);
        await unprotected.SignInAsync("tiendu.quantri@danvan.demo");
        await unprotected.GotoAsync(unitPath);
        await unprotected.GotoAsync("/organizations?q=alert");
        await unprotected.GotoAsync(unitPath);
        await ExpectShownLiterallyAsync(unprotected.Page);
        await unprotected.ScreenshotAsync("unit-without-csp");
        await unprotected.Page.WaitForTimeoutAsync(500); // an onerror handler would fire once the image fails
        Assert.Empty(unprotected.Dialogs);
        unprotected.AssertNothingWentWrong();
    }

    private static async Task ExpectShownLiterallyAsync(IPage page)
    {
        var organizations = page.GetByRole(AriaRole.Region, new() { Name = "Tổ chức" }).GetByRole(AriaRole.Table);
        foreach (var name in hostileNames)
        {
            await Expect(organizations.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }))
                .ToHaveTextAsync(name);
        }

        Assert.Equal(0, await page.Locator("main img[src='x'], main script").CountAsync());
    }
}
