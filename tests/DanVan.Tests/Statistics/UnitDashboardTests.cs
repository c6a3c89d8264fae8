using System.Globalization;
using AngleSharp.Html.Dom;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Statistics;

/// <summary>
/// The unit dashboard as its readers see it: the figures equal a direct count of the rows, the child units are
/// compared worst first and sorted by any column, each a link to its own dashboard; a role sees only the sections it
/// may see; bad or future periods give a page that says so, not an error.
/// </summary>
public sealed class UnitDashboardTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private async Task<DateOnly> SeedAsync()
    {
        var today = VietnamTime.Today(TimeProvider.System);
        var exists = await app.WithDbAsync(db => db.Petitions.AnyAsync(p => p.Title.StartsWith("Bảng số liệu")));
        if (exists)
        {
            return today;
        }

        await app.WithDbAsync(async db =>
        {
            var category = await db.PetitionCategories.Select(c => c.Id).FirstAsync();
            // C1: 5 received this month, 3 of them overdue; C2: 2 received, none overdue.
            foreach (var (unit, count, overdue) in new[] { (app.Tree.V1, 5, 3), (app.Tree.V3, 2, 0) })
            {
                for (var i = 0; i < count; i++)
                {
                    var p = new Petition
                    {
                        HandlingUnitId = unit.CommuneId!.Value,
                        Channel = PetitionChannel.Reception,
                        ReceivedOn = new DateOnly(today.Year, today.Month, 1),
                        CategoryId = category,
                        Title = $"Bảng số liệu {unit.Name} {i}",
                        Content = "Nội dung",
                        PetitionerKind = PetitionerKind.Citizen,
                        TrackingCode = PetitionRules.NewTrackingCode(),
                        CreatedAt = DateTime.UtcNow,
                        Status = PetitionStatus.Assigned,
                        AssignedOn = new DateOnly(today.Year, today.Month, 1),
                        DueOn = i < overdue ? today.AddDays(-1 - i) : today.AddDays(30),
                    };
                    RecordPetition.PlaceIn(p, unit);
                    p.SearchText = RecordPetition.SearchTextOf(p);
                    db.Petitions.Add(p);
                }
            }

            await db.SaveChangesAsync();
        });
        return today;
    }

    private static Dictionary<string, string> Figures(IHtmlDocument page) =>
        page.QuerySelectorAll("li.figure[data-key]")
            .ToDictionary(f => f.GetAttribute("data-key")!, f => f.QuerySelector(".figure__value")!.TextContent.Trim());

    [Fact]
    public async Task The_province_dashboard_counts_the_rows_and_compares_its_communes_worst_first()
    {
        var today = await SeedAsync();
        using var viewer = await app.SignInAsync(await app.CreateAccountAsync(Role.Viewer, app.Tree.P1));
        var (response, page) = await viewer.GetPageAsync($"/units/{app.Tree.P1.Id}/dashboard");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains(app.Tree.P1.Name, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var expected = await app.WithDbAsync(async db => new
        {
            Received = await db.Petitions.CountAsync(p =>
                p.ProvinceId == app.Tree.P1.Id
                && p.ReceivedOn >= new DateOnly(today.Year, today.Month, 1)
                && p.ReceivedOn <= today
            ),
            Overdue = await db.Petitions.CountAsync(p =>
                p.ProvinceId == app.Tree.P1.Id
                && (p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.InProgress)
                && p.DueOn < today
            ),
        });
        var figures = Figures(page);
        Assert.Equal(expected.Received.ToString("N0", Vi), figures[StatisticCatalogue.PetitionsReceived]);
        Assert.Equal(expected.Overdue.ToString("N0", Vi), figures[StatisticCatalogue.PetitionsOverdue]);
        Assert.True(expected.Overdue >= 3);

        // Worst first: the commune with the most overdue petitions leads; each row links to its own dashboard.
        var rows = page.QuerySelectorAll("table.compare tbody tr").ToList();
        Assert.Equal(
            [app.Tree.C1.Name, app.Tree.C2.Name],
            rows.Select(r => r.QuerySelector("th a")!.TextContent.Trim())
        );
        Assert.StartsWith($"/units/{app.Tree.C1.Id}/dashboard?", rows[0].QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal("descending", page.QuerySelector($"th[aria-sort]")!.GetAttribute("aria-sort"));

        // Sorted the other way by the same column, then by name.
        var (_, reversed) = await viewer.GetPageAsync(
            $"/units/{app.Tree.P1.Id}/dashboard?sort={StatisticCatalogue.PetitionsOverdue}&dir=asc"
        );
        Assert.Equal(
            [app.Tree.C2.Name, app.Tree.C1.Name],
            reversed.QuerySelectorAll("table.compare tbody tr th a").Select(a => a.TextContent.Trim())
        );

        // The commune's own dashboard agrees with its row.
        var (_, commune) = await viewer.GetPageAsync($"/units/{app.Tree.C1.Id}/dashboard");
        Assert.Equal(
            rows[0].QuerySelectorAll("td")[KeyColumn(page, StatisticCatalogue.PetitionsOverdue)].TextContent.Trim(),
            Figures(commune)[StatisticCatalogue.PetitionsOverdue]
        );
        // A village has no children to compare.
        var (_, village) = await viewer.GetPageAsync($"/units/{app.Tree.V1.Id}/dashboard");
        Assert.Null(village.QuerySelector("table.compare"));
        Assert.Equal("3", Figures(village)[StatisticCatalogue.PetitionsOverdue]);
    }

    private static int KeyColumn(IHtmlDocument page, string key) =>
        page.QuerySelectorAll("table.compare thead th a")
            .Skip(1)
            .Select((a, i) => (a, i))
            .Single(x => x.a.GetAttribute("href")!.Contains($"sort={key}", StringComparison.Ordinal))
            .i;

    [Fact]
    public async Task A_role_sees_only_the_figures_of_what_it_may_read()
    {
        await SeedAsync();
        using var agency = await app.SignInAsync(await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.P1));
        var (_, page) = await agency.GetPageAsync($"/units/{app.Tree.P1.Id}/dashboard");
        var keys = Figures(page).Keys.ToList();
        Assert.Contains(StatisticCatalogue.ModelsRecognized, keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("petitions.", StringComparison.Ordinal));
        Assert.DoesNotContain(
            "Phản ánh",
            page.QuerySelector("table.compare")?.TextContent ?? "",
            StringComparison.Ordinal
        );

        using var viewer = await app.SignInAsync(await app.CreateAccountAsync(Role.Viewer, app.Tree.C1));
        var (sibling, _) = await viewer.GetPageAsync($"/units/{app.Tree.C2.Id}/dashboard");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, sibling.StatusCode);
    }

    [Fact]
    public async Task Bad_and_future_periods_give_a_page_that_says_so()
    {
        await SeedAsync();
        using var viewer = await app.SignInAsync(await app.CreateAccountAsync(Role.Viewer, app.Tree.P1));
        foreach (
            var query in new[]
            {
                "period=custom&from=abc&to=2026-13",
                "period=year&year=99999",
                "period=quarter&n=9",
                "period=%3Cscript%3E&n=-4",
                "period=custom&from=2030-01&to=1990-01",
            }
        )
        {
            var (response, page) = await viewer.GetPageAsync($"/units/{app.Tree.P1.Id}/dashboard?{query}");
            Assert.True(response.IsSuccessStatusCode, query);
            Assert.NotNull(page.QuerySelector("h1"));
        }

        // The custom range's own button sends "custom" beside the select's choice: the range wins.
        var (_, custom) = await viewer.GetPageAsync(
            $"/units/{app.Tree.P1.Id}/dashboard?period=month&year=2026&n=12&from=2026-01&to=2026-03&period=custom"
        );
        Assert.StartsWith("01/2026 – 03/2026", custom.QuerySelector(".caption")!.TextContent.Trim());

        var next = VietnamTime.Today(TimeProvider.System).Year + 1;
        var (_, future) = await viewer.GetPageAsync($"/units/{app.Tree.P1.Id}/dashboard?period=year&year={next}");
        Assert.Contains("chưa bắt đầu", future.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.All(Figures(future).Values, v => Assert.Equal("—", v));
    }

    [Fact]
    public async Task The_portal_the_dashboard_and_both_APIs_give_the_same_number_and_small_counts_are_not_published()
    {
        var today = await SeedAsync();
        var viewerAccount = await app.CreateAccountAsync(Role.Viewer, app.Tree.P1);
        using var viewer = await app.SignInAsync(viewerAccount);
        var api = await app.ApiClientAsync(viewerAccount);
        var anonymous = app.CreateClient();

        var (_, dashboard) = await viewer.GetPageAsync($"/units/{app.Tree.C1.Id}/dashboard?period=year");
        var (portalResponse, portal) = await new PageClient(anonymous).GetPageAsync($"/statistics/{app.Tree.C1.Id}");
        Assert.True(portalResponse.IsSuccessStatusCode);
        var signedIn = await ApiJson.ReadAsync(
            await api.GetAsync($"/api/v1/statistics?unitId={app.Tree.C1.Id}&period=year")
        );
        var open = await ApiJson.ReadAsync(
            await anonymous.GetAsync($"/api/v1/public/statistics?unitId={app.Tree.C1.Id}")
        );
        var expected = await app.WithDbAsync(db =>
            db.Petitions.CountAsync(p =>
                p.CommuneId == app.Tree.C1.Id && p.ReceivedOn >= new DateOnly(today.Year, 1, 1) && p.ReceivedOn <= today
            )
        );
        Assert.True(expected >= 5);
        var text = expected.ToString("N0", Vi);
        Assert.Equal(text, Figures(dashboard)[StatisticCatalogue.PetitionsReceived]);
        Assert.Equal(text, Figures(portal)[StatisticCatalogue.PetitionsReceived]);
        Assert.Equal(
            expected,
            signedIn
                .GetProperty("figures")
                .EnumerateArray()
                .Single(f => f.GetProperty("key").GetString() == StatisticCatalogue.PetitionsReceived)
                .GetProperty("value")
                .GetDouble()
        );
        Assert.Equal(
            expected,
            open.GetProperty("unit")
                .GetProperty("figures")
                .EnumerateArray()
                .Single(f => f.GetProperty("key").GetString() == StatisticCatalogue.PetitionsReceived)
                .GetProperty("value")
                .GetDouble()
        );

        // C2 received 2 this year: the portal says "fewer than 5", in the page, in the province's table and in the API.
        var (_, c2) = await new PageClient(anonymous).GetPageAsync($"/statistics/{app.Tree.C2.Id}");
        Assert.Equal("dưới 5", Figures(c2)[StatisticCatalogue.PetitionsReceived]);
        var province = await ApiJson.ReadAsync(
            await anonymous.GetAsync($"/api/v1/public/statistics?unitId={app.Tree.P1.Id}")
        );
        var c2Row = province
            .GetProperty("children")
            .EnumerateArray()
            .Single(c => c.GetProperty("unitId").GetInt32() == app.Tree.C2.Id)
            .GetProperty("figures")
            .EnumerateArray()
            .Single(f => f.GetProperty("key").GetString() == StatisticCatalogue.PetitionsReceived);
        Assert.True(c2Row.GetProperty("suppressed").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, c2Row.GetProperty("value").ValueKind);
        // The signed-in dashboard, for those who may see it, shows the real count.
        var (_, c2Dashboard) = await viewer.GetPageAsync($"/units/{app.Tree.C2.Id}/dashboard?period=year");
        Assert.Equal("2", Figures(c2Dashboard)[StatisticCatalogue.PetitionsReceived]);

        // No village on the portal, and nothing but the public figures.
        Assert.Equal(
            System.Net.HttpStatusCode.NotFound,
            (await anonymous.GetAsync($"/api/v1/public/statistics?unitId={app.Tree.V1.Id}")).StatusCode
        );
        Assert.Equal(PublicStatistics.Figures.Select(f => f.Key).Order(), Figures(portal).Keys.Order());
    }

    [Fact]
    public async Task The_public_API_is_rate_limited_per_address()
    {
        var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Add(DanVanApp.ClientAddressHeader, "203.0.113.77");
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            statuses.Add((await anonymous.GetAsync($"/api/v1/public/statistics?unitId={app.Tree.P1.Id}")).StatusCode);
        }

        Assert.All(statuses.Take(60), s => Assert.Equal(System.Net.HttpStatusCode.OK, s));
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, statuses[60]);
        // Another address is not held back.
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Add(DanVanApp.ClientAddressHeader, "203.0.113.78");
        Assert.True((await other.GetAsync("/api/v1/public/statistics")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_comparison_table_exports_in_the_pages_order_with_numbers_as_numbers_and_is_audited()
    {
        await SeedAsync();
        var account = await app.CreateAccountAsync(Role.Viewer, app.Tree.P1);
        using var viewer = await app.SignInAsync(account);
        var (_, page) = await viewer.GetPageAsync($"/units/{app.Tree.P1.Id}/dashboard");
        var onScreen = page.QuerySelectorAll("table.compare tbody tr th a").Select(a => a.TextContent.Trim()).ToList();
        var link = page.QuerySelectorAll("a[download]").Single(a => a.GetAttribute("href")!.Contains("format=xlsx"));

        var xlsx = await viewer.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(System.Net.HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs
            .MiniExcel.Query(stream, useHeaderRow: true)
            .Cast<IDictionary<string, object>>()
            .ToList();
        Assert.Equal(onScreen, rows.Select(r => (string)r["Đơn vị"]));
        var overdue = rows.Select(r => r["Phản ánh quá hạn"]).ToList();
        Assert.All(overdue, v => Assert.IsType<double>(v));
        Assert.Equal(3.0, overdue[0]);

        var csv = await viewer.Http.GetAsync($"/units/{app.Tree.P1.Id}/dashboard/export?format=csv&sort=name&dir=asc");
        var lines = (await csv.Content.ReadAsStringAsync())
            .TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Đơn vị,", lines[0]);
        Assert.Equal([app.Tree.C2.Name, app.Tree.C1.Name], lines.Skip(1).Select(l => l.Split(',')[0]));

        Assert.Equal(
            System.Net.HttpStatusCode.BadRequest,
            (await viewer.Http.GetAsync($"/units/{app.Tree.P1.Id}/dashboard/export?format=pdf")).StatusCode
        );
        Assert.Equal(
            2,
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a =>
                    a.Action == DanVan.Web.Infrastructure.Audit.AuditAction.Exported
                    && a.AccountId == account.Id
                    && a.EntityType == nameof(StatisticCount)
                )
            )
        );
    }
}
