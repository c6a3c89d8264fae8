using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The province's administrator, on a phone, finds the report templates from the reports page, adds a section with a
/// figure to the quarterly template and a later due day, sees a figure ticked without a heading refused at its field,
/// and puts the quarter back to the default (the demo's state is left as found).
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class ReportTemplateTests(DemoSite site)
{
    [Fact]
    public async Task The_province_administrator_adds_a_section_to_the_quarterly_template_and_puts_it_back()
    {
        await using var browser = await site.OpenAsync("report-template", 390, 844);
        await browser.SignInAsync("tinh.quantri@danvan.demo");
        await browser.GotoAsync("/reports");
        await browser
            .Page.GetByRole(AriaRole.Link, new() { Name = "Mẫu báo cáo và lịch tự mở đợt báo cáo" })
            .ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("Mẫu báo cáo và lịch mở đợt");
        var month = browser.Page.Locator("li.card[data-kind=Month]");
        await Expect(month).ToContainTextAsync("Mẫu riêng của tỉnh");
        await Expect(month).ToContainTextAsync("Tự mở đợt theo lịch");
        var quarter = browser.Page.Locator("li.card[data-kind=Quarter]");
        await Expect(quarter).ToContainTextAsync("Mẫu mặc định");
        await browser.ScreenshotAsync("templates");

        // A new ninth section with a figure, due on the 20th.
        await quarter.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mẫu báo cáo: Quý");
        await browser.Page.Locator("#DueDay").FillAsync("20");
        await browser.Page.Locator("input[id='Sections[8].Title']").FillAsync("Kết quả chiến dịch trên địa bàn");
        var ninth = browser.Page.Locator("fieldset.panel").Nth(8);
        await ninth.Locator("summary").ClickAsync();
        await ninth.GetByLabel("Phản ánh, kiến nghị tiếp nhận").CheckAsync();
        await browser.ScreenshotAsync("template-edit");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(browser.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu mẫu.");
        quarter = browser.Page.Locator("li.card[data-kind=Quarter]");
        await Expect(quarter).ToContainTextAsync("Mẫu riêng của tỉnh");
        await Expect(quarter).ToContainTextAsync("ngày 20");
        await Expect(quarter.Locator("li").Last).ToContainTextAsync("Kết quả chiến dịch trên địa bàn · 1 chỉ tiêu");

        // A figure ticked in a row without a heading is refused there, and nothing changes.
        await quarter.GetByRole(AriaRole.Link).ClickAsync();
        var blank = browser.Page.Locator("fieldset.panel").Nth(9);
        await blank.Locator("summary").ClickAsync();
        await blank.GetByLabel("Phản ánh quá hạn").CheckAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Vui lòng nhập “Tiêu đề mục”");
        await browser.ScreenshotAsync("template-refused");

        // Back to the default.
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Dùng mẫu mặc định" }).ClickAsync();
        await Expect(browser.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã trở lại dùng mẫu mặc định.");
        await Expect(browser.Page.Locator("li.card[data-kind=Quarter]")).ToContainTextAsync("Mẫu mặc định");
        browser.AssertNothingWentWrong();
    }
}
