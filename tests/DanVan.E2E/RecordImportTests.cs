using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A commune officer on a phone brings the commune's Excel list of models in: downloads the template, fills two rows
/// (one with a field that does not exist), sees the problem at its row and column, downloads the file back with a
/// problem column, fixes the row in that copy, uploads the copy and imports both models; uploading it again makes none.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class RecordImportTests(DemoSite site)
{
    private const string Officer = "tiendu.canbo@danvan.demo";

    [Fact]
    public async Task A_commune_officer_imports_the_communes_models_fixing_a_bad_row_in_the_copy_with_problems()
    {
        await using var browser = await site.OpenAsync("model-import", 360, 780);
        await browser.SignInAsync(Officer);
        var page = browser.Page;
        await browser.GotoAsync("/models");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập mô hình từ tệp" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Nhập mô hình từ tệp" }))
            .ToBeVisibleAsync();
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));

        var folder = Directory.CreateTempSubdirectory("danvan-e2e-models").FullName;
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp mẫu (.xlsx)" }).ClickAsync()
        );
        var template = Path.Combine(folder, "mau.xlsx");
        await download.SaveAsAsync(template);
        var example = MiniExcel
            .Query(template, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r))
            .Single();
        Assert.False(string.IsNullOrEmpty(example["Mã đơn vị"] as string), "the example is at the officer's commune");
        var stamp = DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)[^6..];
        var first = new Dictionary<string, object?>(example) { ["Tên mô hình"] = $"Mô hình nhập từ Excel {stamp}" };
        var second = new Dictionary<string, object?>(example)
        {
            ["Tên mô hình"] = $"Điển hình nhập từ Excel {stamp}",
            ["Lĩnh vực"] = "Lĩnh vực không có",
        };
        var file = Path.Combine(folder, "mo-hinh.xlsx");
        await MiniExcel.SaveAsAsync(file, new[] { first, second }, overwriteFile: true);

        // The file goes by XMLHttpRequest, with its progress and then the server's stage shown while it is checked
        // (the answer held back a moment here so the stage can be seen).
        await page.GetByLabel("Tệp (.csv hoặc .xlsx)").SetInputFilesAsync(file);
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/models/import", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        var sent = page.WaitForRequestAsync(r => r.Method == "POST" && r.ResourceType == "xhr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await sent;
        var status = page.Locator("[data-upload-status]").First;
        await Expect(status).ToBeVisibleAsync();
        await Expect(status).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Đang (gửi tệp|kiểm tra)"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" })).ToBeDisabledAsync();
        release.SetResult();
        await page.UnrouteAsync("**/models/import");
        var problems = page.GetByTestId("import-problems");
        await Expect(problems).ToContainTextAsync("Lĩnh vực không có");
        var problemRows = await problems.Locator("tbody tr").AllInnerTextsAsync();
        Assert.True(problemRows.Count == 1, string.Join(" | ", problemRows));
        await Expect(problems.Locator("tbody tr td").First).ToHaveTextAsync("3");
        await browser.ScreenshotAsync("problems");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));

        // The file back with its problem column: fix the row there and upload that very copy.
        var copyDownload = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp kèm cột lỗi" }).ClickAsync()
        );
        var copy = Path.Combine(folder, "loi.xlsx");
        await copyDownload.SaveAsAsync(copy);
        var rows = MiniExcel
            .Query(copy, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r))
            .ToList();
        Assert.Equal(2, rows.Count);
        Assert.True(string.IsNullOrEmpty(rows[0]["Lỗi"] as string));
        Assert.Contains("Lĩnh vực không có", (string)rows[1]["Lỗi"]!, StringComparison.Ordinal);
        rows[1]["Lĩnh vực"] = example["Lĩnh vực"];
        var fixedCopy = Path.Combine(folder, "loi-da-sua.xlsx");
        await MiniExcel.SaveAsAsync(fixedCopy, rows, overwriteFile: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tải lên tệp đã sửa" }).ClickAsync();
        await page.GetByLabel("Tệp (.csv hoặc .xlsx)").SetInputFilesAsync(fixedCopy);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await Expect(page.GetByTestId("import-new")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("import-sample")).ToContainTextAsync(first["Tên mô hình"]!.ToString()!);
        await browser.ScreenshotAsync("preview");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập 2 hồ sơ" }).ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("Đã nhập xong: tạo 2 hồ sơ.");
        // The address is the answer's (after its redirect), so a reload does not post the commit again.
        Assert.Contains("done=", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Xem danh sách" }).ClickAsync();
        await browser.GotoAsync($"/models?q={Uri.EscapeDataString(stamp)}");
        await Expect(page.Locator("main")).ToContainTextAsync(second["Tên mô hình"]!.ToString()!);

        // The same copy again: both rows were imported before; there is nothing to import.
        await browser.GotoAsync("/models/import");
        await page.GetByLabel("Tệp (.csv hoặc .xlsx)").SetInputFilesAsync(fixedCopy);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await Expect(page.GetByTestId("import-new")).ToHaveTextAsync("0");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Nhập 0 hồ sơ" })).ToHaveCountAsync(0);
        browser.AssertNothingWentWrong();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_long_list_exports_in_the_background_and_its_file_waits_on_the_exports_page()
    {
        await using var browser = await site.OpenAsync("background-export", 360, 780);
        await browser.SignInAsync("kinhbac.canbo@danvan.demo");
        var page = browser.Page;
        await browser.GotoAsync("/petitions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Xuất nền (danh sách dài)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Tệp xuất của tôi" }))
            .ToBeVisibleAsync();
        await Expect(page.GetByTestId("export-jobs").Locator("tbody tr").First).ToContainTextAsync("Đang chờ");
        await browser.ScreenshotAsync("queued");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));

        // The page follows the job by itself (no reload): the file's link appears once it is written.
        Assert.True(await site.RunExportsAsync() >= 1);
        await Expect(page.GetByTestId("export-jobs").Locator("tbody tr").First)
            .ToContainTextAsync("Đã xong", new() { Timeout = 15_000 });
        await browser.ScreenshotAsync("done");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải về" }).First.ClickAsync()
        );
        var folder = Directory.CreateTempSubdirectory("danvan-e2e-export").FullName;
        var file = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        Assert.EndsWith(".xlsx", file, StringComparison.Ordinal);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Count();
        Assert.True(rows > 0, "the commune's petitions are in the file");
        browser.AssertNothingWentWrong();
        Directory.Delete(folder, recursive: true);
    }
}
