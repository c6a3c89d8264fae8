using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A commune officer on a phone downloads the day's template, corrects one village's figure in it (as a spreadsheet
/// program would save it), checks the file, sees the one change in the preview and imports it.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class CampaignImportTests(DemoSite site)
{
    private const string Officer = "tiendu.canbo@danvan.demo";

    [Fact]
    public async Task A_commune_officer_imports_the_days_template_with_one_figure_corrected()
    {
        var (id, _) = await site.CampaignAsync();
        await using var browser = await site.OpenAsync("figure-import", 360, 780);
        await browser.SignInAsync(Officer);
        var page = browser.Page;
        await browser.GotoAsync($"/campaigns/{id}/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Nhập số liệu từ tệp Excel" }))
            .ToBeVisibleAsync();
        // The hint states the limit the import applies (ADR-0022: 100,000 cells), in the Vietnamese number format.
        await Expect(page.Locator("#file-hint")).ToHaveTextAsync("Tối đa 50 MB và 100.000 số liệu.");
        await browser.ScreenshotAsync("start");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));

        // The template: the commune's villages, the day's figures filled where they were entered.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Tải tệp mẫu (.xlsx)" }).ClickAsync()
        );
        var folder = Directory.CreateTempSubdirectory("danvan-e2e-import").FullName;
        var template = Path.Combine(folder, "mau.xlsx");
        await download.SaveAsAsync(template);
        var rows = MiniExcel
            .Query(template, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r))
            .ToList();
        Assert.NotEmpty(rows);
        var headers = rows[0].Keys.ToList();
        var figureColumn = headers[3]; // code, name, period, then the indicators in order
        var row = rows.First(r => r[figureColumn] is not null and not "");
        var old = Convert.ToDecimal(row[figureColumn], System.Globalization.CultureInfo.InvariantCulture);
        row[figureColumn] = old + 1;
        var village = (string)row[headers[1]]!;
        var corrected = Path.Combine(folder, "so-lieu.xlsx");
        await MiniExcel.SaveAsAsync(corrected, rows, overwriteFile: true);

        await page.GetByLabel("Tệp (.xlsx)").SetInputFilesAsync(corrected);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        var changed = page.Locator("dt", new() { HasText = "Số liệu được sửa" }).Locator("xpath=following-sibling::dd");
        await Expect(changed).ToHaveTextAsync("1");
        await Expect(page.Locator("table").Last).ToContainTextAsync(village);
        await browser.ScreenshotAsync("preview");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập 1 số liệu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nhập xong: lưu 1 số liệu.");
        await browser.ScreenshotAsync("done");
        browser.AssertNothingWentWrong();
        Directory.Delete(folder, recursive: true);
    }
}
