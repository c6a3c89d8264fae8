using System.Globalization;

namespace DanVan.Web.Features.Statistics;

/// <summary>
/// The order of the child comparison, the same on the page and in its export: by a key figure (or the name), worst
/// first unless reversed — descending where lower is better or there is no direction, ascending where higher is better —
/// units without a value last either way, ties by name. By default the overdue petitions where the caller sees them,
/// else the first key figure.
/// </summary>
public sealed record ChildOrder(string Key, bool Descending)
{
    public const string ByName = "name";

    public static ChildOrder Of(string? sort, string? dir, IReadOnlyList<Statistic> keyFigures)
    {
        var key =
            sort is { } s && (s == ByName || keyFigures.Any(k => k.Key == s)) ? s
            : keyFigures.Any(k => k.Key == StatisticCatalogue.PetitionsOverdue) ? StatisticCatalogue.PetitionsOverdue
            : keyFigures.Count > 0 ? keyFigures[0].Key
            : ByName;
        var worstFirst = key != ByName && StatisticCatalogue.Get(key).HigherIsBetter != true;
        return new(
            key,
            dir switch
            {
                "asc" => false,
                "desc" => true,
                _ => worstFirst,
            }
        );
    }

    public IReadOnlyList<ChildFigures> Sort(IEnumerable<ChildFigures> children)
    {
        var culture = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
        var list = children.ToList();
        if (Key == ByName)
        {
            return Descending
                ? [.. list.OrderByDescending(c => c.Name, culture)]
                : [.. list.OrderBy(c => c.Name, culture)];
        }

        var withValue = list.Where(c => c.Values[Key] is not null);
        var ordered = Descending
            ? withValue.OrderByDescending(c => c.Values[Key])
            : withValue.OrderBy(c => c.Values[Key]);
        return
        [
            .. ordered.ThenBy(c => c.Name, culture),
            .. list.Where(c => c.Values[Key] is null).OrderBy(c => c.Name, culture),
        ];
    }
}
