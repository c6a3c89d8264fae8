using DanVan.Demo;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Operations;

/// <summary>The demo's two campaigns: as the app would have stored them, summary rows equal to a recompute, loaded
/// once.</summary>
public sealed partial class OperatorCommandTests
{
    [Fact]
    public async Task Demo_campaigns_carry_a_month_of_ring_road_figures_and_a_year_of_land_donations_whose_summaries_equal_a_recompute()
    {
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], new StringWriter()));
        var today = VietnamTime.Today(TimeProvider.System);
        var province = await app.WithDbAsync(db =>
            db.Units.SingleAsync(u => u.Code == BacNinhDemo.ProvinceCode && u.ValidTo == null)
        );
        var ringRoad = await app.WithDbAsync(db =>
            db.Campaigns.AsNoTracking()
                .SingleAsync(c => c.UnitId == province.Id && c.Name == DemoCampaigns.RingRoadName)
        );
        var land = await app.WithDbAsync(db =>
            db.Campaigns.AsNoTracking().SingleAsync(c => c.UnitId == province.Id && c.Name == DemoCampaigns.LandName)
        );

        // The peak drive: 30 days, on its last days, the communes along the route report daily.
        Assert.Equal(DemoCampaigns.RingRoadDays - 1, ringRoad.EndsOn.DayNumber - ringRoad.StartsOn.DayNumber);
        Assert.InRange(today.DayNumber - ringRoad.StartsOn.DayNumber, 25, 29);
        Assert.Equal(CampaignStatus.Running, ringRoad.Status);
        Assert.Equal(UnitLevel.Commune, ringRoad.ReportingLevel);
        Assert.NotNull(ringRoad.OrganizationId);
        Assert.Equal(
            [
                ("Mộ đã di dời", MeasureUnit.Graves, Aggregation.Sum, ReportingFrequency.Daily, 0),
                (
                    "Diện tích mặt bằng đã bàn giao",
                    MeasureUnit.SquareMetres,
                    Aggregation.Sum,
                    ReportingFrequency.Daily,
                    0
                ),
                ("Hộ đã ký biên bản bàn giao", MeasureUnit.Households, Aggregation.Latest, ReportingFrequency.Daily, 0),
                ("Ngày công huy động", MeasureUnit.Workdays, Aggregation.Sum, ReportingFrequency.Daily, 0),
            ],
            await IndicatorsAsync(ringRoad.Id)
        );
        var participants = await app.WithDbAsync(db =>
            db.CampaignParticipants.Where(p => p.CampaignId == ringRoad.Id).Select(p => p.UnitId).ToListAsync()
        );
        Assert.InRange(participants.Count, 15, 25);
        var figures = await app.WithDbAsync(db =>
            db.CampaignFigures.AsNoTracking()
                .Where(f => f.CampaignId == ringRoad.Id)
                .Select(f => new
                {
                    f.UnitId,
                    f.IndicatorId,
                    f.Period,
                    f.Value,
                    f.Version,
                })
                .ToListAsync()
        );
        var days = figures.Select(f => f.Period).Distinct().Count();
        Assert.InRange(days, 26, 30);
        Assert.All(participants, p =>
            Assert.True(
                figures.Count(f => f.UnitId == p) >= 4 * (days - 4),
                $"unit {p}: {figures.Count(f => f.UnitId == p)} figures"
            )
        );
        Assert.All(figures, f => Assert.True(f.Period >= ringRoad.StartsOn && f.Period <= today && f.Value >= 0));

        // A few days not reported by a few communes (the missing entries), corrections with their history, two locked
        // weeks.
        var cellsPerDay = participants.Count * 4;
        var short_ = figures.Where(f => f.Period < today).GroupBy(f => f.Period).Count(g => g.Count() < cellsPerDay);
        Assert.InRange(short_, 1, 10);
        var corrected = figures.Where(f => f.Version == 2).ToList();
        Assert.InRange(corrected.Count, 2, 5);
        var revisions = await app.WithDbAsync(db => db.FigureRevisions.CountAsync(r => r.CampaignId == ringRoad.Id));
        Assert.Equal(figures.Count + corrected.Count, revisions);
        var locks = await app.WithDbAsync(db =>
            db.CampaignPeriodLocks.Where(l => l.CampaignId == ringRoad.Id)
                .Select(l => l.Period)
                .OrderBy(p => p)
                .ToListAsync()
        );
        Assert.Equal(Enumerable.Range(0, DemoCampaigns.LockedDays).Select(d => ringRoad.StartsOn.AddDays(d)), locks);

        // A stock that grows: each commune's households never fall from one reported day to the next, except by a
        // correction.
        var households = (await IndicatorIdsAsync(ringRoad.Id))[2];
        foreach (var unit in figures.Where(f => f.IndicatorId == households).GroupBy(f => f.UnitId))
        {
            var levels = unit.OrderBy(f => f.Period).Select(f => f.Value).ToList();
            Assert.True(
                levels.Zip(levels.Skip(1)).All(p => p.Second >= p.First),
                $"unit {unit.Key}: {string.Join(",", levels)}"
            );
        }

        // The movement: the year, villages of a handful of communes, weekly and monthly figures from January to now,
        // linked models.
        Assert.Equal((new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)), (land.StartsOn, land.EndsOn));
        Assert.Equal(UnitLevel.Village, land.ReportingLevel);
        Assert.Equal(
            [
                ("Diện tích đất hiến", MeasureUnit.SquareMetres, Aggregation.Sum, ReportingFrequency.Weekly, 0),
                ("Số hộ hiến đất", MeasureUnit.Households, Aggregation.Sum, ReportingFrequency.Weekly, 0),
                ("Kinh phí nhân dân đóng góp", MeasureUnit.Vnd, Aggregation.Sum, ReportingFrequency.Monthly, 0),
                (
                    "Đường giao thông nông thôn hoàn thành",
                    MeasureUnit.Kilometres,
                    Aggregation.Sum,
                    ReportingFrequency.Monthly,
                    2
                ),
            ],
            await IndicatorsAsync(land.Id)
        );
        var villages = await app.WithDbAsync(db =>
            db.CampaignParticipants.Where(p => p.CampaignId == land.Id)
                .Select(p => new { p.CommuneId, p.VillageId })
                .ToListAsync()
        );
        Assert.All(villages, v => Assert.NotNull(v.VillageId));
        Assert.InRange(villages.Select(v => v.CommuneId).Distinct().Count(), 5, 8);
        var landPeriods = await app.WithDbAsync(db =>
            db.CampaignFigures.Where(f => f.CampaignId == land.Id)
                .GroupBy(f => f.IndicatorId)
                .Select(g => new
                {
                    g.Key,
                    First = g.Min(f => f.Period),
                    Last = g.Max(f => f.Period),
                    Count = g.Count(),
                })
                .ToListAsync()
        );
        Assert.Equal(4, landPeriods.Count);
        Assert.All(landPeriods, p => Assert.Equal(land.StartsOn, p.First));
        Assert.All(landPeriods, p => Assert.True(p.Last > today.AddDays(-40), $"last figure {p.Last}"));
        Assert.InRange(await app.WithDbAsync(db => db.CampaignModels.CountAsync(m => m.CampaignId == land.Id)), 1, 3);

        // Summary rows equal a recompute from the raw figures and targets.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rollup = scope.ServiceProvider.GetRequiredService<CampaignRollup>();
            Assert.Empty(await rollup.CheckAsync(ringRoad.Id, CancellationToken.None));
            Assert.Empty(await rollup.CheckAsync(land.Id, CancellationToken.None));
        }

        // The operator's check says the same; a summary row spoilt behind the app's back is found, named and rebuilt.
        var check = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "check-campaigns", [], check));
        Assert.Matches(@"Checked \d+ campaign\(s\): \d+ equal a recompute, 0 differ\.", check.ToString());
        await app.WithDbAsync(async db =>
        {
            var total = await db.Set<CampaignTotal>()
                .Where(t => t.CampaignId == ringRoad.Id)
                .OrderBy(t => t.UnitId)
                .FirstAsync();
            total.Actual += 7;
            await db.SaveChangesAsync();
            return 0;
        });
        check = new StringWriter();
        Assert.Equal(1, await OperatorCommands.RunAsync(app.Services, "check-campaigns", [], check));
        Assert.Contains($"Campaign {ringRoad.Id} ", check.ToString(), StringComparison.Ordinal);
        Assert.Contains(", 1 differ.", check.ToString(), StringComparison.Ordinal);
        check = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "check-campaigns", ["--repair"], check));
        Assert.Contains("rebuilt; 0 difference(s) left.", check.ToString(), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(
                await scope
                    .ServiceProvider.GetRequiredService<CampaignRollup>()
                    .CheckAsync(ringRoad.Id, CancellationToken.None)
            );
        }

        // The statistics' summary rows of the whole demo equal a recompute from its facts; rows spoilt or lost behind
        // the app's back are found and repaired.
        check = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "check-statistics", [], check));
        Assert.Matches(@"Checked \d+ summary row\(s\): all equal a recompute", check.ToString());
        var receivedBefore = await app.WithDbAsync(db =>
            db.StatisticCounts.Where(c => c.UnitId == 0 && c.Key == "petitions.received").SumAsync(c => c.Value)
        );
        Assert.Equal(await app.WithDbAsync(db => db.Petitions.CountAsync()), receivedBefore);
        await app.WithDbAsync(async db =>
        {
            var row = await db.StatisticCounts.OrderBy(c => c.UnitId).ThenBy(c => c.Key).FirstAsync(c => c.UnitId > 0);
            row.Value += 7;
            await db.SaveChangesAsync();
            await db.StatisticCounts.Where(c => c.UnitId == 0 && c.Key == "petitions.received").ExecuteDeleteAsync();
            return 0;
        });
        check = new StringWriter();
        Assert.Equal(1, await OperatorCommands.RunAsync(app.Services, "check-statistics", [], check));
        Assert.Contains("summary row(s) differ from a recompute", check.ToString(), StringComparison.Ordinal);
        check = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "check-statistics", ["--repair"], check));
        Assert.Contains("repaired; 0 difference(s) left.", check.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            receivedBefore,
            await app.WithDbAsync(db =>
                db.StatisticCounts.Where(c => c.UnitId == 0 && c.Key == "petitions.received").SumAsync(c => c.Value)
            )
        );

        // A second seed adds nothing.
        var counts = await CountCampaignsAsync();
        var output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], output));
        Assert.Contains("nothing added", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(counts, await CountCampaignsAsync());

        // Progress through the API as the province's officer: plausible numbers, a ranking of the route's communes,
        // some behind.
        var officer = await app.WithDbAsync(db => db.Users.SingleAsync(a => a.Email == "tinh.canbo@danvan.demo"));
        using var api = await app.ApiClientAsync(
            new TestAccount(officer.Id, officer.Email!, BacNinhDemo.Password, null, Role.Officer, province)
        );
        var graves = await ApiJson.OkAsync(await api.GetAsync($"/api/v1/campaigns/{ringRoad.Id}/progress"));
        var node = graves.GetProperty("node");
        Assert.InRange(node.GetProperty("percent").GetDecimal(), 60m, 105m);
        Assert.NotEqual(node.GetProperty("target").GetDecimal(), node.GetProperty("childTarget").GetDecimal());
        var ranking = graves.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(participants.Count, ranking.Count);
        Assert.InRange(ranking.Count(r => r.GetProperty("behind").GetBoolean()), 2, participants.Count - 5);
        Assert.InRange(graves.GetProperty("series").GetArrayLength(), days - 1, days);
        var roads = await ApiJson.OkAsync(
            await api.GetAsync(
                $"/api/v1/campaigns/{land.Id}/progress?indicatorId={(await IndicatorIdsAsync(land.Id))[3]}"
            )
        );
        Assert.InRange(roads.GetProperty("node").GetProperty("actual").GetDecimal(), 1m, 1000m);

        // The commune officer on the route enters today's figures of the drive and of the commune's villages.
        var gaBinh = await app.WithDbAsync(db =>
            db.Units.SingleAsync(u => u.Code == BacNinhDemo.RingRoadCommuneCode && u.ValidTo == null)
        );
        var canbo = await app.WithDbAsync(db => db.Users.SingleAsync(a => a.Email == "giabinh.canbo@danvan.demo"));
        using var commune = await app.ApiClientAsync(
            new TestAccount(canbo.Id, canbo.Email!, BacNinhDemo.Password, null, Role.Officer, gaBinh)
        );
        var grid = await ApiJson.OkAsync(await commune.GetAsync($"/api/v1/campaigns/{ringRoad.Id}/entries"));
        var row = Assert.Single(grid.GetProperty("rows").EnumerateArray());
        Assert.Equal(gaBinh.Id, row.GetProperty("unitId").GetInt32());
        Assert.True(row.GetProperty("mayEnter").GetBoolean());
        var villageGrid = await ApiJson.OkAsync(await commune.GetAsync($"/api/v1/campaigns/{land.Id}/entries"));
        Assert.Equal(villages.Count(v => v.CommuneId == gaBinh.Id), villageGrid.GetProperty("rows").GetArrayLength());
        Assert.All(villageGrid.GetProperty("rows").EnumerateArray(), r =>
            Assert.True(r.GetProperty("mayEnter").GetBoolean())
        );
    }

    private Task<List<(string, MeasureUnit, Aggregation, ReportingFrequency, int)>> IndicatorsAsync(int campaignId) =>
        app.WithDbAsync(async db =>
            (await db.Set<Indicator>().Where(i => i.CampaignId == campaignId).OrderBy(i => i.SortOrder).ToListAsync())
                .Select(i => (i.Name, i.Measure, i.Aggregation, i.Frequency, i.Decimals))
                .ToList()
        );

    private Task<List<int>> IndicatorIdsAsync(int campaignId) =>
        app.WithDbAsync(db =>
            db.Set<Indicator>()
                .Where(i => i.CampaignId == campaignId)
                .OrderBy(i => i.SortOrder)
                .Select(i => i.Id)
                .ToListAsync()
        );

    private Task<(
        int Campaigns,
        int Figures,
        int Revisions,
        int Locks,
        int Totals,
        int Series,
        int Models
    )> CountCampaignsAsync() =>
        app.WithDbAsync(async db =>
            (
                await db.Campaigns.CountAsync(),
                await db.CampaignFigures.CountAsync(),
                await db.FigureRevisions.CountAsync(),
                await db.CampaignPeriodLocks.CountAsync(),
                await db.CampaignTotals.CountAsync(),
                await db.CampaignSeries.CountAsync(),
                await db.CampaignModels.CountAsync()
            )
        );
}
