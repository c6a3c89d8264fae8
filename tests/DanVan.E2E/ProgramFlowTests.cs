using DanVan.E2E.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A plan down the tree, through the pages: the province's officer drafts the People's Committee's plan of the year with
/// three items, its leader approves it by a decision and the officer publishes it; Xã Tiên Du's officer, on a phone,
/// concretizes it — three items, each implementing one of the province's — and submits it; the commune's leader approves
/// it; the province sees Tiên Du's column of the coverage matrix filled and downloads the matrix as a workbook. (The demo
/// holds the Party committees' work programs; this flow uses the other kind, so it starts from nothing.)
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class ProgramFlowTests(DemoSite site)
{
    private static readonly string[] Tasks =
    [
        "Tiếp nhận và giải quyết kiến nghị của Nhân dân đúng hạn",
        "Đối thoại với Nhân dân về giải phóng mặt bằng",
        "Công khai thủ tục hành chính tại bộ phận một cửa",
    ];

    [Fact]
    public async Task The_province_publishes_its_plan_a_commune_concretizes_three_items_and_the_province_sees_the_matrix()
    {
        var year = DateTime.UtcNow.AddHours(7).Year;
        var title = $"Kế hoạch công tác dân vận chính quyền năm {year}";

        // The province drafts its plan.
        await using var province = await site.OpenAsync("program-province", 1280, 900);
        await province.SignInAsync("tinh.canbo@danvan.demo");
        await province.GotoAsync("/programs");
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Xây dựng chương trình" }).ClickAsync();
        await province
            .Page.GetByLabel("Loại văn bản")
            .SelectOptionAsync(new SelectOptionValue { Label = "Kế hoạch (Ủy ban nhân dân)" });
        await province.Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync(title);
        await province.Page.Locator("input[id='Bases[0].Number']").FillAsync("Kết luận số 114-KL/TW");
        await province.Page.Locator("input[id='Bases[0].Issuer']").FillAsync("Ban Bí thư");
        await province.ScreenshotAsync("new");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu chương trình.");
        var planUrl = province.Page.Url.Split('?')[0];
        foreach (var (task, i) in Tasks.Select((t, i) => (t, i)))
        {
            await province.Page.GetByRole(AriaRole.Link, new() { Name = "Thêm nhiệm vụ" }).ClickAsync();
            await province.Page.GetByLabel("Nội dung nhiệm vụ").FillAsync(task);
            await province
                .Page.GetByLabel("Tháng hoàn thành")
                .SelectOptionAsync(new SelectOptionValue { Label = $"Tháng {3 + (3 * i)}" });
            await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
            await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu nhiệm vụ.");
        }

        await Expect(province.Page.Locator("tr[data-item]")).ToHaveCountAsync(3);
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Trình cấp ủy" }).ClickAsync();
        await Expect(province.Page.Locator(".status").First).ToHaveTextAsync("Đã trình");

        // Its leader approves it by a decision; an approval without a number is refused at the field.
        await using var leader = await site.OpenAsync("program-province-leader", 1280, 900);
        // A leader of its own (the demo's leaders set up their second factor in other tests).
        await leader.SignInAsync(await site.CreateLeaderAsync("program.lanhdao@danvan.demo"));
        await leader.GotoAsync(new Uri(planUrl).AbsolutePath);
        await leader.Page.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Expect(leader.Page.Locator(".error-summary")).ToContainTextAsync("Số quyết định");
        await leader.Page.GetByLabel("Số quyết định").FillAsync("1520/QĐ-UBND");
        await leader.ScreenshotAsync("approve");
        await leader.Page.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Expect(leader.Page.Locator(".status").First).ToHaveTextAsync("Đã phê duyệt");
        leader.AssertNothingWentWrong();

        await province.Page.ReloadAsync();
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
        await Expect(province.Page.Locator(".status").First).ToHaveTextAsync("Đã ban hành");
        await Expect(province.Page.GetByRole(AriaRole.Link, new() { Name = "Sửa chương trình" })).ToHaveCountAsync(0);
        await province.ScreenshotAsync("published");

        // The commune concretizes it on a phone.
        await using var commune = await site.OpenAsync("program-commune", 360, 780);
        await commune.SignInAsync("tiendu.canbo@danvan.demo");
        await commune.GotoAsync("/programs");
        await Expect(commune.Page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await commune.ScreenshotAsync("list");
        await commune.Page.GetByRole(AriaRole.Link, new() { Name = "Xây dựng chương trình" }).ClickAsync();
        await commune
            .Page.GetByLabel("Loại văn bản")
            .SelectOptionAsync(new SelectOptionValue { Label = "Kế hoạch (Ủy ban nhân dân)" });
        await commune
            .Page.GetByLabel("Tiêu đề", new() { Exact = true })
            .FillAsync($"Kế hoạch công tác dân vận chính quyền xã Tiên Du năm {year}");
        await commune
            .Page.GetByLabel("Cụ thể hóa chương trình")
            .SelectOptionAsync(new SelectOptionValue { Label = $"{title} (Bắc Ninh)" });
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(commune.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu chương trình.");
        var communeUrl = new Uri(commune.Page.Url.Split('?')[0]).AbsolutePath;
        foreach (var (task, i) in Tasks.Select((t, i) => (t, i)))
        {
            await commune.Page.GetByRole(AriaRole.Link, new() { Name = "Thêm nhiệm vụ" }).ClickAsync();
            await commune.Page.GetByLabel("Nội dung nhiệm vụ").FillAsync(task + " trên địa bàn xã");
            await commune
                .Page.GetByLabel("Cụ thể hóa nhiệm vụ")
                .SelectOptionAsync(new SelectOptionValue { Label = $"{i + 1}. {task}" });
            await commune
                .Page.GetByLabel("Quý hoàn thành")
                .SelectOptionAsync(new SelectOptionValue { Label = $"Quý {i + 2}" });
            if (i == 0)
            {
                await commune.ScreenshotAsync("item");
            }

            await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
            await Expect(commune.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu nhiệm vụ.");
        }

        await Expect(commune.Page.Locator("tr[data-item]")).ToHaveCountAsync(3);
        await Expect(commune.Page.Locator("tr[data-item]").First).ToContainTextAsync("Cụ thể hóa nhiệm vụ 1:");
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Trình cấp ủy" }).ClickAsync();
        await Expect(commune.Page.Locator(".status").First).ToHaveTextAsync("Đã trình");
        await commune.ScreenshotAsync("submitted");
        commune.AssertNothingWentWrong();

        // Its Party committee approves.
        await using var committee = await site.OpenAsync("program-commune-leader", 360, 780);
        await committee.SignInAsync(
            await site.CreateLeaderAsync("program.xa.lanhdao@danvan.demo", DanVan.Demo.BacNinhDemo.CommuneCode)
        );
        await committee.GotoAsync(communeUrl);
        await committee.Page.GetByLabel("Số quyết định").FillAsync("45/QĐ-UBND");
        await committee.Page.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Expect(committee.Page.Locator(".status").First).ToHaveTextAsync("Đã phê duyệt");
        await committee.ScreenshotAsync("approved");
        committee.AssertNothingWentWrong();

        // The commune files the signed decision with its program.
        await commune.GotoAsync(communeUrl);
        await commune
            .Page.GetByLabel("Thêm tài liệu (giấy mời, biên bản, văn bản trả lời…)")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "quyet-dinh-phe-duyet.pdf",
                    MimeType = "application/pdf",
                    Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
                }
            );
        await commune.Page.Locator("form.panel button[type=submit]").ClickAsync();
        await Expect(commune.Page.Locator("ul.attachments")).ToContainTextAsync("quyet-dinh-phe-duyet.pdf");
        commune.AssertNothingWentWrong();

        // The province's matrix: Tiên Du approved, the three items covered.
        await province.GotoAsync(new Uri(planUrl).AbsolutePath);
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Ma trận cụ thể hóa" }).ClickAsync();
        var column = province.Page.Locator("section[aria-labelledby=byunit-heading] tr", new() { HasText = "Tiên Du" });
        await Expect(column).ToContainTextAsync("Đã phê duyệt");
        await Expect(column).ToContainTextAsync("3/3 nhiệm vụ (100%)");
        await Expect(province.Page.Locator("table.matrix tbody tr")).ToHaveCountAsync(3);
        await province.ScreenshotAsync("coverage");
        var download = await province.Page.RunAndWaitForDownloadAsync(() =>
            province.Page.GetByRole(AriaRole.Link, new() { Name = "Tải ma trận (Excel)" }).ClickAsync()
        );
        var path = Path.Combine(Path.GetTempPath(), $"coverage-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        using (var book = SpreadsheetDocument.Open(path, false))
        {
            var texts = book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
            texts += string.Concat(book.WorkbookPart.WorksheetParts.Select(p => p.Worksheet.InnerText));
            Assert.Contains("Tiên Du", texts, StringComparison.Ordinal);
        }

        province.AssertNothingWentWrong();
    }
}
