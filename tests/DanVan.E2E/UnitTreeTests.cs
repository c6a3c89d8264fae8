using System.Text.RegularExpressions;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

[Collection(DemoSiteCollection.Name)]
public sealed partial class UnitTreeTests(DemoSite site)
{
    [Fact]
    public async Task A_commune_officer_sees_the_commune_and_its_villages_and_can_open_a_village()
    {
        await using var browser = await site.OpenAsync("tree-commune-officer");
        await browser.SignInAsync("tiendu.canbo@danvan.demo");
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tiên Du");

        await browser
            .Page.GetByRole(AriaRole.Navigation, new() { Name = "Chính", Exact = true })
            .GetByRole(AriaRole.Link, new() { Name = Vi.NavUnits })
            .ClickAsync();
        await browser.Page.WaitForURLAsync("**/units");
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Đơn vị trực thuộc Tiên Du" }))
            .ToBeVisibleAsync();
        var villages = browser.Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link);
        await Expect(villages).ToHaveCountAsync(9);
        foreach (var name in await villages.AllInnerTextsAsync())
        {
            Assert.StartsWith("Thôn ", name, StringComparison.Ordinal);
        }

        await browser.ScreenshotAsync("villages");

        var village = (await villages.AllInnerTextsAsync()).Order(StringComparer.Ordinal).First();
        await villages.GetByText(village, new() { Exact = true }).ClickAsync();
        await browser.Page.WaitForURLAsync(UnitPageRegex());
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(village);
        await Expect(browser.Page.Locator(".summary-list")).ToContainTextAsync("Trực thuộc");
        await Expect(browser.Page.Locator(".summary-list").GetByRole(AriaRole.Link, new() { Name = "Tiên Du" }))
            .ToBeVisibleAsync();
        await browser.ScreenshotAsync("village");
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_commune_officer_gets_the_not_found_page_for_a_sibling_ward_opened_by_its_address()
    {
        // The ward's address, as a province officer finds it.
        int kinhBac;
        await using (var province = await site.OpenAsync("tree-province-finds-ward"))
        {
            await province.SignInAsync("tinh.canbo@danvan.demo");
            await province.GotoAsync("/units?q=kinh+bac");
            var link = province.Page.GetByRole(AriaRole.Link, new() { Name = "Kinh Bắc", Exact = true });
            kinhBac = int.Parse(
                UnitId().Match(await link.GetAttributeAsync("href") ?? "").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture
            );
            province.AssertNothingWentWrong();
        }

        await using var browser = await site.OpenAsync("tree-sibling-not-found");
        await browser.SignInAsync("tiendu.canbo@danvan.demo");

        await browser.GotoAsync($"/units/{kinhBac}", expectedStatus: 404);

        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Vi.NotFoundTitle);
        await Expect(browser.Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Kinh Bắc");
        await browser.ScreenshotAsync("not-found");
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task Searching_bac_ninh_without_diacritics_finds_Bac_Ninh()
    {
        await using var browser = await site.OpenAsync("tree-search");
        await browser.SignInAsync("tinh.canbo@danvan.demo");
        await browser.GotoAsync("/units");

        await browser.Page.GetByLabel(Vi.SearchLabel, new() { Exact = true }).FillAsync("bac ninh");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = Vi.SearchButton }).ClickAsync();

        await browser.Page.WaitForURLAsync("**/units?q=bac+ninh**");
        var results = browser.Page.GetByRole(AriaRole.Table);
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Bắc Ninh", Exact = true })).ToBeVisibleAsync();
        await Expect(browser.Page.GetByLabel(Vi.SearchLabel, new() { Exact = true })).ToHaveValueAsync("bac ninh");
        await browser.ScreenshotAsync("results");
        browser.AssertNothingWentWrong();
    }

    [GeneratedRegex(@"/units/\d+$")]
    private static partial Regex UnitPageRegex();

    [GeneratedRegex(@"^/units/(\d+)$")]
    private static partial Regex UnitId();
}
