using System.Globalization;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// "How is Bắc Ninh doing this month, and which communes are behind": the province's officer opens the province's
/// dashboard from the home page, sorts the communes by a figure, and drills into the first; on a phone the comparison
/// is a list of cards.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class UnitDashboardTests(DemoSite site)
{
    private const string Officer = "tinh.canbo@danvan.demo";
    private const string Received = "Phản ánh, kiến nghị tiếp nhận";

    private static double? Number(string text) =>
        text.Trim() == "—"
            ? null
            : double.Parse(
                text.Replace(".", "", StringComparison.Ordinal).Replace(" %", "", StringComparison.Ordinal),
                CultureInfo.GetCultureInfo("vi-VN")
            );

    [Fact]
    public async Task A_province_officer_opens_the_province_dashboard_sorts_the_communes_and_drills_into_one()
    {
        await using var browser = await site.OpenAsync("province-dashboard", 1280, 900);
        await browser.SignInAsync(Officer);
        var page = browser.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Việc cần làm hôm nay" }))
            .ToBeVisibleAsync();
        await page.Locator("section[aria-labelledby=month-title] a[href$='/dashboard']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tổng quan số liệu");
        await Expect(page.Locator("li.figure[data-key='petitions.received'] .figure__value")).Not.ToHaveTextAsync("—");
        var rows = page.Locator("table.compare tbody tr");
        Assert.True(await rows.CountAsync() >= 3, "the province's communes are compared");
        await browser.ScreenshotAsync("province");
        // The first screen as a reader sees it (the picture in docs/images).
        await page.ScreenshotAsync(
            new()
            {
                Path = Path.Combine(RepoPaths.Screenshots, "province-dashboard-top-1280.png"),
                FullPage = true,
                Clip = new()
                {
                    X = 0,
                    Y = 150,
                    Width = 1280,
                    Height = 2050,
                },
            }
        );

        // Sorted by the petitions received, most first, then the other way.
        var heading = page.Locator("table.compare thead").GetByRole(AriaRole.Link, new() { Name = Received });
        await heading.ClickAsync();
        await Expect(page.Locator("table.compare th[aria-sort]")).ToContainTextAsync(Received);
        var column = await page.Locator("table.compare thead th").AllInnerTextsAsync();
        var index = column.ToList().FindIndex(c => c.Trim() == Received);
        var values = new List<double?>();
        foreach (var row in await rows.AllAsync())
        {
            values.Add(Number(await row.Locator("th, td").Nth(index).InnerTextAsync()));
        }

        var known = values.OfType<double>().ToList();
        Assert.Equal(known.OrderDescending(), known);
        Assert.True(known.Count >= 3 && known[0] > 0);

        // The comparison as a spreadsheet: the same communes in the same order, the counts as numbers.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải bảng so sánh (Excel)" }).ClickAsync()
        );
        var file = Path.Combine(Directory.CreateTempSubdirectory("danvan-e2e-dashboard").FullName, "so-sanh.xlsx");
        await download.SaveAsAsync(file);
        var exported = MiniExcelLibs
            .MiniExcel.Query(file, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .ToList();
        Assert.Equal(await rows.CountAsync(), exported.Count);
        Assert.Equal((await rows.First.Locator("th a").InnerTextAsync()).Trim(), exported[0]["Đơn vị"]);
        Assert.Equal(known[0], Convert.ToDouble(exported[0][Received], CultureInfo.InvariantCulture));

        // Drill into the first commune: its own dashboard shows the same count for the same month.
        var first = rows.First.Locator("th a");
        var name = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        Assert.Equal(
            known[0],
            Number(await page.Locator("li.figure[data-key='petitions.received'] .figure__value").InnerTextAsync())
        );
        await browser.ScreenshotAsync("commune");
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task On_a_phone_the_comparison_is_a_list_of_cards()
    {
        await using var browser = await site.OpenAsync("province-dashboard-phone", 360, 780);
        await browser.SignInAsync(Officer);
        await browser.Page.Locator("section[aria-labelledby=month-title] a[href$='/dashboard']").ClickAsync();
        await Expect(browser.Page.Locator("table.compare")).ToBeVisibleAsync();
        var row = browser.Page.Locator("table.compare tbody tr").First;
        // A card: the row is a block as wide as the page, the unit's name above its figures.
        Assert.Equal("block", await row.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Empty(await PageChecks.PhoneProblemsAsync(browser.Page));
        await browser.ScreenshotAsync("province");
        await row.ScrollIntoViewIfNeededAsync();
        await browser.Page.ScreenshotAsync(
            new() { Path = Path.Combine(RepoPaths.Screenshots, "province-dashboard-phone-cards-360.png") }
        );
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task An_anonymous_visitor_opens_the_portals_statistics_for_the_province_and_a_commune()
    {
        await using var browser = await site.OpenAsync("public-statistics", 1280, 900);
        await browser.GotoAsync("/library");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Thống kê công khai theo địa phương" }).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync("Thống kê công khai");
        await browser.Page.Locator("table.compare").GetByRole(AriaRole.Link, new() { Name = "Bắc Ninh" }).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("Thống kê công khai: Bắc Ninh");
        await Expect(browser.Page.Locator("li.figure[data-key='petitions.received'] .figure__value"))
            .Not.ToHaveTextAsync("—");
        await Expect(browser.Page.GetByText("dưới 5").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("province");
        var commune = browser.Page.Locator("table.compare tbody tr th a").First;
        var name = (await commune.InnerTextAsync()).Trim();
        await commune.ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Expect(browser.Page.Locator("nav.breadcrumbs")).ToContainTextAsync("Bắc Ninh");
        await browser.ScreenshotAsync("commune");
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task On_a_phone_a_visitor_finds_a_commune_of_the_province_by_name_without_diacritics()
    {
        await using var browser = await site.OpenAsync("public-statistics-phone", 360, 780);
        await browser.GotoAsync("/statistics");
        await browser.Page.Locator("table.compare").GetByRole(AriaRole.Link, new() { Name = "Bắc Ninh" }).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("Thống kê công khai: Bắc Ninh");
        var rows = browser.Page.Locator("table.compare tbody tr");
        var all = await rows.CountAsync();
        Assert.True(all > 20, $"{all} communes");
        await rows.Nth(1).ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("province");
        var name = (await rows.Nth(3).Locator("th a").InnerTextAsync()).Trim();
        var typed = DanVan.Web.Infrastructure.Localization.TextSearch.Normalize(name);
        await browser.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm đơn vị theo tên" }).FillAsync(typed);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await Expect(browser.Page.GetByTestId("children-shown")).ToContainTextAsync($"/{all} đơn vị");
        Assert.True(await rows.CountAsync() < all);
        await Expect(rows.Locator("th a", new() { HasTextString = name })).ToHaveCountAsync(1);
        Assert.Empty(await PageChecks.PhoneProblemsAsync(browser.Page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(browser.Page));
        await browser.ScreenshotAsync("found");
        browser.AssertNothingWentWrong();
    }
}
