namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>A tick: <see cref="Position"/> is an x coordinate on the date axis, a y coordinate on the value
/// axis.</summary>
public sealed record ChartTick(double Position, ChartLabel Label);
