using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// The roll-up, the periods and the forecast as pure functions, on a small tree whose numbers can be checked by hand:
/// <code>
/// province 1 ─┬─ commune 10 ─┬─ village 100
///             │              └─ village 101
///             └─ commune 11 ─── village 110
/// province 2 ─── commune 20 ─── village 200   (outside the campaigns below)
/// </code>
/// </summary>
public sealed class CampaignMathTests
{
    private static readonly DateOnly D1 = new(2026, 10, 1);

    private static UnitRef Village(int id, int commune, int province = 1) =>
        new(id, UnitLevel.Village, province, commune, id);

    private static UnitRef Commune(int id, int province = 1) => new(id, UnitLevel.Commune, province, id, null);

    private static readonly UnitRef Province1 = new(1, UnitLevel.Province, 1, null, null);
    private static readonly UnitRef V100 = Village(100, 10),
        V101 = Village(101, 10),
        V110 = Village(110, 11),
        V200 = Village(200, 20, 2);

    /// <summary>Village 101 after it was merged into village 100: it keeps its id, its ancestors point at
    /// 100.</summary>
    private static readonly UnitRef V101MergedInto100 = new(101, UnitLevel.Village, 1, 10, 100);

    private static DateOnly Day(int n) => D1.AddDays(n - 1);

    // ---- CampaignTree.PathOf -----------------------------------------------------------------------------------

    [Fact]
    public void A_village_rolls_up_through_its_commune_to_the_campaign_unit()
    {
        Assert.Equal([100, 10, 1], CampaignTree.PathOf(V100, UnitLevel.Province, 1, UnitLevel.Village));
        // A commune campaign stops at the commune.
        Assert.Equal([100, 10], CampaignTree.PathOf(V100, UnitLevel.Commune, 10, UnitLevel.Village));
        // Communes report: a village's figure (never entered, but a position below) rolls up from its commune.
        Assert.Equal([10, 1], CampaignTree.PathOf(V100, UnitLevel.Province, 1, UnitLevel.Commune));
        // A commune participant of a village-reporting campaign is its own node.
        Assert.Equal([10, 1], CampaignTree.PathOf(Commune(10), UnitLevel.Province, 1, UnitLevel.Village));
        // A central campaign's root is the campaign's own unit (the root has no ancestor column).
        Assert.Equal([100, 10, 1, 999], CampaignTree.PathOf(V100, UnitLevel.Central, 999, UnitLevel.Village));
    }

    [Fact]
    public void A_position_outside_the_campaign_unit_has_no_path()
    {
        Assert.Empty(CampaignTree.PathOf(V200, UnitLevel.Province, 1, UnitLevel.Village));
        Assert.Empty(CampaignTree.PathOf(V110, UnitLevel.Commune, 10, UnitLevel.Village));
    }

    [Fact]
    public void A_merged_village_rolls_up_through_its_successor()
    {
        Assert.Equal([100, 10, 1], CampaignTree.PathOf(V101MergedInto100, UnitLevel.Province, 1, UnitLevel.Village));
    }

    // ---- CampaignTree.Build ------------------------------------------------------------------------------------

    [Fact]
    public void The_tree_holds_the_participants_their_ancestors_and_the_campaign_unit_once_each()
    {
        var nodes = CampaignTree
            .Build([V100, V101, V110], Province1, UnitLevel.Province, UnitLevel.Village)
            .ToDictionary(n => n.UnitId);

        Assert.Equal([1, 10, 11, 100, 101, 110], nodes.Keys.Order());
        Assert.Equal(new CampaignNode(1, UnitLevel.Province, null, 1, null, null), nodes[1]);
        Assert.Equal(new CampaignNode(10, UnitLevel.Commune, 1, 1, 10, null), nodes[10]);
        Assert.Equal(new CampaignNode(100, UnitLevel.Village, 10, 1, 10, 100), nodes[100]);
        Assert.Equal(new CampaignNode(110, UnitLevel.Village, 11, 1, 11, 110), nodes[110]);
    }

