using System.Globalization;
using System.Text;
using System.Text.Json;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Every list at 360 px is a column of cards, not a table squeezed into narrow columns (QUALITY.md U3): each record's
/// title, status and dates readable without sideways scrolling, nothing wrapped one word per line in a narrow column,
/// the page of 50 at most 8,000 px tall, and the filters folded away once results are shown.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class ListPageTests(DemoSite site)
{
    /// <summary>QUALITY.md U3: a 50-row list page at most about 8,000 px tall at 360 px.</summary>
    private const int MaxHeight = 8_000;

    /// <summary>Each list page with the demo account whose work it is.</summary>
    public static TheoryData<string, string[]> Lists =>
        new()
        {
            {
                "tinh.canbo@danvan.demo",
                ["/petitions", "/models", "/dialogues", "/campaigns", "/notifications", "/units", "/privacy"]
            },
            { "tinh.quantri@danvan.demo", ["/organizations", "/accounts", "/audit"] },
            {
                "tinh.lanhdao@danvan.demo",
                ["/programs", "/conferences", "/models/reviews", "/reports", "/library", "/exports", "/account"]
            },
            { "tinh.tochuc@danvan.demo", ["/cadres", "/training"] },
        };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_is_a_column_of_readable_cards_on_a_phone(string account, string[] paths)
    {
        await using var phone = await site.OpenAsync($"lists-{account.Split('@')[0]}", 360, 780);
        await phone.SignInAsync(account);
        var problems = new StringBuilder();
        var heights = new StringBuilder();
        foreach (var path in paths)
        {
            await phone.GotoAsync(path);
            var name = path.Trim('/').Replace('/', '-');
            await phone.ScreenshotAsync(name);
            var found = await CardProblemsAsync(phone.Page);
            heights.AppendLine(CultureInfo.InvariantCulture, $"{path}: {found.Height} px, {found.Records} records");
            foreach (var problem in found.Problems)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"{path}: {problem}");
            }

            foreach (var problem in await PageChecks.PhoneProblemsAsync(phone.Page))
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"{path}: {problem}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine("Heights at 360 px:\n" + heights);
        Assert.True(problems.Length == 0, problems + "\nHeights at 360 px:\n" + heights);
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task The_filters_in_force_are_chips_that_remove_them_and_more_appends_the_next_page()
    {
        await using var phone = await site.OpenAsync("lists-chips", 360, 780);
        await phone.SignInAsync("tinh.canbo@danvan.demo");
        var page = phone.Page;

        await phone.GotoAsync("/petitions?year=2026&status=InProgress");
        var chips = page.GetByRole(AriaRole.List, new() { Name = "Bộ lọc đang dùng" });
        await Expect(chips.GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Trạng thái: Đang giải quyết×", "Năm tiếp nhận: 2026×", "Bỏ tất cả bộ lọc"]);
        // On a phone the filters start folded, their count on the toggle.
        await Expect(page.Locator("details.filter-panel")).Not.ToHaveAttributeAsync("open", "");
        await Expect(page.Locator("details.filter-panel > summary")).ToContainTextAsync("(đang dùng 2)");
        await phone.ScreenshotAsync("petitions-filtered");
        await chips.GetByRole(AriaRole.Link, new() { Name = "Bỏ bộ lọc Trạng thái: Đang giải quyết" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("status", StringComparison.Ordinal));
        Assert.Contains("year=2026", page.Url, StringComparison.Ordinal);

        await phone.GotoAsync("/petitions");
        var rows = page.Locator("[data-record-list] tbody > tr");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(page.Locator(".record-list__count")).ToHaveTextAsync("Hiển thị 50 kết quả đầu tiên");
        await page.GetByRole(AriaRole.Link, new() { Name = "Xem thêm" }).ClickAsync();
        await Expect(rows.Nth(50)).ToBeVisibleAsync();
        Assert.EndsWith("/petitions", page.Url, StringComparison.Ordinal);
        await Expect(rows.Nth(50).Locator("td.cell--title a")).ToBeFocusedAsync();
        Assert.Matches(
            @"^(Hiển thị \d+ kết quả đầu tiên|\d+ kết quả)$",
            await page.Locator(".record-list__count").InnerTextAsync()
        );
        phone.AssertNothingWentWrong();
    }

    private sealed record CardCheck(int Height, int Records, IReadOnlyList<string> Problems);

    private static async Task<CardCheck> CardProblemsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            max => {
                const problems = [];
                const list = document.querySelector('[data-record-list]');
                const rows = list ? [...list.querySelectorAll('tbody > tr')] : [];
                if (!list) problems.push('no RecordList on the page');
                const height = document.documentElement.scrollHeight;
                if (height > max) problems.push(`${height} px tall, more than ${max}`);
                const panel = document.querySelector('details.filter-panel');
                if (panel && rows.length > 0 && panel.open) problems.push('the filters are open above the results');
                if (list && list.querySelector('thead')?.getBoundingClientRect().height > 1) problems.push('the table head is shown');
                rows.forEach((row, i) => {
                    if (getComputedStyle(row).display !== 'flex') { if (i === 0) problems.push('records are table rows, not cards'); return; }
                    const box = row.getBoundingClientRect();
                    if (box.right > window.innerWidth + 0.5) problems.push(`record ${i + 1} is ${Math.round(box.right)} px wide`);
                    const title = row.querySelector('td.cell--title');
                    if (!title || title.innerText.trim() === '') problems.push(`record ${i + 1} has no title`);
                    const inner = box.width - 24;
                    [...row.querySelectorAll('td')].filter(td => td.checkVisibility()).forEach(td => {
                        const r = td.getBoundingClientRect();
                        const line = parseFloat(getComputedStyle(td).lineHeight) || 24;
                        if (r.height > 1.6 * line && r.width < 0.8 * inner) {
                            problems.push(`record ${i + 1}: “${td.innerText.trim().slice(0, 30)}” wraps in a ${Math.round(r.width)} px column`);
                        }
                    });
                });
                return { height, records: rows.length, problems: problems.slice(0, 8) };
            }
            """,
            MaxHeight
        );
        return new(
            json.GetProperty("height").GetInt32(),
            json.GetProperty("records").GetInt32(),
            [.. json.GetProperty("problems").EnumerateArray().Select(p => p.GetString() ?? "")]
        );
    }
}
