using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Statistics;

/// <summary>A figure's value for a period and its two comparisons; null where there is no value ("—").</summary>
public sealed record FigureValue(Statistic Statistic, double? Value, double? Previous, double? YearBefore)
{
    /// <summary>The period's value by breakdown (a model field, a recognition level, a dialogue type, a petition
    /// category), for a stored figure that has one.</summary>
    public IReadOnlyDictionary<int, double> Parts { get; init; } = new Dictionary<int, double>();

    public double? ChangeFromPrevious => Value is { } v && Previous is { } p ? v - p : null;
    public double? ChangeFromYearBefore => Value is { } v && YearBefore is { } y ? v - y : null;
}

/// <summary>A child unit to compare.</summary>
public sealed record ChildUnit(int Id, string Name, UnitLevel Level, bool IsActive);

/// <summary>One child unit's key figures for the period.</summary>
public sealed record ChildFigures(
    int UnitId,
    string Name,
    UnitLevel Level,
    bool IsActive,
    IReadOnlyDictionary<string, double?> Values
);

/// <summary>A figure's value at the end of each month (stocks) or in each month (flows).</summary>
public sealed record FigureTrend(Statistic Statistic, IReadOnlyList<(DateOnly Month, double? Value)> Points);

/// <summary>
/// The one query of the catalogue's figures (<see cref="StatisticCatalogue"/>): any unit's subtree, any period of whole
/// months, from the summary rows alone. <see cref="ValuesAsync"/> is one statement whatever the subtree's size (the
/// country's rows are as few as a village's), <see cref="ChildrenAsync"/> one over the children's rows plus their names,
/// <see cref="TrendAsync"/> one. Dashboards, the home page, the portal, exports and the API all read figures here.
/// </summary>
public sealed class ReadStatistics(DanVanDbContext db)
{
    /// <summary>The summary rows' address of a unit's subtree (the country's rows are unit 0).</summary>
    public static int RowUnit(UnitRef unit) => unit.Level == UnitLevel.Central ? 0 : unit.Id;

