using System.Globalization;

namespace DanVan.Web.Components.Shared;

/// <summary>
/// Lenient parsing of query-string values. Pages take query parameters as strings because Blazor throws
/// (a server error) on a value it cannot convert; a hand-edited or stale link should just be ignored.
/// </summary>
public static class QueryValue
{
    public static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Bool(string? text) => bool.TryParse(text, out var value) && value;

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : null;

    public static T? Enum<T>(string? text)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value)
        && System.Enum.IsDefined(value)
        && !int.TryParse(text, out _)
            ? value
            : null;
}
