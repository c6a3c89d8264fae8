using System.Globalization;

namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>
/// Where everything of a burn-up chart goes, in user units of a <see cref="Width"/> × <see cref="Height"/> canvas.
/// Pure arithmetic, so the SVG component and the PNG renderer draw the same picture and tests check it without a
/// browser. Text widths are estimated (a little wide, as DejaVu Sans is), so labels keep clear of each other in any
/// sans-serif font.
/// </summary>
public sealed partial class BurnUpLayout
{
    public const double FontSize = 12;
    public const double TitleFontSize = 15;
    public const double SwatchWidth = 22;

    // Below this the labels no longer fit beside a plot; smaller requests are drawn at this size and scaled.
    public const double MinWidth = 240;
    public const double MinHeight = 160;

    private const double Pad = 8;
    private const double TickLength = 4;
    private const double LegendGap = 16;
    private const int MaxTitleLines = 2;
    private const double BoldWidening = 1.12;

    // Values beyond this are clamped: decimal arithmetic on the scale would overflow near decimal.MaxValue,
    // and no indicator (10^12 VND is the largest expected) comes close.
    private const decimal MaxValue = 1e24m;

    // Below this the scale is that of an all-zero chart: 0 to 5 in steps of 1.
    private const decimal MinValue = 1e-6m;

    public required double Width { get; init; }
    public required double Height { get; init; }
    public required ChartBox Plot { get; init; }

    public required DateOnly XMin { get; init; }
    public required DateOnly XMax { get; init; }
    public required decimal YMax { get; init; }
    public required decimal YStep { get; init; }

    public required IReadOnlyList<ChartLabel> TitleLines { get; init; }
    public required ChartLabel? YAxisTitle { get; init; }
    public required IReadOnlyList<ChartTick> XTicks { get; init; }
    public required IReadOnlyList<ChartTick> YTicks { get; init; }

    /// <summary>The actual readings in date order; the last carries a dot and <see cref="LastValueLabel"/>.</summary>
    public required IReadOnlyList<ChartPoint> ActualPoints { get; init; }
    public required ChartLabel? LastValueLabel { get; init; }

    public required ChartLine? TargetLine { get; init; }
    public required ChartLabel? TargetValueLabel { get; init; }

    /// <summary>Lower-is-better only: the band above the target, tinted as the zone to stay out of.</summary>
    public required ChartBox? LimitZone { get; init; }

    public required ChartLine? PlanLine { get; init; }

    /// <summary>From the last reading to (Projected, Target), cut at the right edge when the date lies too far
    /// out.</summary>
    public required ChartLine? ProjectionLine { get; init; }
    public required bool ProjectionClipped { get; init; }
    public required ChartLabel? ProjectionLabel { get; init; }

    public required ChartLine? TodayLine { get; init; }
    public required ChartLabel? TodayLabel { get; init; }

    public required IReadOnlyList<LegendEntry> Legend { get; init; }

