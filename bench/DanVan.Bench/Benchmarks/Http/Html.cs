using System.Net;
using System.Text.RegularExpressions;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>Just enough HTML reading for the HTTP bars: the attributes of tags, the hidden fields of a form, the ids of
/// a list's links. The app's own markup is regular (Razor writes it), so patterns do.</summary>
internal static partial class Html
{
    /// <summary>The attributes (names lower-cased, values decoded) of every <paramref name="tag"/> element.</summary>
    public static IEnumerable<Dictionary<string, string>> Tags(string html, string tag)
    {
        foreach (Match element in TagPattern(tag).Matches(html))
        {
            var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match a in Attribute().Matches(element.Groups[1].Value))
            {
                var value =
                    a.Groups[2].Success ? a.Groups[2].Value
                    : a.Groups[3].Success ? a.Groups[3].Value
                    : a.Groups[4].Value;
                attributes[a.Groups[1].Value] = WebUtility.HtmlDecode(value);
            }

            yield return attributes;
        }
    }

    /// <summary>The hidden fields (handler, antiforgery token, …) of the form whose <c>_handler</c> is
    /// <paramref name="handler"/>, as a browser would post them.</summary>
    public static Dictionary<string, string> FormFields(string html, string handler)
    {
        foreach (Match form in Form().Matches(html))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var input in Tags(form.Groups[1].Value, "input"))
            {
                if (
                    input.TryGetValue("name", out var name)
                    && input.TryGetValue("type", out var type)
                    && type.Equals("hidden", StringComparison.OrdinalIgnoreCase)
                )
                {
                    fields[name] = input.GetValueOrDefault("value", "");
                }
            }

            if (fields.GetValueOrDefault("_handler") == handler)
            {
                return fields;
            }
        }

        throw new BenchException($"The page has no form \"{handler}\" (has the page changed?).");
    }

    /// <summary>The handlers of the forms whose handler starts with <paramref name="prefix"/>.</summary>
    public static IEnumerable<string> FormHandlers(string html, string prefix) =>
        Tags(html, "input")
            .Where(i => i.GetValueOrDefault("name") == "_handler")
            .Select(i => i.GetValueOrDefault("value", ""))
            .Where(v => v.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The distinct ids of the links <c>{prefix}/{id}</c> in page order (a list's rows).</summary>
    public static List<long> LinkedIds(string html, string prefix)
    {
        var ids = new List<long>();
        foreach (var a in Tags(html, "a"))
        {
            if (
                a.TryGetValue("href", out var href)
                && href.StartsWith(prefix + "/", StringComparison.Ordinal)
                && long.TryParse(href.AsSpan(prefix.Length + 1), out var id)
                && !ids.Contains(id)
            )
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static Regex TagPattern(string tag) =>
        new($@"<{Regex.Escape(tag)}\b([^>]*)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>]+)))?")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<form\b[^>]*>(.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Form();
}
