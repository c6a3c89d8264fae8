using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Infrastructure.Exports;

/// <summary>
/// Every row of a keyset-paged list, page after page, for <see cref="TableExport"/>: an export is the list on screen
/// with its filters, read by the list's own handler (so its scope and filters cannot drift from the page's), 500 rows
/// a statement, never the whole list in memory. The rows are pulled on the export's read-ahead thread, one page at a
/// time.
/// </summary>
public static class ListExport
{
    public const int PageSize = 500;

    public static IEnumerable<T> AllPages<T>(Func<string?, Task<ListPage<T>>> page)
    {
        string? after = null;
        do
        {
            var current = page(after).GetAwaiter().GetResult();
            foreach (var item in current.Items)
            {
                yield return item;
            }

            after = current.Next;
        } while (after is not null);
    }
}
