using System.Globalization;

namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>One reading of an indicator: the total reached by the end of <paramref name="Date"/>.</summary>
public sealed record BurnUpPoint(DateOnly Date, decimal Cumulative);

/// <summary>
/// What a burn-up chart shows. The chart has no resource strings of its own: every visible word arrives here
/// already localized, and <see cref="Culture"/> formats the numbers and dates, so the same record draws the page's
/// SVG and the report's PNG in the reader's language.
/// </summary>
/// <param name="Title">Drawn above the chart and used as the SVG's accessible name.</param>
/// <param name="Description">A sentence for screen readers saying what the chart shows (the SVG's description).</param>
/// <param name="MeasureLabel">The unit counted, e.g. "ngôi mộ"; drawn as the y axis title.</param>
/// <param name="Target">The campaign's target; null or 0 draws no target, plan or projection.</param>
/// <param name="Actual">Cumulative readings ordered by date; a negative reading is drawn at 0.</param>
/// <param name="Projected">The date the current pace reaches the target; may lie after <paramref name="End"/>.</param>
/// <param name="LowerIsBetter">The target is a ceiling, not a goal: the band above it is tinted as the zone to stay out
/// of.</param>
/// <param name="PlanLabel">The legend's name for the ideal line from 0 at the start to the target at the end.</param>
public sealed record BurnUpData(
    string Title,
    string Description,
    string MeasureLabel,
    DateOnly Start,
    DateOnly End,
    decimal? Target,
    IReadOnlyList<BurnUpPoint> Actual,
    DateOnly? Projected,
    DateOnly Today,
    bool LowerIsBetter,
    CultureInfo Culture,
    string TargetLabel,
    string ActualLabel,
    string PlanLabel,
    string ProjectionLabel
)
{
    /// <summary>Optional word put before the date on the "today" marker (e.g. "Hôm nay"); without it the marker shows
    /// the date alone.</summary>
    public string? TodayLabel { get; init; }
}
