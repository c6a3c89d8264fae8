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

            var now = Text(property.GetValue(current), L);
            if (now != Text(property.GetValue(mine), L))
            {
                fields[property.Name] = [L["Conflict_FieldNow", now]];
            }
        }

        return new ValidationError(L["Conflict_ChangedMeanwhile"] + " " + L["Conflict_YoursKept"], fields);
    }

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
