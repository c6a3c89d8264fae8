namespace DanVan.Web.Features.Campaigns.Charts;

public readonly record struct ChartLine(ChartPoint From, ChartPoint To);