    [Fact]
    public void A_merged_participant_is_no_node_of_its_own_and_a_participant_outside_is_left_out()
    {
        var nodes = CampaignTree.Build(
            [V100, V101MergedInto100, V200],
            Province1,
            UnitLevel.Province,
            UnitLevel.Village
        );
        Assert.Equal([1, 10, 100], nodes.Select(n => n.UnitId).Order());
    }

    [Fact]
    public void Communes_that_report_are_the_leaves()
    {
        var nodes = CampaignTree.Build([Commune(10), Commune(11)], Province1, UnitLevel.Province, UnitLevel.Commune);
        Assert.Equal([(1, (int?)null), (10, 1), (11, 1)], nodes.Select(n => (n.UnitId, n.ParentUnitId)).Order());
    }

    // ---- CampaignTree.Targets ----------------------------------------------------------------------------------

    private static readonly IReadOnlyList<CampaignNode> ProvinceTree = CampaignTree.Build(
        [V100, V101, V110],
        Province1,
        UnitLevel.Province,
        UnitLevel.Village
    );

    [Fact]
    public void A_parent_without_an_explicit_target_has_the_sum_of_its_children()
    {
        // Villages 100: 40, 101: 60, 110: 25 → commune 10: 40 + 60 = 100, commune 11: 25, province: 100 + 25 = 125.
        var targets = CampaignTree.Targets(
            ProvinceTree,
            new Dictionary<int, decimal>
            {
                [100] = 40,
                [101] = 60,
                [110] = 25,
            }
        );

        Assert.Equal((40m, 0m, 40m), (targets[100].Explicit!.Value, targets[100].Children, targets[100].Target));
        Assert.Equal(((decimal?)null, 100m, 100m), targets[10]);
        Assert.Equal(((decimal?)null, 25m, 25m), targets[11]);
        Assert.Equal(((decimal?)null, 125m, 125m), targets[1]);
    }

    [Fact]
    public void An_explicit_target_overrides_the_sum_and_keeps_the_sum_beside_it()
    {
        // Commune 11 explicitly 30 (its village says 25): the province adds 100 + 30 = 130; the province's own 120 wins
        // over 130.
        var targets = CampaignTree.Targets(
            ProvinceTree,
            new Dictionary<int, decimal>
            {
                [100] = 40,
                [101] = 60,
                [110] = 25,
                [11] = 30,
                [1] = 120,
            }
        );

        Assert.Equal((30m, 25m, 30m), (targets[11].Explicit!.Value, targets[11].Children, targets[11].Target));
        Assert.Equal((120m, 130m, 120m), (targets[1].Explicit!.Value, targets[1].Children, targets[1].Target));
    }

    [Fact]
    public void A_node_without_any_target_below_has_zero()
    {
        var targets = CampaignTree.Targets(ProvinceTree, new Dictionary<int, decimal>());
        Assert.All(targets.Values, t => Assert.Equal(((decimal?)null, 0m, 0m), t));
    }

    // ---- CampaignTree.Compute ----------------------------------------------------------------------------------

    private static (Dictionary<int, NodeTotal> Totals, Dictionary<(int Unit, DateOnly Period), decimal> Series) Compute(
        Aggregation aggregation,
        IEnumerable<RollupFigure> figures,
        IEnumerable<RollupTarget>? targets = null,
        IReadOnlyList<CampaignNode>? nodes = null
    )
    {
        var (totals, series) = CampaignTree.Compute(
            7,
            aggregation,
            nodes ?? ProvinceTree,
            UnitLevel.Province,
            1,
            UnitLevel.Village,
            figures,
            targets ?? []
        );
        return (totals.ToDictionary(t => t.Node.UnitId), series.ToDictionary(s => (s.UnitId, s.Period), s => s.Delta));
    }

    private static RollupFigure Fig(UnitRef at, int day, decimal value, int indicator = 7) =>
        new(indicator, at.Id, at, Day(day), value);

