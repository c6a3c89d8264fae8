using System.Globalization;

namespace DanVan.Web.Features.Campaigns.Charts;

// Text: estimated widths and boxes, and labels fitted into the space they have.
public sealed partial class BurnUpLayout
{
    /// <summary>The estimated box a label covers, for keeping labels apart.</summary>
    public static ChartBox BoxOf(ChartLabel label)
    {
        var w = EstimateWidth(label.Text, label.FontSize);
        var left = label.Anchor switch
        {
            ChartAnchor.Start => label.X,
            ChartAnchor.Middle => label.X - w / 2,
            _ => label.X - w,
        };
        return new(left, label.Y - label.FontSize, w, label.FontSize * 1.25);
    }

    /// <summary>
    /// A generous estimate of a text's width in a sans-serif font (DejaVu Sans, the widest of the usual ones):
    /// narrow letters, digits, capitals and wide letters in four classes. Vietnamese letters count as their base
    /// letter.
    /// </summary>
    public static double EstimateWidth(string text, double fontSize)
    {
        double em = 0;
        foreach (var c in text)
        {
            em += c switch
            {
                ' '
                or '.'
                or ','
                or ':'
                or ';'
                or '\''
                or '!'
                or '|'
                or 'i'
                or 'l'
                or 'j'
                or 'í'
                or 'ì'
                or 'ỉ'
                or 'ĩ'
                or 'ị'
                or 'I' => 0.32,
                'f' or 't' or 'r' or '(' or ')' or '/' => 0.42,
                >= '0' and <= '9' => 0.64,
                'm' or 'w' or 'M' or 'W' or '—' or '%' => 0.92,
                _ when char.IsUpper(c) => 0.72,
                _ when char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark => 0,
                _ => 0.62,
            };
        }
        return em * fontSize;
    }

    /// <summary>Moves a label sideways into [<paramref name="min"/>, <paramref name="max"/>], shortening it if it is
    /// wider than that.</summary>
    private static ChartLabel Fit(ChartLabel label, double min, double max)
    {
        label = label with { Text = Ellipsize(label.Text, max - min, label.FontSize) };
        var box = BoxOf(label);
        var shift =
            box.Left < min ? min - box.Left
            : box.Right > max ? max - box.Right
            : 0;
        return label with { X = label.X + shift };
    }

    private static string Ellipsize(string text, double maxWidth, double fontSize)
    {
        if (EstimateWidth(text, fontSize) <= maxWidth)
        {
            return text;
        }
        var cut = text.Length;
        while (cut > 1 && EstimateWidth(text[..cut] + "…", fontSize) > maxWidth)
        {
            cut--;
        }
        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>Word-wraps into at most <paramref name="maxLines"/> lines, the last cut with an ellipsis if the text
    /// goes on.</summary>
    internal static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize, int maxLines)
    {
        var lines = new List<string>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = "";
        var lineStart = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = current.Length == 0 ? words[i] : current + " " + words[i];
            if (current.Length == 0 || EstimateWidth(candidate, fontSize) <= maxWidth)
            {
                current = candidate;
                continue;
            }
            if (lines.Count == maxLines - 1)
            {
                // The last line allowed takes the rest, to be cut below.
                current = string.Join(' ', words[lineStart..]);
                break;
            }
            lines.Add(current);
            current = words[i];
            lineStart = i;
        }
        lines.Add(Ellipsize(current, maxWidth, fontSize));
        return lines;
    }
}
