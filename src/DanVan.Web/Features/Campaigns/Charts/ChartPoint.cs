namespace DanVan.Web.Features.Campaigns.Charts;

public readonly record struct ChartPoint(double X, double Y);
