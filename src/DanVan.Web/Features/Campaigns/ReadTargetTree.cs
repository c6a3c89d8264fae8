using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// One node of an indicator's tree on the targets page: its explicit target (with the version to save against), the
/// sum of its children's targets, the target in force, the actual value and how many children it has.
/// </summary>
public sealed record TargetNode(
    int UnitId,
    string Name,
    UnitLevel Level,
    int? ParentUnitId,
    decimal? ExplicitTarget,
    int Version,
    decimal ChildTarget,
    decimal Target,
    decimal Actual,
    bool IsActive,
    int Children
)
{
    /// <summary>An explicit target that differs from what the children add up to (a leaf has no children to differ
    /// from).</summary>
    public decimal? Difference =>
        ExplicitTarget is { } own && Children > 0 && own != ChildTarget ? own - ChildTarget : null;
}

/// <summary>
/// The targets page of one indicator, one level at a time: the path from the campaign's node down to the node being
/// looked at, then that node's children. A province campaign's 1,300 villages are reached commune by commune.
/// </summary>
public sealed record TargetTree(
    Campaign Campaign,
    IReadOnlyList<Indicator> Indicators,
    Indicator Indicator,
    TargetNode Node,
    IReadOnlyList<TargetNode> Path,
    IReadOnlyList<TargetNode> Children,
    bool MayManage
);

/// <summary>Reads <see cref="TargetTree"/> from the summary rows in three statements, whatever the campaign's
/// size.</summary>
internal sealed class ReadTargetTree(DanVanDbContext db, ICurrentUser user)
{
    /// <summary>Null: the campaign is not visible, it has no such indicator, or the node is not in the indicator's
    /// tree.</summary>
    public async Task<TargetTree?> HandleAsync(int campaignId, int? indicatorId, int? nodeId, CancellationToken ct)
    {
        var campaign = await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct);
        if (campaign is null)
        {
            return null;
        }

        var indicators = await db.Set<Indicator>()
            .AsNoTracking()
            .Where(i => i.CampaignId == campaignId)
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        var indicator = indicatorId is { } iid
            ? indicators.SingleOrDefault(i => i.Id == iid)
            : indicators.FirstOrDefault();
        if (indicator is null)
        {
            return null;
        }

        var owner = CampaignTree.OwnerNodeId(campaign.Ref, campaign.UnitLevel);
        var node = nodeId ?? owner;
        var totals = db.Set<CampaignTotal>().Where(t => t.IndicatorId == indicator.Id);
        var parentOfNode = totals.Where(t => t.UnitId == node).Select(t => t.ParentUnitId);
        var grandparentOfNode = totals.Where(t => parentOfNode.Contains(t.UnitId)).Select(t => t.ParentUnitId);
        var rows = await totals
            .AsNoTracking()
            .Where(t =>
                t.UnitId == node
                || t.ParentUnitId == node
                || t.UnitId == owner
                || parentOfNode.Contains(t.UnitId)
                || grandparentOfNode.Contains(t.UnitId)
            )
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t, u })
            .Select(x => new TargetNode(
                x.t.UnitId,
                x.u.Name,
                x.t.UnitLevel,
                x.t.ParentUnitId,
                x.t.ExplicitTarget,
                db.Set<IndicatorTarget>()
                    .Where(g => g.IndicatorId == indicator.Id && g.UnitId == x.t.UnitId)
                    .Select(g => g.Version)
                    .FirstOrDefault(),
                x.t.ChildTarget,
                x.t.Target,
                x.t.Actual,
                x.u.ValidTo == null,
                totals.Count(c => c.ParentUnitId == x.t.UnitId)
            ))
            .ToListAsync(ct);
        var self = rows.SingleOrDefault(r => r.UnitId == node);
        if (self is null)
        {
            return null;
        }

        var path = new List<TargetNode>();
        for (
            var step = self;
            step is not null;
            step = step.ParentUnitId is { } up ? rows.SingleOrDefault(r => r.UnitId == up) : null
        )
        {
            path.Insert(0, step);
        }

        var comparer = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
        return new TargetTree(
            campaign,
            indicators,
            indicator,
            self,
            path,
            [.. rows.Where(r => r.ParentUnitId == node).OrderBy(r => r.Name, comparer)],
            CampaignAccess.MayManage(user, campaign)
        );
    }
}
