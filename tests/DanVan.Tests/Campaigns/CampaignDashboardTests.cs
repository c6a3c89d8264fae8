using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>The dashboard page and the chart image: the burn-up chart, its table, the ranking with units behind
/// schedule.</summary>
public sealed class CampaignDashboardTests(CampaignDashboardTests.Fixture f)
    : IClassFixture<CampaignDashboardTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public TestAccount ProvinceAccount { get; private set; } = default!;
        public HttpClient Province { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            ProvinceAccount = await CreateAccountAsync(Role.Officer, Tree.P1);
            Province = await ApiClientAsync(ProvinceAccount);
        }
    }

    [Fact]
    public async Task The_dashboard_shows_the_chart_its_table_and_the_communes_ranked_with_the_one_behind_highlighted()
    {
        var t = f.Tree;
        var id = await CreateAsync(f.Province, Campaign(t.P1, UnitLevel.Commune, t.C1, t.C2));
        var graves = await AddIndicatorAsync(f.Province, id, Indicator());
        await ApiJson.OkAsync(
            await f.Province.PutAsJsonAsync(
                $"/api/v1/campaigns/{id}/targets",
                new
                {
                    indicatorId = graves,
                    targets = new[]
                    {
                        new
                        {
                            unitId = t.C1.Id,
                            value = 300m,
                            version = 0,
                        },
                        new
                        {
                            unitId = t.C2.Id,
                            value = 300m,
                            version = 0,
                        },
                    },
                }
            )
        );

        // 31 days of the 45-day drive have passed: C1 is ahead of the plan (≈ 207 by today), C2 far behind.
        var figures = new List<object>();
        for (var day = From; day <= f.Today; day = day.AddDays(1))
        {
            figures.Add(Figure(t.C1, graves, day, 8));
            figures.Add(Figure(t.C2, graves, day, 2));
        }

        Assert.Equal(HttpStatusCode.OK, (await EnterAsync(f.Province, id, [.. figures])).StatusCode);

        using var page = await f.SignInAsync(f.ProvinceAccount);
        var (response, document) = await page.GetPageAsync($"/campaigns/{id}/dashboard?indicatorId={graves}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(document.QuerySelector("svg[role=img] title"));
        var rows = document.QuerySelectorAll("table.ranking tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(t.C1.Name, rows[0].TextContent);
        Assert.Contains(t.C2.Name, rows[1].TextContent);
        Assert.Equal("ranking__row--behind", rows[1].ClassName);
        Assert.True(string.IsNullOrEmpty(rows[0].ClassName));

        // The chart's table: one row per day with the running total (10 a day for the province).
        var series = document.QuerySelectorAll("details.chart-table tbody tr").ToList();
        Assert.Equal(f.Today.DayNumber - From.DayNumber + 1, series.Count);
        Assert.Contains("310", series[^1].TextContent);

        var png = await page.GetAsync($"/campaigns/{id}/chart.png?indicatorId={graves}&unitId={t.C2.Id}");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        var api = await f.Province.GetAsync($"/api/v1/campaigns/{id}/chart.png?indicatorId={graves}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