    [Fact]
    public void Sums_add_up_over_units_and_periods()
    {
        // Day 1: village 100 → 5, village 101 → 7. Day 2: village 110 → 11, village 100 → 3. Indicator 8 is another
        // one.
        var (totals, series) = Compute(
            Aggregation.Sum,
            [Fig(V100, 1, 5), Fig(V101, 1, 7), Fig(V110, 2, 11), Fig(V100, 2, 3), Fig(V100, 2, 1000, indicator: 8)]
        );

        // Village 100: 5 + 3 = 8 (2 figures); commune 10: 8 + 7 = 15 (3); commune 11: 11 (1); province: 15 + 11 = 26
        // (4).
        Assert.Equal((8m, 2), (totals[100].Actual, totals[100].FigureCount));
        Assert.Equal((7m, 1), (totals[101].Actual, totals[101].FigureCount));
        Assert.Equal((15m, 3), (totals[10].Actual, totals[10].FigureCount));
        Assert.Equal((11m, 1), (totals[11].Actual, totals[11].FigureCount));
        Assert.Equal((26m, 4), (totals[1].Actual, totals[1].FigureCount));

        // Per period: commune 10 day 1: 5 + 7 = 12, day 2: 3; the province day 1: 12, day 2: 3 + 11 = 14.
        Assert.Equal(12m, series[(10, Day(1))]);
        Assert.Equal(3m, series[(10, Day(2))]);
        Assert.Equal(12m, series[(1, Day(1))]);
        Assert.Equal(14m, series[(1, Day(2))]);
        Assert.False(series.ContainsKey((11, Day(1))));
        Assert.Equal(9, series.Count); // village 100: 2 days, 101: 1, 110: 1, commune 10: 2, 11: 1, province: 2; indicator 8 is not this one
    }

    [Fact]
    public void A_stock_counts_with_its_latest_figure_and_its_series_moves_by_the_change()
    {
        // Village 100 reports 10 on day 1, then 7 on day 4; village 101 reports 4 on day 2.
        var (totals, series) = Compute(Aggregation.Latest, [Fig(V100, 4, 7), Fig(V100, 1, 10), Fig(V101, 2, 4)]);

        // Village 100 stands at 7 (2 figures), 101 at 4; commune 10 and the province at 7 + 4 = 11 (3 figures); commune
        // 11 at 0.
        Assert.Equal((7m, 2), (totals[100].Actual, totals[100].FigureCount));
        Assert.Equal((11m, 3), (totals[10].Actual, totals[10].FigureCount));
        Assert.Equal((11m, 3), (totals[1].Actual, totals[1].FigureCount));
        Assert.Equal((0m, 0), (totals[11].Actual, totals[11].FigureCount));

        // Village 100: +10 on day 1, 7 − 10 = −3 on day 4. Commune 10: +10 (day 1), +4 (day 2), −3 (day 4): levels 10,
        // 14, 11.
        Assert.Equal(10m, series[(100, Day(1))]);
        Assert.Equal(-3m, series[(100, Day(4))]);
        Assert.Equal([10m, 4m, -3m], new[] { 1, 2, 4 }.Select(d => series[(10, Day(d))]));
        Assert.Equal(
            [10m, 14m, 11m],
            CampaignForecast
                .Cumulative(new[] { 1, 2, 4 }.Select(d => (Day(d), series[(10, Day(d))])))
                .Select(p => p.Cumulative)
        );
    }

    [Fact]
    public void A_stock_reported_twice_at_the_same_level_leaves_no_series_point()
    {
        // 10 on day 1, 10 again on day 3: the change on day 3 is 0 and is not stored.
        var (totals, series) = Compute(Aggregation.Latest, [Fig(V100, 1, 10), Fig(V100, 3, 10)]);
        Assert.Equal((10m, 2), (totals[100].Actual, totals[100].FigureCount));
        Assert.False(series.ContainsKey((100, Day(3))));
    }

    [Fact]
    public void A_merged_village_counts_towards_its_successor_with_its_own_latest_figure()
    {
        var nodes = CampaignTree.Build(
            [V100, V101MergedInto100, V110],
            Province1,
            UnitLevel.Province,
            UnitLevel.Village
        );
        // Stock: 100 stands at 6, merged 101 at 4 (its own latest, not overwritten by 100's) → node 100 = 6 + 4 = 10.
        var (totals, _) = Compute(
            Aggregation.Latest,
            [Fig(V100, 1, 9), Fig(V100, 2, 6), Fig(V101MergedInto100, 1, 4)],
            [new RollupTarget(7, V100, 40), new RollupTarget(7, V101MergedInto100, 60)],
            nodes
        );

        Assert.False(totals.ContainsKey(101));
        Assert.Equal((10m, 3), (totals[100].Actual, totals[100].FigureCount));
        // Their explicit targets share the node and add up: 40 + 60 = 100.
        Assert.Equal((100m, 100m), (totals[100].ExplicitTarget!.Value, totals[100].Target));
        Assert.Equal((100m, 10m), (totals[1].Target, totals[1].Actual));
    }

