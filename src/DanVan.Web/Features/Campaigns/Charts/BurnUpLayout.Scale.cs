using System.Globalization;

namespace DanVan.Web.Features.Campaigns.Charts;

// The value axis: its scale and how its numbers are written.
public sealed partial class BurnUpLayout
{
    /// <summary>
    /// The axis maximum and step: the smallest step of 1, 2, 2.5 or 5 × 10^n that covers <paramref name="value"/> in at
    /// most five intervals, and the maximum the first multiple of it at or above the value. Tighter than rounding the
    /// maximum itself (1,200 gets 1,250 rather than 2,000) and always three to five intervals, so four to six ticks.
    /// </summary>
    public static (decimal Max, decimal Step) NiceScale(decimal value)
    {
        if (value < MinValue)
        {
            return (5, 1);
        }
        value = Math.Min(value, MaxValue);
        var rough = value / 5;
        var magnitude = 1m;
        while (magnitude > rough)
        {
            magnitude /= 10;
        }
        while (magnitude * 10 <= rough)
        {
            magnitude *= 10;
        }
        foreach (var m in (ReadOnlySpan<decimal>)[1m, 2m, 2.5m, 5m, 10m])
        {
            var step = m * magnitude;
            if (step >= rough)
            {
                return (decimal.Ceiling(value / step) * step, step);
            }
        }
        throw new InvalidOperationException("unreachable: 10 × magnitude exceeds value / 5");
    }

    /// <summary>The value with as many decimals as it has (up to four) and the culture's separators: 1.269,5 in
    /// vi-VN.</summary>
    public static string FormatNumber(decimal value, CultureInfo culture) =>
        value.ToString("N" + DecimalsOf(value).ToString(CultureInfo.InvariantCulture), culture);

    private static int DecimalsOf(decimal value)
    {
        for (var d = 0; d < 4; d++)
        {
            if (decimal.Round(value, d) == value)
            {
                return d;
            }
        }
        return 4;
    }
}