    public static BurnUpLayout Compute(BurnUpData data, double width = 640, double height = 320, bool showTitle = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        width = double.IsFinite(width) ? Math.Max(width, MinWidth) : MinWidth;
        height = double.IsFinite(height) ? Math.Max(height, MinHeight) : MinHeight;
        var culture = data.Culture ?? CultureInfo.InvariantCulture;

        var points = (data.Actual ?? [])
            .OrderBy(p => p.Date)
            .Select(p => p with { Cumulative = Math.Clamp(p.Cumulative, 0, MaxValue) })
            .ToList();
        var target = data.Target is { } t && t > 0 ? Math.Min(t, MaxValue) : (decimal?)null;
        var last = points.Count > 0 ? points[^1] : null;

        // ---- x domain: the campaign, stretched to the readings and the projection, never empty ----
        var start = data.Start;
        var end = data.End < start ? start : data.End;
        var xMin = points.Count > 0 && points[0].Date < start ? points[0].Date : start;
        var natural = last is not null && last.Date > end ? last.Date : end;
        var projected =
            target is not null
            && last is not null
            && last.Cumulative < target
            && data.Projected is { } p0
            && p0 > last.Date
                ? p0
                : (DateOnly?)null;
        // A pace that reaches the target years after the end would squeeze the campaign into a sliver:
        // the axis stops at twice the campaign's length and the projection is cut there.
        var cap = natural.AddDays(Math.Max(natural.DayNumber - xMin.DayNumber, 7));
        var clipped = projected > cap;
        var xMax = projected is { } p1 ? (clipped ? cap : (p1 > natural ? p1 : natural)) : natural;
        if (xMax.DayNumber - xMin.DayNumber < 2)
        {
            xMax = xMin.AddDays(2);
        }

        // ---- y scale ----
        // A ceiling gets headroom above it, so the tinted zone beyond the limit shows.
        var headroom = data.LowerIsBetter ? 1.1m : 1m;
        var dataMax = Math.Max((target ?? 0) * headroom, points.Count > 0 ? points.Max(p => p.Cumulative) : 0);
        var (yMax, yStep) = NiceScale(dataMax);
        var yDecimals = DecimalsOf(yStep);
        var yLabels = new List<(decimal Value, string Text)>();
        for (var v = 0m; v <= yMax; v += yStep)
        {
            yLabels.Add((v, v.ToString("N" + yDecimals.ToString(CultureInfo.InvariantCulture), culture)));
        }

        // ---- vertical bands: title, axis title row, plot, x labels, legend ----
        var top = Pad;
        var titleLines = new List<ChartLabel>();
        if (showTitle && !string.IsNullOrWhiteSpace(data.Title))
        {
            // Bold glyphs are wider than the estimate's regular ones.
            foreach (
                var line in Wrap(data.Title.Trim(), (width - 2 * Pad) / BoldWidening, TitleFontSize, MaxTitleLines)
            )
            {
                top += TitleFontSize * 1.25;
                titleLines.Add(new(line, Pad, top - TitleFontSize * 0.25, ChartAnchor.Start, TitleFontSize));
            }
            top += 4;
        }
        var axisRowBaseline = top + FontSize;
        var plotTop = axisRowBaseline + 14; // clear of the measure label's descenders and the top y label

        var yLabelWidth = yLabels.Max(l => EstimateWidth(l.Text, FontSize));
        var dayMonth = DatePattern(culture, keepDay: true, keepYear: false);
        var xLabelWidth = EstimateWidth(FormatDate(new DateOnly(2026, 12, 28), dayMonth, culture), FontSize);
        // Absurd values (beyond 10^15) would push the plot off the canvas; their labels are cut at the left edge
        // instead.
        var left = Math.Min(Math.Max(Pad + yLabelWidth + TickLength + 4, Pad + xLabelWidth / 2), width * 0.6);
        var right = width - Math.Max(Pad + 4, Pad + xLabelWidth / 2 + 4);
        var plotWidth = Math.Max(right - left, 40);

        var legendItems = LegendItems(
                data,
                points.Count > 0,
                target is not null,
                target is not null && end > start,
                projected is not null
            )
            .Select(i => (i.Series, Text: Ellipsize(i.Text ?? "", width - 2 * Pad - SwatchWidth - 6, FontSize)))
            .ToList();
        var legendRows = LayoutLegendRows(legendItems, width - 2 * Pad);
        var legendHeight = legendRows == 0 ? 0 : legendRows * (FontSize + 8) + 4;
        var xLabelsHeight = TickLength + 4 + FontSize + 4;
        var plotBottom = height - Pad - legendHeight - xLabelsHeight;
        if (plotBottom - plotTop < 40)
        {
            plotBottom = plotTop + 40;
        }
        var plot = new ChartBox(left, plotTop, plotWidth, plotBottom - plotTop);

        var span = (double)(xMax.DayNumber - xMin.DayNumber);
        double X(DateOnly d) => plot.Left + (d.DayNumber - xMin.DayNumber) / span * plot.Width;
        double Y(decimal v) => plot.Bottom - (double)(Math.Clamp(v, 0, yMax) / yMax) * plot.Height;

        // ---- ticks ----
        var yTicks = yLabels
            .Select(l => new ChartTick(
                Y(l.Value),
                new(l.Text, plot.Left - TickLength - 4, Y(l.Value) + FontSize * 0.35, ChartAnchor.End, FontSize)
            ))
            .ToList();
        var xTicks = DateTicks(xMin, xMax, culture, plot.Width)
            .Select(d => new ChartTick(
                X(d.Date),
                new(d.Label, X(d.Date), plot.Bottom + TickLength + 4 + FontSize * 0.85, ChartAnchor.Middle, FontSize)
            ))
            .ToList();

        // ---- series ----
        var actual = points.Select(p => new ChartPoint(X(p.Date), Y(p.Cumulative))).ToList();

        ChartLine? targetLine = null;
        ChartLabel? targetLabel = null;
        ChartBox? limitZone = null;
        ChartLine? planLine = null;
        if (target is { } tv)
        {
            var ty = Y(tv);
            targetLine = new(new(plot.Left, ty), new(plot.Right, ty));
            // Above the line, or below it when the target sits at the top of the plot.
            var labelY = ty - 5 - FontSize < plot.Top ? ty + FontSize + 3 : ty - 5;
            targetLabel = Fit(
                new(
                    $"{data.TargetLabel}: {FormatNumber(tv, culture)}",
                    plot.Left + 6,
                    labelY,
                    ChartAnchor.Start,
                    FontSize
                ),
                Pad,
                width - Pad
            );
            if (data.LowerIsBetter && ty > plot.Top)
            {
                limitZone = new(plot.Left, plot.Top, plot.Width, ty - plot.Top);
            }
            if (end > start)
            {
                planLine = new(new(X(start), Y(0)), new(X(end), ty));
            }
        }

        ChartLine? projectionLine = null;
        ChartLabel? projectionLabel = null;
        if (projected is { } pd && last is not null && target is { } pt)
        {
            var from = new ChartPoint(X(last.Date), Y(last.Cumulative));
            var toDate = clipped ? xMax : pd;
            var toValue = clipped
                ? last.Cumulative
                    + (pt - last.Cumulative)
                        * (toDate.DayNumber - last.Date.DayNumber)
                        / (pd.DayNumber - last.Date.DayNumber)
                : pt;
            var to = new ChartPoint(X(toDate), Y(toValue));
            projectionLine = new(from, to);
            // The date the pace reaches the target; with its year when that is not the campaign's year.
            var text =
                pd.Year == end.Year
                    ? FormatDate(pd, dayMonth, culture)
                    : FormatDate(pd, culture.DateTimeFormat.ShortDatePattern, culture);
            if (clipped)
            {
                text += " →";
            }
            var anchor = to.X + EstimateWidth(text, FontSize) / 2 > width - Pad ? ChartAnchor.End : ChartAnchor.Middle;
            var labelY = Math.Max(to.Y - 8, axisRowBaseline + FontSize + 2);
            projectionLabel = Fit(
                new(text, anchor == ChartAnchor.End ? Math.Min(to.X, width - Pad) : to.X, labelY, anchor, FontSize),
                Pad,
                width - Pad
            );
        }

        ChartLabel? lastLabel = null;
        if (actual.Count > 0)
        {
            var lp = actual[^1];
            var text = FormatNumber(last!.Cumulative, culture);
            var w = EstimateWidth(text, FontSize);
            // Above-left of the dot by default (the line comes from the lower left), below it when that
            // would cover the target's label or leave the plot.
            var anchor = lp.X - 6 - w < plot.Left ? ChartAnchor.Start : ChartAnchor.End;
            var x = anchor == ChartAnchor.Start ? lp.X + 6 : lp.X - 6;
            var y = lp.Y - 8;
            var box = BoxOf(new(text, x, y, anchor, FontSize));
            if (
                y - FontSize < plot.Top
                || (targetLabel is not null && box.Overlaps(BoxOf(targetLabel)))
                || (projectionLabel is not null && box.Overlaps(BoxOf(projectionLabel)))
            )
            {
                y = Math.Min(lp.Y + FontSize + 6, plot.Bottom - 4);
            }
            lastLabel = Fit(new(text, x, y, anchor, FontSize), Pad, width - Pad);
        }

        // ---- the axis title row: the measure at the left, today's date over its marker ----
        ChartLabel? yAxisTitle = string.IsNullOrWhiteSpace(data.MeasureLabel)
            ? null
            : new(
                Ellipsize(data.MeasureLabel.Trim(), width / 2, FontSize),
                Pad,
                axisRowBaseline,
                ChartAnchor.Start,
                FontSize
            );
        ChartLine? todayLine = null;
        ChartLabel? todayLabel = null;
        if (data.Today >= xMin && data.Today <= xMax)
        {
            var tx = X(data.Today);
            todayLine = new(new(tx, plot.Top - 4), new(tx, plot.Bottom));
            var date = FormatDate(data.Today, dayMonth, culture);
            var text = Ellipsize(
                string.IsNullOrWhiteSpace(data.TodayLabel) ? date : $"{data.TodayLabel.Trim()} {date}",
                width - 2 * Pad,
                FontSize
            );
            var w = EstimateWidth(text, FontSize);
            var lx = Math.Max(Pad, Math.Min(tx - w / 2, width - Pad - w));
            var afterTitle = yAxisTitle is null ? Pad : yAxisTitle.X + EstimateWidth(yAxisTitle.Text, FontSize) + 8;
            if (lx < afterTitle)
            {
                // Beside the measure rather than over it, shortened if the row is too short for both.
                lx = afterTitle;
                text = Ellipsize(text, width - Pad - lx, FontSize);
            }
            todayLabel = Fit(new(text, lx, axisRowBaseline, ChartAnchor.Start, FontSize), Pad, width - Pad);
        }

        // ---- legend ----
        var legend = new List<LegendEntry>();
        {
            var x = Pad;
            var y = height - Pad - legendHeight + 4 + (FontSize + 8) / 2;
            foreach (var (series, text) in legendItems)
            {
                var w = LegendItemWidth(text);
                if (x > Pad && x + w > width - Pad)
                {
                    x = Pad;
                    y += FontSize + 8;
                }
                legend.Add(
                    new(series, x, y, new(text, x + SwatchWidth + 6, y + FontSize * 0.35, ChartAnchor.Start, FontSize))
                );
                x += w + LegendGap;
            }
        }

        return new BurnUpLayout
        {
            Width = width,
            Height = height,
            Plot = plot,
            XMin = xMin,
            XMax = xMax,
            YMax = yMax,
            YStep = yStep,
            TitleLines = titleLines,
            YAxisTitle = yAxisTitle,
            XTicks = xTicks,
            YTicks = yTicks,
            ActualPoints = actual,
            LastValueLabel = lastLabel,
            TargetLine = targetLine,
            TargetValueLabel = targetLabel,
            LimitZone = limitZone,
            PlanLine = planLine,
            ProjectionLine = projectionLine,
            ProjectionClipped = projectionLine is not null && clipped,
            ProjectionLabel = projectionLabel,
            TodayLine = todayLine,
            TodayLabel = todayLabel,
            Legend = legend,
        };
    }
}
