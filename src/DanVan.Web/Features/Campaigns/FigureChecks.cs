using DanVan.Web.Infrastructure.Errors;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The checks every figure and target passes: sign, decimal places, magnitude.</summary>
internal static class FigureChecks
{
    /// <summary>Whether <see cref="Check"/> would find nothing (no message made for a value that passes).</summary>
    public static bool Passes(decimal value, int decimals, bool allowNegative) =>
        (value >= 0 || allowNegative) && Math.Abs(value) <= Thousandths.Max && decimal.Round(value, decimals) == value;

    public static void Check(
        decimal value,
        int decimals,
        bool allowNegative,
        string key,
        ValidationErrors errors,
        IStringLocalizer L
    )
    {
        if (value < 0 && !allowNegative)
        {
            errors.Add(key, L["Campaigns_Negative"]);
        }
        else if (Math.Abs(value) > Thousandths.Max)
        {
            errors.Add(
                key,
                L["Campaigns_TooLarge", Thousandths.Max.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]
            );
        }
        else if (decimal.Round(value, decimals) != value)
        {
            errors.Add(key, decimals == 0 ? L["Campaigns_WholeNumber"] : L["Campaigns_Decimals", decimals]);
        }
    }
}
