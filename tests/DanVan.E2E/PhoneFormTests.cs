using System.Globalization;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Forms on a phone, in a browser whose own locale is English (United States): dates read and are typed day first as
/// the interface writes them, a calendar button still opens the browser's picker, a date that cannot be read stops the
/// form with a message on the field and writes nothing, and a long form's primary action stays in reach.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class PhoneFormTests(DemoSite site)
{
    private const string Officer = "tiendu.canbo@danvan.demo";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dates_read_day_first_whatever_the_browsers_locale_and_the_primary_action_stays_in_reach()
    {
        await using var phone = await site.OpenAsync("phone-form-dates", 360, 780);
        await phone.SignInAsync(Officer);
        var page = phone.Page;
        await phone.GotoAsync("/petitions/new");
        Assert.Equal("en-US", await page.EvaluateAsync<string>("navigator.language"));

        var received = page.GetByLabel("Ngày tiếp nhận", new() { Exact = true });
        await Expect(received).ToHaveValueAsync(Day(Today));
        await Expect(received).ToHaveAttributeAsync("inputmode", "numeric");

        // The long form's primary action is on the first screen, reachable without scrolling, and big enough to tap.
        var record = page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận kiến nghị", Exact = true });
        var box = await record.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= 780, $"the primary action ends at {box.Y + box.Height} px, below the screen");
        Assert.True(box.Height >= 44, $"the primary action is {box.Height} px high");
        await phone.ScreenshotAsync("petition-form-360");

        // The calendar button opens the browser's picker; what is picked reads day first.
        var pick = page.GetByRole(AriaRole.Button, new() { Name = "Chọn trên lịch: Ngày tiếp nhận" });
        var pickBox = await pick.BoundingBoxAsync();
        Assert.True(pickBox is { Width: >= 44, Height: >= 44 }, "the calendar button is smaller than 44 px");
        var twoDaysAgo = Today.AddDays(-2);
        await page.Locator("#ReceivedOn + .date-pick input[type=date]")
            .EvaluateAsync(
                "(picker, iso) => { picker.value = iso; picker.dispatchEvent(new Event('change', { bubbles: true })); }",
                twoDaysAgo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            );
        await Expect(received).ToHaveValueAsync(Day(twoDaysAgo));

        // A date that is not one stops the form with a message on the field.
        await received.FillAsync("31/02/2026");
        await record.ClickAsync();
        Assert.Contains(
            "ngày/tháng/năm",
            await received.EvaluateAsync<string>("input => input.validationMessage"),
            StringComparison.Ordinal
        );
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/petitions/new$"));

        // Typed the short way, without separators, as the numeric keyboard allows: read day first.
        var threeDaysAgo = Today.AddDays(-3);
        await received.FillAsync(threeDaysAgo.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await received.BlurAsync();
        await Expect(received).ToHaveValueAsync(Day(threeDaysAgo));
        await page.GetByLabel("Địa bàn (xã hoặc thôn, tổ dân phố)", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.GetByLabel("Hình thức tiếp nhận", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Lĩnh vực", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Hạ tầng, giao thông" });
        await page.GetByLabel("Trích yếu", new() { Exact = true }).FillAsync("Biển báo khúc cua thôn Trung bị đổ");
        await page.GetByLabel("Nội dung phản ánh, kiến nghị", new() { Exact = true })
            .FillAsync("Biển báo khúc cua gần nhà văn hóa thôn Trung bị đổ sau bão, đề nghị dựng lại.");
        await page.GetByLabel("Người phản ánh, kiến nghị", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Công dân" });
        await page.GetByLabel("Họ và tên", new() { Exact = true }).FillAsync("Nguyễn Văn Hòa");
        await record.ClickAsync();

        var receipt = page.Locator(".receipt");
        await Expect(receipt).ToContainTextAsync("Biển báo khúc cua thôn Trung bị đổ");
        await Expect(receipt).ToContainTextAsync(Day(threeDaysAgo));
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_filters_date_reads_day_first_and_the_address_keeps_the_iso_date()
    {
        await using var desk = await site.OpenAsync("form-filter-dates", 1280, 800);
        await desk.SignInAsync("admin@danvan.demo");
        var page = desk.Page;
        await desk.GotoAsync("/audit");
        var from = page.GetByLabel("Từ ngày", new() { Exact = true });
        var day = Today.AddDays(-1);
        await from.FillAsync(Day(day));
        await from.PressAsync("Enter");
        await page.WaitForURLAsync(url =>
            url.Contains("from=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        );
        await Expect(page.GetByLabel("Từ ngày", new() { Exact = true })).ToHaveValueAsync(Day(day));
        desk.AssertNothingWentWrong();
    }
}
