namespace DanVan.Web.Features.Campaigns.Charts;

// The legend: its entries and how many rows they take.
public sealed partial class BurnUpLayout
{
    private static List<(BurnUpSeries Series, string Text)> LegendItems(
        BurnUpData data,
        bool hasActual,
        bool hasTarget,
        bool hasPlan,
        bool hasProjection
    )
    {
        var items = new List<(BurnUpSeries, string)>();
        if (hasActual)
        {
            items.Add((BurnUpSeries.Actual, data.ActualLabel));
        }
        if (hasTarget)
        {
            items.Add((BurnUpSeries.Target, data.TargetLabel));
        }
        if (hasPlan)
        {
            items.Add((BurnUpSeries.Plan, data.PlanLabel));
        }
        if (hasProjection)
        {
            items.Add((BurnUpSeries.Projection, data.ProjectionLabel));
        }
        return items;
    }

    private static double LegendItemWidth(string text) => SwatchWidth + 6 + EstimateWidth(text, FontSize);

    private static int LayoutLegendRows(List<(BurnUpSeries Series, string Text)> items, double available)
    {
        if (items.Count == 0)
        {
            return 0;
        }
        var rows = 1;
        var x = 0.0;
        foreach (var (_, text) in items)
        {
            var w = LegendItemWidth(text);
            if (x > 0 && x + w > available)
            {
                rows++;
                x = 0;
            }
            x += w + LegendGap;
        }
        return rows;
    }
}