    [Fact]
    public void Figures_and_targets_outside_the_tree_are_ignored()
    {
        var (totals, _) = Compute(
            Aggregation.Sum,
            [Fig(V200, 1, 99), Fig(V100, 1, 1)],
            [new RollupTarget(7, V200, 500), new RollupTarget(7, Commune(10), 50)]
        );
        Assert.Equal(1m, totals[1].Actual);
        Assert.Equal((50m, 50m), (totals[10].ExplicitTarget!.Value, totals[1].Target));
        Assert.DoesNotContain(totals.Values, t => t.Node.UnitId == 200);
    }

    // ---- CampaignPeriods ---------------------------------------------------------------------------------------

    /// <summary>Saturday 17 October 2026 (16 November 2026 is a Monday, 30 days later).</summary>
    private static readonly DateOnly Start = new(2026, 10, 17),
        End = new(2026, 11, 30);

    [Theory]
    [InlineData("2026-11-18", ReportingFrequency.Daily, "2026-11-18")]
    [InlineData("2026-11-18", ReportingFrequency.Weekly, "2026-11-16")] // Wednesday → Monday
    [InlineData("2026-11-16", ReportingFrequency.Weekly, "2026-11-16")] // Monday → itself
    [InlineData("2026-11-22", ReportingFrequency.Weekly, "2026-11-16")] // Sunday → the Monday before
    [InlineData("2026-10-18", ReportingFrequency.Weekly, "2026-10-17")] // Sunday of the first week: its Monday (12 Oct) is before the start
    [InlineData("2026-10-19", ReportingFrequency.Weekly, "2026-10-19")]
    [InlineData("2026-11-18", ReportingFrequency.Monthly, "2026-11-01")]
    [InlineData("2026-10-20", ReportingFrequency.Monthly, "2026-10-17")] // 1 October is before the start
    [InlineData("2026-11-29", ReportingFrequency.Once, "2026-10-17")]
    [InlineData("2026-10-10", ReportingFrequency.Daily, "2026-10-17")] // a day before the start is clamped
    public void A_date_falls_in_the_period_that_starts_on(string date, ReportingFrequency frequency, string period) =>
        Assert.Equal(
            DateOnly.Parse(period, System.Globalization.CultureInfo.InvariantCulture),
            CampaignPeriods.PeriodOf(
                DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
                frequency,
                Start
            )
        );

    [Fact]
    public void Every_period_of_the_campaign_in_order()
    {
        // The first week is the stub Sat–Sun 17–18 Oct; then Mondays up to 30 Nov, itself a Monday.
        Assert.Equal(
            [
                "2026-10-17",
                "2026-10-19",
                "2026-10-26",
                "2026-11-02",
                "2026-11-09",
                "2026-11-16",
                "2026-11-23",
                "2026-11-30",
            ],
            CampaignPeriods.All(ReportingFrequency.Weekly, Start, End).Select(CampaignData.Iso)
        );
        Assert.Equal(
            ["2026-10-17", "2026-11-01"],
            CampaignPeriods.All(ReportingFrequency.Monthly, Start, End).Select(CampaignData.Iso)
        );
        Assert.Equal(["2026-10-17"], CampaignPeriods.All(ReportingFrequency.Once, Start, End).Select(CampaignData.Iso));
        Assert.Equal(45, CampaignPeriods.All(ReportingFrequency.Daily, Start, End).Count()); // 15 days of October + 30 of November
        Assert.Equal(
            ["2026-10-17", "2026-10-18", "2026-10-19"],
            CampaignPeriods.All(ReportingFrequency.Daily, Start, Start.AddDays(2)).Select(CampaignData.Iso)
        );
    }

