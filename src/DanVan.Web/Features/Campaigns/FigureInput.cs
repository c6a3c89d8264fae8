namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// One cell: a participant's value of an indicator for the period a date falls in. <see cref="Value"/> null clears
/// the cell; <see cref="Version"/> is the figure's version the person saw (0 for an empty cell).
/// </summary>
public sealed record FigureInput(
    int UnitId,
    int IndicatorId,
    DateOnly? Period,
    decimal? Value,
    int Version = 0,
    string? Note = null
);

public sealed record FiguresInput(List<FigureInput>? Figures);

/// <summary>A cell someone else changed since it was read: what is there now.</summary>
public sealed record FigureConflict(
    int Index,
    int UnitId,
    int IndicatorId,
    DateOnly Period,
    decimal? CurrentValue,
    int CurrentVersion,
    string? ActorName
);

/// <summary>What saving a cell would do.</summary>
public enum FigureChange
{
    New = 1,
    Changed = 2,
    Unchanged = 3,
    Cleared = 4,
}

/// <summary>A checked cell (by its position in the batch): the period it falls in, what saving it would do, and the
/// figure there now.</summary>
public sealed record FigureCheck(
    int Index,
    DateOnly Period,
    FigureChange Change,
    decimal? CurrentValue,
    int CurrentVersion,
    string? CurrentNote,
    string? ActorName,
    DateTime? UpdatedAt
);
