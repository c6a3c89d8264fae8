using System.Globalization;
using DanVan.Web.Features.Campaigns.Charts;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.OfficialDocuments;
using SkiaSharp;

namespace DanVan.Web.Features.Reports;

/// <summary>One figure of a section's chart: its name and its values for the period, the one before and a year
/// earlier (null where the catalogue has none).</summary>
public sealed record ChartBar(string Name, double? Value, double? Previous, double? YearBefore);

/// <summary>
/// The chart of a report's section, as the picture the Word file and the PDF carry under the section's table: one
/// group of horizontal bars per counted figure — this period, the one before and the same period a year earlier — with
/// each bar's value at its end and the legend on top. Only counts are drawn: a share or a number of days on the same
/// axis as hundreds of petitions would read as nothing, and the table already gives them. Drawn by SkiaSharp with the
/// same Vietnamese-covering font as the campaign charts (<see cref="BurnUpPng.LoadTypeface"/>).
/// </summary>
public static class ReportChart
{
    public const int Width = 1200;

    private const float Left = 24;
    private const float LabelWidth = 430;
    private const float Right = 110;
    private const float LegendHeight = 64;
    private const float BarHeight = 28;
    private const float BarGap = 4;
    private const float GroupGap = 26;
    private const float FontSize = 25;

    /// <summary>The series' names, as the legend and the alternative text say them.</summary>
    public static readonly IReadOnlyList<string> Series = ["Kỳ này", "Kỳ trước", "Cùng kỳ năm trước"];

    private static readonly SKColor[] Colors =
    [
        SKColor.Parse("#1f4e79"),
        SKColor.Parse("#6f9bc8"),
        SKColor.Parse("#bfbfbf"),
    ];

    /// <summary>The bars of a section's figures that a chart draws: the counts, in the table's order.</summary>
    public static IReadOnlyList<ChartBar> Bars(SectionView section) =>
        [
            .. section
                .Figures.Where(f => f.Statistic.Measure == Measure.Count)
                .Select(f => new ChartBar(f.Statistic.Name("vi"), f.Value, f.Previous, f.YearBefore)),
        ];

    /// <summary>The section's chart as a document picture, or null when it has fewer than two counted figures (one
    /// bar group says nothing the table does not) or nothing to draw (every value none or zero).</summary>
    public static DocumentImage? Image(string heading, IReadOnlyList<ChartBar> bars, string? fontPath = null)
    {
        if (bars.Count < 2 || !bars.Any(b => b.Value > 0 || b.Previous > 0 || b.YearBefore > 0))
        {
            return null;
        }

        var (png, height) = Render(bars, fontPath);
        return new DocumentImage(png, Width, height, Describe(heading, bars), $"Biểu đồ: {heading}");
    }

    /// <summary>The alternative text: every value the picture shows, in words a screen reader reads.</summary>
    public static string Describe(string heading, IReadOnlyList<ChartBar> bars) =>
        $"Biểu đồ cột ngang “{heading}”: "
        + string.Join(
            "; ",
            bars.Select(b =>
                $"{b.Name}: {Series[0].ToLowerInvariant()} {Text(b.Value)}, {Series[1].ToLowerInvariant()} {Text(b.Previous)}, {Series[2].ToLowerInvariant()} {Text(b.YearBefore)}"
            )
        )
        + ".";

    /// <summary>The PNG and its height in pixels (it grows with the number of figures).</summary>
    public static (byte[] Png, int Height) Render(IReadOnlyList<ChartBar> bars, string? fontPath = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var groupHeight = (3 * BarHeight) + (2 * BarGap);
        var height = (int)Math.Ceiling(LegendHeight + (bars.Count * (groupHeight + GroupGap)) + 8);
        var max = bars.SelectMany(b => new[] { b.Value, b.Previous, b.YearBefore }).Max(v => v ?? 0);
        var scaleMax = Nice(max);
        var plotLeft = Left + LabelWidth;
        var plotWidth = Width - plotLeft - Right;

        // Loaded once per font file and shared with the campaign charts (not disposed here).
        var typeface = BurnUpPng.LoadTypeface(fontPath);
        using var font = new SKFont(typeface, FontSize) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var ink = new SKPaint { Color = SKColor.Parse("#1a1a1a"), IsAntialias = true };
        using var grid = new SKPaint
        {
            Color = SKColor.Parse("#d9d9d9"),
            StrokeWidth = 1,
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
        };

        var info = new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException("SkiaSharp could not create a surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        // The legend: a swatch and the series' name, left to right.
        var x = plotLeft;
        for (var s = 0; s < Series.Count; s++)
        {
            using var swatch = new SKPaint { Color = Colors[s], IsAntialias = true };
            canvas.DrawRect(x, 20, 22, 22, swatch);
            canvas.DrawText(Series[s], x + 30, 39, SKTextAlign.Left, font, ink);
            x += 30 + font.MeasureText(Series[s]) + 36;
        }

        // Vertical grid lines at quarters of the scale.
        var bottom = height - 8;
        for (var q = 0; q <= 4; q++)
        {
            var gx = plotLeft + (plotWidth * q / 4);
            canvas.DrawLine(gx, LegendHeight - 6, gx, bottom, grid);
        }

        var y = LegendHeight;
        foreach (var bar in bars)
        {
            // The figure's name, on two lines where one is too short, shortened with an ellipsis only beyond that.
            var lines = Wrap(bar.Name, font, LabelWidth - 16);
            var middle = y + (groupHeight / 2) + (FontSize / 3) - ((lines.Count - 1) * FontSize * 0.6f);
            for (var l = 0; l < lines.Count; l++)
            {
                canvas.DrawText(lines[l], plotLeft - 12, middle + (l * FontSize * 1.2f), SKTextAlign.Right, font, ink);
            }

            double?[] values = [bar.Value, bar.Previous, bar.YearBefore];
            for (var s = 0; s < values.Length; s++)
            {
                var top = y + (s * (BarHeight + BarGap));
                var length = values[s] is { } v && scaleMax > 0 ? (float)(plotWidth * v / scaleMax) : 0;
                using var fill = new SKPaint { Color = Colors[s], IsAntialias = true };
                if (length > 0)
                {
                    canvas.DrawRect(plotLeft, top, length, BarHeight, fill);
                }

                canvas.DrawText(
                    Text(values[s]),
                    plotLeft + length + 8,
                    top + BarHeight - 6,
                    SKTextAlign.Left,
                    font,
                    ink
                );
            }

            y += groupHeight + GroupGap;
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return (data.ToArray(), height);
    }

    /// <summary>The words on at most two lines of the width, the second ending with an ellipsis if still too
    /// long.</summary>
    private static List<string> Wrap(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return [text];
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = words[0];
        var taken = 1;
        while (taken < words.Length && font.MeasureText(first + " " + words[taken]) <= width)
        {
            first += " " + words[taken++];
        }

        return taken == words.Length ? [first] : [first, Fit(string.Join(' ', words[taken..]), font, width)];
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && font.MeasureText(text[..cut] + "…") > width)
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    private static string Text(double? value) =>
        value is { } v ? v.ToString("#,##0.##", CultureInfo.GetCultureInfo("vi-VN")) : "—";

    /// <summary>The axis' end: the maximum rounded up to 1, 2, 2.5 or 5 times a power of ten (at least 1).</summary>
    public static double Nice(double max)
    {
        if (max <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= max)
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
