using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E.Infrastructure;

/// <summary>
/// Visits every page of the app, and the states of a page a person meets (an error summary, an import preview,
/// the two-factor steps), with a role that may see it, and runs one check on each. Ids come from the demo data
/// through the interface, the way a person finds them. Returns what it found per page, for one assertion.
/// </summary>
public sealed class PageTour(DemoSite site, string name, int width, int height)
{
    /// <summary>The system administrator sees every page of the foundation.</summary>
    public const string Administrator = "admin@danvan.demo";

    private readonly List<string> visited = [];
    private readonly StringBuilder problems = new();

    /// <summary>The browser the tour opened last, to say where it was when a step failed.</summary>
    private BrowserSession? current;

    /// <summary>The pages checked, as "label (path)", in order.</summary>
    public IReadOnlyList<string> Visited => visited;

    public string Problems => problems.ToString();

    public async Task RunAsync(Func<BrowserSession, Task<IReadOnlyList<string>>> check)
    {
        async Task Check(BrowserSession browser, string label)
        {
            await browser.Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await browser.ScreenshotAsync(label);
            var found = await check(browser);
            visited.Add($"{label} ({new Uri(browser.Page.Url).PathAndQuery})");
            foreach (var problem in found)
            {
                problems.AppendLine($"{label} {browser.Path}: {problem}");
            }
        }

        async Task Visit(BrowserSession browser, string label, string path, int status = 200)
        {
            try
            {
                await browser.GotoAsync(path, status);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or PlaywrightException or TimeoutException)
            {
                // One broken page must not hide the others: note it and go on.
                visited.Add($"{label} ({path}) NOT SHOWN");
                problems.AppendLine($"{label} {path}: {e.Message}");
                await SettleAsync(browser.Page);
                return;
            }

            await Check(browser, label);
        }

        try
        {
            await TourAsync(Visit, Check);
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or PlaywrightException or TimeoutException)
        {
            // A step between pages (a click, a form, a lookup) failed: say after which page, so the failure names it.
            problems.AppendLine(
                $"The tour stopped after {(visited.Count == 0 ? "its start" : visited[^1])}{await WhereAsync()}: {e.GetType().Name}: {e.Message}"
            );
        }
    }

    private async Task<BrowserSession> OpenAsync(string session, int w, int h)
    {
        current = await site.OpenAsync(session, w, h);
        return current;
    }

    /// <summary>Where the last browser was when a step failed: its address, its heading, and a screenshot of it.</summary>
    private async Task<string> WhereAsync()
    {
        if (current is null)
        {
            return "";
        }

        try
        {
            var heading = await current.Page.Locator("h1").First.InnerTextAsync(new() { Timeout = 2_000 });
            var shot = await current.ScreenshotAsync("tour-stopped");
            return $", in {current.Name} at {current.Page.Url} (heading \"{heading}\", screenshot {Path.GetFileName(shot)})";
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return $", in {current.Name} at {current.Page.Url}";
        }
    }

    private delegate Task VisitStep(BrowserSession browser, string label, string path, int status = 200);

