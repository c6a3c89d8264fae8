using System.Text;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

[Collection(DemoSiteCollection.Name)]
public sealed class ImportTests(DemoSite site)
{
    // Codes no demo unit has, under Xã Yên Thế (07288): a commune no other test counts the villages of.
    private const string header = "code,name,kind,parent_code\n";
    private const string good1 = "07288-91,Thôn Đồng Sen,village,07288\n";
    private const string good2 = "07288-92,Thôn Bãi Thượng,village,07288\n";

    [Fact]
    public async Task A_file_with_one_bad_row_is_refused_with_the_row_number_and_nothing_is_written_then_the_corrected_file_is_imported()
    {
        await using var browser = await site.OpenAsync("import");
        await browser.SignInAsync("tinh.quantri@danvan.demo");
        var page = browser.Page;

        // Row 3 of the file (the header is row 1) has a kind that does not exist.
        await browser.GotoAsync("/units");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập danh mục đơn vị" }).ClickAsync();
        await page.WaitForURLAsync("**/units/import");
        await UploadAsync(page, "thon-moi-loi.csv", header + good1 + "07288-93,Thôn Lỗi,hamlet,07288\n" + good2);

        var problems = page.GetByTestId("import-problems");
        await Expect(problems).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Chưa có dữ liệu nào được ghi");
        var rows = problems.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td")).ToHaveTextAsync(["3", "kind", "“hamlet” không phải là loại đơn vị."]);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Vi.ImportCommit })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("problems");

        foreach (var code in new[] { "07288-91", "07288-92", "07288-93" })
        {
            await browser.GotoAsync($"/units?q={code}");
            await Expect(page.GetByText("Không có đơn vị nào phù hợp.")).ToBeVisibleAsync();
        }

        await browser.ScreenshotAsync("nothing-written");

        // The corrected file: checked, shown, then written on confirmation.
        await browser.GotoAsync("/units/import");
        await UploadAsync(page, "thon-moi.csv", header + good1 + good2);
        await Expect(page.Locator(".summary-list")).ToContainTextAsync("Đơn vị mới");
        await Expect(page.Locator(".summary-list > div").Filter(new() { HasText = "Đơn vị mới" }).Locator("dd"))
            .ToHaveTextAsync("2");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Thôn Đồng Sen");
        await browser.ScreenshotAsync("preview");
        await page.GetByRole(AriaRole.Button, new() { Name = Vi.ImportCommit }).ClickAsync();

        await Expect(page.GetByText("Đã nhập xong: 2 đơn vị được tạo mới hoặc cập nhật.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("done");
        foreach (var (code, name) in new[] { ("07288-91", "Thôn Đồng Sen"), ("07288-92", "Thôn Bãi Thượng") })
        {
            await browser.GotoAsync($"/units?q={code}");
            await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }))
                .ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Thôn Bãi Thượng", Exact = true }).ClickAsync();
        await Expect(page.Locator(".summary-list").GetByRole(AriaRole.Link, new() { Name = "Yên Thế" }))
            .ToBeVisibleAsync();
        await browser.ScreenshotAsync("new-village");
        browser.AssertNothingWentWrong();
    }

    [Fact]
    public async Task The_import_preview_counts_every_data_row_of_the_file_including_the_bad_ones()
    {
        await using var browser = await site.OpenAsync("import-row-count");
        await browser.SignInAsync("tinh.quantri@danvan.demo");
        await browser.GotoAsync("/units/import");

        await UploadAsync(browser.Page, "ba-dong.csv", header + good1 + "07288-94,Thôn Lỗi,hamlet,07288\n" + good2);

        await Expect(browser.Page.GetByTestId("import-problems")).ToBeVisibleAsync();
        var rows = browser
            .Page.Locator(".summary-list > div")
            .Filter(new() { HasText = "Số dòng dữ liệu" })
            .Locator("dd");
        await browser.ScreenshotAsync("preview");
        await Expect(rows).ToHaveTextAsync("3");
        browser.AssertNothingWentWrong();
    }

    private static async Task UploadAsync(IPage page, string fileName, string csv)
    {
        await page.GetByLabel(Vi.ImportFile)
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = fileName,
                    MimeType = "text/csv",
                    Buffer = Encoding.UTF8.GetBytes(csv),
                }
            );
        await page.GetByRole(AriaRole.Button, new() { Name = Vi.ImportCheck }).ClickAsync();
    }
}
