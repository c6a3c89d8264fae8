using DanVan.Web.Features.Units;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A node of a campaign's tree: a participant or one of its ancestors up to the campaign's unit.</summary>
public sealed record CampaignNode(int UnitId, UnitLevel Level, int? ParentUnitId, int? ProvinceId, int? CommuneId, int? VillageId);

/// <summary>A fact as the roll-up sees it: the unit it was recorded for, where it sits now, its period and value.</summary>
public readonly record struct RollupFigure(int IndicatorId, int RecordedUnitId, UnitRef Position, DateOnly Period, decimal Value);

public readonly record struct RollupTarget(int IndicatorId, UnitRef Position, decimal Value);

public sealed record NodeTotal(int IndicatorId, CampaignNode Node, decimal Actual, decimal? ExplicitTarget, decimal ChildTarget, decimal Target, int FigureCount);

public readonly record struct SeriesDelta(int IndicatorId, int UnitId, DateOnly Period, decimal Delta);

/// <summary>
/// The roll-up as pure functions: the tree of a campaign, and every summary row computed from the raw figures and
/// targets. <see cref="CampaignRollup"/> keeps the stored rows up to date by increments; this is the definition
/// they must equal (the recompute check) and what a recompute writes.
/// </summary>
public static class CampaignTree
{
    /// <summary>The ancestor id of a position at a level (the central root is the campaign's own unit when central).</summary>
    public static int? At(UnitRef position, UnitLevel level, int? centralId) => level switch
    {
        UnitLevel.Central => centralId,
        UnitLevel.Province => position.ProvinceId,
        UnitLevel.Commune => position.CommuneId,
        _ => position.VillageId,
    };

    /// <summary>
    /// The nodes a position rolls up into, from its node (its ancestor at the reporting level, or itself when it
    /// lies above) up to the campaign's level; empty if the position lies outside the campaign's unit.
    /// </summary>
    public static IReadOnlyList<int> PathOf(UnitRef position, UnitLevel ownerLevel, int ownerNodeId, UnitLevel reportingLevel)
    {
        var central = ownerLevel == UnitLevel.Central ? ownerNodeId : (int?)null;
        if (At(position, ownerLevel, central) != ownerNodeId)
        {
            return [];
        }

        var path = new List<int>(4);
        var deepest = LevelOf(position);
        for (var level = deepest < reportingLevel ? deepest : reportingLevel; level >= ownerLevel; level--)
        {
            if (At(position, level, central) is not { } id)
            {
                return [];
            }

            path.Add(id);
        }

        return path;
    }

    /// <summary>The deepest level a position has an ancestor at: its own level.</summary>
    public static UnitLevel LevelOf(UnitRef position) =>
        position.VillageId is not null ? UnitLevel.Village
        : position.CommuneId is not null ? UnitLevel.Commune
        : position.ProvinceId is not null ? UnitLevel.Province
        : UnitLevel.Central;

    /// <summary>The campaign's own node: its unit's current ancestor at its level (a merged unit's successor).</summary>
    public static int OwnerNodeId(UnitRef owner, UnitLevel ownerLevel) =>
        ownerLevel == UnitLevel.Central ? owner.Id : At(owner, ownerLevel, null) ?? owner.Id;

    /// <summary>Builds the tree from the participants' positions (their node is their ancestor at the reporting level).</summary>
    public static IReadOnlyList<CampaignNode> Build(IEnumerable<UnitRef> participants, UnitRef owner, UnitLevel ownerLevel, UnitLevel reportingLevel)
    {
        var ownerNodeId = OwnerNodeId(owner, ownerLevel);
        var nodes = new Dictionary<int, CampaignNode>
        {
            [ownerNodeId] = new(ownerNodeId, ownerLevel, null, owner.ProvinceId, owner.CommuneId, owner.VillageId),
        };
        foreach (var position in participants)
        {
            var path = PathOf(position, ownerLevel, ownerNodeId, reportingLevel);
            for (var i = 0; i < path.Count - 1; i++)
            {
                var level = reportingLevel - i;
                if (!nodes.ContainsKey(path[i]))
                {
                    nodes[path[i]] = new CampaignNode(path[i], level, path[i + 1],
                        position.ProvinceId, level >= UnitLevel.Commune ? position.CommuneId : null, level >= UnitLevel.Village ? position.VillageId : null);
                }
            }
        }

        return [.. nodes.Values];
    }