    private async Task TourAsync(VisitStep Visit, Func<BrowserSession, string, Task> Check)
    {
        // Signed out.
        await using (var anonymous = await OpenAsync($"{name}-anonymous", width, height))
        {
            await Visit(anonymous, "home-public", "/");
            await Visit(anonymous, "library-public", "/library?q=dan+van");
            await Visit(anonymous, "statistics-public", "/statistics");
            var publicProvince = await IdFromLinkAsync(
                anonymous.Page.Locator("table.compare a[href^='/statistics/']").First
            );
            await Visit(anonymous, "statistics-province", $"/statistics/{publicProvince}");
            await Visit(anonymous, "login", "/account/login");
            await anonymous.SubmitSignInAsync("nobody@danvan.demo", "not-the-password-at-all");
            await Expect(anonymous.Page.GetByText(Vi.SignInFailed)).ToBeVisibleAsync();
            await Check(anonymous, "login-error");
            await Visit(anonymous, "access-denied", "/account/access-denied", 403);
            await Visit(anonymous, "lockout", "/account/lockout");
            await Visit(anonymous, "not-found", "/not-found", 404);
            await Visit(anonymous, "track", "/track");
            await anonymous.Page.GetByLabel("Mã tra cứu", new() { Exact = true }).FillAsync("ZZZZZ-ZZZZZ");
            await anonymous.Page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
            await Expect(anonymous.Page.Locator("#code-error")).ToBeVisibleAsync();
            await Check(anonymous, "track-not-found");
            await Visit(anonymous, "api-docs", "/api-docs");
            // Scalar draws the reference in the browser from /openapi/v1.json; give it time on a slow machine.
            await Expect(anonymous.Page.GetByText("/api/v1/units").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
            await Check(anonymous, "api-docs-loaded");
            anonymous.AssertNothingWentWrong();
        }

        // A leader's first sign-in sets up the second factor; the next one asks for a code. The tour's own leader,
        // so that no other test, run before it on the shared site, has set the factor up already.
        var twoFactorLeader = await site.CreateLeaderAsync(
            $"tour-{name}.lanhdao@danvan.demo",
            DanVan.Demo.BacNinhDemo.CommuneCode
        );
        await using (var first = await OpenAsync($"{name}-enrol", width, height))
        {
            await first.GotoAsync("/account/login");
            await first.SubmitSignInAsync(twoFactorLeader, DemoSite.Password);
            await Expect(first.Page).ToHaveURLAsync(new Regex("/account/two-factor\\?required=true"));
            await Expect(first.Page.GetByTestId("shared-key")).ToBeVisibleAsync();
            await Check(first, "two-factor-setup");
            await first.EnrollAsync(twoFactorLeader);
            await Check(first, "two-factor-recovery-codes");
            first.AssertNothingWentWrong();
        }

        await using (var again = await OpenAsync($"{name}-code", width, height))
        {
            await again.GotoAsync("/account/login");
            await again.SubmitSignInAsync(twoFactorLeader, DemoSite.Password);
            // The code field, not the page's load event: what the person waits for.
            await Expect(again.Page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
            await Expect(again.Page.GetByLabel(Vi.AuthenticatorCode)).ToBeVisibleAsync();
            await Check(again, "two-factor-sign-in");
            await again
                .Page.GetByRole(AriaRole.Link, new() { Name = "Mất điện thoại? Dùng mã khôi phục" })
                .ClickAsync();
            await again.Page.WaitForURLAsync("**/account/login/recovery**");
            // An enhanced navigation: the address changes before the page does.
            await Expect(again.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Đăng nhập bằng mã khôi phục");
            await Check(again, "recovery-code-sign-in");
            again.AssertNothingWentWrong();
        }

        // Everything else as the system administrator.
        await using var admin = await OpenAsync($"{name}-admin", width, height);
        await admin.SignInAsync(Administrator);
        // From here on every page's header carries the unread badge.
        await site.NotifyAsync(Administrator);
        await Visit(admin, "home", "/");
        await Visit(admin, "units", "/units");
        await Visit(admin, "units-search", "/units?q=tien+du");
        var tienDu = await IdFromLinkAsync(
            admin.Page.GetByRole(AriaRole.Link, new() { Name = "Tiên Du", Exact = true })
        );
        await Visit(admin, "unit", $"/units/{tienDu}");
        var organization = await IdFromLinkAsync(admin.Page.Locator("a[href^='/organizations/'][href$='/edit']").First);
        var village = await IdFromLinkAsync(
            admin.Page.Locator("table a[href^='/units/']", new() { HasText = "Thôn" }).First
        );
        await Visit(admin, "village", $"/units/{village}");
        await Visit(admin, "unit-dashboard", $"/units/{tienDu}/dashboard");
        await Visit(admin, "unit-dashboard-year", $"/units/{tienDu}/dashboard?period=year&sort=dialogues.sessions");
        await Visit(admin, "village-dashboard", $"/units/{village}/dashboard?period=custom&from=2025-01&to=2026-12");
        await Visit(admin, "unit-new", $"/units/new?parentId={tienDu}");
        await Visit(admin, "unit-edit", $"/units/{tienDu}/edit");
        await Visit(admin, "unit-retire", $"/units/{tienDu}/retire");
        await Visit(admin, "unit-merge", $"/units/{tienDu}/merge");
        await Visit(admin, "unit-missing", "/units/987654321", 404);
        await Visit(admin, "import", "/units/import");
        await UploadAsync(admin, "code,name,kind,parent_code\nT-1,Thôn Thử,hamlet,09319\n");
        await Expect(admin.Page.GetByTestId("import-problems")).ToBeVisibleAsync();
        await Check(admin, "import-problems");
        await admin.GotoAsync("/units/import");
        await UploadAsync(admin, "code,name,kind,parent_code\nT-1,Thôn Thử,village,09319\n");
        await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = Vi.ImportCommit })).ToBeVisibleAsync();
        await Check(admin, "import-preview");
        await Visit(admin, "organizations", "/organizations");
        await Visit(admin, "organization-new", $"/organizations/new?unitId={tienDu}");
        await Visit(admin, "organization-edit", $"/organizations/{organization}/edit");
        await Visit(admin, "accounts", "/accounts");
        var account = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/accounts/']").First);
        await Visit(admin, "account-new", "/accounts/new");
        await Visit(admin, "account-detail", $"/accounts/{account}");
        await Visit(admin, "account-edit", $"/accounts/{account}/edit");
        await Visit(admin, "models", "/models");
        await Visit(admin, "models-filtered", $"/models?unitId={tienDu}&status=Registered");
        var registered = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/models/']").First);
        await Visit(admin, "model-registered", $"/models/{registered}");
        await Visit(admin, "model-edit", $"/models/{registered}/edit");
        await Visit(admin, "model-new", $"/models/new?unitId={tienDu}");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu và đăng ký" }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "model-new-errors");
        await Visit(admin, "model-import", "/models/import");
        await UploadAsync(
            admin,
            "Mã đơn vị,Tên mô hình,Lĩnh vực,Tổ chức chủ trì\nKHONG-CO,Mô hình thử,Lĩnh vực lạ,UBND\n"
        );
        await Expect(admin.Page.GetByTestId("import-problems")).ToBeVisibleAsync();
        await Check(admin, "model-import-problems");
        await Visit(admin, "petition-import", "/petitions/import");
        await Visit(admin, "exports", "/exports");
        await Visit(admin, "model-step", $"/models/{registered}/steps/Launch");
        await Visit(admin, "models-implementing", "/models?status=Implementing");
        var implementing = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/models/']").First);
        await Visit(admin, "model-evaluate", $"/models/{implementing}/evaluate");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả chấm" }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "model-evaluate-errors");
        await Visit(admin, "models-commended", "/models?status=Commended");
        var commended = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/models/']").First);
        await Visit(admin, "model-commended", $"/models/{commended}");
        await Visit(admin, "model-replicate", $"/models/{commended}/replicate");
        await admin.GotoAsync("/models?q=vanh+dai+4");
        var typical = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/models/']").First);
        var replication = await IdFromLinkAsync(
            admin.Page.Locator("a[href^='/replications/']").First,
            fromPage: $"/models/{typical}",
            browser: admin
        );
        await Visit(admin, "replication", $"/replications/{replication}");
        await Visit(admin, "library", "/library");
        await Visit(admin, "library-model", $"/library/{commended}");
        await Visit(admin, "model-settings", "/models/settings");
        await Visit(admin, "model-reviews", "/models/reviews");
        var review = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/models/reviews/']").Last);
        await Visit(admin, "model-review", $"/models/reviews/{review}");
        await Visit(admin, "audit", "/audit");
        await Visit(admin, "notifications", "/notifications");
        await Visit(admin, "dialogues", "/dialogues");
        var dialogue = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/dialogues/']").First);
        await Visit(admin, "dialogues-upcoming", "/dialogues?upcoming=true");
        await Visit(admin, "dialogues-warnings", "/dialogues?warnings=true&type=DialogueConference");
        await Visit(admin, "dialogue", $"/dialogues/{dialogue}");
        await Visit(admin, "dialogue-edit", $"/dialogues/{dialogue}/edit");
        await Visit(admin, "dialogue-new", $"/dialogues/new?unitId={tienDu}");
        await admin.Page.GetByLabel("Chủ đề", new() { Exact = true }).FillAsync("");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "dialogue-new-errors");
        await Visit(admin, "reception", $"/dialogues/reception?unitId={tienDu}");
        await Visit(admin, "petitions", "/petitions");
        await Visit(admin, "petitions-overdue", "/petitions?overdue=true");
        var overdue = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/petitions/']").First);
        await Visit(admin, "petition-overdue", $"/petitions/{overdue}");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }))
            .ToHaveCountAsync(0);
        await Check(admin, "petition-revealed");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Cấp giấy biên nhận mới" }).ClickAsync();
        await Expect(admin.Page.GetByTestId("receipt-pin")).ToBeVisibleAsync();
        await Check(admin, "petition-receipt");
        await Visit(admin, "petitions-received", "/petitions?status=Received");
        var received = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/petitions/']").First);
        await Visit(admin, "petition-assign", $"/petitions/{received}/steps/Assign");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Giao xử lý" }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "petition-assign-errors");
        await Visit(admin, "petitions-answered", "/petitions?status=Answered");
        var answered = await IdFromLinkAsync(admin.Page.Locator("table a[href^='/petitions/']").First);
        await Visit(admin, "petition-answered", $"/petitions/{answered}");
        await Visit(admin, "petition-close", $"/petitions/{answered}/steps/CloseNotResolved");
        await Visit(admin, "petition-new", $"/petitions/new?unitId={tienDu}");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận kiến nghị" }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "petition-new-errors");
        await Visit(admin, "petition-dashboard", "/petitions/dashboard");
        await Visit(admin, "petition-dashboard-commune", $"/petitions/dashboard?unitId={tienDu}");
        await Visit(admin, "petition-settings", "/petitions/settings");
        await Visit(admin, "petition-missing", "/petitions/987654321", 404);
        // Campaigns: one made through the form on each tour (the demo may hold others), its indicator, targets and
        // lock.
        await Visit(admin, "campaigns", "/campaigns");
        await Visit(admin, "campaign-new-central", "/campaigns/new");
        var province = await IdFromLinkAsync(
            admin.Page.Locator($"a[href^='/units/']", new() { HasText = "Bắc Ninh" }).First,
            fromPage: $"/units/{tienDu}",
            browser: admin
        );
        await Visit(admin, "campaign-new-province", $"/campaigns/new?unitId={province}");
        await Visit(admin, "campaign-new", $"/campaigns/new?unitId={tienDu}");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "campaign-new-errors");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        await admin
            .Page.GetByLabel("Tên phong trào", new() { Exact = true })
            .FillAsync($"Ra quân làm đường giao thông nông thôn ({name})");
        await admin
            .Page.GetByLabel("Ngày bắt đầu", new() { Exact = true })
            .FillAsync(today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await admin
            .Page.GetByLabel("Ngày kết thúc", new() { Exact = true })
            .FillAsync(today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator(".notice")).ToBeVisibleAsync();
        var campaign = await IdFromLinkAsync(admin.Page.Locator("a[href$='/indicators/new']").First);
        await Check(admin, "campaign");
        await Visit(admin, "campaign-edit", $"/campaigns/{campaign}/edit");
        await admin.Page.GetByLabel("Chỉ các đơn vị được chọn dưới đây").CheckAsync();
        await Check(admin, "campaign-edit-chosen");
        await Visit(admin, "indicator-new", $"/campaigns/{campaign}/indicators/new");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "indicator-new-errors");
        await admin.Page.GetByLabel("Tên chỉ tiêu", new() { Exact = true }).FillAsync("Số mét đường đã đổ bê tông");
        await admin.Page.GetByLabel("Đơn vị tính", new() { Exact = true }).SelectOptionAsync("SquareMetres");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator(".notice")).ToBeVisibleAsync();
        var indicatorHref = await admin
            .Page.Locator("a[href*='/indicators/'][href$='/edit']")
            .First.GetAttributeAsync("href")
            ?? "";
        var indicator = Regex.Match(indicatorHref, @"/indicators/(\d+)/edit").Groups[1].Value;
        await Check(admin, "campaign-with-indicator");
        await Visit(admin, "indicator-edit", $"/campaigns/{campaign}/indicators/{indicator}/edit");
        await Visit(admin, "targets", $"/campaigns/{campaign}/targets?indicatorId={indicator}");
        await admin.Page.Locator("input.target-input").Nth(1).FillAsync("2.5");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu mục tiêu" }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "targets-errors");
        await admin.Page.Locator("input.target-input").Nth(1).FillAsync("1200");
        await admin.Page.Locator("input.target-input").First.FillAsync("1000");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu mục tiêu" }).ClickAsync();
        await Expect(admin.Page.Locator(".target-diff").First).ToBeVisibleAsync();
        await Check(admin, "targets-difference");
        await Visit(admin, "campaign-locks", $"/campaigns/{campaign}#locks");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Khóa kỳ", Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator(".lock-list li")).ToHaveCountAsync(1);
        await Check(admin, "campaign-locked");
        await Visit(admin, "campaign-missing", "/campaigns/987654321", 404);
        var (demoCampaign, campaignCommune) = await site.CampaignAsync();
        await Visit(admin, "campaign-entries", $"/campaigns/{demoCampaign}/entries?unitId={campaignCommune}");
        var history = await admin.Page.Locator("a[href*='/entries/history?']").First.GetAttributeAsync("href");
        await admin.Page.Locator(".grid__input").First.FillAsync("-5");
        await admin.Page.Locator(".grid__input").Nth(1).FillAsync("12.5");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(admin.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(admin, "campaign-entries-errors");
        await Visit(
            admin,
            "campaign-entries-weekly",
            $"/campaigns/{demoCampaign}/entries?unitId={campaignCommune}&frequency=Weekly"
        );
        await Visit(admin, "campaign-history", history ?? $"/campaigns/{demoCampaign}/entries/history");
        await Visit(admin, "campaign-missing-entries", $"/campaigns/{demoCampaign}/missing");
        await Visit(admin, "campaign-import", $"/campaigns/{demoCampaign}/import");
        await admin
            .Page.GetByLabel("Tệp (.xlsx)", new() { Exact = true })
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "so-lieu.xlsx",
                    MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    Buffer = Encoding.UTF8.GetBytes("Mã đơn vị,Mộ đã di dời\n"),
                }
            );
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = Vi.ImportCheck }).ClickAsync();
        await Expect(admin.Page.GetByTestId("import-problems")).ToBeVisibleAsync();
        await Check(admin, "campaign-import-problems");
        // The demo's Ring Road drive: its dashboard (chart, table, ranking of the route's communes), a stock indicator,
        // a commune.
        await admin.GotoAsync("/campaigns");
        await admin
            .Page.GetByRole(AriaRole.Link, new() { Name = DanVan.Demo.DemoCampaigns.RingRoadName, Exact = true })
            .First.ClickAsync();
        await Expect(
                admin.Page.GetByRole(
                    AriaRole.Heading,
                    new() { Level = 1, Name = DanVan.Demo.DemoCampaigns.RingRoadName }
                )
            )
            .ToBeVisibleAsync();
        var ringRoad = Regex.Match(admin.Page.Url, @"/campaigns/(\d+)").Groups[1].Value;
        await Visit(admin, "campaign-dashboard", $"/campaigns/{ringRoad}/dashboard");
        await Expect(admin.Page.Locator("table.ranking tbody tr").First).ToBeVisibleAsync();
        await admin.Page.Locator("nav ul.tabs a").Nth(2).ClickAsync();
        await Expect(admin.Page.Locator("nav ul.tabs a[aria-current=page]"))
            .ToHaveTextAsync("Hộ đã ký biên bản bàn giao");
        await Check(admin, "campaign-dashboard-stock");
        // Periodic reports: the rounds, the newest at a glance and filtered, the oldest's province report (approved, its
        // communes locked), a returned one.
        await Visit(admin, "reports", "/reports");
        var rounds = admin.Page.Locator("a[data-round]");
        var newestRound = await IdFromLinkAsync(rounds.First);
        var middleRound = await IdFromLinkAsync(rounds.Nth(1));
        var oldestRound = await IdFromLinkAsync(rounds.Nth(2));
        await Visit(admin, "report-round", $"/reports/rounds/{newestRound}");
        await Visit(admin, "report-round-missing", $"/reports/rounds/{middleRound}?show=missing");
        await Visit(admin, "report-round-returned", $"/reports/rounds/{middleRound}?show=returned");
        var returnedReport = await IdFromLinkAsync(admin.Page.Locator("tbody a[href^='/reports/']").First);
        await Visit(admin, "report-returned", $"/reports/{returnedReport}");
        await Visit(admin, "report-round-approved", $"/reports/rounds/{oldestRound}");
        var approvedReport = await IdFromLinkAsync(admin.Page.Locator("tbody a[href^='/reports/']").First);
        await Visit(admin, "report-approved", $"/reports/{approvedReport}");
        await Visit(admin, "report-missing", "/reports/987654321", 404);
        // The province's templates (its own monthly one, on schedule) and the form of one kind.
        await Visit(admin, "report-templates", "/reports/templates");
        var bacNinh = await IdFromLinkAsync(admin.Page.Locator("li.card[data-kind=Month] h3 a"));
        await Visit(admin, "report-templates-province", $"/reports/templates?unit={bacNinh}");
        await Expect(admin.Page.Locator("li.card[data-kind=Month]")).ToContainTextAsync("Tự mở đợt theo lịch");
        await Visit(admin, "report-template-edit", $"/reports/templates/{bacNinh}/Month");
        // Work programs: the list, the province's program, its coverage matrix, an item with the communes' items that
        // implement it, the approved version.
        await Visit(admin, "programs", "/programs");
        var provinceProgram = await IdFromLinkAsync(admin.Page.Locator("a[data-program]").First);
        await Visit(admin, "program", $"/programs/{provinceProgram}");
        await Visit(admin, "program-coverage", $"/programs/{provinceProgram}/coverage");
        var matrixItem = await admin.Page.Locator("table.matrix tbody th a").First.GetAttributeAsync("href");
        await Visit(admin, "program-item", matrixItem!);
        await Visit(admin, "program-version", $"/programs/{provinceProgram}/versions/1");
        await Visit(admin, "program-missing", "/programs/987654321", 404);
        // Thematic conferences: the list and the province's conference with its commitments.
        await Visit(admin, "conferences", "/conferences");
        // The demo's own conference by its title: a flow test of the same site may have recorded a newer one.
        var conference = await IdFromLinkAsync(
            admin.Page.Locator("a[data-conference]", new() { HasText = "Dân vận khéo" }).First
        );
        await Visit(admin, "conference", $"/conferences/{conference}");
        await Visit(admin, "conference-missing", "/conferences/987654321", 404);
        await Visit(admin, "profile", "/account");
        await Visit(admin, "password", "/account/password");
        await Visit(admin, "two-factor-manage", "/account/two-factor");
        await Visit(admin, "tokens", "/account/tokens");
        admin.AssertNothingWentWrong();

        // The agency's view: its queue and the answer form, with the late-answer explanation it must give.
        await using var agency = await OpenAsync($"{name}-agency", width, height);
        await agency.SignInAsync("tiendu.xuly@danvan.demo");
        await Visit(agency, "agency-queue", "/petitions?mine=true&overdue=true");
        var late = await IdFromLinkAsync(agency.Page.Locator("table a[href^='/petitions/']").First);
        await Visit(agency, "agency-petition", $"/petitions/{late}");
        await Visit(agency, "agency-answer", $"/petitions/{late}/steps/Answer");
        await agency.Page.GetByLabel("Nội dung trả lời", new() { Exact = true }).FillAsync("Đã xử lý.");
        await agency.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lời kiến nghị" }).ClickAsync();
        await Expect(agency.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(agency, "agency-answer-errors");
        await Visit(agency, "agency-extension", $"/petitions/{late}/steps/RequestExtension");
        agency.AssertNothingWentWrong();

        // A viewer's petition: the register, not the citizen's letter.
        await using var viewer = await OpenAsync($"{name}-viewer", width, height);
        await viewer.SignInAsync("tiendu.xem@danvan.demo");
        await Visit(viewer, "viewer-petitions", "/petitions");
        var register = await IdFromLinkAsync(viewer.Page.Locator("table a[href^='/petitions/']").First);
        await Visit(viewer, "viewer-petition", $"/petitions/{register}");
        viewer.AssertNothingWentWrong();

        // A ward's officer writes its returned report (the header's checks, without saving).
        await using var writer = await OpenAsync($"{name}-writer", width, height);
        await writer.SignInAsync("kinhbac.canbo@danvan.demo");
        await Visit(writer, "writer-reports", "/reports");
        var own = await IdFromLinkAsync(
            writer
                .Page.Locator("[data-record-list] tbody > tr")
                .Nth(1)
                .GetByRole(AriaRole.Link, new() { Name = "Báo cáo của đơn vị bạn" })
        );
        await Visit(writer, "report-write", $"/reports/{own}/edit");
        await writer.Page.Locator("details.panel summary").ClickAsync();
        await writer.Page.GetByLabel("Cơ quan chủ quản", new() { Exact = true }).FillAsync("");
        await writer.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(writer.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(writer, "report-write-errors");
        // The ward's published program, and an item's progress form.
        await Visit(writer, "writer-programs", "/programs?status=Published");
        var wardProgram = await IdFromLinkAsync(
            writer.Page.Locator("a[data-program]", new() { HasText = "Kinh Bắc" }).First
        );
        await Visit(writer, "program-published", $"/programs/{wardProgram}");
        var wardItem = await writer.Page.Locator("tr[data-item]").First.GetAttributeAsync("data-item");
        await Visit(writer, "program-item-progress", $"/programs/{wardProgram}/items/{wardItem}");
        // The ward's pending commitment at the province's conference, turned into a replication (refused without an
        // organization, so nothing is written).
        await Visit(writer, "writer-conference", $"/conferences/{conference}");
        var replicate = await writer
            .Page.GetByRole(AriaRole.Link, new() { Name = "Chuyển thành nhân rộng" })
            .First.GetAttributeAsync("href");
        await Visit(writer, "commitment-replicate", replicate!);
        await writer.Page.GetByRole(AriaRole.Button, new() { Name = "Chuyển thành nhân rộng" }).ClickAsync();
        await Expect(writer.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(writer, "commitment-replicate-errors");
        writer.AssertNothingWentWrong();

        // The province's officer records a conference: the form, refused without a title, and the conference's editor.
        await using var host = await OpenAsync($"{name}-host", width, height);
        await host.SignInAsync("tinh.canbo@danvan.demo");
        await Visit(host, "conference-new", "/conferences/new");
        await host.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(host.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(host, "conference-new-errors");
        await Visit(host, "conference-edit", $"/conferences/{conference}/edit");
        await Visit(host, "conference-host", $"/conferences/{conference}");
        host.AssertNothingWentWrong();

        // A commune's draft program: its heading (refused without a title), a new item, an item.
        await using var drafter = await OpenAsync($"{name}-drafter", width, height);
        await drafter.SignInAsync("tiendu.canbo@danvan.demo");
        await drafter.GotoAsync("/programs?status=Draft");
        var draft = await IdFromLinkAsync(drafter.Page.Locator("a[data-program]", new() { HasText = "Tiên Du" }).First);
        await Visit(drafter, "program-draft", $"/programs/{draft}");
        var draftItem = await drafter.Page.Locator("tr[data-item]").First.GetAttributeAsync("data-item");
        await Visit(drafter, "program-edit", $"/programs/{draft}/edit");
        await drafter.Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("");
        await drafter.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(drafter.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(drafter, "program-edit-errors");
        await Visit(drafter, "program-item-new", $"/programs/{draft}/items/new");
        await Visit(drafter, "program-item-edit", $"/programs/{draft}/items/{draftItem}/edit");
        await Visit(drafter, "program-new", "/programs/new");
        drafter.AssertNothingWentWrong();

        // The ward's personnel officer: the cadre list, a cadre masked and revealed, the record's form (refused without a
        // name), a new cadre and a new post (refused without a body).
        await using var personnel = await OpenAsync($"{name}-personnel", width, height);
        await personnel.SignInAsync("kinhbac.tochuc@danvan.demo");
        await Visit(personnel, "cadres", "/cadres");
        var cadre = await IdFromLinkAsync(personnel.Page.Locator("a[data-cadre]").First);
        await Visit(personnel, "cadre", $"/cadres/{cadre}");
        await personnel.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }).ClickAsync();
        await Expect(personnel.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }))
            .ToHaveCountAsync(0);
        await Check(personnel, "cadre-revealed");
        await Visit(personnel, "cadre-edit", $"/cadres/{cadre}/edit");
        await personnel.Page.GetByLabel("Họ và tên").FillAsync("");
        await personnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(personnel.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(personnel, "cadre-edit-errors");
        await Visit(personnel, "cadre-new", "/cadres/new");
        await Visit(personnel, "cadre-import", "/cadres/import");
        await Visit(personnel, "cadre-position-new", $"/cadres/{cadre}/positions/new");
        await personnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(personnel.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(personnel, "cadre-position-errors");
        await Visit(personnel, "staffing-ward", "/staffing");
        personnel.AssertNothingWentWrong();

        // The province's personnel officer: the province's staffing plan with its communes, and a commune's quota form
        // (refused without a quota).
        await using var provincePersonnel = await OpenAsync($"{name}-province-personnel", width, height);
        await provincePersonnel.SignInAsync("tinh.tochuc@danvan.demo");
        await Visit(provincePersonnel, "staffing", "/staffing");
        var quota = await provincePersonnel
            .Page.Locator("tr[data-unit] a", new() { HasText = "Giao định biên" })
            .First.GetAttributeAsync("href");
        await Visit(provincePersonnel, "staffing-quota", quota!);
        await provincePersonnel.Page.GetByLabel("Định biên (cán bộ chuyên trách)").FillAsync("");
        await provincePersonnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(provincePersonnel.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(provincePersonnel, "staffing-quota-errors");
        // A ward whose quota is given body by body: its plan with the table of bodies, and the Front's quota form.
        await provincePersonnel.GotoAsync("/staffing");
        var bodies = await provincePersonnel
            .Page.Locator("tr[data-unit] th a", new() { HasText = "Đa Mai" })
            .GetAttributeAsync("href");
        await Visit(provincePersonnel, "staffing-bodies", bodies!);
        var bodyQuota = await provincePersonnel
            .Page.Locator("tr[data-body] a", new() { HasText = "Giao định biên" })
            .First.GetAttributeAsync("href");
        await Visit(provincePersonnel, "staffing-quota-body", bodyQuota!);
        // Responsibility: the coverage report, the assignment form for Xã Tiên Du (refused without a holder, then
        // saved with a body holding a group named after this run, so each run makes its own and the commune itself
        // stays held by nobody), the assignment's page with its visit form.
        await Visit(provincePersonnel, "responsibilities", "/responsibilities");
        var tienDuUnit = await provincePersonnel
            .Page.Locator(
                "li[data-coverage]",
                new()
                {
                    Has = provincePersonnel.Page.GetByRole(AriaRole.Link, new() { Name = "Tiên Du", Exact = true }),
                }
            )
            .GetAttributeAsync("data-coverage");
        await Visit(provincePersonnel, "responsibility-new", $"/responsibilities/new?unit={tienDuUnit}");
        await provincePersonnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(provincePersonnel.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(provincePersonnel, "responsibility-new-errors");
        await provincePersonnel
            .Page.GetByLabel("Tổ chức phụ trách")
            .SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await provincePersonnel.Page.GetByLabel("Nhóm trong địa bàn").FillAsync($"Chi hội Phụ nữ ({name})");
        await provincePersonnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(provincePersonnel.Page.Locator("h2#visits-title")).ToBeVisibleAsync();
        await Check(provincePersonnel, "responsibility");
        // Training: the courses, a course with its participants, its form, a participant's result, and a new course
        // refused without a title.
        await Visit(provincePersonnel, "training", "/training");
        var course = await IdFromLinkAsync(provincePersonnel.Page.Locator("a[data-course]").First);
        await Visit(provincePersonnel, "training-course", $"/training/{course}");
        // The province's running course has cadres of many communes: the units first, each opening its participants.
        var unitParticipants = await provincePersonnel
            .Page.Locator("li[data-enrolment-unit] a")
            .First.GetAttributeAsync("href");
        await Visit(provincePersonnel, "training-course-unit", unitParticipants!.Split('#')[0]);
        var result = await provincePersonnel
            .Page.Locator("li[data-enrolment] a[href*='/enrolments/']")
            .First.GetAttributeAsync("href");
        await Visit(provincePersonnel, "training-course-edit", $"/training/{course}/edit");
        await Visit(provincePersonnel, "training-result", result!);
        await Visit(provincePersonnel, "training-new", "/training/new");
        await provincePersonnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(provincePersonnel.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(provincePersonnel, "training-new-errors");
        // Data subjects' requests: the list, the form refused without an identifier, a request recorded and its page
        // with what the personnel officer's rights find of the person.
        await Visit(provincePersonnel, "privacy", "/privacy");
        await Visit(provincePersonnel, "privacy-new", "/privacy/new");
        await provincePersonnel.Page.GetByLabel("Loại yêu cầu").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await provincePersonnel.Page.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Hoa");
        await provincePersonnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(provincePersonnel.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Check(provincePersonnel, "privacy-new-errors");
        await provincePersonnel.Page.GetByLabel("Số định danh cá nhân").FillAsync("001190004321");
        await provincePersonnel.Page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(provincePersonnel.Page.Locator("h2#found-heading")).ToBeVisibleAsync();
        await Check(provincePersonnel, "privacy-request");
        provincePersonnel.AssertNothingWentWrong();
    }

    /// <summary>Lets the browser's own error page arrive, so it cannot interrupt the next visit.</summary>
    private static async Task SettleAsync(IPage page)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.GotoAsync("about:blank");
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Opens <paramref name="fromPage"/> first, then reads the id from the link.</summary>
    private static async Task<int> IdFromLinkAsync(ILocator link, string fromPage, BrowserSession browser)
    {
        await browser.GotoAsync(fromPage);
        return await IdFromLinkAsync(link);
    }

    private static async Task<int> IdFromLinkAsync(ILocator link)
    {
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("The link has no href.");
        var id = Regex.Match(href, @"/(\d+)(?:[/?#]|$)");
        Assert.True(id.Success, $"Expected a link to a record, found href=\"{href}\".");
        return int.Parse(id.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task UploadAsync(BrowserSession browser, string csv)
    {
        await browser
            .Page.GetByLabel(Vi.ImportFile)
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "don-vi.csv",
                    MimeType = "text/csv",
                    Buffer = Encoding.UTF8.GetBytes(csv),
                }
            );
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = Vi.ImportCheck }).ClickAsync();
    }
}
