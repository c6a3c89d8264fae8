namespace DanVan.Web.Components.Shared;

/// <summary>A filter in force on a list, shown as a chip that removes it: its label, the value chosen, and the query
/// parameters it sets.</summary>
public sealed record ActiveFilter(string Label, string Value, params string[] Parameters);

/// <summary>What a list's column is on a phone's card.</summary>
public enum CardPart
{
    /// <summary>A fact with its column's name as a label ("Hạn: 12/01/2027").</summary>
    Fact,

    /// <summary>The card's heading: the record's name as the link, on a line of its own.</summary>
    Title,

    /// <summary>A fact that speaks for itself (a status badge, a code): no label.</summary>
    Plain,

    /// <summary>Shown in the table only.</summary>
    Hidden,
}

/// <summary>The filters in force on a list, built in the order the form asks for them; empty values are left out.</summary>
public sealed class ActiveFilters : List<ActiveFilter>
{
    /// <summary>A filter with a chosen value (a unit's name, a status, a search text).</summary>
    public ActiveFilters With(string label, string? value, string parameter)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Add(new ActiveFilter(label, value, parameter));
        }

        return this;
    }

    /// <summary>A check box that is ticked: its label alone says what it does.</summary>
    public ActiveFilters WithFlag(string label, bool on, string parameter)
    {
        if (on)
        {
            Add(new ActiveFilter(label, "", parameter));
        }

        return this;
    }
}
