using DanVan.Web.Infrastructure.Imports;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A cell of the file that would be written: where it is, what is there now, what it becomes.</summary>
public sealed record FigureImportLine(
    int Row,
    string Indicator,
    string UnitCode,
    string UnitName,
    DateOnly Period,
    decimal? OldValue,
    decimal NewValue,
    FigureChange Change
);

/// <summary>The check (or the commit) of a sheet of figures: counts of cells by what happens to them, problems by row
/// and column, the first changes.</summary>
public sealed record FigureImportResult(
    int Rows,
    int Cells,
    int New,
    int Changed,
    int Unchanged,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<FigureImportLine> Sample,
    bool Committed,
    DateTime CheckedAt
)
{
    public bool HasProblems => Problems.Count > 0;
}

/// <summary>What the import page needs to know about the campaign: one statement.</summary>
/// <param name="MayReport">The caller enters figures somewhere (anyone who sees the campaign may download the
/// template).</param>
public sealed record FigureImportContext(
    int CampaignId,
    string CampaignName,
    CampaignStatus Status,
    bool AcceptsFigures,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<ReportingFrequency> Frequencies,
    DateOnly DefaultDate,
    bool MayReport
);
