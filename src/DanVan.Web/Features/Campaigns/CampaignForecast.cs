namespace DanVan.Web.Features.Campaigns;

/// <summary>Where an indicator stands against its target and time, for a node.</summary>
public sealed record ProgressAssessment(
    decimal? Percent,
    decimal Expected,
    bool Behind,
    DateOnly? ProjectedCompletion,
    bool Reached
);

/// <summary>
/// Progress, schedule and the projected completion date: pure functions over a cumulative series.
/// The plan is linear from the baseline on the first day to the target on the last; the projection extends the
/// rate of the last <c>window</c> days up to the day of assessment.
/// </summary>
public static class CampaignForecast
{
    public const int WindowDays = 7;

    /// <summary>The cumulative value at the end of a day (the last point on or before it; 0 before the
    /// first).</summary>
    public static decimal At(IReadOnlyList<(DateOnly Date, decimal Cumulative)> series, DateOnly day)
    {
        var value = 0m;
        foreach (var (date, cumulative) in series)
        {
            if (date > day)
            {
                break;
            }

            value = cumulative;
        }

        return value;
    }

    /// <summary>Running sums of per-period deltas.</summary>
    public static List<(DateOnly Date, decimal Cumulative)> Cumulative(
        IEnumerable<(DateOnly Period, decimal Delta)> deltas
    )
    {
        var running = 0m;
        var result = new List<(DateOnly, decimal)>();
        foreach (var (period, delta) in deltas.OrderBy(d => d.Period))
        {
            running += delta;
            result.Add((period, running));
        }

        return result;
    }

    /// <summary>
    /// A stock that must come down starts from its first reported level; everything else starts from zero.
    /// </summary>
    public static decimal Baseline(
        IReadOnlyList<(DateOnly Date, decimal Cumulative)> series,
        Aggregation aggregation,
        IndicatorDirection direction
    ) =>
        aggregation == Aggregation.Latest && direction == IndicatorDirection.LowerIsBetter && series.Count > 0
            ? series[0].Cumulative
            : 0m;

    public static ProgressAssessment Assess(
        IReadOnlyList<(DateOnly Date, decimal Cumulative)> series,
        decimal target,
        DateOnly start,
        DateOnly end,
        DateOnly today,
        Aggregation aggregation,
        IndicatorDirection direction,
        int window = WindowDays
    )
    {
        var asOf = today > end ? end : today;
        var actual = At(series, asOf);
        var baseline = Baseline(series, aggregation, direction);
        var lower = direction == IndicatorDirection.LowerIsBetter;
        var totalDays = end.DayNumber - start.DayNumber + 1;
        var elapsed = Math.Clamp(asOf.DayNumber - start.DayNumber + 1, 0, Math.Max(totalDays, 0));

        // Multiplied before divided: exactly on plan stays exact (7 × 3/7 is 3, not 3.0000…02, which would be
        // "behind").
        var expected = totalDays <= 0 ? target : baseline + ((target - baseline) * elapsed / totalDays);

        decimal? percent = null;
        if (lower && aggregation == Aggregation.Latest)
        {
            percent =
                baseline != target
                    ? Math.Round((baseline - actual) / (baseline - target) * 100m, 1)
                    : (actual <= target ? 100m : 0m);
        }
        else if (target != 0)
        {
            percent = Math.Round(actual / target * 100m, 1);
        }

        var reached = lower
            ? (aggregation == Aggregation.Latest && series.Count > 0 && actual <= target)
            : target > 0 && actual >= target;
        var behind =
            today >= start && !reached && (lower ? actual > expected : actual < expected) && (target != 0 || lower);
        if (lower && aggregation == Aggregation.Sum)
        {
            // A ceiling: behind when spending faster than the plan allows; never "reached" before the end.
            behind = today >= start && actual > expected;
            reached = false;
        }

        return new ProgressAssessment(
            percent,
            expected,
            behind,
            Project(series, target, start, asOf, aggregation, direction, window, reached),
            reached
        );
    }

    /// <summary>
    /// The day the target is reached at the recent rate: the day it was reached if it already was; null when the
    /// recent rate does not move towards it (or a ceiling, which is not "completed"). The rate is that of the
    /// <paramref name="window"/> days up to <paramref name="asOf"/>, days without figures included: a flow that stopped
    /// is not projected from its old pace (which would give a date already past).
    /// </summary>
    public static DateOnly? Project(
        IReadOnlyList<(DateOnly Date, decimal Cumulative)> series,
        decimal target,
        DateOnly start,
        DateOnly asOf,
        Aggregation aggregation,
        IndicatorDirection direction,
        int window = WindowDays,
        bool reached = false
    )
    {
        var lower = direction == IndicatorDirection.LowerIsBetter;
        if (series.Count == 0 || (lower && aggregation == Aggregation.Sum) || (!lower && target <= 0))
        {
            return null;
        }

        var points = series.Where(p => p.Date <= asOf).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        if (reached)
        {
            var first = points.FirstOrDefault(p => lower ? p.Cumulative <= target : p.Cumulative >= target);
            return first == default ? points[^1].Date : first.Date;
        }

        var current = points[^1].Cumulative;
        var from = asOf.AddDays(-window);
        var dayBeforeStart = start.AddDays(-1);
        if (from < dayBeforeStart)
        {
            from = dayBeforeStart;
        }

        var days = asOf.DayNumber - from.DayNumber;
        if (days <= 0)
        {
            return null;
        }

        var before = from < start ? (lower ? Baseline(series, aggregation, direction) : 0m) : At(points, from);
        var progress = current - before;
        var remaining = target - current;
        if (lower)
        {
            progress = -progress;
            remaining = -remaining;
        }

        if (remaining <= 0)
        {
            return asOf;
        }

        if (progress <= 0)
        {
            return null;
        }

        // remaining ÷ (progress ÷ days), multiplied first so that a whole number of days stays whole.
        var more = Math.Ceiling(remaining * days / progress);
        return more > 36_500 ? null : asOf.AddDays((int)more);
    }
}
