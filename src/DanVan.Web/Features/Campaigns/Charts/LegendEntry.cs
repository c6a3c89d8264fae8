namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>A legend entry: a line swatch from (<see cref="X"/>, <see cref="Y"/>) <see
/// cref="BurnUpLayout.SwatchWidth"/> long, then its label.</summary>
public sealed record LegendEntry(BurnUpSeries Series, double X, double Y, ChartLabel Label);
