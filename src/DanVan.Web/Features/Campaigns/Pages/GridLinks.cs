using System.Globalization;

namespace DanVan.Web.Features.Campaigns.Pages;

/// <summary>The grid's addresses: a period of the grid, a cell's history.</summary>
public static class GridLinks
{
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Entries(int campaignId, DateOnly date, ReportingFrequency frequency, int? unitId) =>
        $"/campaigns/{campaignId}/entries?date={Iso(date)}&frequency={frequency}"
        + (unitId is { } u ? $"&unitId={u}" : "");

    public static string History(int campaignId, int unitId, int indicatorId, DateOnly period) =>
        $"/campaigns/{campaignId}/entries/history?unitId={unitId}&indicatorId={indicatorId}&period={Iso(period)}";
}
