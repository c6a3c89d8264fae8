using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Cadre records in the browser: the ward's personnel officer, on a phone, records a new cadre (a date of birth that
/// makes her 12 is refused at the field first) and her post; the ward's officer finds her on the list with the name
/// masked and cannot reveal it; the province's staffing plan counts her in the ward's staff; the province's personnel
/// officer finds her by name (a form post, so the name stays out of the address) and reveals her.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class PersonnelFlowTests(DemoSite site)
{
    [Fact]
    public async Task A_ward_records_a_new_cadre_on_a_phone_and_only_the_personnel_officers_see_her_name()
    {
        var name = "Kha Thị Thanh Hoa";
        // The province's staffing plan before: Kinh Bắc's staff in post.
        await using var province = await site.OpenAsync("personnel-province", 1280, 900);
        await province.SignInAsync("tinh.tochuc@danvan.demo");
        await province.GotoAsync("/staffing");
        var kinhBac = province.Page.Locator("tr[data-unit]", new() { HasText = "Kinh Bắc" });
        var staffBefore = int.Parse(
            (await kinhBac.Locator("td").Nth(1).InnerTextAsync()).Trim(),
            System.Globalization.CultureInfo.InvariantCulture
        );

        await using var ward = await site.OpenAsync("personnel-ward", 360, 780);
        await ward.SignInAsync("kinhbac.tochuc@danvan.demo");
        await ward.GotoAsync("/cadres");
        await ward.Page.GetByRole(AriaRole.Link, new() { Name = "Thêm cán bộ" }).ClickAsync();
        await Expect(ward.Page.Locator("h1")).ToHaveTextAsync("Thêm cán bộ");
        await ward.Page.GetByLabel("Họ và tên").FillAsync(name);
        var twelve = DateTime.UtcNow.AddHours(7).AddYears(-12).ToString("yyyy-MM-dd");
        await ward.Page.GetByLabel("Ngày sinh").FillAsync(twelve);
        await ward.Page.GetByLabel("Giới tính").SelectOptionAsync(new SelectOptionValue { Label = "Nữ" });
        await ward
            .Page.GetByLabel("Trình độ lý luận chính trị")
            .SelectOptionAsync(new SelectOptionValue { Label = "Trung cấp" });
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(ward.Page.Locator(".error-summary")).ToContainTextAsync("tuổi");
        await ward.ScreenshotAsync("refused");
        await ward.Page.GetByLabel("Ngày sinh").FillAsync("1994-03-08");
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(ward.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu hồ sơ cán bộ.");
        // The page shows her masked until revealed, even to the officer who just typed the name.
        await Expect(ward.Page.Locator("h1")).ToHaveTextAsync("K••• T••• T••• H•••");
        var cadreUrl = new Uri(ward.Page.Url.Split('?')[0]).AbsolutePath;

        await ward.Page.GetByRole(AriaRole.Link, new() { Name = "Thêm chức vụ" }).ClickAsync();
        await Expect(ward.Page.Locator("h1")).ToHaveTextAsync("Thêm chức vụ");
        await ward
            .Page.GetByLabel("Cơ quan", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Đảng ủy phường Kinh Bắc" });
        await ward.Page.GetByLabel("Chức vụ").SelectOptionAsync(new SelectOptionValue { Label = "Chuyên viên" });
        await ward.Page.GetByLabel("Từ ngày").FillAsync(DateTime.UtcNow.AddHours(7).AddDays(-3).ToString("yyyy-MM-dd"));
        await ward.ScreenshotAsync("post");
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(ward.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu chức vụ.");
        await Expect(ward.Page.Locator("li[data-position]")).ToContainTextAsync("Chuyên viên");
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }).ClickAsync();
        await Expect(ward.Page.Locator("h1")).ToHaveTextAsync(name);
        await ward.ScreenshotAsync("cadre");
        ward.AssertNothingWentWrong();

        // The ward's officer: the list shows her masked; no reveal offered.
        await using var officer = await site.OpenAsync("personnel-officer", 1280, 900);
        await officer.SignInAsync("kinhbac.canbo@danvan.demo");
        await officer.GotoAsync(cadreUrl);
        await Expect(officer.Page.Locator("h1")).ToHaveTextAsync("K••• T••• T••• H•••");
        await Expect(officer.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }))
            .ToHaveCountAsync(0);
        await Expect(officer.Page.Locator("main")).Not.ToContainTextAsync("Thanh Hoa");
        officer.AssertNothingWentWrong();

        // The province's staffing plan counts her: Kinh Bắc's staff one more, its gap one less.
        await province.GotoAsync("/staffing");
        await Expect(kinhBac.Locator("td").Nth(1))
            .ToHaveTextAsync((staffBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await province.ScreenshotAsync("staffing");

        // The province's personnel officer finds her by name and reveals her.
        await province.GotoAsync("/cadres");
        await province.Page.GetByLabel("Họ tên (cán bộ tổ chức)").FillAsync("kha thi thanh hoa");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Tìm theo họ tên" }).ClickAsync();
        await Expect(province.Page.Locator("a[data-cadre]")).ToHaveCountAsync(1);
        Assert.DoesNotContain("thanh", province.Page.Url, StringComparison.OrdinalIgnoreCase);
        await province.Page.Locator("a[data-cadre]").ClickAsync();
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }).ClickAsync();
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync(name);
        await province.ScreenshotAsync("revealed");
        province.AssertNothingWentWrong();
    }

    /// <summary>
    /// A commune's quota given body by body: the province's personnel officer, on a phone, opens Đa Mai's plan (the
    /// demo gives its quota to the Party committee and the Front), raises the Front's quota by one, and sees the Front's
    /// row and the ward's total move; a quota for the whole unit on top is refused with the reason, nothing written.
    /// </summary>
    [Fact]
    public async Task The_province_raises_a_wards_Front_quota_and_the_plan_shows_it_by_body()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        await using var province = await site.OpenAsync("quota-body", 360, 780);
        await province.SignInAsync("tinh.tochuc@danvan.demo");
        await province.GotoAsync("/staffing");
        var daMai = province.Page.Locator("tr[data-unit]", new() { HasText = "Đa Mai" });
        var totalBefore = int.Parse((await daMai.Locator("td").Nth(0).InnerTextAsync()).Trim(), invariant);
        await daMai.Locator("th a").ClickAsync();
        await Expect(province.Page.Locator("#bodies-heading")).ToHaveTextAsync("Định biên và cán bộ theo tổ chức");
        var front = province.Page.Locator("tr[data-body]", new() { HasText = "Mặt trận" });
        var frontBefore = int.Parse((await front.Locator("td").Nth(0).InnerTextAsync()).Trim(), invariant);
        await province.ScreenshotAsync("bodies");

        await front.GetByRole(AriaRole.Link, new() { Name = "Giao định biên" }).ClickAsync();
        await Expect(province.Page.Locator("#quota-for")).ToContainTextAsync("Mặt trận");
        await Expect(province.Page.Locator("nav.tabs a[aria-current=page]")).ToContainTextAsync("Mặt trận");
        await province
            .Page.GetByLabel("Định biên (cán bộ chuyên trách)")
            .FillAsync((frontBefore + 1).ToString(invariant));
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu định biên.");
        await Expect(front.Locator("td").Nth(0)).ToHaveTextAsync((frontBefore + 1).ToString(invariant));
        await Expect(province.Page.Locator("li[data-key=quota] .figure__value"))
            .ToHaveTextAsync((totalBefore + 1).ToString(invariant));
        await front.ScrollIntoViewIfNeededAsync();
        await province.ScreenshotAsync("bodies-after");

        // The whole unit's quota on top: refused, with the reason.
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Giao định biên" }).First.ClickAsync();
        await Expect(province.Page.Locator("#quota-for")).ToBeVisibleAsync();
        // The first link may open a body's tab or the whole unit's form already; clicking the whole unit's tab on
        // its own page would reload it under the filled field (and empty it), so only switch when on another tab.
        if (province.Page.Url.Contains("body=", StringComparison.Ordinal))
        {
            await province.Page.GetByRole(AriaRole.Link, new() { Name = "Chung cho cả đơn vị" }).ClickAsync();
            await province.Page.WaitForURLAsync(url => !url.Contains("body=", StringComparison.Ordinal));
        }

        await Expect(province.Page.Locator("#quota-for")).ToHaveTextAsync("Chung cho cả đơn vị");
        await Expect(province.Page.Locator("nav.tabs")).ToContainTextAsync("đang được giao cho từng tổ chức");
        await province.Page.GetByLabel("Định biên (cán bộ chuyên trách)").FillAsync("9");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".error-summary")).ToContainTextAsync("đã giao định biên cho từng tổ chức");
        await province.ScreenshotAsync("whole-unit-refused");
        await province.GotoAsync("/staffing");
        await Expect(daMai.Locator("td").Nth(0)).ToHaveTextAsync((totalBefore + 1).ToString(invariant));
        province.AssertNothingWentWrong();
    }

    /// <summary>
    /// "The province holds the commune": the province's personnel officer finds Kinh Bắc among the communes nobody holds,
    /// assigns a province cadre to it, and the ward's leader, on a phone, sees on the ward's page who holds it (masked);
    /// the coverage report no longer lists the ward, and still lists its villages left to nobody.
    /// </summary>
    [Fact]
    public async Task The_province_assigns_a_cadre_to_hold_a_ward_and_the_wards_page_shows_it()
    {
        await using var province = await site.OpenAsync("responsibility-province", 1280, 900);
        await province.SignInAsync("tinh.tochuc@danvan.demo");
        await province.GotoAsync("/responsibilities");
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync("Phân công phụ trách địa bàn");
        var card = province.Page.Locator(
            "li[data-coverage]",
            new() { Has = province.Page.GetByRole(AriaRole.Link, new() { Name = "Kinh Bắc", Exact = true }) }
        );
        await Expect(card).ToContainTextAsync("Chưa có người phụ trách");
        var wardId = await card.GetAttributeAsync("data-coverage");
        var heldBefore = await HeldAsync(province);
        await province.ScreenshotAsync("coverage-before");
        await card.GetByRole(AriaRole.Link, new() { Name = "Phân công phụ trách" }).ClickAsync();
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync("Phân công phụ trách");
        await province.Page.GetByLabel("Cán bộ phụ trách").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await province.Page.GetByLabel("Ghi chú").FillAsync("Nắm tình hình, dự sinh hoạt chi bộ khu phố hằng quý");
        await province.ScreenshotAsync("assign");
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu");
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync("Phụ trách Kinh Bắc");
        var assignment = new Uri(province.Page.Url).AbsolutePath;
        province.AssertNothingWentWrong();

        // The ward's leader, on a phone: the ward's page shows who holds it, the name masked.
        await using var leader = await site.OpenAsync("responsibility-ward", 360, 780);
        await leader.SignInAsync("kinhbac.lanhdao@danvan.demo");
        await leader.GotoAsync($"/units/{wardId}");
        var holders = leader.Page.Locator("[data-testid=unit-holders]");
        await Expect(holders.Locator("h2")).ToHaveTextAsync("Người phụ trách địa bàn (1)");
        await Expect(holders.Locator("li[data-responsibility] h3")).ToContainTextAsync("•••");
        await Expect(holders).ToContainTextAsync("Chưa có báo cáo đi cơ sở");
        await holders.ScrollIntoViewIfNeededAsync();
        await leader.ScreenshotAsync("ward-page");
        leader.AssertNothingWentWrong();

        // The coverage report: the ward is held now; its own villages are still left to nobody.
        await province.GotoAsync("/responsibilities");
        await Expect(province.Page.Locator($"li[data-coverage='{wardId}']")).ToHaveCountAsync(0);
        Assert.Equal(heldBefore + 1, await HeldAsync(province));
        await province.GotoAsync($"/responsibilities?unitId={wardId}");
        await Expect(province.Page.Locator("h2#coverage-title")).ToContainTextAsync("Kinh Bắc");
        Assert.True(await province.Page.Locator("li[data-coverage]").CountAsync() > 0);
        await Expect(province.Page.Locator("li[data-coverage]").First).ToContainTextAsync("Chưa có người phụ trách");
        await Expect(province.Page.Locator("li[data-responsibility]")).ToHaveCountAsync(1);
        await province.ScreenshotAsync("coverage-ward");

        // The holder's visit raises an issue; the ward's officer, on a phone, turns it into a petition from the visit
        // (the issue is the petition's content, the visit's day its day), and the visit then links to the petition.
        var issue = "Người dân khu phố 3 đề nghị lắp đèn chiếu sáng ngõ 12";
        await province.GotoAsync(assignment);
        await province.Page.GetByLabel("Nội dung đã làm").FillAsync("Dự sinh hoạt chi bộ khu phố 3");
        await province.Page.GetByLabel("Vấn đề phát sinh, kiến nghị").FillAsync(issue);
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu báo cáo" }).ClickAsync();
        await Expect(province.Page.Locator("li[data-visit]")).ToHaveCountAsync(1);
        province.AssertNothingWentWrong();

        await using var officer = await site.OpenAsync("responsibility-petition", 360, 780);
        await officer.SignInAsync("kinhbac.canbo@danvan.demo");
        await officer.GotoAsync(assignment);
        await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận thành kiến nghị" }).ClickAsync();
        await Expect(officer.Page.Locator("h1")).ToHaveTextAsync("Tiếp nhận kiến nghị");
        await Expect(officer.Page.GetByLabel("Nội dung phản ánh, kiến nghị", new() { Exact = true }))
            .ToHaveValueAsync(issue);
        await Expect(officer.Page.GetByLabel("Ngày tiếp nhận", new() { Exact = true }))
            .ToHaveValueAsync(
                DateTime.UtcNow.AddHours(7).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
            );
        await officer
            .Page.GetByLabel("Hình thức tiếp nhận", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await officer
            .Page.GetByLabel("Lĩnh vực", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Hạ tầng, giao thông" });
        await officer.Page.GetByLabel("Trích yếu", new() { Exact = true }).FillAsync("Lắp đèn chiếu sáng ngõ 12");
        await officer
            .Page.GetByLabel("Người phản ánh, kiến nghị", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Nhóm công dân" });
        await officer.Page.GetByLabel("Họ và tên", new() { Exact = true }).FillAsync("Các hộ dân ngõ 12");
        await officer.ScreenshotAsync("petition-from-visit");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận kiến nghị" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("receipt-code")).ToBeVisibleAsync();
        await officer.GotoAsync(assignment);
        await Expect(
                officer.Page.GetByRole(AriaRole.Link, new() { Name = "Đã ghi nhận thành kiến nghị: xem kiến nghị" })
            )
            .ToBeVisibleAsync();
        officer.AssertNothingWentWrong();
    }

    /// <summary>
    /// Training: the province offers an intermediate political-theory course; the ward, on a phone, records a new cadre
    /// at elementary level with her post, enrols her in the province's course and records her completion; her record
    /// now reads intermediate, and the province's staffing plan shows Kinh Bắc's qualified share move.
    /// </summary>
    [Fact]
    public async Task A_ward_records_a_new_cadre_and_her_training_and_the_province_sees_the_qualified_share_move()
    {
        var today = DateTime.UtcNow.AddHours(7);
        var title = "Trung cấp lý luận chính trị – hành chính K26";
        await using var province = await site.OpenAsync("training-province", 1280, 900);
        await province.SignInAsync("tinh.tochuc@danvan.demo");
        await province.GotoAsync("/training");
        await province.Page.GetByRole(AriaRole.Link, new() { Name = "Mở lớp mới" }).ClickAsync();
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync("Mở lớp mới");
        await province.Page.GetByLabel("Đơn vị mở lớp").SelectOptionAsync(new SelectOptionValue { Label = "Bắc Ninh" });
        await province.Page.GetByLabel("Tên lớp").FillAsync(title);
        await province
            .Page.GetByLabel("Loại hình đào tạo, bồi dưỡng")
            .SelectOptionAsync(new SelectOptionValue { Label = "Lý luận chính trị" });
        await province
            .Page.GetByLabel("Trình độ lý luận chính trị được cấp")
            .SelectOptionAsync(new SelectOptionValue { Label = "Trung cấp" });
        await province.Page.GetByLabel("Ngày bắt đầu").FillAsync(today.AddMonths(-6).ToString("yyyy-MM-dd"));
        // The end before the start is refused at the field, nothing written.
        await province.Page.GetByLabel("Ngày kết thúc").FillAsync(today.AddMonths(-7).ToString("yyyy-MM-dd"));
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await province.Page.GetByLabel("Ngày kết thúc").FillAsync(today.AddDays(-5).ToString("yyyy-MM-dd"));
        await province.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(province.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu thông tin lớp.");
        await Expect(province.Page.Locator("h1")).ToHaveTextAsync(title);
        await province.ScreenshotAsync("course");

        // The ward records a new cadre at elementary level with a full-time post.
        await using var ward = await site.OpenAsync("training-ward", 360, 780);
        await ward.SignInAsync("kinhbac.tochuc@danvan.demo");
        await ward.GotoAsync("/cadres/new");
        await ward.Page.GetByLabel("Họ và tên").FillAsync("Lò Thị Mai");
        await ward.Page.GetByLabel("Ngày sinh").FillAsync("1991-05-19");
        await ward.Page.GetByLabel("Giới tính").SelectOptionAsync(new SelectOptionValue { Label = "Nữ" });
        await ward
            .Page.GetByLabel("Trình độ lý luận chính trị")
            .SelectOptionAsync(new SelectOptionValue { Label = "Sơ cấp" });
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(ward.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu hồ sơ cán bộ.");
        var cadreUrl = new Uri(ward.Page.Url.Split('?')[0]).AbsolutePath;
        await ward.Page.GetByRole(AriaRole.Link, new() { Name = "Thêm chức vụ" }).ClickAsync();
        await ward
            .Page.GetByLabel("Cơ quan", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Đảng ủy phường Kinh Bắc" });
        await ward.Page.GetByLabel("Chức vụ").SelectOptionAsync(new SelectOptionValue { Label = "Chuyên viên" });
        await ward.Page.GetByLabel("Từ ngày").FillAsync(today.AddMonths(-8).ToString("yyyy-MM-dd"));
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(ward.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu chức vụ.");

        // The province's plan with her in post, before her training.
        await province.GotoAsync("/staffing");
        var kinhBac = province.Page.Locator("tr[data-unit]", new() { HasText = "Kinh Bắc" });
        var shareBefore = (await kinhBac.Locator("td").Nth(3).InnerTextAsync()).Trim();

        // The ward enrols her in the province's course and records her completion.
        await ward.GotoAsync("/training");
        await ward.Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(ward.Page.Locator("h1")).ToHaveTextAsync(title);
        await ward
            .Page.GetByLabel("Cán bộ", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Lò Thị Mai – Kinh Bắc" });
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Cử đi học" }).ClickAsync();
        await Expect(ward.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã cử cán bộ đi học.");
        var card = ward.Page.Locator("li[data-enrolment]", new() { HasText = "L••• T••• M•••" });
        await Expect(card).ToContainTextAsync("Đang học");
        await card.GetByRole(AriaRole.Link, new() { Name = "Lưu kết quả" }).ClickAsync();
        await Expect(ward.Page.Locator("h1")).ToHaveTextAsync("Kết quả của L••• T••• M•••");
        await ward.Page.GetByLabel("Kết quả").SelectOptionAsync(new SelectOptionValue { Label = "Hoàn thành" });
        await ward.Page.GetByLabel("Số chứng chỉ, văn bằng").FillAsync("TC-K26/047");
        await ward.ScreenshotAsync("result");
        await ward.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả" }).ClickAsync();
        await Expect(ward.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã lưu kết quả học tập.");
        await Expect(card).ToContainTextAsync("Hoàn thành");
        await ward.ScreenshotAsync("course");

        // Her record: intermediate theory now, and the course among her training.
        await ward.GotoAsync(cadreUrl);
        await Expect(ward.Page.Locator("section[aria-labelledby=qualifications-heading]"))
            .ToContainTextAsync("Trung cấp");
        await Expect(ward.Page.Locator("li[data-training]")).ToContainTextAsync(title);
        await Expect(ward.Page.Locator("li[data-training]")).ToContainTextAsync("TC-K26/047");
        await ward.Page.Locator("li[data-training]").ScrollIntoViewIfNeededAsync();
        await ward.ScreenshotAsync("cadre-training");
        ward.AssertNothingWentWrong();

        // The province's plan: Kinh Bắc's qualified share has moved.
        await province.GotoAsync("/staffing");
        await Expect(kinhBac.Locator("td").Nth(3)).Not.ToHaveTextAsync(shareBefore);
        await province.ScreenshotAsync("staffing-after-training");
        province.AssertNothingWentWrong();
    }

    /// <summary>The coverage report's count of units held by someone (the catalogue's figure, read as the page shows
    /// it).</summary>
    private static async Task<int> HeldAsync(BrowserSession page) =>
        int.Parse(
            (await page.Page.Locator("[data-figure=held]").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture
        );
}
