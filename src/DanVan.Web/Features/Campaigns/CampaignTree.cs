using DanVan.Web.Features.Units;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A fact as the roll-up sees it: the unit it was recorded for, where it sits now, its period and
/// value.</summary>
public readonly record struct RollupFigure(
    int IndicatorId,
    int RecordedUnitId,
    UnitRef Position,
    DateOnly Period,
    decimal Value
);

public readonly record struct RollupTarget(int IndicatorId, UnitRef Position, decimal Value);

public readonly record struct SeriesDelta(int IndicatorId, int UnitId, DateOnly Period, decimal Delta);

/// <summary>A node of a campaign's tree: a participant or one of its ancestors up to the campaign's unit.</summary>
public sealed record CampaignNode(
    int UnitId,
    UnitLevel Level,
    int? ParentUnitId,
    int? ProvinceId,
    int? CommuneId,
    int? VillageId
);

public sealed record NodeTotal(
    int IndicatorId,
    CampaignNode Node,
    decimal Actual,
    decimal? ExplicitTarget,
    decimal ChildTarget,
    decimal Target,
    int FigureCount
);

/// <summary>
/// The roll-up as pure functions: the tree of a campaign, and every summary row computed from the raw figures and
/// targets. <see cref="CampaignRollup"/> keeps the stored rows up to date by increments; this is the definition
/// they must equal (the recompute check) and what a recompute writes.
/// </summary>
public static class CampaignTree
{
    /// <summary>The ancestor id of a position at a level (the central root is the campaign's own unit when
    /// central).</summary>
    public static int? At(UnitRef position, UnitLevel level, int? centralId) =>
        level switch
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
    public static IReadOnlyList<int> PathOf(
        UnitRef position,
        UnitLevel ownerLevel,
        int ownerNodeId,
        UnitLevel reportingLevel
    )
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

    /// <summary>The campaign's own node: its unit's current ancestor at its level (a merged unit's
    /// successor).</summary>
    public static int OwnerNodeId(UnitRef owner, UnitLevel ownerLevel) =>
        ownerLevel == UnitLevel.Central ? owner.Id : At(owner, ownerLevel, null) ?? owner.Id;

    /// <summary>Builds the tree from the participants' positions (their node is their ancestor at the reporting
    /// level).</summary>
    public static IReadOnlyList<CampaignNode> Build(
        IEnumerable<UnitRef> participants,
        UnitRef owner,
        UnitLevel ownerLevel,
        UnitLevel reportingLevel
    )
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
                    nodes[path[i]] = new CampaignNode(
                        path[i],
                        level,
                        path[i + 1],
                        position.ProvinceId,
                        level >= UnitLevel.Commune ? position.CommuneId : null,
                        level >= UnitLevel.Village ? position.VillageId : null
                    );
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
        IReadOnlyList<CampaignNode> nodes,
        IReadOnlyDictionary<int, decimal> explicitByNode
    )
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

    /// <summary>Every summary row of one indicator, from the raw rows: the definition the stored rows must
    /// equal.</summary>
    public static (List<NodeTotal> Totals, List<SeriesDelta> Series) Compute(
        int indicatorId,
        Aggregation aggregation,
        IReadOnlyList<CampaignNode> nodes,
        UnitLevel ownerLevel,
        int ownerNodeId,
        UnitLevel reportingLevel,
        IEnumerable<RollupFigure> figures,
        IEnumerable<RollupTarget> targets
    )
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
            if (
                PathOf(target.Position, ownerLevel, ownerNodeId, reportingLevel) is [var id, ..]
                && actual.ContainsKey(id)
            )
            {
                explicitTargets[id] = explicitTargets.GetValueOrDefault(id) + target.Value;
            }
        }

        var effective = Targets(nodes, explicitTargets);
        var totals = nodes
            .Select(n => new NodeTotal(
                indicatorId,
                n,
                actual[n.UnitId],
                effective[n.UnitId].Explicit,
                effective[n.UnitId].Children,
                effective[n.UnitId].Target,
                count[n.UnitId]
            ))
            .ToList();
        return (
            totals,
            [
                .. series
                    .Where(s => s.Value != 0)
                    .Select(s => new SeriesDelta(indicatorId, s.Key.Unit, s.Key.Period, s.Value)),
            ]
        );
    }
}
