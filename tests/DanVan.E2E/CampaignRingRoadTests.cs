using System.Globalization;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The article's drive, end to end in the browser: the province's officer creates the Ring Road 4 grave-relocation
/// campaign for three communes, adds its indicator and the communes' targets, enters thirty days of figures through
/// the grid, and watches the dashboard's burn-up chart, its table and the ranking change; one commune falls behind.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class CampaignRingRoadTests(DemoSite site)
{
    private const string Officer = "tinh.canbo@danvan.demo";
    private const string Indicator = "Mộ đã di dời";

    /// <summary>Communes on the route when the national unit list is there; otherwise the first three of the
    /// province.</summary>
    private static readonly string[] Route = ["Gia Bình", "Đại Lai", "Nhân Thắng"];

    /// <summary>Graves moved a day: the first commune runs ahead, the second on plan, the third falls behind.</summary>
    private static readonly int[] Daily = [8, 6, 1];

    private const int Days = 30;
    private const int Target = 300;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_province_officer_runs_the_Ring_Road_4_drive_for_thirty_days_and_the_chart_and_ranking_follow()
    {
        await using var browser = await site.OpenAsync("ring-road", 1280, 900);
        await browser.SignInAsync(Officer);
        var page = browser.Page;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var start = today.AddDays(1 - Days);
        var name =
            "30 ngày đêm di dời mộ, giải phóng mặt bằng đường Vành đai 4 – ba xã " + Guid.NewGuid().ToString("N")[..4];

        // 1. The campaign: name, a sixty-day period of which thirty have passed, reported by communes, three chosen.
        await browser.GotoAsync("/campaigns/new");
        await page.GetByLabel("Tên phong trào").FillAsync(name);
        await page.GetByLabel("Ngày bắt đầu").FillAsync(Iso(start));
        await page.GetByLabel("Ngày kết thúc").FillAsync(Iso(today.AddDays(Days)));
        await page.GetByLabel("Xã, phường", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Chỉ các đơn vị được chọn dưới đây").CheckAsync();
        var offered = page.Locator(".participants__choose > ul.checkbox-list > li > label.check");
        var names = new List<string>();
        foreach (var label in await offered.AllAsync())
        {
            names.Add(await label.Locator("span").First.EvaluateAsync<string>("e => e.firstChild.textContent.trim()"));
        }

        var communes = Route.All(names.Contains) ? Route : names.Take(3).ToArray();
        Assert.Equal(3, communes.Length);
        foreach (var commune in communes)
        {
            await offered.Nth(names.IndexOf(commune)).Locator("input[type=checkbox]").CheckAsync();
        }

        await browser.ScreenshotAsync("campaign-form");
        await page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = name })).ToBeVisibleAsync();
        var id = int.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2], CultureInfo.InvariantCulture);
        await Expect(page.Locator(".summary-list")).ToContainTextAsync("3 đơn vị");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu triển khai" }).ClickAsync();
        await Expect(page.Locator(".status").First).ToHaveTextAsync("Đang triển khai");

        // 2. The indicator: graves, summed over the days, reported daily.
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm chỉ tiêu" }).ClickAsync();
        await page.GetByLabel("Tên chỉ tiêu").FillAsync(Indicator);
        await page.GetByLabel("Đơn vị tính", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "ngôi mộ" });
        await page.GetByLabel("Cộng dồn các kỳ (số phát sinh)").CheckAsync();
        await page.GetByLabel("Càng cao càng tốt").CheckAsync();
        await page.GetByLabel("Tần suất báo cáo").SelectOptionAsync(new SelectOptionValue { Label = "Hằng ngày" });
        await page.GetByRole(AriaRole.Button, new() { Name = Vi.Save, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu chỉ tiêu.");

        // 3. Each commune's target; the province's is their sum.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mục tiêu theo đơn vị", Exact = true }).First.ClickAsync();
        foreach (var commune in communes)
        {
            await page.GetByLabel($"Mục tiêu riêng của {commune}", new() { Exact = true })
                .FillAsync(Target.ToString(CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu mục tiêu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu mục tiêu.");
        await browser.ScreenshotAsync("targets");

        // 4. The dashboard before any figure: no line of actual figures, nothing in the table, nobody ahead.
        await browser.GotoAsync($"/campaigns/{id}/dashboard");
        var chart = page.Locator("svg.chart__svg--wide");
        await Expect(chart).ToHaveAttributeAsync("role", "img");
        await Expect(chart.Locator("polyline")).ToHaveCountAsync(0);
        await Expect(page.Locator("details.chart-table")).ToContainTextAsync("Chưa có số liệu nào được nhập.");
        var ranking = page.Locator("table.ranking tbody tr");
        await Expect(ranking).ToHaveCountAsync(3);
        await Expect(page.Locator(".figures .figure__value").First).ToHaveTextAsync("0");
        await Expect(page.Locator(".figures"))
            .ToContainTextAsync((Target * 3).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")));
        var before = await chart.InnerHTMLAsync();
        await browser.ScreenshotAsync("dashboard-empty");

        // 5. Thirty days through the grid, one day's three figures at a time; half-way the dashboard has half the line.
        for (var day = 0; day < Days; day++)
        {
            var date = start.AddDays(day);
            await browser.GotoAsync($"/campaigns/{id}/entries?date={Iso(date)}");
            for (var c = 0; c < communes.Length; c++)
            {
                await page.GetByLabel($"{Indicator} – {communes[c]}", new() { Exact = true })
                    .FillAsync(Daily[c].ToString(CultureInfo.InvariantCulture));
            }

            if (day == 0)
            {
                await browser.ScreenshotAsync("grid-first-day");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu 3 số liệu.");
            if (day == Days / 2 - 1)
            {
                await browser.GotoAsync($"/campaigns/{id}/dashboard");
                await Expect(page.Locator(".figures .figure__value").First).ToHaveTextAsync(Total(Days / 2));
                await Expect(page.Locator("details.chart-table tbody tr")).ToHaveCountAsync(Days / 2);
                Assert.NotEqual(before, await chart.InnerHTMLAsync());
            }
        }

        // 6. The dashboard after: the line, the table of thirty days, the ranking in order with the slow commune
        // marked.
        // Light (QUALITY P7): bytes transferred for the page (headers and bodies, cache off) and from this host only.
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Cache-Control"] = "no-cache" });
        var loaded = new List<IRequest>();
        void Collect(object? sender, IRequest request) => loaded.Add(request);
        page.RequestFinished += Collect;
        await browser.GotoAsync($"/campaigns/{id}/dashboard");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.RequestFinished -= Collect;
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>());
        var bytes = 0;
        foreach (var request in loaded)
        {
            Assert.Equal(site.BaseUrl.Authority, new Uri(request.Url).Authority);
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Dashboard after {Days} days: {loaded.Count} requests, {bytes:N0} bytes transferred."
        );
        Assert.True(bytes <= 300 * 1024, $"The dashboard loads {bytes:N0} bytes in {loaded.Count} responses.");
        await Expect(page.Locator(".figures .figure__value").First).ToHaveTextAsync(Total(Days));
        var points = (await chart.Locator("polyline").GetAttributeAsync("points"))!.Split(' ');
        Assert.True(points.Length >= Days, $"The burn-up line has {points.Length} points for {Days} days.");
        var rows = page.Locator("details.chart-table tbody tr");
        await Expect(rows).ToHaveCountAsync(Days);
        await Expect(rows.Last.Locator("td").Nth(1)).ToHaveTextAsync(Total(Days));
        for (var c = 0; c < communes.Length; c++)
        {
            await Expect(ranking.Nth(c).Locator("th")).ToContainTextAsync(communes[c]);
            await Expect(ranking.Nth(c).Locator("td").Nth(1))
                .ToHaveTextAsync((Daily[c] * Days).ToString(CultureInfo.InvariantCulture));
        }

        await Expect(ranking.Nth(2)).ToHaveClassAsync("ranking__row--behind");
        await Expect(ranking.Nth(2).Locator("th")).ToContainTextAsync("chậm tiến độ");
        await Expect(ranking.Nth(0)).Not.ToHaveClassAsync("ranking__row--behind");
        await Expect(page.Locator(".ranking__row--behind")).ToHaveCountAsync(1);
        await page.Locator("details.chart-table summary").ClickAsync();
        await browser.ScreenshotAsync("dashboard-thirty-days");
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));

        // The same chart as an image for the report.
        var image = await page.APIRequest.GetAsync(
            await page.Locator("figure.chart-figure figcaption a").GetAttributeAsync("href") ?? ""
        );
        Assert.Equal(200, image.Status);
        Assert.Equal("image/png", image.Headers["content-type"]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await image.BodyAsync())[..4]);
        browser.AssertNothingWentWrong();

        // On a phone: the narrow drawing, nothing wider than the screen.
        await using var phone = await site.OpenAsync("ring-road-360", 360, 780);
        await phone.SignInAsync(Officer);
        await phone.GotoAsync($"/campaigns/{id}/dashboard");
        await Expect(phone.Page.Locator("svg.chart__svg--narrow")).ToBeVisibleAsync();
        await Expect(phone.Page.Locator(".ranking__row--behind")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("dashboard-thirty-days");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(phone.Page));
        Assert.Empty(await PageChecks.AxeViolationsAsync(phone.Page));
        await phone.GotoAsync($"/campaigns/{id}/entries?date={Iso(today)}");
        await phone.ScreenshotAsync("grid-today");
        Assert.Empty(await PageChecks.PhoneProblemsAsync(phone.Page));
        phone.AssertNothingWentWrong();
    }

    private static string Total(int days) => (Daily.Sum() * days).ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
}