    /// <summary>
    /// Effective targets bottom-up: a node's target is its explicit target if it has one, else the sum of its
    /// children's targets. Explicit targets of positions that share a node (a merged unit and its successor) add up.
    /// </summary>
    public static Dictionary<int, (decimal? Explicit, decimal Children, decimal Target)> Targets(
        IReadOnlyList<CampaignNode> nodes, IReadOnlyDictionary<int, decimal> explicitByNode)
    {
        var result = new Dictionary<int, (decimal? Explicit, decimal Children, decimal Target)>(nodes.Count);
        var children = nodes.Where(n => n.ParentUnitId is not null).ToLookup(n => n.ParentUnitId!.Value);
        foreach (var node in nodes.OrderByDescending(n => n.Level))
        {
            var sum = children[node.UnitId].Sum(c => result[c.UnitId].Target);
            decimal? own = explicitByNode.TryGetValue(node.UnitId, out var v) ? v : null;
            result[node.UnitId] = (own, sum, own ?? sum);
        }

        return result;
    }

    /// <summary>Every summary row of one indicator, from the raw rows: the definition the stored rows must equal.</summary>
    public static (List<NodeTotal> Totals, List<SeriesDelta> Series) Compute(
        int indicatorId,
        Aggregation aggregation,
        IReadOnlyList<CampaignNode> nodes,
        UnitLevel ownerLevel,
        int ownerNodeId,
        UnitLevel reportingLevel,
        IEnumerable<RollupFigure> figures,
        IEnumerable<RollupTarget> targets)
    {
        var actual = nodes.ToDictionary(n => n.UnitId, _ => 0m);
        var count = nodes.ToDictionary(n => n.UnitId, _ => 0);
        var series = new Dictionary<(int Unit, DateOnly Period), decimal>();
        foreach (var unitFigures in figures.Where(f => f.IndicatorId == indicatorId).GroupBy(f => f.RecordedUnitId))
        {
            var previous = 0m;
            foreach (var figure in unitFigures.OrderBy(f => f.Period))
            {
                var path = PathOf(figure.Position, ownerLevel, ownerNodeId, reportingLevel);
                var delta = aggregation == Aggregation.Latest ? figure.Value - previous : figure.Value;
                previous = figure.Value;
                foreach (var node in path.Where(actual.ContainsKey))
                {
                    actual[node] += delta;
                    count[node]++;
                    series[(node, figure.Period)] = series.GetValueOrDefault((node, figure.Period)) + delta;
                }
            }
        }

        var explicitTargets = new Dictionary<int, decimal>();
        foreach (var target in targets.Where(t => t.IndicatorId == indicatorId))
        {
            if (PathOf(target.Position, ownerLevel, ownerNodeId, reportingLevel) is [var id, ..] && actual.ContainsKey(id))
            {
                explicitTargets[id] = explicitTargets.GetValueOrDefault(id) + target.Value;
            }
        }

        var effective = Targets(nodes, explicitTargets);
        var totals = nodes.Select(n => new NodeTotal(indicatorId, n, actual[n.UnitId], effective[n.UnitId].Explicit, effective[n.UnitId].Children,
            effective[n.UnitId].Target, count[n.UnitId])).ToList();
        return (totals, [.. series.Where(s => s.Value != 0).Select(s => new SeriesDelta(indicatorId, s.Key.Unit, s.Key.Period, s.Value))]);
    }
}

/// <summary>Periods of a reporting frequency, clamped to the campaign's dates.</summary>
public static class CampaignPeriods
{
    /// <summary>The first day of the period a date falls in (never before the campaign's start).</summary>
    public static DateOnly PeriodOf(DateOnly date, ReportingFrequency frequency, DateOnly campaignStart)
    {
        var start = frequency switch
        {
            ReportingFrequency.Daily => date,
            ReportingFrequency.Weekly => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
            ReportingFrequency.Monthly => new DateOnly(date.Year, date.Month, 1),
            _ => campaignStart,
        };
        return start < campaignStart ? campaignStart : start;
    }

