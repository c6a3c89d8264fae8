using System.Globalization;

namespace DanVan.Web.Features.Statistics;

/// <summary>The reporting periods of DOMAIN.md §5: a month, a quarter, the first 6 or 9 months, a year, or a custom
/// range of whole months.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    SixMonths,
    NineMonths,
    Year,
    Custom,
}

/// <summary>
/// A period of whole months, from the first day of <see cref="From"/>'s month to the last day of <see cref="To"/>'s.
/// Figures are kept by month (ADR-0025), so every period is a range of months; the comparisons are the same number of
/// months just before, and the same months a year earlier.
/// </summary>
public readonly record struct StatisticPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public const int MaxMonths = 120;

    public int Months => ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;

    public static StatisticPeriod Of(PeriodKind kind, int year, int number = 1) =>
        kind switch
        {
            PeriodKind.Month => Range(kind, new DateOnly(year, Math.Clamp(number, 1, 12), 1), 1),
            PeriodKind.Quarter => Range(kind, new DateOnly(year, ((Math.Clamp(number, 1, 4) - 1) * 3) + 1, 1), 3),
            PeriodKind.SixMonths => Range(kind, new DateOnly(year, 1, 1), 6),
            PeriodKind.NineMonths => Range(kind, new DateOnly(year, 1, 1), 9),
            _ => Range(PeriodKind.Year, new DateOnly(year, 1, 1), 12),
        };

    /// <summary>The months from <paramref name="first"/>'s to <paramref name="last"/>'s (swapped when reversed, at
    /// most <see cref="MaxMonths"/>).</summary>
    public static StatisticPeriod Custom(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            (first, last) = (last, first);
        }

        var start = StatisticSources.Month(first);
        var months = Math.Min(((last.Year - start.Year) * 12) + last.Month - start.Month + 1, MaxMonths);
        return Range(PeriodKind.Custom, start, months);
    }

    /// <summary>The period of this kind that holds <paramref name="day"/>.</summary>
    public static StatisticPeriod Containing(PeriodKind kind, DateOnly day) =>
        kind switch
        {
            PeriodKind.Month => Of(kind, day.Year, day.Month),
            PeriodKind.Quarter => Of(kind, day.Year, ((day.Month - 1) / 3) + 1),
            PeriodKind.Custom => Of(PeriodKind.Month, day.Year, day.Month),
            _ => Of(kind, day.Year),
        };

    private static StatisticPeriod Range(PeriodKind kind, DateOnly first, int months) =>
        new(kind, first, first.AddMonths(months).AddDays(-1));

    public StatisticPeriod Previous => Range(Kind, From.AddMonths(-Months), Months);

    public StatisticPeriod YearBefore => Range(Kind, From.AddMonths(-12), Months);

    /// <summary>The day a stock is read at: the period's last day, or today while it runs.</summary>
    public DateOnly StockDay(DateOnly today) => To < today ? To : today;

    public bool HasStarted(DateOnly today) => From <= today;

    /// <summary>"05/2026", "Quý II/2026", "6 tháng 2026", "2026", "03/2026 – 08/2026" in the UI's language.</summary>
    public string Label(Func<string, string> text) =>
        Kind switch
        {
            PeriodKind.Month => From.ToString("MM/yyyy", CultureInfo.InvariantCulture),
            PeriodKind.Quarter => string.Format(
                CultureInfo.CurrentCulture,
                text("Statistics_QuarterLabel"),
                Roman((From.Month + 2) / 3),
                From.Year
            ),
            PeriodKind.SixMonths => string.Format(
                CultureInfo.CurrentCulture,
                text("Statistics_SixMonthsLabel"),
                From.Year
            ),
            PeriodKind.NineMonths => string.Format(
                CultureInfo.CurrentCulture,
                text("Statistics_NineMonthsLabel"),
                From.Year
            ),
            PeriodKind.Year => From.Year.ToString(CultureInfo.InvariantCulture),
            _ => From.ToString("MM/yyyy", CultureInfo.InvariantCulture)
                + " – "
                + To.ToString("MM/yyyy", CultureInfo.InvariantCulture),
        };

    private static string Roman(int quarter) =>
        quarter switch
        {
            1 => "I",
            2 => "II",
            3 => "III",
            _ => "IV",
        };

    /// <summary>Reads the query string's period: <c>period=month|quarter|6m|9m|year|custom</c> with <c>year</c>,
    /// <c>n</c> (month or quarter) or <c>from</c>/<c>to</c> (yyyy-MM); the current month when absent or
    /// malformed.</summary>
    public static StatisticPeriod Parse(string? kind, int? year, int? number, string? from, string? to, DateOnly today)
    {
        var y = year is >= 1900 and <= 2200 ? year.Value : today.Year;
        switch (kind)
        {
            case "quarter":
                return Of(PeriodKind.Quarter, y, number ?? (((today.Month - 1) / 3) + 1));
            case "6m":
                return Of(PeriodKind.SixMonths, y);
            case "9m":
                return Of(PeriodKind.NineMonths, y);
            case "year":
                return Of(PeriodKind.Year, y);
            case "custom" when MonthOf(from) is { } f && MonthOf(to) is { } t:
                return Custom(f, t);
            default:
                return Of(PeriodKind.Month, y, number ?? (year is null ? today.Month : 1));
        }
    }

    public static DateOnly? MonthOf(string? text) =>
        DateOnly.TryParseExact(
            text + "-01",
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var day
        ) && day.Year is >= 1900 and <= 2200
            ? day
            : null;

    /// <summary>The query string that selects this period.</summary>
    public string Query =>
        Kind switch
        {
            PeriodKind.Month => $"period=month&year={From.Year}&n={From.Month}",
            PeriodKind.Quarter => $"period=quarter&year={From.Year}&n={((From.Month - 1) / 3) + 1}",
            PeriodKind.SixMonths => $"period=6m&year={From.Year}",
            PeriodKind.NineMonths => $"period=9m&year={From.Year}",
            PeriodKind.Year => $"period=year&year={From.Year}",
            _ => $"period=custom&from={From:yyyy-MM}&to={To:yyyy-MM}",
        };
}
