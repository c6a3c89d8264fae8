using System.Globalization;
using DanVan.Web.Features.Campaigns.Charts;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// The burn-up chart of a node's progress, built once for the dashboard's SVG and the PNG image (the later Word
/// report):
/// cumulative actual against the target, the linear plan and the projection from the recent rate.
/// </summary>
public static class CampaignCharts
{
    public static BurnUpData BurnUp(CampaignProgress progress, IStringLocalizer<SharedResource> L)
    {
        var culture = CultureInfo.CurrentCulture;
        var indicator = progress.Indicator;
        var node = progress.Node;
        var measure = CampaignRules.MeasureLabel(
            new Indicator { Measure = indicator.Measure, CustomMeasure = indicator.CustomMeasure },
            m => L.Enum(m)
        );
        var title = L["Campaigns_Dash_ChartTitle", indicator.Name, node.UnitName].Value;
        var description = L[
            "Campaigns_Dash_ChartDescription",
            indicator.Name,
            node.UnitName,
            VietnamTime.Format(progress.StartsOn),
            VietnamTime.Format(progress.EndsOn),
            Number(node.Actual, indicator.Decimals),
            Number(node.Target, indicator.Decimals),
            measure,
            node.Percent is { } p ? p.ToString("0.#", culture) : "—"
        ].Value;
        return new BurnUpData(
            title,
            description,
            measure,
            progress.StartsOn,
            progress.EndsOn,
            node.Target == 0 ? null : node.Target,
            [.. progress.Series.Select(s => new BurnUpPoint(s.Period, s.Cumulative))],
            node.Projected,
            progress.Today,
            indicator.Direction == IndicatorDirection.LowerIsBetter,
            culture,
            L["Campaigns_Dash_Target"],
            L["Campaigns_Dash_Actual"],
            L["Campaigns_Dash_Plan"],
            L["Campaigns_Dash_Projection"]
        )
        {
            TodayLabel = L["Campaigns_Dash_Today"],
        };
    }

    public static string Number(decimal value, int decimals) =>
        value.ToString("N" + Math.Clamp(decimals, 0, 3), CultureInfo.CurrentCulture);
}
