using System.Globalization;
using System.Text.RegularExpressions;

namespace DanVan.Web.Features.Campaigns.Charts;

// The date axis: which dates get a tick and how they are written.
public sealed partial class BurnUpLayout
{
    /// <summary>
    /// Three to seven dates: every 1, 2, 3, 5, 7 or 14 days from the first, or the first of every 1, 2, 3 or 6 months,
    /// or every n-th 1st of January, the finest whose labels fit side by side. A narrow plot where none fits takes
    /// 10, 21 or 28 days, else the coarsest step that still gives three.
    /// </summary>
    internal static IReadOnlyList<(DateOnly Date, string Label)> DateTicks(
        DateOnly min,
        DateOnly max,
        CultureInfo culture,
        double plotWidth
    )
    {
        var longSpan = max.DayNumber - min.DayNumber > 366;
        var dayMonth = DatePattern(culture, keepDay: true, keepYear: false);
        var monthYear = DatePattern(culture, keepDay: false, keepYear: true);
        var labelWidth = EstimateWidth(
            FormatDate(new DateOnly(2026, 12, 28), longSpan ? monthYear : dayMonth, culture),
            FontSize
        );
        var fitting = Math.Clamp((int)Math.Floor(plotWidth / (labelWidth + 10)) + 1, 3, 7);

        var candidates = TickCandidates(min, max, dayMonth, longSpan ? monthYear : dayMonth).ToList();
        var chosen = candidates.FirstOrDefault(c => c.Preferred && c.Dates.Count >= 3 && c.Dates.Count <= fitting);
        if (chosen.Dates is null)
        {
            chosen = candidates.FirstOrDefault(c => c.Dates.Count >= 3 && c.Dates.Count <= fitting);
        }
        if (chosen.Dates is null)
        {
            chosen = candidates.Where(c => c.Dates.Count is >= 3 and <= 7).OrderBy(c => c.Dates.Count).FirstOrDefault();
        }
        if (chosen.Dates is null)
        {
            chosen = ([min, max], dayMonth, true);
        }
        var pattern = chosen.Pattern;
        return [.. chosen.Dates.Select(d => (d, FormatDate(d, pattern, culture)))];
    }

    private static IEnumerable<(List<DateOnly> Dates, string Pattern, bool Preferred)> TickCandidates(
        DateOnly min,
        DateOnly max,
        string dayPattern,
        string monthPattern
    )
    {
        foreach (var step in (int[])[1, 2, 3, 5, 7, 14, 10, 21, 28])
        {
            var dates = new List<DateOnly>();
            for (var d = min; d <= max && dates.Count <= 7; d = d.AddDays(step))
            {
                dates.Add(d);
            }
            yield return (dates, dayPattern, step is not (10 or 21 or 28));
        }
        foreach (var months in (int[])[1, 2, 3, 6, 12, 24, 60, 120, 240, 600])
        {
            var dates = new List<DateOnly>();
            var first = new DateOnly(min.Year, min.Month, 1);
            for (var d = first < min ? first.AddMonths(1) : first; d <= max && dates.Count <= 7; d = d.AddMonths(1))
            {
                if ((d.Year * 12 + d.Month - 1) % months == 0)
                {
                    dates.Add(d);
                }
            }
            yield return (dates, months >= 12 ? "yyyy" : monthPattern, true);
        }
    }

    /// <summary>
    /// The culture's short date pattern with the year or the day taken out with its separator: dd/MM or MM/yyyy in
    /// vi-VN, M/d in en-US, so dates read the way the rest of the page writes them.
    /// </summary>
    internal static string DatePattern(CultureInfo culture, bool keepDay, bool keepYear)
    {
        var pattern = culture.DateTimeFormat.ShortDatePattern;
        if (!keepYear)
        {
            pattern = YearPart().Replace(pattern, "", 1);
        }
        if (!keepDay)
        {
            pattern = DayPart().Replace(pattern, "", 1);
        }
        return pattern.Trim();
    }

    [GeneratedRegex("[^dMy]*y+[^dMy]*")]
    private static partial Regex YearPart();

    [GeneratedRegex("[^dMy]*d+[^dMy]*")]
    private static partial Regex DayPart();

    private static string FormatDate(DateOnly d, string pattern, CultureInfo culture) => d.ToString(pattern, culture);
}