    [Theory]
    [InlineData("2026-11-18", ReportingFrequency.Daily, "2026-11-18")]
    [InlineData("2026-10-17", ReportingFrequency.Weekly, "2026-10-18")] // the stub week ends on its Sunday
    [InlineData("2026-11-16", ReportingFrequency.Weekly, "2026-11-22")]
    [InlineData("2026-11-30", ReportingFrequency.Weekly, "2026-11-30")] // the last week is cut at the campaign's end
    [InlineData("2026-10-17", ReportingFrequency.Monthly, "2026-10-31")]
    [InlineData("2026-11-01", ReportingFrequency.Monthly, "2026-11-30")]
    [InlineData("2026-10-17", ReportingFrequency.Once, "2026-11-30")]
    public void A_period_ends_on(string period, ReportingFrequency frequency, string end) =>
        Assert.Equal(
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            CampaignPeriods.EndOf(
                DateOnly.Parse(period, System.Globalization.CultureInfo.InvariantCulture),
                frequency,
                End
            )
        );

    // ---- CampaignForecast --------------------------------------------------------------------------------------

    /// <summary>A 30-day campaign, 1–30 October 2026.</summary>
    private static readonly DateOnly From = D1,
        To = new(2026, 10, 30);

    private static List<(DateOnly Date, decimal Cumulative)> Series(params (int Day, decimal Cumulative)[] points) =>
        [.. points.Select(p => (Day(p.Day), p.Cumulative))];

    [Fact]
    public void Cumulative_runs_the_deltas_in_date_order_and_At_reads_the_last_point_on_or_before_a_day()
    {
        var series = CampaignForecast.Cumulative([(Day(5), 40m), (Day(1), 10m), (Day(10), 50m)]);
        Assert.Equal(Series((1, 10), (5, 50), (10, 100)), series);
        Assert.Equal(0m, CampaignForecast.At(series, Day(0)));
        Assert.Equal(10m, CampaignForecast.At(series, Day(1)));
        Assert.Equal(10m, CampaignForecast.At(series, Day(4)));
        Assert.Equal(50m, CampaignForecast.At(series, Day(9)));
        Assert.Equal(100m, CampaignForecast.At(series, Day(30)));
        Assert.Empty(CampaignForecast.Cumulative([]));
    }

    [Fact]
    public void A_flow_on_plan_is_not_behind_and_is_projected_at_its_recent_rate()
    {
        // Target 300 over 30 days; 100 reached by day 10. Plan: 300 × 10/30 = 100 → on plan, 100/300 = 33.3 %.
        // Rate over the last 7 days (day 3 → day 10): (100 − 10) / 7 = 12.857/day; 200 to go → ⌈15.56⌉ = 16 days → day
        // 26.
        var a = CampaignForecast.Assess(
            Series((1, 10), (5, 50), (10, 100)),
            300,
            From,
            To,
            Day(10),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );

        Assert.Equal(new ProgressAssessment(33.3m, 100m, false, Day(26), false), a);
    }

    [Fact]
    public void A_flow_under_plan_is_behind()
    {
        // The next day, without a new figure: the plan says 300 × 11/30 = 110 > 100 → behind. The last 7 days (day 4 →
        // 11)
        // brought 100 − 10 = 90: 90/7 a day, 200 to go → ⌈15.56⌉ = 16 days after day 11 → day 27.
        var a = CampaignForecast.Assess(
            Series((1, 10), (5, 50), (10, 100)),
            300,
            From,
            To,
            Day(11),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );

        Assert.Equal(new ProgressAssessment(33.3m, 110m, true, Day(27), false), a);
    }

    [Fact]
    public void Exactly_on_plan_is_not_behind()
    {
        // Target 7 over 7 days, 3 done on day 3: the plan is 7 × 3/7 = 3 exactly (3/7 as a decimal times 7 would be
        // 3.0000…02).
        var a = CampaignForecast.Assess(
            Series((3, 3)),
            7,
            From,
            From.AddDays(6),
            Day(3),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );
        Assert.Equal((3m, false), (a.Expected, a.Behind));
    }

    [Fact]
    public void A_reached_flow_is_projected_on_the_day_it_was_reached()
    {
        // 300 of 300 on day 3: 100 %, reached, not behind, completed on day 3.
        var a = CampaignForecast.Assess(
            Series((1, 100), (3, 300)),
            300,
            From,
            To,
            Day(10),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );

        Assert.Equal(new ProgressAssessment(100m, 100m, false, Day(3), true), a);
    }