    /// <summary>
    /// The figures for a period, the period before and the same period a year earlier — or, when
    /// <paramref name="second"/> and <paramref name="third"/> are given, those two windows instead (the home page reads
    /// the year and this and last month in the same one statement). The breakdown <see cref="FigureValue.Parts"/> are
    /// the first window's.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FigureValue>> ValuesAsync(
        UnitRef unit,
        StatisticPeriod period,
        DateOnly today,
        IEnumerable<Statistic> figures,
        CancellationToken ct,
        StatisticPeriod? second = null,
        StatisticPeriod? third = null
    )
    {
        var wanted = figures.ToList();
        var keys = Inputs(wanted);
        var id = RowUnit(unit);
        var (cur, prev, last) = (period, second ?? period.Previous, third ?? period.YearBefore);
        var (curDay, prevDay, lastDay) = (cur.StockDay(today), prev.StockDay(today), last.StockDay(today));
        var end = new[] { cur.To, prev.To, last.To }.Max();
        var rows = await db
            .StatisticCounts.AsNoTracking()
            .Where(s => s.UnitId == id && keys.Contains(s.Key) && s.On <= end)
            .GroupBy(s => new { s.Key, s.Breakdown })
            .Select(g => new WindowSums(
                g.Key.Key,
                g.Key.Breakdown,
                g.Sum(s => s.On >= cur.From && s.On <= curDay ? s.Value : 0),
                g.Sum(s => s.On >= prev.From && s.On <= prevDay ? s.Value : 0),
                g.Sum(s => s.On >= last.From && s.On <= lastDay ? s.Value : 0),
                g.Sum(s => s.On <= curDay ? s.Value : 0),
                g.Sum(s => s.On <= prevDay ? s.Value : 0),
                g.Sum(s => s.On <= lastDay ? s.Value : 0)
            ))
            .ToListAsync(ct);
        var byKey = rows.ToLookup(r => r.Key);
        Window[] windows = [new(cur.From, curDay), new(prev.From, prevDay), new(last.From, lastDay)];
        return wanted.ToDictionary(
            s => s.Key,
            s => new FigureValue(
                s,
                cur.HasStarted(today) ? Evaluate(s, byKey, 0, windows) : null,
                prev.HasStarted(today) ? Evaluate(s, byKey, 1, windows) : null,
                last.HasStarted(today) ? Evaluate(s, byKey, 2, windows) : null
            )
            {
                Parts =
                    s.IsStored
                    && s.Breakdown is not (Breakdown.None or Breakdown.Days or Breakdown.Month)
                    && cur.HasStarted(today)
                        ? byKey[s.Key]
                            .Select(r =>
                                (r.Breakdown, Value: (double)(s.Rule == PeriodRule.Flow ? r.Flow(0) : r.Stock(0)))
                            )
                            .Where(r => r.Value != 0)
                            .ToDictionary(r => r.Breakdown, r => r.Value)
                        : new Dictionary<int, double>(),
            }
        );
    }

    /// <summary>Stored stock figures of a unit on several days, from one read of its summary rows: each value is the sum
    /// of the changes dated up to that day, as <see cref="ValuesAsync"/> reads a stock.</summary>
    public async Task<IReadOnlyDictionary<string, long[]>> StocksOnAsync(
        UnitRef unit,
        IReadOnlyList<string> keys,
        IReadOnlyList<DateOnly> days,
        CancellationToken ct
    )
    {
        if (keys.Any(k => StatisticCatalogue.Get(k) is not { IsStored: true, Rule: PeriodRule.Stock }))
        {
            throw new ArgumentException("Only stored stock figures are read on days.", nameof(keys));
        }

        var id = RowUnit(unit);
        var last = days.Max();
        var wanted = keys.ToList();
        var rows = await db
            .StatisticCounts.AsNoTracking()
            .Where(s => s.UnitId == id && wanted.Contains(s.Key) && s.On <= last)
            .GroupBy(s => new { s.Key, s.On })
            .Select(g => new
            {
                g.Key.Key,
                g.Key.On,
                Value = g.Sum(s => s.Value),
            })
            .ToListAsync(ct);
        return wanted.ToDictionary(
            k => k,
            k => days.Select(d => rows.Where(r => r.Key == k && r.On <= d).Sum(r => r.Value)).ToArray()
        );
    }

    /// <summary>The key figures of each of <paramref name="children"/> (units whose rows name
    /// <paramref name="parent"/> as their parent), sorted by name; the page sorts further. One statement.</summary>
    public async Task<IReadOnlyList<ChildFigures>> ChildrenAsync(
        UnitRef parent,
        IReadOnlyList<ChildUnit> children,
        StatisticPeriod period,
        DateOnly today,
        IEnumerable<Statistic> figures,
        CancellationToken ct
    )
    {
        var wanted = figures.ToList();
        var keys = Inputs(wanted);
        // Histograms and monthly stocks keep their breakdown apart; other figures sum over it.
        var histograms = wanted
            .Select(s => s.Formula)
            .OfType<Median>()
            .Select(m => m.Histogram)
            .Concat(keys.Where(k => StatisticCatalogue.Get(k).Breakdown == Breakdown.Month))
            .ToList();
        var id = RowUnit(parent);
        var (from, to, day) = (period.From, period.To, period.StockDay(today));
        var rows = await db
            .StatisticCounts.AsNoTracking()
            .Where(s => s.ParentId == id && keys.Contains(s.Key) && s.On <= to)
            .GroupBy(s => new
            {
                s.UnitId,
                s.Key,
                Breakdown = histograms.Contains(s.Key) ? s.Breakdown : 0,
            })
            .Select(g => new
            {
                g.Key.UnitId,
                Sums = new WindowSums(
                    g.Key.Key,
                    g.Key.Breakdown,
                    g.Sum(s => s.On >= from && s.On <= day ? s.Value : 0),
                    0,
                    0,
                    g.Sum(s => s.On <= day ? s.Value : 0),
                    0,
                    0
                ),
            })
            .ToListAsync(ct);
        var byUnit = rows.ToLookup(r => r.UnitId, r => r.Sums);
        var started = period.HasStarted(today);
        Window[] windows = [new(from, day)];
        return
        [
            .. children
                .Select(c =>
                {
                    var sums = byUnit[c.Id].ToLookup(s => s.Key);
                    return new ChildFigures(
                        c.Id,
                        c.Name,
                        c.Level,
                        c.IsActive,
                        wanted.ToDictionary(s => s.Key, s => started ? Evaluate(s, sums, 0, windows) : null)
                    );
                })
                .OrderBy(c => c.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)),
        ];
    }

    /// <summary>The figures month by month over the <paramref name="months"/> months ending with the period's last.</summary>
    public async Task<IReadOnlyList<FigureTrend>> TrendAsync(
        UnitRef unit,
        StatisticPeriod period,
        int months,
        DateOnly today,
        IEnumerable<Statistic> figures,
        CancellationToken ct
    )
    {
        var wanted = figures.Where(s => s.Formula is null or Share).ToList();
        var keys = Inputs(wanted);
        var id = RowUnit(unit);
        var end = period.To;
        var rows = await db
            .StatisticCounts.AsNoTracking()
            .Where(s => s.UnitId == id && keys.Contains(s.Key) && s.On <= end)
            .GroupBy(s => new { s.Key, s.On })
            .Select(g => new
            {
                g.Key.Key,
                g.Key.On,
                Value = g.Sum(s => s.Value),
            })
            .ToListAsync(ct);
        var first = StatisticSources.Month(period.To).AddMonths(1 - months);
        var monthStarts = Enumerable.Range(0, months).Select(i => first.AddMonths(i)).ToList();
        var byKey = rows.ToLookup(r => r.Key);
        return
        [
            .. wanted.Select(s => new FigureTrend(
                s,
                [
                    .. monthStarts.Select(m =>
                    {
                        var window = new StatisticPeriod(PeriodKind.Month, m, m.AddMonths(1).AddDays(-1));
                        if (!window.HasStarted(today))
                        {
                            return (m, (double?)null);
                        }

                        var stockDay = window.StockDay(today);
                        // One entry per bucket up to the month's stock day, its month as the breakdown (what a
                        // monthly stock reads; the others sum over it).
                        IEnumerable<WindowSums> Sums(string key) =>
                            byKey[key]
                                .Where(r => r.On <= stockDay)
                                .Select(r => new WindowSums(
                                    key,
                                    StatisticSources.MonthIndex(r.On),
                                    r.On >= window.From ? r.Value : 0,
                                    0,
                                    0,
                                    r.Value,
                                    0,
                                    0
                                ));
                        var sums = (s.Formula?.Inputs ?? [s.Key]).SelectMany(Sums).ToLookup(x => x.Key);
                        return (m, Evaluate(s, sums, 0, [new(window.From, stockDay)]));
                    }),
                ]
            )),
        ];
    }

    private static List<string> Inputs(IEnumerable<Statistic> figures) =>
        [.. figures.SelectMany(s => s.Formula?.Inputs ?? [s.Key]).Distinct()];

    /// <summary>A figure's value in window 0 (the period), 1 (the one before) or 2 (a year earlier); null when the
    /// subtree has no rows of the figure's section up to the period's end, a share's denominator is 0, or a histogram is
    /// empty.</summary>
    private static double? Evaluate(
        Statistic s,
        ILookup<string, WindowSums> sums,
        int window,
        IReadOnlyList<Window> windows
    )
    {
        switch (s.Formula)
        {
            case Share share:
                var numerator = Stored(StatisticCatalogue.Get(share.Numerator), sums, window, windows) ?? 0;
                var denominator = Stored(StatisticCatalogue.Get(share.Denominator), sums, window, windows);
                return Infrastructure.Localization.Percent.Of(numerator, denominator);
            case Median median:
                return Petitions.PetitionStatistics.Median(
                    sums[median.Histogram].Select(r => (r.Breakdown, (int)r.Flow(window)))
                );
            default:
                return Stored(s, sums, window, windows);
        }
    }

    private static double? Stored(
        Statistic s,
        ILookup<string, WindowSums> sums,
        int window,
        IReadOnlyList<Window> windows
    )
    {
        var rows = sums[s.Key].ToList();
        if (rows.Count == 0)
        {
            // No data ("—") only when the subtree has no records of the figure's section (an obligation is not a
            // record): a commune with petitions but none overdue has 0 overdue.
            var section = s.Key[..(s.Key.IndexOf('.') + 1)];
            return
                s.Rule != PeriodRule.PerMonth
                && sums.Any(g =>
                    g.Key.StartsWith(section, StringComparison.Ordinal)
                    && StatisticCatalogue.Get(g.Key).Rule != PeriodRule.PerMonth
                )
                ? 0
                : null;
        }

        return s.Rule switch
        {
            PeriodRule.Flow => rows.Sum(r => r.Flow(window)),
            PeriodRule.Stock => rows.Sum(r => r.Stock(window)),
            _ => rows.Sum(r => r.Stock(window) * windows[window].MonthsFrom(r.Breakdown)),
        };
    }

    /// <summary>A window's first day and the day its stocks are read (its end, or today while it runs).</summary>
    private readonly record struct Window(DateOnly From, DateOnly StockDay)
    {
        /// <summary>How many of the window's months up to the stock day's fall on or after a yyyyMM month.</summary>
        public int MonthsFrom(int yyyyMM)
        {
            var first = Math.Max((From.Year * 12) + From.Month - 1, (yyyyMM / 100 * 12) + (yyyyMM % 100) - 1);
            var last = (StockDay.Year * 12) + StockDay.Month - 1;
            return Math.Max(0, last - first + 1);
        }
    }

    /// <summary>One key and breakdown's sums: in each window (flows), and up to each window's stock day.</summary>
    private sealed record WindowSums(
        string Key,
        int Breakdown,
        long InPeriod,
        long InPrevious,
        long InYearBefore,
        long UpToPeriod,
        long UpToPrevious,
        long UpToYearBefore
    )
    {
        public long Flow(int window) =>
            window switch
            {
                0 => InPeriod,
                1 => InPrevious,
                _ => InYearBefore,
            };

        public long Stock(int window) =>
            window switch
            {
                0 => UpToPeriod,
                1 => UpToPrevious,
                _ => UpToYearBefore,
            };
    }
}
