namespace DanVan.Web.Features.Statistics;

/// <summary>How a figure reads a period.</summary>
public enum PeriodRule
{
    /// <summary>What happened in the period: the sum of the changes dated inside it (up to today while it runs: a
    /// session scheduled later in the month has not happened yet).</summary>
    Flow,

    /// <summary>What stands at the period's end (or today, when the period has not ended): the sum of every change
    /// dated up to then.</summary>
    Stock,

    /// <summary>A stock summed over the period's months, each month's stock taken at its end (up to the current month
    /// while the period runs): an obligation owed every month, like the reception days a commune owes.</summary>
    PerMonth,
}

/// <summary>What a figure counts in.</summary>
public enum Measure
{
    Count,
    Percent,
    Days,
    People,
}

/// <summary>What the breakdown column of a figure's summary rows holds.</summary>
public enum Breakdown
{
    None,
    ModelField,
    RecognitionLevel,
    DialogueType,
    PetitionCategory,

    /// <summary>A histogram: the breakdown is the number of days and the value how many took that long.</summary>
    Days,

    /// <summary>The month a <see cref="PeriodRule.PerMonth"/> stock changes, as yyyyMM (so one read keeps the months
    /// apart).</summary>
    Month,

    /// <summary>The body (an organization of the unit) whose staff or quota it is; 0 for a quota of the unit as a whole.
    /// Bodies belong to one unit, so a unit's own parts are its bodies' (ADR-0031).</summary>
    Organization,
}

/// <summary>The portal may show a figure (no personal data; cells below the threshold are suppressed).</summary>
public enum Visibility
{
    SignedIn,
    Public,
}

/// <summary>
/// One figure DanVan reports, defined once (PRODUCT.md "one definition per statistic"): its stable key, its name in the
/// three languages, what it counts in, which way is better, how it reads a period, and where its value comes from — a
/// sum of summary rows (<see cref="StatisticSources"/>), or a ratio or median of other figures' rows (<see cref="Formula"/>).
/// The key is part of the API and of the summary rows: never rename one.
/// </summary>
public sealed record Statistic(
    string Key,
    string Vi,
    string En,
    string De,
    Measure Measure,
    bool? HigherIsBetter,
    PeriodRule Rule,
    Breakdown Breakdown = Breakdown.None,
    Visibility Visibility = Visibility.SignedIn,
    StatisticFormula? Formula = null
)
{
    /// <summary>The summary rows' key this figure sums (its own, unless it is computed from others).</summary>
    public bool IsStored => Formula is null;

    public string Name(string culture) =>
        culture switch
        {
            "en" => En,
            "de" => De,
            _ => Vi,
        };

    public string Name() => Name(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}

/// <summary>A figure computed from stored ones: a share in percent, or the median of a histogram.</summary>
public abstract record StatisticFormula
{
    public abstract IEnumerable<string> Inputs { get; }
}

/// <summary><c>100 × numerator / denominator</c>, one decimal; no value when the denominator is 0.</summary>
public sealed record Share(string Numerator, string Denominator) : StatisticFormula
{
    public override IEnumerable<string> Inputs => [Numerator, Denominator];
}

/// <summary>The median of a <see cref="Breakdown.Days"/> histogram (the mean of the two middle values for an even
/// count).</summary>
public sealed record Median(string Histogram) : StatisticFormula
{
    public override IEnumerable<string> Inputs => [Histogram];
}
