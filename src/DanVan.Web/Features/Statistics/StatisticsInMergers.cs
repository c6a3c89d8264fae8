using System.Globalization;
using DanVan.Web.Features.Units;

namespace DanVan.Web.Features.Statistics;

/// <summary>
/// After a merger re-points the facts' ancestor columns, the summary rows of the provinces it touched are made equal a
/// recompute: the merged units' figures, before and after the merger, count towards the successor, and the merged units'
/// own rows go to zero (the dashboard of a merged unit says where its figures went).
/// </summary>
internal sealed class StatisticsInMergers(StatisticCheck check) : IUnitMergeStep
{
    public async Task<string?> AfterRepointAsync(UnitMerger merger, CancellationToken ct)
    {
        var provinces = merger
            .Sources.Append(merger.Target)
            .Select(u => u.ProvinceId ?? u.Id)
            .Append(merger.Target.ProvinceId ?? merger.Target.Id)
            .Where(id => id != 0)
            .ToHashSet();
        var changed = await check.RepairAsync(provinces, ct);
        return string.Create(CultureInfo.InvariantCulture, $"statistics rows recomputed={changed}");
    }
}
