using System.Globalization;

namespace DanVan.Web.Features.Statistics;

/// <summary>How a figure reads on a page and in a file: thousands grouped in the UI's culture, a share with one decimal
/// and "%", a median with at most one decimal; "—" where there is no value.</summary>
public static class StatisticText
{
    public const string None = "—";

    public static string Format(Statistic s, double? value) =>
        value is not { } v ? None
        : s.Measure == Measure.Percent ? v.ToString("0.#", CultureInfo.CurrentCulture) + " %"
        : s.Measure == Measure.Days ? v.ToString("0.#", CultureInfo.CurrentCulture)
        : v.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>"+3", "−1,5", "0": the change, signed, in the figure's own format (points for a share).</summary>
    public static string Change(Statistic s, double change)
    {
        var text = Math.Abs(change)
            .ToString(s.Measure is Measure.Percent or Measure.Days ? "0.#" : "N0", CultureInfo.CurrentCulture);
        return change > 0 ? "+" + text
            : change < 0 ? "−" + text
            : text;
    }

    /// <summary>Whether a change is good news, bad news, or neither (no direction, or no change).</summary>
    public static int Judge(Statistic s, double change) =>
        s.HigherIsBetter is not { } higher || change == 0 ? 0
        : (change > 0) == higher ? 1
        : -1;
}
