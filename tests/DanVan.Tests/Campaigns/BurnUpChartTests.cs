using System.Globalization;
using AngleSharp.Html.Parser;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace DanVan.Tests.Campaigns;

/// <summary>The burn-up chart: the layout arithmetic, the SVG markup under the CSP, the PNG on this machine. No
/// database.</summary>
public sealed class BurnUpChartTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly DateOnly End = new(2026, 4, 30);

    /// <summary>
    /// A grave-relocation campaign a month in: 30 daily readings towards 1,200 graves by 30 April, a pace that finishes
    /// about a week late.
    /// </summary>
    internal static BurnUpData Relocation(
        IReadOnlyList<BurnUpPoint>? actual = null,
        decimal? target = 1200,
        DateOnly? projected = null,
        DateOnly? start = null,
        DateOnly? end = null,
        CultureInfo? culture = null,
        bool lowerIsBetter = false,
        string title = "Di dời mộ — Vành đai 4"
    )
    {
        if (actual is null)
        {
            var random = new Random(42);
            var total = 0m;
            var points = new List<BurnUpPoint>();
            for (var day = 0; day < 30; day++)
            {
                // Slow first week (notices, family meetings), then a steady pace with Sundays lighter.
                var date = Start.AddDays(day);
                total += (day < 7 ? 6 : 19) + random.Next(0, 8) - (date.DayOfWeek == DayOfWeek.Sunday ? 10 : 0);
                points.Add(new(date, total));
            }
            actual = points;
            projected ??= new DateOnly(2026, 5, 9);
        }
        return new BurnUpData(
            title,
            "Đã di dời 519 trên 1.200 ngôi mộ; theo tốc độ hiện nay sẽ xong ngày 09/05/2026, sau hạn 30/04/2026.",
            "ngôi mộ",
            start ?? Start,
            end ?? End,
            target,
            actual,
            projected,
            new DateOnly(2026, 3, 30),
            lowerIsBetter,
            culture ?? Vi,
            "Mục tiêu",
            "Thực hiện",
            "Kế hoạch",
            "Dự báo"
        )
        {
            TodayLabel = "Hôm nay",
        };
    }

    private static List<BurnUpPoint> Points(params (int Day, decimal Value)[] points) =>
        [.. points.Select(p => new BurnUpPoint(Start.AddDays(p.Day), p.Value))];

    // ------------------------------------------------------------------------------------------ scale

    [Theory]
    [InlineData("1200", "1250", "250")]
    [InlineData("1000", "1000", "200")]
    [InlineData("1001", "1250", "250")]
    [InlineData("1269.5", "1500", "500")]
    [InlineData("7", "8", "2")]
    [InlineData("0.7", "0.8", "0.2")]
    [InlineData("0.03", "0.03", "0.01")]
    [InlineData("1000000000000", "1000000000000", "200000000000")]
    [InlineData("0", "5", "1")]
    public void The_axis_goes_to_a_nice_multiple_of_a_nice_step(string value, string max, string step)
    {
        var (m, s) = BurnUpLayout.NiceScale(decimal.Parse(value, CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(max, CultureInfo.InvariantCulture), m);
        Assert.Equal(decimal.Parse(step, CultureInfo.InvariantCulture), s);
    }

    [Fact]
    public void Any_value_gets_three_to_five_intervals_of_one_two_two_and_a_half_or_five_times_a_power_of_ten()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var value = (decimal)Math.Pow(10, random.NextDouble() * 18 - 4) * (decimal)(0.5 + random.NextDouble());
            var (max, step) = BurnUpLayout.NiceScale(value);
            Assert.True(max >= value, $"{max} < {value}");
            var intervals = max / step;
            Assert.True(intervals is >= 3 and <= 5 && decimal.Round(intervals) == intervals, $"{value}: {max}/{step}");
            var mantissa = step;
            while (mantissa >= 10)
            {
                mantissa /= 10;
            }
            while (mantissa < 1)
            {
                mantissa *= 10;
            }
            Assert.Contains(mantissa, new[] { 1m, 2m, 2.5m, 5m });
        }
    }

    // ------------------------------------------------------------------------------------------ layout

    [Fact]
    public void The_campaign_chart_places_ticks_series_target_plan_projection_and_today()
    {
        var data = Relocation();
        var l = BurnUpLayout.Compute(data, 640, 320);

        Assert.Equal(1250m, l.YMax);
        Assert.Equal(["0", "250", "500", "750", "1.000", "1.250"], l.YTicks.Select(t => t.Label.Text));
        Assert.Equal(Start, l.XMin);
        Assert.Equal(new DateOnly(2026, 5, 9), l.XMax);
        Assert.InRange(l.XTicks.Count, 3, 7);
        Assert.All(l.XTicks, t => Assert.Matches(@"^\d\d/\d\d$", t.Label.Text));
        Assert.Equal("01/03", l.XTicks[0].Label.Text);

        var plot = l.Plot;
        double Y(decimal v) => plot.Bottom - (double)(v / l.YMax) * plot.Height;
        double X(DateOnly d) =>
            plot.Left + (d.DayNumber - l.XMin.DayNumber) / (double)(l.XMax.DayNumber - l.XMin.DayNumber) * plot.Width;

        Assert.Equal(30, l.ActualPoints.Count);
        Assert.All(l.ActualPoints, p => Assert.True(plot.Contains(p), $"{p} outside {plot}"));
        Assert.Equal(X(Start), l.ActualPoints[0].X, 6);
        Assert.Equal(Y(data.Actual[^1].Cumulative), l.ActualPoints[^1].Y, 6);

        var target = Assert.NotNull(l.TargetLine);
        Assert.Equal(Y(1200), target.From.Y, 6);
        Assert.Equal(target.From.Y, target.To.Y);
        Assert.Equal((plot.Left, plot.Right), (target.From.X, target.To.X));
        Assert.Equal("Mục tiêu: 1.200", l.TargetValueLabel?.Text);

        var plan = Assert.NotNull(l.PlanLine);
        Assert.Equal(new ChartPoint(plot.Left, plot.Bottom), plan.From);
        Assert.Equal(X(End), plan.To.X, 6);
        Assert.Equal(Y(1200), plan.To.Y, 6);

        var projection = Assert.NotNull(l.ProjectionLine);
        Assert.Equal(l.ActualPoints[^1], projection.From);
        Assert.Equal(plot.Right, projection.To.X, 6); // 9 May is the axis' end
        Assert.Equal(Y(1200), projection.To.Y, 6);
        Assert.False(l.ProjectionClipped);
        Assert.Equal("09/05", l.ProjectionLabel?.Text);

        var today = Assert.NotNull(l.TodayLine);
        Assert.Equal(X(new DateOnly(2026, 3, 30)), today.From.X, 6);
        Assert.Equal("Hôm nay 30/03", l.TodayLabel?.Text);
        Assert.Equal("ngôi mộ", l.YAxisTitle?.Text);
        Assert.Equal(data.Actual[^1].Cumulative.ToString("N0", Vi), l.LastValueLabel?.Text);
        Assert.Null(l.LimitZone);

        Assert.Equal(
            [BurnUpSeries.Actual, BurnUpSeries.Target, BurnUpSeries.Plan, BurnUpSeries.Projection],
            l.Legend.Select(e => e.Series)
        );
        Assert.Equal(["Di dời mộ — Vành đai 4"], l.TitleLines.Select(t => t.Text));
        AssertSane(l);
    }

    [Fact]
    public void Numbers_and_dates_follow_the_culture()
    {
        var actual = Points((0, 100), (10, 1269.5m));
        var vi = BurnUpLayout.Compute(Relocation(actual, projected: new DateOnly(2026, 4, 20)));
        Assert.Equal("1.269,5", vi.LastValueLabel?.Text);
        Assert.Equal("1.500", vi.YTicks[^1].Label.Text);
        Assert.Equal("01/03", vi.XTicks[0].Label.Text);

        var en = BurnUpLayout.Compute(Relocation(actual, projected: new DateOnly(2026, 4, 20), culture: En));
        Assert.Equal("1,269.5", en.LastValueLabel?.Text);
        Assert.Equal("1,500", en.YTicks[^1].Label.Text);
        Assert.Equal("3/1", en.XTicks[0].Label.Text);

        // Decimal steps show their decimals, and only as many as needed.
        var small = BurnUpLayout.Compute(Relocation(Points((0, 0.1m), (5, 0.45m)), target: 0.7m));
        Assert.Equal(["0,0", "0,2", "0,4", "0,6", "0,8"], small.YTicks.Select(t => t.Label.Text));
        Assert.Equal("Mục tiêu: 0,7", small.TargetValueLabel?.Text);
    }

    public static TheoryData<string, BurnUpData> EdgeCases()
    {
        var far = new DateOnly(2031, 1, 1);
        return new()
        {
            { "no readings", Relocation(actual: [], projected: null) },
            { "no readings, a projection anyway", Relocation(actual: [], projected: new DateOnly(2026, 5, 1)) },
            { "one reading", Relocation(Points((3, 40))) },
            { "one reading on the start day", Relocation(Points((0, 0))) },
            { "no target", Relocation(target: null) },
            { "target 0", Relocation(target: 0) },
            { "all zeros", Relocation(Points((0, 0), (1, 0), (2, 0)), target: 0) },
            { "nothing at all", Relocation(actual: [], target: null, projected: null) },
            { "end before start", Relocation(end: Start.AddDays(-20)) },
            { "one-day campaign", Relocation(actual: [], end: Start) },
            {
                "trillions of đồng",
                Relocation(Points((0, 2e11m), (10, 7.5e11m), (20, 9.99e11m)), target: 1e12m, projected: End)
            },
            { "decimals", Relocation(Points((0, 0.25m), (1, 0.5m), (2, 1.125m)), target: 2.5m) },
            { "readings above the target", Relocation(Points((0, 500), (5, 1800)), projected: null) },
            { "readings before the start", Relocation(Points((-10, 5), (0, 30), (5, 80))) },
            { "readings after the end", Relocation(Points((0, 5), (90, 800)), projected: null) },
            { "a negative reading", Relocation(Points((0, -5), (3, 10))) },
            { "projection years out", Relocation(Points((0, 5), (29, 60)), projected: far) },
            { "projection before the last reading", Relocation(Points((0, 5), (29, 600)), projected: Start) },
            { "lower is better", Relocation(lowerIsBetter: true) },
            {
                "a long title",
                Relocation(
                    title: string.Join(
                        ' ',
                        Enumerable.Repeat("Di dời mộ khỏi phạm vi giải phóng mặt bằng đường Vành đai 4", 5)
                    )
                )
            },
            {
                "a three-year programme",
                Relocation(
                    Points((0, 5), (400, 600)),
                    start: Start,
                    end: Start.AddYears(3),
                    projected: Start.AddYears(4)
                )
            },
            { "English", Relocation(culture: En) },
            {
                "long labels",
                Relocation() with
                {
                    ActualLabel = string.Concat(Enumerable.Repeat("Số ngôi mộ đã di dời thực tế ", 6)),
                    MeasureLabel = string.Concat(Enumerable.Repeat("ngôi mộ ", 20)),
                    TodayLabel = string.Concat(Enumerable.Repeat("Hôm nay ", 12)),
                }
            },
        };
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_keep_everything_inside_the_picture(string name, BurnUpData data)
    {
        foreach (var (w, h) in new[] { (640.0, 320.0), (360.0, 300.0), (1200.0, 600.0), (10.0, 10.0) })
        {
            var l = BurnUpLayout.Compute(data, w, h);
            Assert.True(l.Width >= w && l.Height >= h, name);
            Assert.True(l.XMax > l.XMin, name);
            AssertSane(l, name);
        }
    }

    [Fact]
    public void Edge_cases_draw_what_they_can_and_leave_out_what_they_cannot()
    {
        var none = BurnUpLayout.Compute(Relocation(actual: [], projected: new DateOnly(2026, 5, 1)));
        Assert.Empty(none.ActualPoints);
        Assert.Null(none.LastValueLabel);
        Assert.Null(none.ProjectionLine);
        Assert.NotNull(none.PlanLine);
        Assert.DoesNotContain(none.Legend, e => e.Series == BurnUpSeries.Actual);

        var one = BurnUpLayout.Compute(Relocation(Points((3, 40))));
        Assert.Single(one.ActualPoints);
        Assert.NotNull(one.LastValueLabel);

        foreach (var target in new decimal?[] { null, 0 })
        {
            var untargeted = BurnUpLayout.Compute(Relocation(target: target));
            Assert.Null(untargeted.TargetLine);
            Assert.Null(untargeted.PlanLine);
            Assert.Null(untargeted.ProjectionLine);
            Assert.Equal([BurnUpSeries.Actual], untargeted.Legend.Select(e => e.Series));
        }

        var zeros = BurnUpLayout.Compute(Relocation(Points((0, 0), (1, 0)), target: 0));
        Assert.Equal((5m, 1m), (zeros.YMax, zeros.YStep));
        Assert.All(zeros.ActualPoints, p => Assert.Equal(zeros.Plot.Bottom, p.Y, 6));

        var backwards = BurnUpLayout.Compute(Relocation(actual: [], end: Start.AddDays(-20)));
        Assert.Equal(Start, backwards.XMin);
        Assert.True(backwards.XMax > Start);
        Assert.Null(backwards.PlanLine); // no campaign length, so no ideal pace

        var huge = BurnUpLayout.Compute(Relocation(Points((0, 2e11m), (20, 9.99e11m)), target: 1e12m, projected: End));
        Assert.Equal("1.000.000.000.000", huge.YTicks[^1].Label.Text);

        // A pace that ends in 2031 does not squash the campaign: the axis stops at twice its length, the line is cut.
        var far = BurnUpLayout.Compute(Relocation(Points((0, 5), (29, 60)), projected: new DateOnly(2031, 1, 1)));
        Assert.True(far.ProjectionClipped);
        Assert.Equal(End.AddDays(End.DayNumber - Start.DayNumber), far.XMax);
        var cut = Assert.NotNull(far.ProjectionLine);
        Assert.Equal(far.Plot.Right, cut.To.X, 6);
        Assert.True(cut.To.Y > far.TargetLine!.Value.From.Y); // still below the target where it is cut
        Assert.Equal("01/01/2031 →", far.ProjectionLabel?.Text);

        var reached = BurnUpLayout.Compute(Relocation(Points((0, 500), (5, 1800)), projected: End));
        Assert.Null(reached.ProjectionLine);
        Assert.Equal(2000m, reached.YMax);

        var lower = BurnUpLayout.Compute(Relocation(lowerIsBetter: true));
        var zone = Assert.NotNull(lower.LimitZone);
        Assert.Equal(lower.Plot.Top, zone.Top, 6);
        Assert.Equal(lower.TargetLine!.Value.From.Y, zone.Bottom, 6);

        var longTitle = BurnUpLayout.Compute(
            Relocation(title: string.Join(' ', Enumerable.Repeat("Di dời mộ khỏi phạm vi giải phóng mặt bằng", 8))),
            360,
            300
        );
        Assert.Equal(2, longTitle.TitleLines.Count);
        Assert.EndsWith("…", longTitle.TitleLines[1].Text, StringComparison.Ordinal);

        var noTitle = BurnUpLayout.Compute(Relocation(), showTitle: false);
        Assert.Empty(noTitle.TitleLines);
        Assert.True(noTitle.Plot.Height > BurnUpLayout.Compute(Relocation()).Plot.Height);
    }

    [Fact]
    public async Task Values_beyond_any_budget_are_clamped_rather_than_overflowing()
    {
        var data = Relocation(Points((0, 7e28m), (3, decimal.MaxValue)), target: decimal.MaxValue, projected: End);
        var l = BurnUpLayout.Compute(data);
        Assert.Equal(1e24m, l.YMax);
        Assert.True(l.Plot.Left <= l.Width * 0.6 + 1e-6 && l.Plot.Right <= l.Width);
        Assert.All(l.ActualPoints, p => Assert.True(l.Plot.Contains(p)));
        Assert.DoesNotContain("NaN", await RenderSvgAsync(data), StringComparison.Ordinal);
        Assert.NotEmpty(BurnUpPng.Render(data, 640, 320));
    }

    [Fact]
    public void Date_ticks_are_three_to_seven_increasing_dates_inside_any_span()
    {
        foreach (
            var start in new[]
            {
                new DateOnly(2026, 1, 1),
                new DateOnly(2026, 3, 17),
                new DateOnly(2025, 12, 31),
                new DateOnly(2024, 2, 29),
            }
        )
        {
            for (var span = 2; span <= 4000; span += span < 120 ? 1 : 7)
            {
                foreach (var width in new[] { 280.0, 560.0 })
                {
                    var ticks = BurnUpLayout.DateTicks(start, start.AddDays(span), Vi, width);
                    Assert.True(ticks.Count is >= 3 and <= 7, $"{start} + {span} days at {width}: {ticks.Count} ticks");
                    Assert.All(ticks, t => Assert.InRange(t.Date, start, start.AddDays(span)));
                    for (var i = 1; i < ticks.Count; i++)
                    {
                        Assert.True(ticks[i].Date > ticks[i - 1].Date);
                    }
                }
            }
        }
        Assert.Equal("dd/MM", BurnUpLayout.DatePattern(Vi, keepDay: true, keepYear: false));
        Assert.Equal("MM/yyyy", BurnUpLayout.DatePattern(Vi, keepDay: false, keepYear: true));
        Assert.Equal("M/d", BurnUpLayout.DatePattern(En, keepDay: true, keepYear: false));
    }

    /// <summary>Ticks in order, every mark and label inside the canvas, every series inside the plot.</summary>
    private static void AssertSane(BurnUpLayout l, string name = "")
    {
        var canvas = new ChartBox(0, 0, l.Width, l.Height);
        var plot = l.Plot;
        Assert.True(plot.Width > 0 && plot.Height > 0, name);
        Assert.True(canvas.Contains(new(plot.Left, plot.Top)) && canvas.Contains(new(plot.Right, plot.Bottom)), name);

        Assert.InRange(l.YTicks.Count, 4, 6);
        Assert.Equal(plot.Bottom, l.YTicks[0].Position, 6);
        Assert.Equal(plot.Top, l.YTicks[^1].Position, 6);
        for (var i = 1; i < l.YTicks.Count; i++)
        {
            Assert.True(l.YTicks[i].Position < l.YTicks[i - 1].Position, $"{name}: y ticks not increasing");
        }
        Assert.InRange(l.XTicks.Count, 3, 7);
        for (var i = 1; i < l.XTicks.Count; i++)
        {
            Assert.True(l.XTicks[i].Position > l.XTicks[i - 1].Position, $"{name}: x ticks not increasing");
        }
        Assert.All(l.XTicks, t => Assert.InRange(t.Position, plot.Left - 1e-6, plot.Right + 1e-6));

        var lines = new[] { l.TargetLine, l.PlanLine, l.ProjectionLine }
            .Where(x => x is not null)
            .Select(x => x!.Value);
        var points = l.ActualPoints.Concat(lines.SelectMany(x => new[] { x.From, x.To }));
        Assert.All(points, p =>
        {
            Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y), $"{name}: {p}");
            Assert.True(plot.Contains(p), $"{name}: {p} outside the plot {plot}");
        });

        var labels = l
            .YTicks.Concat(l.XTicks)
            .Select(t => t.Label)
            .Concat(l.TitleLines)
            .Concat(l.Legend.Select(e => e.Label))
            .Concat(
                new[]
                {
                    l.YAxisTitle,
                    l.TodayLabel,
                    l.TargetValueLabel,
                    l.LastValueLabel,
                    l.ProjectionLabel,
                }.OfType<ChartLabel>()
            );
        Assert.All(labels, label =>
        {
            var box = BurnUpLayout.BoxOf(label);
            Assert.True(
                box.Left >= -0.5 && box.Right <= l.Width + 0.5 && box.Top >= -0.5 && box.Bottom <= l.Height + 0.5,
                $"{name}: label '{label.Text}' at {box} leaves the {l.Width}×{l.Height} canvas"
            );
        });
    }

    // ------------------------------------------------------------------------------------------ SVG

    private static async Task<string> RenderSvgAsync(BurnUpData data, string? id = null, int narrowWidth = 360)
    {
        // Localization only because Features/_Imports.razor injects a localizer into every component; the chart uses
        // none.
        await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = new Dictionary<string, object?> { ["Data"] = data, ["NarrowWidth"] = narrowWidth };
            if (id is not null)
            {
                parameters["Id"] = id;
            }
            var output = await renderer.RenderComponentAsync<BurnUpSvg>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task The_svg_is_an_accessible_image_without_inline_style_or_outside_reference()
    {
        var html = await RenderSvgAsync(Relocation());
        var document = await new HtmlParser().ParseDocumentAsync(html);
        var svgs = document.QuerySelectorAll("svg");
        Assert.Equal(2, svgs.Length); // the wide drawing and the phone's
        foreach (var svg in svgs)
        {
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.Matches(
                @"^0 0 \d+(\.\d+)? \d+(\.\d+)?$",
                svg.GetAttribute("viewBox") ?? svg.GetAttribute("viewbox")
            );
            var ids = svg.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal(2, ids.Length);
            Assert.Equal("Di dời mộ — Vành đai 4", document.GetElementById(ids[0])?.TextContent);
            Assert.Equal("title", document.GetElementById(ids[0])?.LocalName);
            Assert.StartsWith("Đã di dời 519", document.GetElementById(ids[1])?.TextContent, StringComparison.Ordinal);
            Assert.Equal("desc", document.GetElementById(ids[1])?.LocalName);
        }
        Assert.Contains("chart__svg--wide", svgs[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("chart__svg--narrow", svgs[1].ClassName, StringComparison.Ordinal);

        Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase); // neither style= nor <style>
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<image", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);

        var texts = svgs[0].QuerySelectorAll("text").Select(t => t.TextContent).ToList();
        Assert.Contains("1.250", texts);
        Assert.Contains("1.000", texts);
        Assert.Contains("Mục tiêu: 1.200", texts);
        Assert.Contains("01/03", texts);
        Assert.Contains("Hôm nay 30/03", texts);
        Assert.Contains("ngôi mộ", texts);
        Assert.Contains("Dự báo", texts);
        Assert.Contains(svgs[0].QuerySelectorAll("polyline"), p => p.GetAttribute("stroke") == "#da251d");
        // Coordinates are invariant numbers whatever the culture of the request.
        Assert.All(svgs[0].QuerySelectorAll("line"), line =>
            Assert.Matches(@"^-?\d+(\.\d+)?$", line.GetAttribute("x1"))
        );
    }

    [Fact]
    public async Task Each_chart_on_a_page_has_its_own_ids_and_numbers_stay_invariant_under_any_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Vi; // the request's culture formats 1.5 as "1,5"
        try
        {
            var page =
                await RenderSvgAsync(Relocation())
                + await RenderSvgAsync(Relocation())
                + await RenderSvgAsync(Relocation(), id: "campaign-7");
            var document = await new HtmlParser().ParseDocumentAsync(page);
            var ids = document.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
            Assert.Equal(12, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Contains("campaign-7-title", ids);
            Assert.Contains("campaign-7-n-desc", ids);
            Assert.All(document.QuerySelectorAll("polyline"), p =>
                Assert.Matches(@"^(\d+(\.\d+)?,\d+(\.\d+)? ?)+$", p.GetAttribute("points"))
            );
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var wideOnly = await RenderSvgAsync(Relocation(), narrowWidth: 0);
        Assert.Single((await new HtmlParser().ParseDocumentAsync(wideOnly)).QuerySelectorAll("svg"));
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public async Task Edge_cases_render_to_markup(string name, BurnUpData data)
    {
        var html = await RenderSvgAsync(data);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.True(html.Contains("<svg", StringComparison.Ordinal), name);
    }

    // ------------------------------------------------------------------------------------------ PNG

    [Fact]
    public void The_png_is_a_picture_of_the_requested_size_with_the_accent_red_in_it()
    {
        var png = BurnUpPng.Render(Relocation());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((1200, 600), (bitmap.Width, bitmap.Height));
        Assert.True(
            CountNear(bitmap, new SKColor(0xda, 0x25, 0x1d)) > 2000,
            "the actual line is drawn in the accent red"
        );
        Assert.True(CountNear(bitmap, new SKColor(0x3b, 0x3b, 0x3b)) > 500, "the target line is drawn in dark grey");
        Assert.Equal(SKColors.White, bitmap.GetPixel(2, 2));

        foreach (var (w, h) in new[] { (400, 200), (100, 60), (2400, 1200) })
        {
            using var small = SKBitmap.Decode(BurnUpPng.Render(Relocation(), w, h));
            Assert.Equal((w, h), (small.Width, small.Height));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnUpPng.Render(Relocation(), 0, 600));
    }

    [Fact]
    public void The_png_finds_a_font_that_covers_vietnamese_and_draws_text_with_it()
    {
        // scripts/test.sh installs fonts-dejavu-core (production's font, ADR-0014) and fonts-liberation2.
        var path = BurnUpPng.ResolveFontPath();
        Assert.NotNull(path);
        Assert.Equal(path, BurnUpPng.ResolveFontPath("/nonexistent/font.ttf"));
        using var typeface = SKTypeface.FromFile(path);
        using var font = new SKFont(typeface, 12);
        Assert.True(
            font.ContainsGlyphs(
                "Di dời mộ — Vành đai 4: ngôi mộ, Mục tiêu, Thực hiện, Kế hoạch, Dự báo, Hôm nay 1.269,5 đồng"
            )
        );

        // Text makes dark pixels in the legend band, which holds only swatches and labels.
        using var bitmap = SKBitmap.Decode(BurnUpPng.Render(Relocation()));
        var legendBand = 0;
        for (var y = 560; y < 600; y++)
        {
            for (var x = 0; x < 1200; x++)
            {
                var c = bitmap.GetPixel(x, y);
                legendBand += c.Red < 90 && c.Green < 90 && c.Blue < 90 ? 1 : 0;
            }
        }
        Assert.True(legendBand > 300, $"only {legendBand} dark pixels where the legend's words should be");
    }

    [Fact]
    public void Pngs_render_in_parallel()
    {
        var sizes = Enumerable.Range(0, 8).Select(i => 300 + i * 100).ToArray();
        var results = new byte[sizes.Length][];
        Parallel.For(0, sizes.Length, i => results[i] = BurnUpPng.Render(Relocation(), sizes[i], sizes[i] / 2));
        for (var i = 0; i < sizes.Length; i++)
        {
            using var bitmap = SKBitmap.Decode(results[i]);
            Assert.Equal(sizes[i], bitmap.Width);
        }
    }

    /// <summary>Set DANVAN_CHART_SAMPLES to a folder to get burnup.png and chart.html there, to look at.</summary>
    [Fact]
    public async Task Sample_files_for_a_human_to_look_at()
    {
        var data = Relocation();
        var png = BurnUpPng.Render(data);
        var svg = await RenderSvgAsync(data);
        Assert.NotEmpty(png);
        if (Environment.GetEnvironmentVariable("DANVAN_CHART_SAMPLES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(
                Path.Combine(folder, "burnup.png"),
                png,
                TestContext.Current.CancellationToken
            );
            var css = await File.ReadAllTextAsync(
                Path.Combine(Repository.Root, "src", "DanVan.Web", "wwwroot", "css", "app.css"),
                TestContext.Current.CancellationToken
            );
            var html =
                $"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"app.css\"><body><main class=\"page\">{svg}</main></body></html>";
            await File.WriteAllTextAsync(Path.Combine(folder, "app.css"), css, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(
                Path.Combine(folder, "chart.html"),
                html,
                TestContext.Current.CancellationToken
            );
        }
    }

    private static int CountNear(SKBitmap bitmap, SKColor color)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - color.Red) + Math.Abs(c.Green - color.Green) + Math.Abs(c.Blue - color.Blue) < 30)
                {
                    count++;
                }
            }
        }
        return count;
    }
}
