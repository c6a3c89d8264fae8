using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>
/// The burn-up chart as a PNG for documents (the Word report), drawn by SkiaSharp from the same
/// <see cref="BurnUpLayout"/> as the page's SVG. The layout is computed at 640 user units wide and scaled, so a
/// 1200 px picture is the page's chart at 1.875×, text included.
/// </summary>
/// <remarks>
/// The Linux native library is the NoDependencies build: no fontconfig, so no font can be found by family name. The
/// typeface is loaded from a file: the path given, else the first of <see cref="KnownFontPaths"/> present (Debian's
/// fonts-dejavu-core in production, ADR-0014). Without any the chart is drawn without text rather than failing: the
/// lines still carry the figures, and the caller's caption the words.
/// </remarks>
public static class BurnUpPng
{
    /// <summary>Fonts that cover Vietnamese, tried in order.</summary>
    public static readonly IReadOnlyList<string> KnownFontPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    private const double LogicalWidth = 640;

    // Typefaces are immutable and thread-safe in Skia; loading one parses the whole file, so once per path.
    private static readonly ConcurrentDictionary<string, SKTypeface?> Typefaces = new(StringComparer.Ordinal);

    /// <param name="fontPath">A TrueType/OpenType file to use before the known paths (configuration); ignored when
    /// missing.</param>
    public static byte[] Render(BurnUpData data, int width = 1200, int height = 600, string? fontPath = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8000);