    /// <summary>Every period of the campaign for a frequency, in order.</summary>
    public static IEnumerable<DateOnly> All(ReportingFrequency frequency, DateOnly start, DateOnly end)
    {
        var last = DateOnly.MinValue;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var period = PeriodOf(day, frequency, start);
            if (period != last)
            {
                yield return period;
                last = period;
            }

            if (frequency == ReportingFrequency.Once)
            {
                yield break;
            }
        }
    }

    /// <summary>The last day of the period that starts on <paramref name="period"/>.</summary>
    public static DateOnly EndOf(DateOnly period, ReportingFrequency frequency, DateOnly campaignEnd)
    {
        var end = frequency switch
        {
            ReportingFrequency.Daily => period,
            ReportingFrequency.Weekly => period.AddDays(6 - (((int)period.DayOfWeek + 6) % 7)),
            ReportingFrequency.Monthly => new DateOnly(period.Year, period.Month, 1).AddMonths(1).AddDays(-1),
            _ => campaignEnd,
        };
        return end > campaignEnd ? campaignEnd : end;
    }
}

/// <summary>Where an indicator stands against its target and time, for a node.</summary>
public sealed record ProgressAssessment(decimal? Percent, decimal Expected, bool Behind, DateOnly? ProjectedCompletion, bool Reached);

/// <summary>
/// Progress, schedule and the projected completion date: pure functions over a cumulative series.
/// The plan is linear from the baseline on the first day to the target on the last; the projection extends the
/// rate of the last <c>window</c> days up to the day of assessment.
/// </summary>
public static class CampaignForecast
{
    public const int WindowDays = 7;

    /// <summary>The cumulative value at the end of a day (the last point on or before it; 0 before the first).</summary>
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
    public static List<(DateOnly Date, decimal Cumulative)> Cumulative(IEnumerable<(DateOnly Period, decimal Delta)> deltas)
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
    public static decimal Baseline(IReadOnlyList<(DateOnly Date, decimal Cumulative)> series, Aggregation aggregation, IndicatorDirection direction) =>
        aggregation == Aggregation.Latest && direction == IndicatorDirection.LowerIsBetter && series.Count > 0 ? series[0].Cumulative : 0m;

    public static ProgressAssessment Assess(
        IReadOnlyList<(DateOnly Date, decimal Cumulative)> series,
        decimal target,
        DateOnly start,
        DateOnly end,
        DateOnly today,
        Aggregation aggregation,
        IndicatorDirection direction,
        int window = WindowDays)
    {
        var asOf = today > end ? end : today;
        var actual = At(series, asOf);
        var baseline = Baseline(series, aggregation, direction);
        var lower = direction == IndicatorDirection.LowerIsBetter;
        var totalDays = end.DayNumber - start.DayNumber + 1;
        var elapsed = Math.Clamp(asOf.DayNumber - start.DayNumber + 1, 0, Math.Max(totalDays, 0));

        // Multiplied before divided: exactly on plan stays exact (7 × 3/7 is 3, not 3.0000…02, which would be "behind").
        var expected = totalDays <= 0 ? target : baseline + ((target - baseline) * elapsed / totalDays);

        decimal? percent = null;
        if (lower && aggregation == Aggregation.Latest)
        {
            percent = baseline != target ? Math.Round((baseline - actual) / (baseline - target) * 100m, 1) : (actual <= target ? 100m : 0m);
        }
        else if (target != 0)
        {
            percent = Math.Round(actual / target * 100m, 1);
        }

        var reached = lower ? (aggregation == Aggregation.Latest && series.Count > 0 && actual <= target) : target > 0 && actual >= target;
        var behind = today >= start && !reached && (lower ? actual > expected : actual < expected) && (target != 0 || lower);
        if (lower && aggregation == Aggregation.Sum)
        {
            // A ceiling: behind when spending faster than the plan allows; never "reached" before the end.
            behind = today >= start && actual > expected;
            reached = false;
        }

        return new ProgressAssessment(percent, expected, behind, Project(series, target, start, asOf, aggregation, direction, window, reached), reached);
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
        bool reached = false)
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
