using System.Globalization;
using System.Text;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>One page of a keyset-paged list; <see cref="Next"/> is the opaque cursor of the following page.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>Opaque cursors for keyset paging: a sort key and the id that breaks ties.</summary>
public static class PageCursor
{
    public static string Encode(string key, int id) =>
        Convert
            .ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}|{key}")))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');

    public static (string Key, int Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 1000)
        {
            return null;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|', 2);
            return
                parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? (parts[1], id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
