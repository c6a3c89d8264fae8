using System.Globalization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Figures as people read and type them. On pages they follow the interface's culture strictly: in Vietnamese
/// "1.269,5" is one thousand two hundred and sixty-nine and a half, and "1269.5" is refused rather than read as
/// 12,695 (the framework's lenient parser would). Files and the API use the invariant form (1269.5).
/// </summary>
public static class FigureText
{
    private const int MaxLength = 40;

    /// <summary>A figure in the culture, with group separators and only the decimals it has (at most three:
    /// thousandths).</summary>
    public static string Format(decimal value, CultureInfo culture) => value.ToString("#,##0.###", culture);

    /// <summary>An example of a well-formed figure in the culture, for error messages ("1.269,5").</summary>
    public static string Example(int decimals, CultureInfo culture) => Format(decimals == 0 ? 1269m : 1269.5m, culture);

    /// <summary>
    /// Reads a figure typed in <paramref name="culture"/>: an optional minus sign, digits with the culture's group
    /// separator only between groups of three, and at most one decimal separator followed by digits.
    /// </summary>
    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        value = 0;
        var t = (text ?? "").Trim();
        if (t.Length is 0 or > MaxLength)
        {
            return false;
        }

        var format = culture.NumberFormat;
        var negative = false;
        foreach (var sign in new[] { format.NegativeSign, "-", "\u2212" })
        {
            if (sign.Length > 0 && t.StartsWith(sign, StringComparison.Ordinal))
            {
                negative = true;
                t = t[sign.Length..].TrimStart();
                break;
            }
        }

        var parts = t.Split(format.NumberDecimalSeparator);
        if (parts.Length > 2)
        {
            return false;
        }

        var integer = parts[0];
        var fraction = parts.Length == 2 ? parts[1] : null;
        if (fraction is not null && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit)))
        {
            return false;
        }

        string digits;
        if (
            integer.Contains(format.NumberGroupSeparator, StringComparison.Ordinal)
            && format.NumberGroupSeparator.Length > 0
        )
        {
            var groups = integer.Split(format.NumberGroupSeparator);
            if (
                groups[0].Length is 0 or > 3
                || groups.Skip(1).Any(g => g.Length != 3)
                || !groups.All(g => g.All(char.IsAsciiDigit))
            )
            {
                return false;
            }

            digits = string.Concat(groups);
        }
        else
        {
            if (!integer.All(char.IsAsciiDigit) || (integer.Length == 0 && fraction is null))
            {
                return false;
            }

            digits = integer.Length == 0 ? "0" : integer;
        }

        var invariant = (negative ? "-" : "") + digits + (fraction is null ? "" : "." + fraction);
        return decimal.TryParse(
            invariant,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture,
            out value
        );
    }

    /// <summary>
    /// Reads a figure from a file: a spreadsheet's number arrives in the invariant form (1269.5, 1E+15). No group
    /// separators, so "1.269,5" typed into a text cell is refused rather than guessed.
    /// </summary>
    public static bool TryParseInvariant(string? text, out decimal value)
    {
        value = 0;
        var t = (text ?? "").Trim();
        return t.Length is > 0 and <= MaxLength
            && decimal.TryParse(
                t,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture,
                out value
            );
    }
}