    [Fact]
    public void A_stock_that_must_come_down_is_measured_from_its_first_level()
    {
        // Households without clean water: 200 on day 1, 170 on day 8, 145 on day 15; target 50.
        // Plan at day 15: 200 + (50 − 200) × 15/30 = 125; 145 > 125 → behind. Done: (200 − 145)/(200 − 50) = 55/150 =
        // 36.7 %.
        // Rate over days 8 → 15: (170 − 145)/7 = 3.571/day down; 95 to go → ⌈26.6⌉ = 27 days after day 15 → 11
        // November.
        var a = CampaignForecast.Assess(
            Series((1, 200), (8, 170), (15, 145)),
            50,
            From,
            To,
            Day(15),
            Aggregation.Latest,
            IndicatorDirection.LowerIsBetter
        );

        Assert.Equal(new ProgressAssessment(36.7m, 125m, true, new DateOnly(2026, 11, 11), false), a);
    }

    [Fact]
    public void A_stock_that_came_down_to_its_target_is_reached()
    {
        // 200 → 40 on day 5, target 50: (200 − 40)/150 = 106.7 %, reached on day 5.
        var a = CampaignForecast.Assess(
            Series((1, 200), (5, 40)),
            50,
            From,
            To,
            Day(10),
            Aggregation.Latest,
            IndicatorDirection.LowerIsBetter
        );

        Assert.Equal(new ProgressAssessment(106.7m, 150m, false, Day(5), true), a);
        // Plan at day 10: 200 + (50 − 200) × 10/30 = 150.
    }

    [Fact]
    public void A_ceiling_is_behind_when_spent_faster_than_planned_and_never_completed()
    {
        // Budget 1,000 (a sum that should stay low): 500 spent by day 10, plan 1,000 × 10/30 = 333.3 → behind; 50 %; no
        // date.
        var a = CampaignForecast.Assess(
            Series((1, 100), (10, 500)),
            1000,
            From,
            To,
            Day(10),
            Aggregation.Sum,
            IndicatorDirection.LowerIsBetter
        );

        Assert.Equal(50m, a.Percent);
        Assert.Equal(1000m * 10 / 30, a.Expected);
        Assert.True(a.Behind);
        Assert.False(a.Reached);
        Assert.Null(a.ProjectedCompletion);
        // 200 by day 10 is under plan: not behind.
        Assert.False(
            CampaignForecast
                .Assess(Series((10, 200)), 1000, From, To, Day(10), Aggregation.Sum, IndicatorDirection.LowerIsBetter)
                .Behind
        );
    }

    [Fact]
    public void Without_a_target_a_flow_has_no_percent_and_is_never_behind()
    {
        var a = CampaignForecast.Assess(
            Series((1, 10)),
            0,
            From,
            To,
            Day(10),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );
        Assert.Equal(new ProgressAssessment(null, 0m, false, null, false), a);
    }

    [Fact]
    public void After_the_end_the_assessment_stands_at_the_last_day()
    {
        // Day 40 is past the end (day 30): the plan is the whole target, the value the one on day 30.
        var a = CampaignForecast.Assess(
            Series((1, 100), (20, 250)),
            300,
            From,
            To,
            Day(40),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );
        Assert.Equal((83.3m, 300m, true), (a.Percent!.Value, a.Expected, a.Behind));
    }

    [Fact]
    public void Before_the_start_nothing_is_expected_and_nothing_is_behind()
    {
        var a = CampaignForecast.Assess(
            [],
            300,
            From,
            To,
            From.AddDays(-3),
            Aggregation.Sum,
            IndicatorDirection.HigherIsBetter
        );
        Assert.Equal(new ProgressAssessment(0m, 0m, false, null, false), a);
    }

