using DanVan.Web.Features.Units;

namespace DanVan.Web.Features.Campaigns;

public sealed record GridCell(
    int IndicatorId,
    decimal? Value,
    int Version,
    string? ActorName,
    DateTime? UpdatedAt,
    string? Note
);

/// <param name="GroupId">The unit above the row (a village's commune, a commune's province): the grid and the missing
/// list group by it.</param>
/// <param name="MayReport">The caller may enter this unit's figures (whether or not the period is open).</param>
public sealed record GridRow(
    int UnitId,
    string UnitName,
    string Code,
    int? CommuneId,
    bool MayEnter,
    IReadOnlyList<GridCell> Cells,
    int? GroupId = null,
    string? GroupName = null,
    bool MayReport = false
)
{
    public int Missing => Cells.Count(c => c.Value is null);
}

/// <summary>
/// The figures of one period for the participants under a unit: the entry grid (rows = units, columns = the
/// indicators reported at that frequency) and the list of missing entries.
/// </summary>
public sealed record CampaignGrid(
    int CampaignId,
    string CampaignName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool AcceptsFigures,
    UnitLevel ReportingLevel,
    ReportingFrequency Frequency,
    DateOnly Period,
    DateOnly PeriodEnd,
    DateOnly? Previous,
    DateOnly? Next,
    bool Locked,
    bool MayLock,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<GridRow> Rows,
    bool Truncated,
    IReadOnlyList<ReportingFrequency> Frequencies
)
{
    public CampaignStatus Status { get; init; }

    /// <summary>The period has begun (figures are entered once it has).</summary>
    public bool Started { get; init; } = true;
}

public sealed record FigureRow(
    long Id,
    int UnitId,
    int IndicatorId,
    DateOnly Period,
    decimal Value,
    string? Note,
    int Version,
    string ActorName,
    DateTime UpdatedAt
);

public sealed record RevisionRow(
    decimal? OldValue,
    decimal? NewValue,
    FigureSource Source,
    DateTime At,
    string ActorName
);

/// <summary>One cell's history with what names it: the history page.</summary>
public sealed record CellHistory(
    int CampaignId,
    string CampaignName,
    int UnitId,
    string UnitName,
    IndicatorRow Indicator,
    DateOnly Period,
    DateOnly PeriodEnd,
    decimal? Value,
    string? Note,
    IReadOnlyList<RevisionRow> Revisions
);

/// <summary>A participant without a figure for some indicators of the period.</summary>
public sealed record MissingUnit(int UnitId, string Name, string Code, IReadOnlyList<int> MissingIndicatorIds);

/// <summary>The participants under one unit (a commune's villages, a province's communes) and those of them that have
/// not reported.</summary>
public sealed record MissingGroup(int? GroupId, string? GroupName, int Units, IReadOnlyList<MissingUnit> Missing);

/// <summary>Who has not reported for a period: per indicator and grouped by the unit above the participants.</summary>
public sealed record MissingReport(
    int CampaignId,
    string CampaignName,
    CampaignStatus Status,
    DateOnly StartsOn,
    DateOnly EndsOn,
    UnitLevel ReportingLevel,
    ReportingFrequency Frequency,
    DateOnly Period,
    DateOnly PeriodEnd,
    DateOnly? Previous,
    DateOnly? Next,
    bool Started,
    IReadOnlyList<ReportingFrequency> Frequencies,
    IReadOnlyList<IndicatorRow> Indicators,
    int Units,
    int UnitsMissing,
    IReadOnlyDictionary<int, int> ReportedPerIndicator,
    IReadOnlyList<MissingGroup> Groups,
    bool Truncated
);

public sealed record TargetRow(
    int UnitId,
    string UnitName,
    UnitLevel Level,
    int? ParentUnitId,
    decimal? ExplicitTarget,
    int Version,
    decimal ChildTarget,
    decimal Target,
    decimal Actual,
    bool IsActive
);
