using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A commune officer enters the day's figures of the commune's villages on a phone and at a desk: keyboard only, a
/// figure typed the foreign way refused at its cell with everything else kept, then saved; the missing list follows.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class CampaignGridTests(DemoSite site)
{
    private const string Officer = "tiendu.canbo@danvan.demo";
    private const string Save = "Lưu số liệu";

    [Theory]
    [InlineData(360, 780)]
    [InlineData(1280, 800)]
    public async Task A_commune_officer_enters_the_days_figures_with_the_keyboard_and_a_typing_mistake_loses_nothing(
        int width,
        int height
    )
    {
        var (id, _) = await site.CampaignAsync();
        await using var browser = await site.OpenAsync($"grid-{width}", width, height);
        await browser.SignInAsync(Officer);
        var page = browser.Page;
        var today = DateOnly
            .FromDateTime(DateTime.UtcNow.AddHours(7))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await browser.GotoAsync($"/campaigns/{id}/missing?date={today}");
        var missingBefore = int.Parse(
            await page.Locator(".missing-summary__count").InnerTextAsync(),
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.True(missingBefore > 0, "The demo leaves some villages behind today.");
        await browser.ScreenshotAsync("missing");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập số liệu" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Nhập số liệu" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("grid");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));

        // The village that never reports: its graves, Enter to the next village's graves, then its area the foreign
        // way.
        var rows = page.Locator("tbody tr.grid__row");
        var empty = rows.Filter(new() { Has = page.Locator("input.grid__input[value='']") }).Last;
        var village = (await empty.Locator("th.grid__unit").InnerTextAsync()).Trim();
        var graves = page.GetByLabel($"Mộ đã di dời – {village}", new() { Exact = true });
        var area = page.GetByLabel($"Diện tích mặt bằng đã bàn giao – {village}", new() { Exact = true });
        await graves.FocusAsync();
        await page.Keyboard.TypeAsync("4");
        await page.Keyboard.PressAsync("Enter");
        await Expect(graves).Not.ToBeFocusedAsync();
        await area.FillAsync("1269.5");
        await page.GetByRole(AriaRole.Button, new() { Name = Save }).ClickAsync();

        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator(".error-summary"))
            .ToContainTextAsync($"Diện tích mặt bằng đã bàn giao – {village}: Nhập số theo dạng 1.269,5.");
        await Expect(graves).ToHaveValueAsync("4");
        await Expect(area).ToHaveValueAsync("1269.5");
        await browser.ScreenshotAsync("grid-error");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));

        // The summary's link leads to the cell; the corrected figure saves both.
        await page.Locator(".error-summary a").First.ClickAsync();
        await Expect(area).ToBeFocusedAsync();
        await area.FillAsync("1.269,5");
        await area.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = Save }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu 2 số liệu.");
        await Expect(graves).ToHaveValueAsync("4");
        await Expect(area).ToHaveValueAsync("1.269,5");
        await browser.ScreenshotAsync("grid-saved");

        // The history of the new figure, then the missing list without this village.
        var row = rows.Filter(new() { Has = page.Locator("th.grid__unit").GetByText(village, new() { Exact = true }) });
        await row.Locator("summary").ClickAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = $"Lịch sử – Mộ đã di dời – {village}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Lịch sử số liệu" }))
            .ToBeVisibleAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("history");
        await browser.GotoAsync($"/campaigns/{id}/missing?date={today}");
        await Expect(page.Locator(".missing-list")).Not.ToContainTextAsync(village + ":");
        browser.AssertNothingWentWrong();

        // The commune's administrator sees the save as one line of the audit trail, in the village (ADR-0022: the
        // cells' history is the revisions above).
        await using var admin = await site.OpenAsync($"grid-audit-{width}", width, height);
        await admin.SignInAsync("tiendu.quantri@danvan.demo");
        await admin.GotoAsync("/audit");
        // Its own sign-in comes first; the newest save of figures is the officer's.
        var newest = admin
            .Page.Locator("[data-record-list] tbody tr")
            .Filter(new() { HasText = "Nhập số liệu · " })
            .First;
        await Expect(newest).ToContainTextAsync($"#{id}");
        await Expect(newest).ToContainTextAsync("source=Grid; changed=2");
        await Expect(newest).ToContainTextAsync(village);
        await admin.ScreenshotAsync("audit");
        admin.AssertNothingWentWrong();
    }
}