    [Fact]
    public void The_projection_uses_the_last_seven_days_before_the_day_of_assessment()
    {
        // 7 a day for 10 days (70 by day 10), target 140: ⌈70/7⌉ = 10 more days → day 20.
        var steady = Series([.. Enumerable.Range(1, 10).Select(d => (d, 7m * d))]);
        Assert.Equal(
            Day(20),
            CampaignForecast.Project(steady, 140, From, Day(10), Aggregation.Sum, IndicatorDirection.HigherIsBetter)
        );

        // Fast at first (50 on day 1), then 1 a day on days 2–10 (59 by day 10): only days 4–10 count → 7/7 = 1 a day;
        // 41 to go → day 51 (20 November).
        var slowing = Series([(1, 50m), .. Enumerable.Range(2, 9).Select(d => (d, 50m + d - 1))]);
        Assert.Equal(
            Day(51),
            CampaignForecast.Project(slowing, 100, From, Day(10), Aggregation.Sum, IndicatorDirection.HigherIsBetter)
        );

        // Early on the window starts before the first day: 30 in 2 days (from the day before the start) → 15 a day; 120
        // to go → 8 days.
        Assert.Equal(
            Day(10),
            CampaignForecast.Project(
                Series((1, 10), (2, 30)),
                150,
                From,
                Day(2),
                Aggregation.Sum,
                IndicatorDirection.HigherIsBetter
            )
        );
    }

    [Fact]
    public void A_flow_that_stopped_has_no_projection_rather_than_a_date_in_the_past()
    {
        // 200 of 300 by day 2, then nothing until day 20: no progress in the last 7 days → no completion date
        // (the rate of days 1–2 would claim day 3, long past).
        Assert.Null(
            CampaignForecast.Project(
                Series((1, 100), (2, 200)),
                300,
                From,
                Day(20),
                Aggregation.Sum,
                IndicatorDirection.HigherIsBetter
            )
        );

        // Slowed down: 200 by day 2, 210 on day 18; on day 20 the last 7 days (13 → 20) brought 10: 10/7 a day;
        // 90 to go → 90 × 7 / 10 = exactly 63 days after day 20 (not 64 from a rounded rate).
        Assert.Equal(
            Day(20).AddDays(63),
            CampaignForecast.Project(
                Series((1, 100), (2, 200), (18, 210)),
                300,
                From,
                Day(20),
                Aggregation.Sum,
                IndicatorDirection.HigherIsBetter
            )
        );
    }

    [Fact]
    public void No_projection_without_movement_towards_the_target_for_a_ceiling_or_beyond_a_century()
    {
        // A stock that should rise but fell over the last week: 10 on day 5 (reported on day 1), 9 on day 12 (negative
        // rate).
        Assert.Null(
            CampaignForecast.Project(
                Series((1, 10), (8, 12), (12, 9)),
                50,
                From,
                Day(12),
                Aggregation.Latest,
                IndicatorDirection.HigherIsBetter
            )
        );
        // A stock that stayed put for a week: rate 0.
        Assert.Null(
            CampaignForecast.Project(
                Series((1, 10)),
                50,
                From,
                Day(9),
                Aggregation.Latest,
                IndicatorDirection.HigherIsBetter
            )
        );
        // A ceiling is never "completed".
        Assert.Null(
            CampaignForecast.Project(
                Series((1, 10), (2, 20)),
                50,
                From,
                Day(2),
                Aggregation.Sum,
                IndicatorDirection.LowerIsBetter
            )
        );
        // No target, no series.
        Assert.Null(
            CampaignForecast.Project(
                Series((1, 10)),
                0,
                From,
                Day(1),
                Aggregation.Sum,
                IndicatorDirection.HigherIsBetter
            )
        );
        Assert.Null(CampaignForecast.Project([], 50, From, Day(1), Aggregation.Sum, IndicatorDirection.HigherIsBetter));
        // 1 a day towards a million: 999,999 days is more than a century.
        Assert.Null(
            CampaignForecast.Project(
                Series((1, 1)),
                1_000_000,
                From,
                Day(1),
                Aggregation.Sum,
                IndicatorDirection.HigherIsBetter
            )
        );
        // A stock already at its target before the check is projected today.
        Assert.Equal(
            Day(3),
            CampaignForecast.Project(
                Series((1, 10), (3, 60)),
                50,
                From,
                Day(3),
                Aggregation.Latest,
                IndicatorDirection.HigherIsBetter
            )
        );
    }
}
