namespace DanVan.Web.Features.Campaigns.Charts;

/// <summary>
/// The chart's colours and strokes, shared by the SVG and the PNG. Every line colour keeps at least 3:1 against
/// white (WCAG 2.1 SC 1.4.11), and the series differ by dash pattern too, not by colour alone.
/// </summary>
internal static class BurnUpStyle
{
    public const string Accent = "#da251d"; // 4.9:1, the national red: the actual readings and their projection
    public const string Target = "#3b3b3b"; // 11:1
    public const string Plan = "#6f777b"; // 4.6:1
    public const string Today = "#1d4f91"; // 8.1:1, the site's link blue
    public const string Axis = "#505a5f"; // 7:1
    public const string Grid = "#dcdcdc"; // decorative, kept faint on purpose
    public const string Text = "#1b1b1b";
    public const string Muted = "#505a5f";
    public const string Halo = "#ffffff";
    public const double LimitZoneOpacity = 0.08;

    public const double ActualWidth = 3;
    public const double TargetWidth = 2;
    public const double PlanWidth = 2;
    public const double ProjectionWidth = 3;
    public const double TodayWidth = 1.5;
    public const double DotRadius = 4.5;

    // Dash lengths in user units; the projection's round-capped near-zero dashes draw as dots.
    public static readonly double[] PlanDash = [8, 5];
    public static readonly double[] ProjectionDash = [0.1, 6];
    public static readonly double[] TodayDash = [3, 3];

    public static string SvgDash(double[] dash) =>
        string.Join(' ', dash.Select(d => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
}
