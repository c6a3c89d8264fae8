namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>A piece of text: <see cref="Y"/> is the baseline, <see cref="X"/> the anchor point.</summary>
public sealed record ChartLabel(string Text, double X, double Y, ChartAnchor Anchor, double FontSize);
