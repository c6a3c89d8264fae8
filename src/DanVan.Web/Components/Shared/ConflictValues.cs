using System.Collections;
using System.Globalization;
using System.Reflection;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Components.Shared;

/// <summary>
/// What an edit page shows after a stale save (QUALITY.md R2): next to each field the other person changed, the value
/// saved now; the person's own values stay in the form, which then carries the current version, so saving again replaces
/// the other person's values on purpose. The fields compared are the input's public properties (not its version, its
/// submission id, or those the page does not show).
/// </summary>
public static class ConflictValues
{
    public static ValidationError Describe(object mine, object current, IStringLocalizer L, params string[] notShown)
    {
        var fields = new Dictionary<string, string[]>();
        Compare(mine, current, "", fields, L, notShown);
        return new ValidationError(L["Conflict_ChangedMeanwhile"] + " " + L["Conflict_YoursKept"], fields);
    }

    /// <summary>Compares two inputs property by property; a list of inputs (a report's sections) is compared item by
    /// item under the names the form posts, <c>Sections[0].Text</c>.</summary>
    private static void Compare(
        object mine,
        object current,
        string prefix,
        Dictionary<string, string[]> fields,
        IStringLocalizer L,
        string[] notShown
    )
    {
        foreach (var property in mine.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (
                property.Name is "Version" or "SubmissionId"
                || notShown.Contains(property.Name)
                || !property.CanRead
                || property.GetIndexParameters().Length > 0
            )
            {
                continue;
            }

            if (
                property.GetValue(mine) is IList mineItems
                && property.GetValue(current) is IList currentItems
                && IsInputList(property.PropertyType)
            )
            {
                // Rows added or removed meanwhile: the message above says the record changed; rows are not paired.
                for (var i = 0; i < mineItems.Count && mineItems.Count == currentItems.Count; i++)
                {
                    Compare(
                        mineItems[i]!,
                        currentItems[i]!,
                        string.Create(CultureInfo.InvariantCulture, $"{prefix}{property.Name}[{i}]."),
                        fields,
                        L,
                        notShown
                    );
                }

                continue;
            }

            var now = Text(property.GetValue(current), L);
            if (now != Text(property.GetValue(mine), L))
            {
                fields[prefix + property.Name] = [L["Conflict_FieldNow", now]];
            }
        }
    }

    private static bool IsInputList(Type type) =>
        type.IsGenericType
        && type.GetGenericArguments() is [var item]
        && item.IsClass
        && item != typeof(string)
        && typeof(IList).IsAssignableFrom(type);

    /// <summary>A value as the person reads it: dates dd/MM/yyyy, enums by their names, lists joined, nothing as
    /// "—".</summary>
    private static string Text(object? value, IStringLocalizer L) =>
        value switch
        {
            null => "—",
            string s => string.IsNullOrWhiteSpace(s) ? "—" : s.Trim(),
            DateOnly d => VietnamTime.Format(d),
            bool b => b ? L["Common_Yes"] : L["Common_No"],
            Enum e => L[$"Enum_{e.GetType().Name}_{e}"],
            IEnumerable list => string.Join(
                ", ",
                list.Cast<object?>().Select(v => Text(v, L)).Order(StringComparer.Ordinal)
            )
                is { Length: > 0 } joined
                ? joined
                : "—",
            IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
            _ => value.ToString() ?? "—",
        };
}
