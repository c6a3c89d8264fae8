using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// Roll-up math through the API: sums and stocks up the tree, corrections and cleared figures, explicit and derived
/// targets, locks, and every bad cell refused with its message and nothing written. Today is Monday 16 November 2026;
/// the campaigns run from Saturday 17 October to 30 November.
/// </summary>
public sealed class CampaignRollupTests(CampaignRollupTests.Fixture f) : IClassFixture<CampaignRollupTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        /// <summary>An officer of the province P1: manages its campaigns and enters figures for all its
        /// villages.</summary>
        public HttpClient Province { get; private set; } = default!;

        /// <summary>An officer of the commune C1 (villages V1, V2).</summary>
        public HttpClient Commune { get; private set; } = default!;

        /// <summary>An officer of the sibling commune C2 (village V3).</summary>
        public HttpClient Sibling { get; private set; } = default!;

        /// <summary>An officer of the other province P2.</summary>
        public HttpClient OtherProvince { get; private set; } = default!;

        /// <summary>An officer of C1 who may also look at C2 (a viewer there), but not enter its figures.</summary>
        public HttpClient Mixed { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Province = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            Commune = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            Sibling = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C2));
            OtherProvince = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P2));
            var mixed = await CreateAccountAsync(Role.Officer, Tree.C1);
            await WithDbAsync(async db =>
            {
                db.Assignments.Add(
                    new Assignment
                    {
                        AccountId = mixed.Id,
                        UnitId = Tree.C2.Id,
                        ProvinceId = Tree.C2.ProvinceId,
                        CommuneId = Tree.C2.CommuneId,
                        Role = Role.Viewer,
                        CreatedAt = DateTime.UtcNow,
                    }
                );
                await db.SaveChangesAsync();
            });
            Mixed = await ApiClientAsync(mixed);
        }
    }

    private TestTree T => f.Tree;

    private async Task<(int Id, int Indicator)> ProvinceCampaignAsync(Dictionary<string, object?>? indicator = null)
    {
        var id = await CreateAsync(f.Province, Campaign(T.P1, UnitLevel.Village, T.P1));
        return (id, await AddIndicatorAsync(f.Province, id, indicator ?? Indicator()));
    }

    private static async Task OkAsync(HttpResponseMessage response) => await ApiJson.OkAsync(response);

    [Fact]
    public async Task Daily_sums_roll_up_from_villages_to_the_province_and_equal_a_recompute()
    {
        var (id, graves) = await ProvinceCampaignAsync(Indicator(target: 100));

        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.Commune, id, Figure(T.V1, graves, From, 5), Figure(T.V2, graves, From, 7))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await EnterAsync(
                    f.Province,
                    id,
                    Figure(T.V3, graves, From.AddDays(1), 11),
                    Figure(T.V1, graves, From.AddDays(1), 3)
                )
            ).StatusCode
        );

        // Province: 5 + 7 + 11 + 3 = 26 of 100; C1: 5 + 7 = 12 on day 1, + 3 = 15 on day 2; C2: 11.
        var province = await ProgressAsync(f.Province, id, graves);
        Assert.Equal(26m, province.GetProperty("node").GetProperty("actual").GetDecimal());
        Assert.Equal(100m, province.GetProperty("node").GetProperty("target").GetDecimal());
        Assert.Equal(
            [(T.C1.Id, 15m), (T.C2.Id, 11m)],
            province
                .GetProperty("ranking")
                .EnumerateArray()
                .Select(r => (r.GetProperty("unitId").GetInt32(), r.GetProperty("actual").GetDecimal()))
                .OrderBy(r => r.Item1)
        );
        var c1 = await ProgressAsync(f.Province, id, graves, T.C1);
        Assert.Equal(15m, c1.GetProperty("node").GetProperty("actual").GetDecimal());
        Assert.Equal(
            [12m, 15m],
            c1.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("cumulative").GetDecimal())
        );
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_stock_counts_with_its_latest_figure_each_day_and_a_correction_reaches_only_until_the_next_report()
    {
        var (id, households) = await ProvinceCampaignAsync(
            Indicator("Hộ chưa bàn giao mặt bằng", aggregation: "Latest")
        );
        DateOnly day1 = From,
            day2 = From.AddDays(1),
            day4 = From.AddDays(3);

        // V1 reports 10 on day 1 and 7 three days later; V3 (commune C2) reports 5 on day 2.
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, households, day1, 10)));
        await OkAsync(await EnterAsync(f.Province, id, Figure(T.V3, households, day2, 5)));
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, households, day4, 7)));

        // C1 stands at 10 on days 1–3 and 7 from day 4; the province at 10, 15 (10 + 5) and 12 (7 + 5).
        var c1 = await NodeAsync(f.Province, id, households, T.C1);
        Assert.Equal((7m, 2), (c1.Actual, c1.Figures));
        Assert.Equal([(day1, 10m), (day4, 7m)], c1.Series);
        var province = await NodeAsync(f.Province, id, households);
        Assert.Equal((12m, 3), (province.Actual, province.Figures));
        Assert.Equal([(day1, 10m), (day2, 15m), (day4, 12m)], province.Series);

        // Day 1 was really 12: the level of days 1–3 changes, day 4 on stays 7 (V1 reported again).
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, households, day1, 12, version: 1)));
        c1 = await NodeAsync(f.Province, id, households, T.C1);
        Assert.Equal(7m, c1.Actual);
        Assert.Equal([(day1, 12m), (day4, 7m)], c1.Series);
        Assert.Equal([(day1, 12m), (day2, 17m), (day4, 12m)], (await NodeAsync(f.Province, id, households)).Series);

        // Clearing day 4 (entered by mistake): V1 counts with 12 again; the province stands at 12 + 5 = 17.
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, households, day4, null, version: 1)));
        c1 = await NodeAsync(f.Province, id, households, T.C1);
        Assert.Equal((12m, 1), (c1.Actual, c1.Figures));
        Assert.Equal([(day1, 12m)], c1.Series);
        province = await NodeAsync(f.Province, id, households);
        Assert.Equal((17m, 2), (province.Actual, province.Figures));
        Assert.Equal([(day1, 12m), (day2, 17m)], province.Series);

        // The cell keeps its history, newest first; the cleared one records its removal.
        var history = await ApiJson.OkAsync(
            await f.Province.GetAsync(
                $"/api/v1/campaigns/{id}/figures/history?unitId={T.V1.Id}&indicatorId={households}&period={Iso(day1)}"
            )
        );
        Assert.Equal(
            [(12m, (decimal?)10m), (10m, null)],
            history
                .EnumerateArray()
                .Select(r =>
                    (
                        r.GetProperty("newValue").GetDecimal(),
                        r.GetProperty("oldValue").ValueKind == System.Text.Json.JsonValueKind.Null
                            ? (decimal?)null
                            : r.GetProperty("oldValue").GetDecimal()
                    )
                )
        );
        var cleared = await ApiJson.OkAsync(
            await f.Province.GetAsync(
                $"/api/v1/campaigns/{id}/figures/history?unitId={T.V1.Id}&indicatorId={households}&period={Iso(day4)}"
            )
        );
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared[0].GetProperty("newValue").ValueKind);
        Assert.Equal("Api", cleared[0].GetProperty("source").GetString());
        Assert.Equal(
            [(T.V1.Id, day1, 12m), (T.V3.Id, day2, 5m)],
            (await FiguresAsync(f.Province, id)).Select(x => (x.UnitId, x.Period, x.Value)).OrderBy(x => x.Period)
        );
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_flow_corrected_and_cleared_moves_every_level_by_the_difference()
    {
        var (id, graves) = await ProvinceCampaignAsync();
        await OkAsync(await EnterAsync(f.Province, id, Figure(T.V1, graves, From, 5), Figure(T.V3, graves, From, 4)));
        await OkAsync(await EnterAsync(f.Province, id, Figure(T.V1, graves, From, 8, version: 1)));
        var corrected = await NodeAsync(f.Province, id, graves);
        Assert.Equal((12m, 2), (corrected.Actual, corrected.Figures));
        await OkAsync(await EnterAsync(f.Province, id, Figure(T.V3, graves, From, null, version: 1)));
        var province = await NodeAsync(f.Province, id, graves);
        Assert.Equal((8m, 1), (province.Actual, province.Figures));
        Assert.Equal([(From, 8m)], province.Series);
        // Saving the same value again changes nothing and writes no revision.
        var same = await ApiJson.OkAsync(await EnterAsync(f.Province, id, Figure(T.V1, graves, From, 8, version: 2)));
        Assert.Equal(0, same.GetProperty("changed").GetInt32());
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_parent_target_is_the_sum_of_its_children_until_set_explicitly_and_the_difference_shows()
    {
        var (id, graves) = await ProvinceCampaignAsync();
        await OkAsync(
            await SetTargetsAsync(f.Province, id, graves, Target(T.V1, 40), Target(T.V2, 60), Target(T.V3, 25))
        );

        // Derived: C1 = 40 + 60 = 100, C2 = 25, P1 = 125.
        var targets = await TargetsAsync(f.Province, id, graves);
        Assert.Equal([T.P1.Id, T.C1.Id, T.C2.Id, T.V1.Id, T.V2.Id, T.V3.Id], targets.Keys.Order());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, targets[T.C1.Id].GetProperty("explicitTarget").ValueKind);
        Assert.Equal(
            (100m, 100m),
            (
                targets[T.C1.Id].GetProperty("childTarget").GetDecimal(),
                targets[T.C1.Id].GetProperty("target").GetDecimal()
            )
        );
        Assert.Equal(125m, targets[T.P1.Id].GetProperty("target").GetDecimal());

        // C1 commits to 90 explicitly: 10 less than its villages' sum, shown beside it; P1 = 90 + 25 = 115.
        await OkAsync(await SetTargetsAsync(f.Province, id, graves, Target(T.C1, 90)));
        targets = await TargetsAsync(f.Province, id, graves);
        var c1 = targets[T.C1.Id];
        Assert.Equal(
            (90m, 100m, 90m),
            (
                c1.GetProperty("explicitTarget").GetDecimal(),
                c1.GetProperty("childTarget").GetDecimal(),
                c1.GetProperty("target").GetDecimal()
            )
        );
        Assert.Equal(
            (115m, 115m),
            (
                targets[T.P1.Id].GetProperty("target").GetDecimal(),
                targets[T.P1.Id].GetProperty("childTarget").GetDecimal()
            )
        );
        Assert.Equal(90m, (await NodeAsync(f.Province, id, graves, T.C1)).Target);
        Assert.Equal(115m, (await NodeAsync(f.Province, id, graves)).Target);

        // Someone who still saw no explicit target (version 0) cannot overwrite it unseen.
        var stale = await SetTargetsAsync(f.Province, id, graves, Target(T.C1, 80, version: 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = (await ApiJson.ReadAsync(stale)).GetProperty("current")[0];
        Assert.Equal(
            (0, T.C1.Id, 90m, c1.GetProperty("version").GetInt32()),
            (
                current.GetProperty("index").GetInt32(),
                current.GetProperty("unitId").GetInt32(),
                current.GetProperty("currentValue").GetDecimal(),
                current.GetProperty("currentVersion").GetInt32()
            )
        );
        Assert.Equal(90m, (await NodeAsync(f.Province, id, graves, T.C1)).Target);

        // Cleared, C1 goes back to its villages' sum.
        var version = c1.GetProperty("version").GetInt32();
        Assert.NotEqual(0, version);
        await OkAsync(await SetTargetsAsync(f.Province, id, graves, Target(T.C1, null, version)));
        targets = await TargetsAsync(f.Province, id, graves);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, targets[T.C1.Id].GetProperty("explicitTarget").ValueKind);
        Assert.Equal(
            (100m, 125m),
            (targets[T.C1.Id].GetProperty("target").GetDecimal(), targets[T.P1.Id].GetProperty("target").GetDecimal())
        );

        // A unit outside the campaign's tree, a negative target and a unit named twice are refused, all or nothing.
        var errors = await ErrorsAsync(
            await SetTargetsAsync(
                f.Province,
                id,
                graves,
                Target(T.V2, 70, targets[T.V2.Id].GetProperty("version").GetInt32()),
                Target(T.V4, 5),
                Target(T.V3, -1, targets[T.V3.Id].GetProperty("version").GetInt32()),
                Target(T.V2, 1)
            )
        );
        Assert.Equal(["Targets[1]", "Targets[2]", "Targets[3]"], errors.Keys.Order());
        Assert.Equal(Say("Campaigns_UnitNotInCampaign"), errors["Targets[1]"][0]);
        Assert.Equal(Say("Campaigns_Negative"), errors["Targets[2]"][0]);
        Assert.Equal(Say("Campaigns_DuplicateCell"), errors["Targets[3]"][0]);
        Assert.Equal(60m, (await TargetsAsync(f.Province, id, graves))[T.V2.Id].GetProperty("target").GetDecimal());
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_locked_period_refuses_figures_with_its_date_until_it_is_unlocked()
    {
        var (id, graves) = await ProvinceCampaignAsync();
        var weekly = await AddIndicatorAsync(
            f.Province,
            id,
            Indicator("Ngày công", frequency: "Weekly", measure: "Workdays")
        );
        var day = new DateOnly(2026, 11, 4); // a Wednesday

        Assert.Equal(HttpStatusCode.NoContent, (await LockAsync(f.Province, id, "Daily", day)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await LockAsync(f.Province, id, "Daily", day)).StatusCode); // twice is still locked once
        var errors = await ErrorsAsync(await EnterAsync(f.Commune, id, Figure(T.V1, graves, day, 3)));
        Assert.Equal([Say("Campaigns_PeriodLocked", Shown(day))], errors["Figures[0]"]);
        Assert.Empty(await FiguresAsync(f.Province, id));

        // The lock is the daily period's: the weekly indicator's week (Monday 2 November) stays open.
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, weekly, day, 4)));
        // A weekly lock must name the week's first day.
        var notAPeriod = await ErrorsAsync(await LockAsync(f.Province, id, "Weekly", day));
        Assert.Equal([Say("Campaigns_NotAPeriod")], notAPeriod["Period"]);
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await LockAsync(f.Province, id, "Weekly", new DateOnly(2026, 11, 2))).StatusCode
        );
        errors = await ErrorsAsync(
            await EnterAsync(f.Commune, id, Figure(T.V1, weekly, day.AddDays(2), 5, version: 1))
        );
        Assert.Equal([Say("Campaigns_PeriodLocked", Shown(new DateOnly(2026, 11, 2)))], errors["Figures[0]"]);

        var locks = (await DetailAsync(f.Province, id))
            .GetProperty("locks")
            .EnumerateArray()
            .Select(l => (l.GetProperty("frequency").GetString(), l.GetProperty("period").GetString()))
            .ToList();
        Assert.Equal([("Daily", Iso(day)), ("Weekly", "2026-11-02")], locks);
        var grid = await ApiJson.OkAsync(
            await f.Commune.GetAsync($"/api/v1/campaigns/{id}/entries?date={Iso(day)}&frequency=Daily")
        );
        Assert.True(grid.GetProperty("locked").GetBoolean());
        Assert.All(grid.GetProperty("rows").EnumerateArray(), r =>
            Assert.False(r.GetProperty("mayEnter").GetBoolean())
        );

        // Unlocked by the owner, the day takes figures again.
        Assert.Equal(HttpStatusCode.NoContent, (await UnlockAsync(f.Province, id, "Daily", day)).StatusCode);
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, graves, day, 3)));
        Assert.Equal(3m, (await NodeAsync(f.Province, id, graves)).Actual);
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task Negative_values_too_many_decimals_and_too_large_values_are_refused_and_nothing_of_the_batch_is_written()
    {
        var (id, graves) = await ProvinceCampaignAsync();
        var km = await AddIndicatorAsync(f.Province, id, Indicator("Đường đã làm", decimals: 1, measure: "Kilometres"));
        var corrections = await AddIndicatorAsync(f.Province, id, Indicator("Mộ điều chỉnh", allowNegative: true));

        var errors = await ErrorsAsync(
            await EnterAsync(
                f.Commune,
                id,
                Figure(T.V1, graves, From, 5),
                Figure(T.V2, graves, From, -1),
                Figure(T.V1, graves, From.AddDays(1), 1.5m),
                Figure(T.V1, km, From, 1.25m),
                Figure(T.V2, km, From, 1_000_000_000_001m),
                Figure(T.V1, corrections, From, -2)
            )
        );

        Assert.Equal(["Figures[1]", "Figures[2]", "Figures[3]", "Figures[4]"], errors.Keys.Order());
        Assert.Equal(Say("Campaigns_Negative"), errors["Figures[1]"][0]);
        Assert.Equal(Say("Campaigns_WholeNumber"), errors["Figures[2]"][0]);
        Assert.Equal(Say("Campaigns_Decimals", 1), errors["Figures[3]"][0]);
        Assert.Equal(Say("Campaigns_TooLarge", "1.000.000.000.000"), errors["Figures[4]"][0]);
        Assert.Empty(await FiguresAsync(f.Province, id));
        Assert.Equal(0m, (await NodeAsync(f.Province, id, graves)).Actual);

        // Fixed, the batch goes in whole; a negative correction is fine where the indicator allows it.
        await OkAsync(
            await EnterAsync(
                f.Commune,
                id,
                Figure(T.V1, graves, From, 5),
                Figure(T.V2, graves, From, 1),
                Figure(T.V1, graves, From.AddDays(1), 2),
                Figure(T.V1, km, From, 1.2m),
                Figure(T.V1, corrections, From, -2)
            )
        );
        Assert.Equal(-2m, (await NodeAsync(f.Province, id, corrections)).Actual);
        Assert.Equal(1.2m, (await NodeAsync(f.Province, id, km)).Actual);
        Assert.Equal(8m, (await NodeAsync(f.Province, id, graves)).Actual);
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task Cells_outside_the_campaign_the_callers_units_the_period_or_today_are_refused_with_their_message()
    {
        var t = T;
        // A commune campaign of C1 in which only V1 takes part.
        var id = await CreateAsync(f.Commune, Campaign(t.C1, UnitLevel.Village, t.V1));
        var graves = await AddIndicatorAsync(f.Commune, id, Indicator());
        var weekly = await AddIndicatorAsync(
            f.Commune,
            id,
            Indicator("Ngày công", frequency: "Weekly", measure: "Workdays")
        );
        var province = await CreateAsync(f.Province, Campaign(t.P1, UnitLevel.Village, t.P1));
        var provinceGraves = await AddIndicatorAsync(f.Province, province, Indicator());

        async Task RefusedAsync(HttpClient api, int campaign, object cell, string message)
        {
            var errors = await ErrorsAsync(await EnterAsync(api, campaign, cell));
            Assert.Equal([message], errors["Figures[0]"]);
        }

        await RefusedAsync(f.Commune, id, Figure(t.V2, graves, From, 1), Say("Campaigns_UnitNotInCampaign")); // V2 does not take part
        await RefusedAsync(f.Commune, id, Figure(t.C1, graves, From, 1), Say("Campaigns_UnitNotInCampaign")); // not at the reporting level
        await RefusedAsync(
            f.Province,
            province,
            Figure(t.V4, provinceGraves, From, 1),
            Say("Campaigns_UnitNotInCampaign")
        ); // another province
        await RefusedAsync(
            f.Sibling,
            province,
            Figure(t.V1, provinceGraves, From, 1),
            Say("Campaigns_NotYourUnit", t.V1.Name)
        ); // the sibling commune's village: a participant, named in the campaign's ranking
        await RefusedAsync(
            f.Mixed,
            province,
            Figure(t.V3, provinceGraves, From, 1),
            Say("Campaigns_NotYourUnit", t.V3.Name)
        ); // seen, not reported
        await RefusedAsync(f.Commune, id, Figure(t.V1, provinceGraves, From, 1), Say("Campaigns_IndicatorNotFound")); // another campaign's indicator
        await RefusedAsync(
            f.Commune,
            id,
            Figure(t.V1, graves, From.AddDays(-1), 1),
            Say("Campaigns_OutsidePeriod", Shown(From), Shown(To))
        );
        await RefusedAsync(
            f.Commune,
            id,
            Figure(t.V1, graves, To.AddDays(1), 1),
            Say("Campaigns_OutsidePeriod", Shown(From), Shown(To))
        );
        await RefusedAsync(f.Commune, id, Figure(t.V1, graves, f.Today.AddDays(1), 1), Say("Campaigns_FuturePeriod")); // tomorrow
        await RefusedAsync(f.Commune, id, Figure(t.V1, weekly, f.Today.AddDays(7), 1), Say("Campaigns_FuturePeriod")); // next week
        // The sibling commune's officer does not see C1's own campaign at all.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await EnterAsync(f.Sibling, id, Figure(t.V1, graves, From, 1))).StatusCode
        );

        // The same cell twice in one batch (two dates of one week are one weekly cell).
        var duplicate = await ErrorsAsync(
            await EnterAsync(
                f.Commune,
                id,
                Figure(t.V1, weekly, f.Today, 1),
                Figure(t.V1, weekly, f.Today.AddDays(2), 2)
            )
        );
        Assert.Equal(["Figures[1]"], duplicate.Keys);
        Assert.Equal([Say("Campaigns_DuplicateCell")], duplicate["Figures[1]"]);
        Assert.Empty(await FiguresAsync(f.Commune, id));
        Assert.Empty(await FiguresAsync(f.Province, province));

        // Today and the running week (which ends on Sunday) are open.
        await OkAsync(
            await EnterAsync(
                f.Commune,
                id,
                Figure(t.V1, graves, f.Today, 1),
                Figure(t.V1, weekly, f.Today.AddDays(2), 2)
            )
        );
        Assert.Equal(
            [(graves, f.Today), (weekly, f.Today)],
            (await FiguresAsync(f.Commune, id)).Select(x => (x.IndicatorId, x.Period)).Order()
        );
        Assert.Empty(await f.CheckAsync(id));
        Assert.Empty(await f.CheckAsync(province));
    }

    [Fact]
    public async Task A_trillion_dong_and_a_metre_survive_the_round_trip_exactly()
    {
        var (id, dong) = await ProvinceCampaignAsync(
            Indicator("Kinh phí hỗ trợ", measure: "Vnd", target: 1_000_000_000_000m)
        );
        var km = await AddIndicatorAsync(f.Province, id, Indicator("Đường đã làm", decimals: 3, measure: "Kilometres"));
        await OkAsync(
            await EnterAsync(
                f.Province,
                id,
                Figure(T.V1, dong, From, 1_000_000_000_000m),
                Figure(T.V3, dong, From, 999_999_999_999m),
                Figure(T.V1, km, From, 0.001m),
                Figure(T.V3, km, From, 123_456_789.999m)
            )
        );

        var figures = await FiguresAsync(f.Province, id);
        Assert.Equal(
            [1_000_000_000_000m, 999_999_999_999m],
            figures.Where(x => x.IndicatorId == dong).OrderBy(x => x.UnitId).Select(x => x.Value)
        );
        Assert.Equal(
            [0.001m, 123_456_789.999m],
            figures.Where(x => x.IndicatorId == km).OrderBy(x => x.UnitId).Select(x => x.Value)
        );
        // Summed beyond the largest single figure: 1,999,999,999,999 and 123,456,790.000.
        var total = await NodeAsync(f.Province, id, dong);
        Assert.Equal((1_999_999_999_999m, 1_000_000_000_000m), (total.Actual, total.Target));
        Assert.Equal(123_456_790.000m, (await NodeAsync(f.Province, id, km)).Actual);
        Assert.Equal(0.001m, (await NodeAsync(f.Province, id, km, T.C1)).Actual);

        // As stored: whole thousandths in a 64-bit column, read back by EF Core exactly.
        var stored = await f.WithDbAsync(db =>
            db.Set<CampaignFigure>()
                .AsNoTracking()
                .Where(x => x.CampaignId == id)
                .OrderBy(x => x.IndicatorId)
                .ThenBy(x => x.UnitId)
                .Select(x => x.Value)
                .ToListAsync()
        );
        Assert.Equal([1_000_000_000_000m, 999_999_999_999m, 0.001m, 123_456_789.999m], stored);
        var raw = await f.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"""SELECT "Value" FROM "CampaignFigures" WHERE "CampaignId" = {id} ORDER BY "IndicatorId", "UnitId" """;
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<long>();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetInt64(0));
            }

            return values;
        });
        Assert.Equal([1_000_000_000_000_000L, 999_999_999_999_000L, 1L, 123_456_789_999L], raw);
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task The_start_cannot_move_once_it_would_recut_weeks_that_hold_figures_or_locks()
    {
        var campaign = Campaign(T.P1, UnitLevel.Village, T.P1);
        var id = await CreateAsync(f.Province, campaign);
        var weekly = await AddIndicatorAsync(
            f.Province,
            id,
            Indicator("Ngày công", frequency: "Weekly", measure: "Workdays")
        );
        async Task<HttpResponseMessage> StartOnAsync(DateOnly start)
        {
            var edit = new Dictionary<string, object?>(campaign)
            {
                ["startsOn"] = Iso(start),
                ["version"] = (await DetailAsync(f.Province, id)).GetProperty("version").GetInt32(),
            };
            return await f.Province.PutAsJsonAsync($"/api/v1/campaigns/{id}", edit);
        }

        // A figure of the week of Monday 2 November: that week stays a week whether the campaign starts on Saturday 17
        // or Thursday 15 October.
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, weekly, new DateOnly(2026, 11, 4), 4)));
        await OkAsync(await StartOnAsync(From.AddDays(-2)));
        await OkAsync(await StartOnAsync(From));

        // The first, short week (Saturday 17 – Sunday 18) would become Thursday 15 – Sunday 18: its lock, then its
        // figure, hold the start.
        Assert.Equal(HttpStatusCode.NoContent, (await LockAsync(f.Province, id, "Weekly", From)).StatusCode);
        Assert.Equal(
            [Say("Campaigns_StartFixed")],
            (await ErrorsAsync(await StartOnAsync(From.AddDays(-2))))["StartsOn"]
        );
        Assert.Equal(HttpStatusCode.NoContent, (await UnlockAsync(f.Province, id, "Weekly", From)).StatusCode);
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, weekly, From.AddDays(1), 3)));
        Assert.Equal(
            [Say("Campaigns_StartFixed")],
            (await ErrorsAsync(await StartOnAsync(From.AddDays(-2))))["StartsOn"]
        );

        // Had it moved, the same week would take a second figure of V1 and count it twice.
        Assert.Equal(From, (await DetailAsync(f.Province, id)).GetProperty("startsOn").GetDateOnly());
        Assert.Equal(7m, (await NodeAsync(f.Province, id, weekly)).Actual);
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task Creating_twice_with_one_idempotency_key_makes_one_campaign()
    {
        var campaign = Campaign(T.C1, UnitLevel.Village);
        campaign["name"] = "Phong trào một lần " + Guid.NewGuid().ToString("N")[..6];

        async Task<HttpResponseMessage> PostAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/campaigns")
            {
                Content = JsonContent.Create(campaign),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await f.Commune.SendAsync(request);
        }

        var first = (await ApiJson.OkAsync(await PostAsync("retry-1"))).GetProperty("id").GetInt32();
        var second = (await ApiJson.OkAsync(await PostAsync("retry-1"))).GetProperty("id").GetInt32();
        Assert.Equal(first, second);
        // Four at once with another key: one more campaign.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync("retry-2")));
        var ids = new HashSet<int>();
        foreach (var response in concurrent)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await ApiJson.OkAsync(response)).GetProperty("id").GetInt32());
        }

        Assert.Single(ids);
        Assert.DoesNotContain(first, ids);
        Assert.Equal(2, await f.WithDbAsync(db => db.Campaigns.CountAsync(c => c.Name == (string)campaign["name"]!)));
    }

    [Fact]
    public async Task A_campaign_steps_from_planned_to_reviewed_and_refuses_figures_once_finished()
    {
        var (id, graves) = await ProvinceCampaignAsync();
        var detail = await DetailAsync(f.Province, id);
        Assert.Equal("Planned", detail.GetProperty("status").GetString());
        var version = detail.GetProperty("version").GetInt32();
        // Figures may be entered while it is planned (a campaign often starts before its paperwork).
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, graves, From, 1)));

        var illegal = await ProblemAsync(
            await StatusAsync(f.Province, id, "Finished", version),
            HttpStatusCode.Conflict
        );
        Assert.Equal(
            Say("Campaigns_StatusStep", Say("Enum_CampaignStatus_Planned"), Say("Enum_CampaignStatus_Finished")),
            illegal
        );
        var running = await ApiJson.OkAsync(await StatusAsync(f.Province, id, "Running", version));
        Assert.Equal("Running", running.GetProperty("status").GetString());
        Assert.Equal(
            Say("Campaigns_Stale"),
            await ProblemAsync(await StatusAsync(f.Province, id, "Finished", version), HttpStatusCode.Conflict)
        );
        version = running.GetProperty("version").GetInt32();
        var finished = await ApiJson.OkAsync(await StatusAsync(f.Province, id, "Finished", version));
        Assert.Equal("Finished", finished.GetProperty("status").GetString());

        Assert.Equal(
            Say("Campaigns_Closed", Say("Enum_CampaignStatus_Finished")),
            await ProblemAsync(
                await EnterAsync(f.Commune, id, Figure(T.V1, graves, From.AddDays(1), 2)),
                HttpStatusCode.Conflict
            )
        );
        Assert.Single(await FiguresAsync(f.Province, id));

        // Reopened for a late village, finished again, reviewed; a reviewed campaign is closed for good.
        var reopened = await ApiJson.OkAsync(
            await StatusAsync(f.Province, id, "Running", finished.GetProperty("version").GetInt32())
        );
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, graves, From.AddDays(1), 2)));
        finished = await ApiJson.OkAsync(
            await StatusAsync(f.Province, id, "Finished", reopened.GetProperty("version").GetInt32())
        );
        var reviewed = await ApiJson.OkAsync(
            await StatusAsync(f.Province, id, "Reviewed", finished.GetProperty("version").GetInt32())
        );
        Assert.Equal("Reviewed", reviewed.GetProperty("status").GetString());
        await ProblemAsync(
            await StatusAsync(f.Province, id, "Running", reviewed.GetProperty("version").GetInt32()),
            HttpStatusCode.Conflict
        );
        await ProblemAsync(
            await EnterAsync(f.Commune, id, Figure(T.V1, graves, From.AddDays(2), 2)),
            HttpStatusCode.Conflict
        );
        // A commune officer of a participating commune may not move it.
        await ProblemAsync(
            await StatusAsync(f.Commune, id, "Running", reviewed.GetProperty("version").GetInt32()),
            HttpStatusCode.Forbidden
        );
        Assert.Equal(3m, (await NodeAsync(f.Province, id, graves)).Actual);
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_participating_commune_sees_a_province_campaign_but_cannot_manage_it_and_outsiders_do_not_see_it()
    {
        // A province campaign in which only C1's villages take part.
        var campaign = Campaign(T.P1, UnitLevel.Village, T.C1);
        campaign["name"] = "Phong trào tỉnh " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync(f.Province, campaign);
        var graves = await AddIndicatorAsync(f.Province, id, Indicator(target: 50));
        await OkAsync(await EnterAsync(f.Commune, id, Figure(T.V1, graves, From, 4)));
        var query = $"/api/v1/campaigns?q={Uri.EscapeDataString((string)campaign["name"]!)}";

        // The commune officer: in the list, the detail and the progress, with the ranking of its villages.
        Assert.Contains(
            (await ApiJson.OkAsync(await f.Commune.GetAsync(query))).GetProperty("items").EnumerateArray(),
            c => c.GetProperty("id").GetInt32() == id
        );
        Assert.Equal(2, (await DetailAsync(f.Commune, id)).GetProperty("participants").GetInt32());
        var progress = await ProgressAsync(f.Commune, id, graves, T.C1);
        Assert.Equal(4m, progress.GetProperty("node").GetProperty("actual").GetDecimal());
        Assert.Equal(
            4m,
            (await ProgressAsync(f.Commune, id, graves)).GetProperty("node").GetProperty("actual").GetDecimal()
        );

        // … but it cannot manage the province's campaign.
        var version = (await DetailAsync(f.Province, id)).GetProperty("version").GetInt32();
        var edit = new Dictionary<string, object?>(campaign) { ["version"] = version, ["name"] = "Đổi tên" };
        await ProblemAsync(await f.Commune.PutAsJsonAsync($"/api/v1/campaigns/{id}", edit), HttpStatusCode.Forbidden);
        await ProblemAsync(
            await f.Commune.PostAsJsonAsync($"/api/v1/campaigns/{id}/indicators", Indicator("Chỉ tiêu xã")),
            HttpStatusCode.Forbidden
        );
        var indicatorEdit = Indicator("Đổi tên");
        await ProblemAsync(
            await f.Commune.PutAsJsonAsync($"/api/v1/campaigns/{id}/indicators/{graves}", indicatorEdit),
            HttpStatusCode.Forbidden
        );
        await ProblemAsync(await SetTargetsAsync(f.Commune, id, graves, Target(T.V1, 10)), HttpStatusCode.Forbidden);
        await ProblemAsync(await LockAsync(f.Commune, id, "Daily", From), HttpStatusCode.Forbidden);
        await ProblemAsync(await UnlockAsync(f.Commune, id, "Daily", From), HttpStatusCode.Forbidden);
        await ProblemAsync(await StatusAsync(f.Commune, id, "Running", version), HttpStatusCode.Forbidden);
        Assert.Equal((string)campaign["name"]!, (await DetailAsync(f.Province, id)).GetProperty("name").GetString());

        // The sibling commune (not taking part) and the other province see nothing.
        foreach (var outsider in new[] { f.Sibling, f.OtherProvince })
        {
            Assert.DoesNotContain(
                (await ApiJson.OkAsync(await outsider.GetAsync(query))).GetProperty("items").EnumerateArray(),
                c => c.GetProperty("id").GetInt32() == id
            );
            foreach (
                var path in new[]
                {
                    "",
                    "/indicators",
                    $"/progress?indicatorId={graves}",
                    $"/targets?indicatorId={graves}",
                    "/figures",
                    "/entries",
                    $"/figures/history?unitId={T.V1.Id}&indicatorId={graves}&period={Iso(From)}",
                }
            )
            {
                Assert.Equal(
                    HttpStatusCode.NotFound,
                    (await outsider.GetAsync($"/api/v1/campaigns/{id}{path}")).StatusCode
                );
            }

            await ProblemAsync(await EnterAsync(outsider, id, Figure(T.V1, graves, From, 1)), HttpStatusCode.NotFound);
        }

        await ProblemAsync(
            await f.OtherProvince.PutAsJsonAsync($"/api/v1/campaigns/{id}", edit),
            HttpStatusCode.NotFound
        );
    }
}
