using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>The campaign pages' forms, posted as a browser posts them: what they save, and what they refuse while
/// keeping the input.</summary>
public sealed class CampaignPageTests(CampaignApp app) : IClassFixture<CampaignApp>
{
    [Fact]
    public async Task A_province_officer_creates_a_campaign_through_the_form_then_edits_its_participants()
    {
        var tree = app.Tree;
        var officer = await app.CreateAccountAsync(Role.Officer, tree.P1);
        using var pages = await app.SignInAsync(officer);
        var url = $"/campaigns/new?unitId={tree.P1.Id}";

        // Refused: no name, an end before the start. The purpose, the dates and the ticks come back as typed.
        var refused = await pages.SubmitFormAsync(
            url,
            "campaign-edit",
            new()
            {
                ["Input.Purpose"] = "Bàn giao mặt bằng đúng hạn",
                ["Input.StartsOn"] = Iso(To),
                ["Input.EndsOn"] = Iso(From),
                ["Input.ReportingLevel"] = "Village",
                ["mode"] = "chosen",
                [$"take[{tree.C1.Id}]"] = "on",
            }
        );
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        var errors = PageClient.ErrorsOf(form);
        Assert.Contains("Vui lòng nhập “Tên phong trào”.", errors);
        Assert.Contains(errors, e => e.StartsWith("Ngày kết thúc phải từ", StringComparison.Ordinal));
        Assert.Equal("Bàn giao mặt bằng đúng hạn", form.QuerySelector("#Purpose")?.TextContent);
        Assert.Equal(Iso(To), form.QuerySelector("#StartsOn")?.GetAttribute("value"));
        Assert.True(form.QuerySelector("#mode-chosen")?.HasAttribute("checked"));
        Assert.True(form.QuerySelector($"input[name=\"take[{tree.C1.Id}]\"]")?.HasAttribute("checked"));
        Assert.False(form.QuerySelector($"input[name=\"take[{tree.C2.Id}]\"]")?.HasAttribute("checked"));
        Assert.Equal(
            0,
            await app.WithDbAsync(db =>
                db.Campaigns.CountAsync(c => c.UnitId == tree.P1.Id && c.Purpose == "Bàn giao mặt bằng đúng hạn")
            )
        );

        // "Chosen" with nothing ticked is refused by the page, not saved as the whole province.
        var none = await pages.SubmitFormAsync(
            url,
            "campaign-edit",
            new()
            {
                ["Input.Name"] = "Không có đơn vị",
                ["Input.StartsOn"] = Iso(From),
                ["Input.EndsOn"] = Iso(To),
                ["mode"] = "chosen",
            }
        );
        Assert.Contains(
            "Hãy đánh dấu ít nhất một đơn vị tham gia, hoặc chọn toàn bộ đơn vị.",
            PageClient.ErrorsOf(PageClient.Parse(await none.Content.ReadAsStringAsync()))
        );

        var organization = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == tree.P1.Id).Select(o => o.Id).FirstAsync()
        );
        var saved = await pages.SubmitFormAsync(
            url,
            "campaign-edit",
            new()
            {
                ["Input.Name"] = "Ra quân giải phóng mặt bằng qua trang",
                ["Input.Purpose"] = "Bàn giao mặt bằng đúng hạn",
                ["Input.StartsOn"] = Iso(From),
                ["Input.EndsOn"] = Iso(To),
                ["Input.OrganizationId"] = organization.ToString(),
                ["Input.ReportingLevel"] = "Village",
                ["mode"] = "chosen",
                [$"take[{tree.C1.Id}]"] = "on",
            }
        );
        Assert.True(
            saved.StatusCode == HttpStatusCode.Redirect,
            $"{(int)saved.StatusCode}: {string.Join("\n", app.Log.Errors)}"
        );
        var campaign = await app.WithDbAsync(db =>
            db.Campaigns.SingleAsync(c => c.Name == "Ra quân giải phóng mặt bằng qua trang")
        );
        Assert.EndsWith(
            $"/campaigns/{campaign.Id}?done=saved",
            saved.Headers.Location?.ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            (tree.P1.Id, organization, Web.Features.Units.UnitLevel.Village),
            (campaign.UnitId, campaign.OrganizationId!.Value, campaign.ReportingLevel)
        );
        Assert.Equal([tree.V1.Id, tree.V2.Id], await ParticipantsAsync(campaign.Id));

        var (_, page) = await pages.FollowAsync(saved);
        Assert.Equal("Ra quân giải phóng mặt bằng qua trang", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("Đã lưu phong trào.", page.QuerySelector(".notice")?.TextContent.Trim());
        Assert.Contains("2 đơn vị", page.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Xã Đông Hòa:", page.QuerySelector(".participant-list")!.TextContent, StringComparison.Ordinal);

        // The edit form starts from what is stored: the commune whose villages all take part is ticked as a whole.
        var (_, edit) = await pages.GetPageAsync($"/campaigns/{campaign.Id}/edit");
        Assert.True(edit.QuerySelector("#mode-chosen")?.HasAttribute("checked"));
        Assert.True(edit.QuerySelector($"input[name=\"take[{tree.C1.Id}]\"]")?.HasAttribute("checked"));
        Assert.False(edit.QuerySelector($"input[name=\"take[{tree.V1.Id}]\"]")?.HasAttribute("checked"));
        Assert.Equal("Ra quân giải phóng mặt bằng qua trang", edit.QuerySelector("#Name")?.GetAttribute("value"));

        var edited = await pages.SubmitAsync(
            edit,
            $"/campaigns/{campaign.Id}/edit",
            "campaign-edit",
            new()
            {
                ["Input.Name"] = "Ra quân giải phóng mặt bằng (sửa)",
                [$"take[{tree.C1.Id}]"] = "",
                [$"take[{tree.V1.Id}]"] = "on",
                [$"take[{tree.V3.Id}]"] = "on",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal([tree.V1.Id, tree.V3.Id], await ParticipantsAsync(campaign.Id));
        Assert.Equal(
            "Ra quân giải phóng mặt bằng (sửa)",
            (await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == campaign.Id))).Name
        );

        // The form of a stale page: someone saved in between.
        var stale = await pages.SubmitAsync(
            edit,
            $"/campaigns/{campaign.Id}/edit",
            "campaign-edit",
            new() { ["Input.Name"] = "Bản cũ" }
        );
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        // The page says so, shows next to the name what is saved now, and keeps this person's own value (R2).
        var stalePage = PageClient.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Contains(
            "Người khác đã thay đổi bản ghi này",
            stalePage.Body?.TextContent ?? "",
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Hiện đã lưu: Ra quân giải phóng mặt bằng (sửa)",
            stalePage.QuerySelector("#Name-error")?.TextContent ?? "",
            StringComparison.Ordinal
        );
        Assert.Equal("Bản cũ", (stalePage.QuerySelector("#Name") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        Assert.Equal(
            "Ra quân giải phóng mặt bằng (sửa)",
            (await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == campaign.Id))).Name
        );

        // The whole province, and communes entering the figures: every active commune takes part.
        var (_, again) = await pages.GetPageAsync($"/campaigns/{campaign.Id}/edit");
        var whole = await pages.SubmitAsync(
            again,
            $"/campaigns/{campaign.Id}/edit",
            "campaign-edit",
            new() { ["mode"] = "subtree", ["Input.ReportingLevel"] = "Commune" }
        );
        Assert.Equal(HttpStatusCode.Redirect, whole.StatusCode);
        Assert.Equal([tree.C1.Id, tree.C2.Id], await ParticipantsAsync(campaign.Id));
        var (_, wholeForm) = await pages.GetPageAsync($"/campaigns/{campaign.Id}/edit");
        Assert.True(wholeForm.QuerySelector("#mode-subtree")?.HasAttribute("checked"));
        Assert.Empty(await app.CheckAsync(campaign.Id));
        Assert.Empty(app.Log.Errors);
    }

    [Fact]
    public async Task A_manager_adds_an_indicator_sets_targets_locks_a_period_and_moves_the_status()
    {
        var tree = app.Tree;
        var officer = await app.CreateAccountAsync(Role.Officer, tree.P1);
        using var pages = await app.SignInAsync(officer);
        var campaignId = await CreateAsync(
            await app.ApiClientAsync(officer),
            Campaign(tree.P1, Web.Features.Units.UnitLevel.Village)
        );

        // The indicator form: a refusal keeps the input; the campaign-level target is optional.
        var refused = await pages.SubmitFormAsync(
            $"/campaigns/{campaignId}/indicators/new",
            "indicator-edit",
            new()
            {
                ["Input.Name"] = "",
                ["Input.Measure"] = "Custom",
                ["Input.Aggregation"] = "Latest",
            }
        );
        var form = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Vui lòng nhập “Tên chỉ tiêu”.", PageClient.ErrorsOf(form));
        Assert.Contains("Vui lòng nhập “Đơn vị tính khác”.", PageClient.ErrorsOf(form));
        Assert.True(form.QuerySelector("#aggregation-Latest")?.HasAttribute("checked"));
        Assert.Equal("Custom", form.QuerySelector("#Measure option[selected]")?.GetAttribute("value"));

        var added = await pages.SubmitFormAsync(
            $"/campaigns/{campaignId}/indicators/new",
            "indicator-edit",
            new()
            {
                ["Input.Name"] = "Mộ đã di dời",
                ["Input.Measure"] = "Graves",
                ["Input.Aggregation"] = "Sum",
                ["Input.Direction"] = "HigherIsBetter",
                ["Input.Frequency"] = "Daily",
                ["Input.Decimals"] = "0",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var indicator = await app.WithDbAsync(db => db.Set<Indicator>().SingleAsync(i => i.CampaignId == campaignId));
        Assert.Equal(
            ("Mộ đã di dời", MeasureUnit.Graves, ReportingFrequency.Daily),
            (indicator.Name, indicator.Measure, indicator.Frequency)
        );

        // Targets: communes on the first page, villages of a commune on its own.
        var targets = $"/campaigns/{campaignId}/targets?indicatorId={indicator.Id}";
        var set = await pages.SubmitFormAsync(
            targets,
            "targets",
            new() { [$"target[{tree.C1.Id}]"] = "100", [$"target[{tree.C2.Id}]"] = "50" }
        );
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var villages = $"{targets}&unitId={tree.C1.Id}";
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await pages.SubmitFormAsync(
                    villages,
                    "targets",
                    new() { [$"target[{tree.V1.Id}]"] = "60", [$"target[{tree.V2.Id}]"] = "30" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await pages.SubmitFormAsync(targets, "targets", new() { [$"target[{tree.P1.Id}]"] = "200" })).StatusCode
        );

        var (_, page) = await pages.GetPageAsync(targets);
        // The province's own 200 against its communes' 100 + 50: the difference is shown and marked.
        Assert.Equal(["200", "150", "200", "+50"], Cells(page, tree.P1.Id));
        Assert.NotNull(page.QuerySelector($"tr.target-row--diff input#target-{tree.P1.Id}"));
        // The commune's own 100 against its villages' 60 + 30.
        Assert.Equal(["100", "90", "100", "+10"], Cells(page, tree.C1.Id));
        // The ward has no village targets: its own 50 differs from their sum 0.
        Assert.Equal("50", page.QuerySelector($"#target-{tree.C2.Id}")?.GetAttribute("value"));
        var (_, villagePage) = await pages.GetPageAsync(villages);
        Assert.Equal(["60", "—", "60", ""], Cells(villagePage, tree.V1.Id));
        Assert.Null(villagePage.QuerySelector($"#target-{tree.C2.Id}"));

        // Clearing the province's own target: it falls back to the communes' sum. A bad cell refuses the whole form.
        var bad = await pages.SubmitFormAsync(
            targets,
            "targets",
            new() { [$"target[{tree.P1.Id}]"] = "", [$"target[{tree.C2.Id}]"] = "-5" }
        );
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = PageClient.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal(
            "Phường Tây Sơn: Giá trị của chỉ tiêu này không được âm.",
            badPage.QuerySelector($"#target-{tree.C2.Id}-error")?.TextContent.Replace("Lỗi:", "").Trim()
        );
        Assert.Contains("Phường Tây Sơn: Giá trị của chỉ tiêu này không được âm.", PageClient.ErrorsOf(badPage));
        Assert.Equal("-5", badPage.QuerySelector($"#target-{tree.C2.Id}")?.GetAttribute("value"));
        Assert.Equal("", badPage.QuerySelector($"#target-{tree.P1.Id}")?.GetAttribute("value"));
        Assert.Equal(
            200m,
            await app.WithDbAsync(db =>
                db.Set<IndicatorTarget>()
                    .Where(t => t.UnitId == tree.P1.Id && t.IndicatorId == indicator.Id)
                    .Select(t => t.Value)
                    .SingleAsync()
            )
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await pages.SubmitFormAsync(targets, "targets", new() { [$"target[{tree.P1.Id}]"] = "" })).StatusCode
        );
        (_, page) = await pages.GetPageAsync(targets);
        Assert.Equal(["", "150", "150", ""], Cells(page, tree.P1.Id));
        Assert.Empty(await app.CheckAsync(campaignId));

        // The campaign page shows the campaign-level target and the indicator's links.
        var (_, detail) = await pages.GetPageAsync($"/campaigns/{campaignId}");
        Assert.Contains("150", detail.QuerySelector(".table-wrap")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(detail.QuerySelector($"a[href='/campaigns/{campaignId}/indicators/{indicator.Id}/edit']"));

        // Locking a period by any of its days; a day outside the campaign is refused; unlocking.
        var locked = await pages.SubmitFormAsync(
            $"/campaigns/{campaignId}",
            "lock",
            new() { ["LockInput.Frequency"] = "Daily", ["LockInput.Date"] = "2026-11-10" }
        );
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(
            new DateOnly(2026, 11, 10),
            await app.WithDbAsync(db =>
                db.Set<CampaignPeriodLock>().Where(l => l.CampaignId == campaignId).Select(l => l.Period).SingleAsync()
            )
        );
        var (_, lockedPage) = await pages.FollowAsync(locked);
        Assert.Contains(
            "Kỳ 10/11/2026 (Hằng ngày)",
            lockedPage.QuerySelector(".lock-list")!.TextContent,
            StringComparison.Ordinal
        );
        var outside = await pages.SubmitFormAsync(
            $"/campaigns/{campaignId}",
            "lock",
            new() { ["LockInput.Frequency"] = "Daily", ["LockInput.Date"] = "2027-01-05" }
        );
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains(PageClient.ErrorsOf(PageClient.Parse(await outside.Content.ReadAsStringAsync())), e =>
            e.EndsWith("Ngày này không phải là ngày đầu của một kỳ báo cáo của phong trào.", StringComparison.Ordinal)
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await pages.SubmitAsync(lockedPage, $"/campaigns/{campaignId}", "unlock-0", [])).StatusCode
        );
        Assert.Equal(
            0,
            await app.WithDbAsync(db => db.Set<CampaignPeriodLock>().CountAsync(l => l.CampaignId == campaignId))
        );

        // Status: planned → running; a second click from the stale page is a conflict, shown on the page.
        var (_, before) = await pages.GetPageAsync($"/campaigns/{campaignId}");
        var started = await pages.SubmitAsync(
            before,
            $"/campaigns/{campaignId}",
            "status",
            new() { ["to"] = "Running" }
        );
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(
            CampaignStatus.Running,
            await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync())
        );
        var twice = await pages.SubmitAsync(before, $"/campaigns/{campaignId}", "status", new() { ["to"] = "Running" });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("không thể chuyển sang", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, running) = await pages.GetPageAsync($"/campaigns/{campaignId}");
        Assert.Equal(
            ["Kết thúc phong trào"],
            running.QuerySelectorAll("form button[name=to]").Select(b => b.TextContent.Trim())
        );
        Assert.Empty(app.Log.Errors);
    }

    [Fact]
    public async Task A_participating_commune_sees_the_campaign_read_only_and_its_documents_and_the_home_page_names_it_behind_schedule()
    {
        var tree = app.Tree;
        var officer = await app.CreateAccountAsync(Role.Officer, tree.P1);
        var api = await app.ApiClientAsync(officer);
        var campaign = Campaign(tree.P1, Web.Features.Units.UnitLevel.Village, tree.C1);
        campaign["name"] = "Phong trào chậm tiến độ qua trang";
        var campaignId = await CreateAsync(api, campaign);
        var indicatorId = await AddIndicatorAsync(api, campaignId, Indicator(target: 450));
        var version = await app.WithDbAsync(db =>
            db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Version).SingleAsync()
        );
        Assert.True(
            (
                await api.PostAsync(
                    $"/api/v1/campaigns/{campaignId}/status",
                    System.Net.Http.Json.JsonContent.Create(new { status = "Running", version })
                )
            ).IsSuccessStatusCode
        );
        var reporter = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.C1));
        Assert.True(
            (
                await EnterAsync(
                    reporter,
                    campaignId,
                    Figure(tree.V1, indicatorId, From, 10),
                    Figure(tree.V2, indicatorId, From.AddDays(1), 5)
                )
            ).IsSuccessStatusCode
        );

        // The manager attaches the plan on the campaign page.
        using var manager = await app.SignInAsync(officer);
        var attached = await manager.SubmitFormAsync(
            $"/campaigns/{campaignId}",
            "case-document",
            new() { ["caption"] = "Kế hoạch ra quân" },
            ("file", "ke-hoach.pdf", Models.AttachmentTests.Pdf)
        );
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var documentId = await app.WithDbAsync(db =>
            db.CaseDocuments.Where(d => d.CampaignId == campaignId).Select(d => d.Id).SingleAsync()
        );

        // Behind: 15 graves of 450 by the 31st day of 45.
        var (_, home) = await manager.GetPageAsync("/");
        var link = home.QuerySelector($"a[href='/campaigns/{campaignId}/dashboard']");
        Assert.NotNull(link);
        // The same figures as the campaign's dashboard, with the indicator's decimals (whole graves): not the stored
        // thousandths, not a third of a grave.
        var (_, dashboard) = await manager.GetPageAsync($"/campaigns/{campaignId}/dashboard");
        var plan = dashboard
            .QuerySelectorAll("li.figure")
            .Single(f => f.QuerySelector(".figure__label")!.TextContent.Trim() == "Kế hoạch đến hôm nay")
            .QuerySelector(".figure__value")!
            .TextContent.Trim();
        Assert.Matches(@"^\d{1,3}(\.\d{3})*$", plan);
        Assert.Contains(
            $"Mộ đã di dời: đạt 15, kế hoạch đến hôm nay là {plan} (mục tiêu 450, kết thúc",
            link!.ParentElement!.TextContent,
            StringComparison.Ordinal
        );

        // A viewer of the commune taking part: the page, its documents, targets without inputs; no edit form.
        using var viewer = await app.SignInAsync(await app.CreateAccountAsync(Role.Viewer, tree.C1));
        var (response, page) = await viewer.GetPageAsync($"/campaigns/{campaignId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector($"a[href='/campaigns/{campaignId}/edit']"));
        Assert.Null(page.QuerySelector("form input[name=_handler][value=status]"));
        Assert.NotNull(page.QuerySelector($"a[href='/campaigns/{campaignId}/documents/{documentId}']"));
        Assert.Equal(
            HttpStatusCode.OK,
            (await viewer.GetAsync($"/campaigns/{campaignId}/documents/{documentId}")).StatusCode
        );
        var (_, targets) = await viewer.GetPageAsync($"/campaigns/{campaignId}/targets");
        Assert.Null(targets.QuerySelector("input.target-input"));
        var edit = await viewer.GetAsync($"/campaigns/{campaignId}/edit");
        Assert.Contains(
            "/account/access-denied",
            edit.Headers.Location?.ToString() ?? (int)edit.StatusCode + "",
            StringComparison.Ordinal
        );
        var (_, viewerHome) = await viewer.GetPageAsync("/");
        Assert.NotNull(viewerHome.QuerySelector($"a[href='/campaigns/{campaignId}/dashboard']"));

        // Another province neither sees the campaign nor its document.
        using var stranger = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, tree.C3));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/campaigns/{campaignId}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await stranger.GetAsync($"/campaigns/{campaignId}/documents/{documentId}")).StatusCode
        );
        var (_, strangerHome) = await stranger.GetPageAsync("/");
        Assert.Null(strangerHome.QuerySelector($"a[href='/campaigns/{campaignId}/dashboard']"));

        // The list finds it without diacritics, narrowed to the province.
        var (_, list) = await viewer.GetPageAsync($"/campaigns?q=cham+tien+do&status=Running");
        Assert.NotNull(list.QuerySelector($"main a[href='/campaigns/{campaignId}']"));
        Assert.Empty(app.Log.Errors);
    }

    private Task<List<int>> ParticipantsAsync(int campaignId) =>
        app.WithDbAsync(db =>
            db.Set<CampaignParticipant>()
                .Where(p => p.CampaignId == campaignId)
                .OrderBy(p => p.UnitId)
                .Select(p => p.UnitId)
                .ToListAsync()
        );

    /// <summary>A targets row's own target (the input's value), children's sum, target in force and
    /// difference.</summary>
    private static string[] Cells(AngleSharp.Html.Dom.IHtmlDocument page, int unitId)
    {
        var row = page.QuerySelector($"#target-{unitId}")?.Closest("tr")
            ?? throw new InvalidOperationException($"No row for unit {unitId}");
        var cells = row.QuerySelectorAll("td").ToList();
        return
        [
            row.QuerySelector($"#target-{unitId}")!.GetAttribute("value") ?? "",
            cells[1].TextContent.Trim(),
            cells[2].TextContent.Trim(),
            cells[3].TextContent.Trim(),
        ];
    }
}
