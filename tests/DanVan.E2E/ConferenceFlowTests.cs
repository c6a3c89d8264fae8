using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A thematic conference through the pages: the province's officer records a "Dân vận khéo" conference with Xã Tiên Du and
/// Phường Kinh Bắc taking part and a recognized model presented, and records Tiên Du's commitment to replicate it; Tiên
/// Du's officer, on a phone, turns the commitment into a replication (refused first without an organization), and the
/// conference shows it replicated, linked to the replication in the registry.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class ConferenceFlowTests(DemoSite site)
{
    [Fact]
    public async Task A_conference_records_a_commitment_and_the_commune_turns_it_into_a_replication()
    {
        var title = $"Hội nghị chuyên đề dân vận chính quyền {Guid.NewGuid():N}"[..48];
        await using var province = await site.OpenAsync("conference-province", 1280, 900);
        await province.SignInAsync("tinh.canbo@danvan.demo");
        await province.GotoAsync("/conferences");
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Ghi hội nghị chuyên đề" }).ClickAsync();
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync("Ghi hội nghị chuyên đề");
        await province
            .Page.GetByLabel("Loại hội nghị")
            .SelectOptionAsync(new SelectOptionValue { Label = "Dân vận chính quyền" });
        await province.Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync(title);
        await province.Page.GetByLabel("Địa điểm").FillAsync("Hội trường UBND tỉnh");
        var participants = province.Page.Locator("#ParticipantIds");
        await participants.Locator("summary").ClickAsync();
        await participants.Locator("label", new() { HasText = "Tiên Du" }).Locator("input").CheckAsync();
        await participants.Locator("label", new() { HasText = "Kinh Bắc" }).Locator("input").CheckAsync();
        await province.Page.Locator("#ModelIds summary").ClickAsync();
        var model = province.Page.Locator("#ModelIds label").Filter(new() { HasNotText = "Tiên Du" }).First;
        await model.Locator("input").CheckAsync();
        await province.ScreenshotAsync("new");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu hội nghị.");
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync(title);
        var conferenceUrl = new Uri(province.Page.Url.Split('?')[0]).AbsolutePath;

        // A commitment before the conference's day is refused at the field; then Tiên Du's is recorded.
        var modelName = (await province.Page.Locator("#ModelId option").Nth(1).InnerTextAsync()).Trim();
        var tienDu = await province
            .Page.Locator("#UnitId option", new() { HasText = "Tiên Du" })
            .GetAttributeAsync("value");
        await province.Page.GetByLabel("Đơn vị cam kết").SelectOptionAsync(tienDu!);
        await province
            .Page.GetByLabel("Mô hình", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await province.Page.GetByLabel("Thời hạn nhân rộng").FillAsync("2000-01-01");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Ghi cam kết nhân rộng" }).ClickAsync();
        await Expect(province.Page.Locator(".error-summary")).ToContainTextAsync("Thời hạn phải");
        await province.Page.GetByLabel("Đơn vị cam kết").SelectOptionAsync(tienDu!);
        await province
            .Page.GetByLabel("Mô hình", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await province
            .Page.GetByLabel("Thời hạn nhân rộng")
            .FillAsync(DateTime.UtcNow.AddHours(7).AddDays(90).ToString("yyyy-MM-dd"));
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Ghi cam kết nhân rộng" }).ClickAsync();
        await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã ghi cam kết.");
        var row = province.Page.Locator("tr[data-commitment]", new() { HasText = "Tiên Du" });
        await Expect(row).ToContainTextAsync("Chưa thực hiện");
        await province.ScreenshotAsync("committed");
        province.AssertNothingWentWrong();

        // Tiên Du's officer, on a phone, turns it into a replication.
        await using var commune = await site.OpenAsync("conference-commune", 360, 780);
        await commune.SignInAsync("tiendu.canbo@danvan.demo");
        await commune.GotoAsync("/conferences");
        await commune.Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await commune.ScreenshotAsync("conference");
        await commune
            .Page.Locator("tr[data-commitment]", new() { HasText = "Tiên Du" })
            .GetByRole(AriaRole.Link, new() { Name = "Chuyển thành nhân rộng" })
            .ClickAsync();
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Chuyển thành nhân rộng" }).ClickAsync();
        await Expect(commune.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await commune.Page.GetByLabel("Tổ chức chủ trì").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await commune
            .Page.GetByLabel("Điều chỉnh cho phù hợp với địa phương")
            .FillAsync("Áp dụng tại bộ phận một cửa của xã, bổ sung tổ tư vấn thủ tục cho người cao tuổi.");
        await commune.ScreenshotAsync("replicate");
        await commune.Page.GetByRole(AriaRole.Button, new() { Name = "Chuyển thành nhân rộng" }).ClickAsync();
        await Expect(commune.Page.Locator(".notice[role=status]")).ToContainTextAsync("Cam kết đã được chuyển");
        var replicated = commune.Page.Locator("tr[data-commitment]", new() { HasText = "Tiên Du" });
        await Expect(replicated).ToContainTextAsync("Đã nhân rộng");
        await commune.ScreenshotAsync("replicated");
        await replicated.GetByRole(AriaRole.Link, new() { Name = "Nhân rộng: Đang thực hiện" }).ClickAsync();
        await Expect(commune.Page.Locator("h1")).ToContainTextAsync(modelName);
        commune.AssertNothingWentWrong();

        // The province sees it too; the replication is no longer offered.
        await province.GotoAsync(conferenceUrl);
        await Expect(province.Page.Locator("tr[data-commitment]", new() { HasText = "Tiên Du" }))
            .ToContainTextAsync("Đã nhân rộng");
        await Expect(province.Page.GetByRole(AriaRole.Link, new() { Name = "Chuyển thành nhân rộng" }))
            .ToHaveCountAsync(0);
        province.AssertNothingWentWrong();
    }
}
