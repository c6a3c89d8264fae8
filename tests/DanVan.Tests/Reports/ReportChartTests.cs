using DanVan.Web.Features.Reports;
using SkiaSharp;

namespace DanVan.Tests.Reports;

/// <summary>The section chart of a report's documents: its axis, when it is drawn, what its alternative text says,
/// and that the picture holds the bars (the longest bar's colour reaches where its value says).</summary>
public sealed class ReportChartTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(21, 25)]
    [InlineData(260, 500)]
    [InlineData(1000, 1000)]
    [InlineData(1001, 2000)]
    public void The_axis_ends_at_a_round_number_at_or_above_the_largest_value(double max, double end) =>
        Assert.Equal(end, ReportChart.Nice(max));

    [Fact]
    public void A_single_counted_figure_has_no_chart() =>
        Assert.Null(ReportChart.Image("Kiến nghị", [new ChartBar("Kiến nghị tiếp nhận", 3, 2, 1)]));

    [Fact]
    public void The_picture_draws_each_value_to_scale_and_its_text_says_every_value()
    {
        ChartBar[] bars = [new("Mô hình đăng ký", 100, 50, null), new("Mô hình được công nhận", 25, 0, 10)];
        var image = ReportChart.Image("Phong trào “Dân vận khéo”", bars)!;
        Assert.Equal(ReportChart.Width, image.Width);
        Assert.Equal(
            "Biểu đồ cột ngang “Phong trào “Dân vận khéo””: Mô hình đăng ký: kỳ này 100, kỳ trước 50, cùng kỳ năm trước —; "
                + "Mô hình được công nhận: kỳ này 25, kỳ trước 0, cùng kỳ năm trước 10.",
            image.Description
        );

        using var bitmap = SKBitmap.Decode(image.Png);
        Assert.Equal(image.Height, bitmap.Height);
        // The first bar (100, the axis' end) is dark blue along its row to near the right edge; the second (50) stops
        // half way.
        var first = Row(bitmap, ReportChartRows.FirstBar);
        var second = Row(bitmap, ReportChartRows.SecondBar);
        Assert.InRange(first - second, 250, 400);
    }

    /// <summary>The right-most column of the bar colour on a pixel row.</summary>
    private static int Row(SKBitmap bitmap, int y)
    {
        var last = -1;
        for (var x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            if (Math.Abs(c.Red - 0x1f) < 12 && Math.Abs(c.Green - 0x4e) < 12 && Math.Abs(c.Blue - 0x79) < 12)
            {
                last = x;
            }
            else if (Math.Abs(c.Red - 0x6f) < 12 && Math.Abs(c.Green - 0x9b) < 12 && Math.Abs(c.Blue - 0xc8) < 12)
            {
                last = x;
            }
        }

        return last;
    }

    /// <summary>Pixel rows through the first group's first two bars (legend 64, bars 28 high with 4 between).</summary>
    private static class ReportChartRows
    {
        public const int FirstBar = 64 + 14;
        public const int SecondBar = 64 + 28 + 4 + 14;
    }
}
