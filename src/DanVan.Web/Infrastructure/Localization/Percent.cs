namespace DanVan.Web.Infrastructure.Localization;

/// <summary>The one rule for a share in percent, used by the statistics catalogue's <c>Share</c> figures and by every
/// page that counts a share's two parts itself, so the same parts always read the same percentage.</summary>
public static class Percent
{
    /// <summary><c>100 × part / whole</c> to one decimal; none when the whole is 0 or missing.</summary>
    public static double? Of(double part, double? whole) =>
        whole is > 0 ? Math.Round(100.0 * part / whole.Value, 1) : null;
}
