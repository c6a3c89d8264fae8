using System.Diagnostics;
using DanVan.E2E.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Last month's report, through the pages: Xã Tiên Du's officer writes and submits it on a phone; the province's officer
/// returns it with a reason; the commune corrects and submits it again; the province approves the communes still
/// waiting, writes and submits its own report, and a province leader approves it — which locks the communes' — and
/// downloads it as Word and PDF. The figures on the report equal the province's dashboard for the month.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class ReportFlowTests(DemoSite site)
{
    private const string Sessions = "dialogues.sessions";
    private const string Received = "petitions.received";

    [Fact]
    public async Task A_commune_submits_the_province_returns_it_the_commune_resubmits_and_the_province_approves_and_downloads()
    {
        // The commune, on a phone.
        await using var commune = await site.OpenAsync("report-commune", 360, 780);
        await commune.SignInAsync("tiendu.canbo@danvan.demo");
        await commune.GotoAsync("/reports");
        await commune.ScreenshotAsync("reports");
        var newest = commune.Page.Locator("[data-record-list] tbody > tr").First;
        var roundTitle = await newest.Locator("a[data-round]").InnerTextAsync();
        await newest.GetByRole(AriaRole.Link, new() { Name = "Báo cáo của đơn vị bạn" }).ClickAsync();
        await Expect(commune.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tiên Du");
        await Expect(commune.Page.Locator(".status").First).ToHaveTextAsync("Đang soạn");
        await Expect(commune.Page.Locator($"tr[data-key='{Sessions}']")).ToBeVisibleAsync();
        var reportUrl = commune.Page.Url;
        await commune.ScreenshotAsync("draft");
        await commune.Page.GetByRole(AriaRole.Link, new() { Name = "Viết báo cáo" }).ClickAsync();
        await commune
            .Page.Locator("textarea[id='Sections[0].Text']")
            .FillAsync(
                "Đảng ủy xã lãnh đạo triển khai Kế hoạch công tác dân vận tháng.\n- Quán triệt đến 100% chi bộ.\n- Phân công cán bộ phụ trách thôn."
            );
        await commune.Page.Locator("textarea[id='Sections[5].Text']").FillAsync("Ưu điểm: phối hợp chặt chẽ.");
        await commune.ScreenshotAsync("write");
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(commune.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu báo cáo.");
        await Expect(commune.Page.Locator(".narrative li").First).ToHaveTextAsync("Quán triệt đến 100% chi bộ.");
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Expect(commune.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã gửi báo cáo");
        await Expect(commune.Page.Locator(".status").First).ToHaveTextAsync("Đã gửi");
        await commune.ScreenshotAsync("submitted");

        // The province returns it.
        await using var province = await site.OpenAsync("report-province", 1280, 900);
        await province.SignInAsync("tinh.canbo@danvan.demo");
        await province.GotoAsync("/reports");
        await province.Page.GetByRole(AriaRole.Link, new() { Name = roundTitle }).ClickAsync();
        await Expect(province.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(roundTitle);
        await province.ScreenshotAsync("round");
        var roundUrl = province.Page.Url.Split('?')[0];
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Chờ duyệt" }).ClickAsync();
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Tiên Du", Exact = true }).ClickAsync();
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(province.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await province.ScreenshotAsync("return-without-reason");
        await province.Page.GetByLabel("Lý do Trả lại").FillAsync("Đề nghị bổ sung kết quả đối thoại với Nhân dân.");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(province.Page.Locator(".status").First).ToHaveTextAsync("Bị trả lại");

        // The commune sees why, corrects and submits again.
        await commune.GotoAsync(new Uri(reportUrl).PathAndQuery);
        await Expect(commune.Page.Locator(".notice--warning")).ToContainTextAsync("bổ sung kết quả đối thoại");
        await commune.Page.GetByRole(AriaRole.Link, new() { Name = "Viết báo cáo" }).ClickAsync();
        await commune
            .Page.Locator("textarea[id='Sections[3].Text']")
            .FillAsync("Tổ chức 01 hội nghị đối thoại về giải phóng mặt bằng.");
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(commune.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu báo cáo.");
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Expect(commune.Page.Locator(".status").First).ToHaveTextAsync("Đã gửi");
        commune.AssertNothingWentWrong();

        // The province approves every commune still waiting.
        for (var guard = 0; guard < 20; guard++)
        {
            await province.GotoAsync(roundUrl + "?show=submitted");
            var waiting = province.Page.Locator("tbody tr a[href^='/reports/']");
            if (await waiting.CountAsync() == 0)
            {
                break;
            }

            await waiting.First.ClickAsync();
            await province.Page.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
            await Expect(province.Page.Locator(".status").First).ToHaveTextAsync("Đã duyệt");
        }

        // Its own report: written and submitted by the officer.
        await province.GotoAsync(roundUrl);
        await province.Page.Locator("tbody tr").First.Locator("a").ClickAsync();
        var provinceReport = new Uri(province.Page.Url).AbsolutePath;
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Viết báo cáo" }).ClickAsync();
        await province
            .Page.Locator("textarea[id='Sections[0].Text']")
            .FillAsync(
                "Ban Thường vụ Tỉnh ủy chỉ đạo tổ chức thực hiện chủ đề năm “Dân vận chính quyền”.\n- Hướng dẫn các đảng ủy xã, phường xây dựng kế hoạch.\n- Kiểm tra, giám sát việc thực hiện Quy chế dân chủ ở cơ sở."
            );
        await province
            .Page.Locator("textarea[id='Sections[7].Text']")
            .FillAsync("Đề nghị Ban Dân vận Trung ương sớm ban hành hướng dẫn đánh giá mô hình “Dân vận khéo”.");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Expect(province.Page.Locator(".status").First).ToHaveTextAsync("Đã gửi");
        // The officer may not approve it: no "Duyệt" button.
        await Expect(province.Page.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }))
            .ToHaveCountAsync(0);
        province.AssertNothingWentWrong();

        // A leader of the province approves it; the communes' reports are locked.
        var leaderEmail = await site.CreateLeaderAsync("report.lanhdao@danvan.demo");
        await using var leader = await site.OpenAsync("report-leader", 1280, 900);
        await leader.SignInAsync(leaderEmail);
        await leader.GotoAsync(provinceReport);
        await leader.Page.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await Expect(leader.Page.Locator(".status").First).ToHaveTextAsync("Đã duyệt");
        await leader.Page.Locator("details.children summary").ClickAsync();
        var children = leader.Page.Locator("section[aria-labelledby=children-heading] tbody tr");
        Assert.True(await children.CountAsync() > 50, "the province's communes are listed");
        Assert.All(await children.Locator("td[data-label='Trạng thái'] .status:first-child").AllInnerTextsAsync(), s =>
            Assert.Equal("Đã khóa", s.Trim())
        );
        await leader.ScreenshotAsync("approved");

        // Every figure of the report equals the province's dashboard for the same month.
        var dashboard = await DashboardFiguresAsync(leader, provinceReport);
        foreach (var key in new[] { Sessions, Received, "models.registered", "dialogues.receptions" })
        {
            await leader.GotoAsync(provinceReport);
            var onReport = (await leader.Page.Locator($"tr[data-key='{key}'] .figure-value").InnerTextAsync()).Trim();
            Assert.Equal(dashboard[key], onReport);
        }

        // The documents.
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "documents")).FullName;
        var docx = await DownloadAsync(leader, "Tệp Word (.docx)", Path.Combine(folder, "report-province.docx"));
        using (var word = WordprocessingDocument.Open(docx, false))
        {
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("BAN TUYÊN GIÁO VÀ DÂN VẬN", text, StringComparison.Ordinal);
            Assert.Contains("Tổng hợp số liệu báo cáo của các đơn vị trực thuộc", text, StringComparison.Ordinal);
            // The communes' reports are quoted under their table, and the counted figures are drawn.
            Assert.Contains("Trích nội dung báo cáo của các đơn vị:", text, StringComparison.Ordinal);
            Assert.NotEmpty(word.MainDocumentPart.ImageParts);
        }

        var pdf = await DownloadAsync(leader, "Tệp PDF", Path.Combine(folder, "report-province.pdf"));
        var pages = Run("pdftotext", "-layout", pdf, "-");
        Assert.Contains("BÁO CÁO", pages, StringComparison.Ordinal);
        Assert.Contains(dashboard[Sessions], pages, StringComparison.Ordinal);
        Run(
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "2",
            pdf,
            Path.Combine(RepoPaths.Screenshots, "report-province-pdf")
        );
        leader.AssertNothingWentWrong();
    }

    /// <summary>The figures of the unit's dashboard for the report's period, reached from the report, as shown.</summary>
    private static async Task<Dictionary<string, string>> DashboardFiguresAsync(
        BrowserSession browser,
        string reportPath
    )
    {
        await browser.GotoAsync(reportPath);
        await browser
            .Page.GetByRole(AriaRole.Link, new() { Name = "Tổng quan số liệu của đơn vị trong kỳ" })
            .ClickAsync();
        await Expect(browser.Page.Locator("li.figure[data-key]").First).ToBeVisibleAsync();
        var figures = new Dictionary<string, string>();
        foreach (var figure in await browser.Page.Locator("li.figure[data-key]").AllAsync())
        {
            figures[await figure.GetAttributeAsync("data-key") ?? ""] = (
                await figure.Locator(".figure__value").InnerTextAsync()
            ).Trim();
        }

        return figures;
    }

    private static async Task<string> DownloadAsync(BrowserSession browser, string link, string path)
    {
        var download = await browser.Page.RunAndWaitForDownloadAsync(() =>
            browser.Page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync()
        );
        await download.SaveAsAsync(path);
        return path;
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {errors}");
        return output;
    }
}