        // Lay out at the page's width and scale up; a small picture is laid out at the layout's minimum and scaled
        // down.
        var scale = width / Math.Clamp(width, BurnUpLayout.MinWidth, LogicalWidth);
        if (height / scale < BurnUpLayout.MinHeight)
        {
            scale = height / BurnUpLayout.MinHeight;
        }
        var layout = BurnUpLayout.Compute(data, width / scale, height / scale);
        var typeface = LoadTypeface(fontPath);

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale((float)scale);
        Draw(canvas, layout, typeface);
        canvas.Flush();

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The font file the PNG will use: <paramref name="configured"/> if it exists, else the first known path
    /// present, else null.</summary>
    public static string? ResolveFontPath(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured))
        {
            return configured;
        }
        return KnownFontPaths.FirstOrDefault(File.Exists);
    }

    /// <summary>The typeface of <see cref="ResolveFontPath"/>, loaded once per file and shared (Skia's typefaces are
    /// immutable and thread-safe): callers must not dispose it.</summary>
    public static SKTypeface? LoadTypeface(string? configured = null)
    {
        var path = ResolveFontPath(configured);
        return path is null ? null : Typefaces.GetOrAdd(path, static p => SKTypeface.FromFile(p));
    }

    private static void Draw(SKCanvas canvas, BurnUpLayout l, SKTypeface? typeface)
    {
        var plot = l.Plot;
        if (l.LimitZone is { } zone)
        {
            using var fill = Fill(BurnUpStyle.Accent, BurnUpStyle.LimitZoneOpacity);
            canvas.DrawRect(Rect(zone), fill);
        }

        using (var grid = Stroke(BurnUpStyle.Grid, 1))
        {
            foreach (var t in l.YTicks.Skip(1))
            {
                Line(canvas, new(new(plot.Left, t.Position), new(plot.Right, t.Position)), grid);
            }
        }
        using (var axis = Stroke(BurnUpStyle.Axis, 1))
        {
            Line(canvas, new(new(plot.Left, plot.Top), new(plot.Left, plot.Bottom)), axis);
            Line(canvas, new(new(plot.Left, plot.Bottom), new(plot.Right, plot.Bottom)), axis);
            foreach (var t in l.YTicks)
            {
                Line(canvas, new(new(plot.Left - 4, t.Position), new(plot.Left, t.Position)), axis);
            }
            foreach (var t in l.XTicks)
            {
                Line(canvas, new(new(t.Position, plot.Bottom), new(t.Position, plot.Bottom + 4)), axis);
            }
        }

        if (l.PlanLine is { } plan)
        {
            using var paint = Stroke(BurnUpStyle.Plan, BurnUpStyle.PlanWidth, PlanDash);
            Line(canvas, plan, paint);
        }
        if (l.TargetLine is { } target)
        {
            using var paint = Stroke(BurnUpStyle.Target, BurnUpStyle.TargetWidth);
            Line(canvas, target, paint);
        }
        if (l.TodayLine is { } today)
        {
            using var paint = Stroke(BurnUpStyle.Today, BurnUpStyle.TodayWidth, TodayDash);
            Line(canvas, today, paint);
        }
        if (l.ProjectionLine is { } projection)
        {
            using var paint = Stroke(BurnUpStyle.Accent, BurnUpStyle.ProjectionWidth, ProjectionDash, round: true);
            Line(canvas, projection, paint);
        }
        if (l.ActualPoints.Count > 1)
        {
            using var paint = Stroke(BurnUpStyle.Accent, BurnUpStyle.ActualWidth, round: true);
            using var builder = new SKPathBuilder();
            builder.MoveTo(Point(l.ActualPoints[0]));
            foreach (var p in l.ActualPoints.Skip(1))
            {
                builder.LineTo(Point(p));
            }
            using var path = builder.Detach();
            canvas.DrawPath(path, paint);
        }
        if (l.ActualPoints.Count > 0)
        {
            using var fill = Fill(BurnUpStyle.Accent);
            canvas.DrawCircle(Point(l.ActualPoints[^1]), (float)BurnUpStyle.DotRadius, fill);
        }

        foreach (var entry in l.Legend)
        {
            var swatch = new ChartLine(new(entry.X, entry.Y), new(entry.X + BurnUpLayout.SwatchWidth, entry.Y));
            using var paint = entry.Series switch
            {
                BurnUpSeries.Actual => Stroke(BurnUpStyle.Accent, BurnUpStyle.ActualWidth, round: true),
                BurnUpSeries.Target => Stroke(BurnUpStyle.Target, BurnUpStyle.TargetWidth),
                BurnUpSeries.Plan => Stroke(BurnUpStyle.Plan, BurnUpStyle.PlanWidth, PlanDash),
                _ => Stroke(BurnUpStyle.Accent, BurnUpStyle.ProjectionWidth, ProjectionDash, round: true),
            };
            Line(
                canvas,
                entry.Series == BurnUpSeries.Projection
                    ? swatch with
                    {
                        From = swatch.From with { X = swatch.From.X + 1 },
                    }
                    : swatch,
                paint
            );
        }

        if (typeface is null)
        {
            return;
        }
        using var font = new SKFont(typeface, (float)BurnUpLayout.FontSize)
        {
            Edging = SKFontEdging.Antialias,
            Subpixel = true,
        };
        using var bold = new SKFont(typeface, (float)BurnUpLayout.TitleFontSize)
        {
            Edging = SKFontEdging.Antialias,
            Subpixel = true,
            Embolden = true,
        };
        using var muted = Fill(BurnUpStyle.Muted);
        using var ink = Fill(BurnUpStyle.Text);
        using var blue = Fill(BurnUpStyle.Today);
        using var halo = Stroke(BurnUpStyle.Halo, 3, round: true);

        foreach (var t in l.YTicks.Concat(l.XTicks))
        {
            Text(canvas, t.Label, font, muted);
        }
        foreach (var label in new[] { l.TargetValueLabel, l.LastValueLabel, l.ProjectionLabel })
        {
            if (label is not null)
            {
                Text(canvas, label, font, halo);
                Text(canvas, label, font, ink);
            }
        }
        if (l.TodayLabel is { } todayLabel)
        {
            Text(canvas, todayLabel, font, blue);
        }
        if (l.YAxisTitle is { } axisTitle)
        {
            Text(canvas, axisTitle, font, muted);
        }
        foreach (var line in l.TitleLines)
        {
            Text(canvas, line, bold, ink);
        }
        foreach (var entry in l.Legend)
        {
            Text(canvas, entry.Label, font, ink);
        }
    }

    private static void Text(SKCanvas canvas, ChartLabel label, SKFont font, SKPaint paint)
    {
        var align = label.Anchor switch
        {
            ChartAnchor.Middle => SKTextAlign.Center,
            ChartAnchor.End => SKTextAlign.Right,
            _ => SKTextAlign.Left,
        };
        // Without a shaper, a vowel and a separate combining tone mark would be drawn as two glyphs side by side;
        // composed, Vietnamese letters are single glyphs in DejaVu and Liberation.
        canvas.DrawText(
            label.Text.Normalize(NormalizationForm.FormC),
            (float)label.X,
            (float)label.Y,
            align,
            font,
            paint
        );
    }

    private static SKPoint Point(ChartPoint p) => new((float)p.X, (float)p.Y);

    private static SKRect Rect(ChartBox b) => new((float)b.Left, (float)b.Top, (float)b.Right, (float)b.Bottom);

    private static void Line(SKCanvas canvas, ChartLine line, SKPaint paint) =>
        canvas.DrawLine(Point(line.From), Point(line.To), paint);

    private static SKPaint Fill(string color, double opacity = 1) =>
        new()
        {
            Style = SKPaintStyle.Fill,
            Color = SKColor.Parse(color).WithAlpha((byte)Math.Round(opacity * 255)),
            IsAntialias = true,
        };

    // Path effects are immutable; one of each, shared by every picture.
    private static readonly SKPathEffect PlanDash = Dash(BurnUpStyle.PlanDash);
    private static readonly SKPathEffect ProjectionDash = Dash(BurnUpStyle.ProjectionDash);
    private static readonly SKPathEffect TodayDash = Dash(BurnUpStyle.TodayDash);

    private static SKPathEffect Dash(double[] dash) => SKPathEffect.CreateDash([.. dash.Select(d => (float)d)], 0);

    private static SKPaint Stroke(string color, double width, SKPathEffect? dash = null, bool round = false)
    {
        var paint = new SKPaint
        {
            Style = SKPaintStyle.Stroke,
            Color = SKColor.Parse(color),
            StrokeWidth = (float)width,
            IsAntialias = true,
            StrokeCap = round ? SKStrokeCap.Round : SKStrokeCap.Butt,
            StrokeJoin = round ? SKStrokeJoin.Round : SKStrokeJoin.Miter,
        };
        if (dash is not null)
        {
            paint.PathEffect = dash;
        }
        return paint;
    }
}
