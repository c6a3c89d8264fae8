using DanVan.Web.Infrastructure.Imports;

namespace DanVan.Web.Features.Units;

public enum ImportAction
{
    Create,
    Update,
    Unchanged,
}

public sealed record UnitImportLine(
    int Row,
    ImportAction Action,
    string Code,
    string Name,
    UnitKind Kind,
    string? ParentCode
);

public sealed record UnitImportResult(
    int Rows,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<UnitImportLine> Sample,
    bool Committed
)
{
    public bool HasProblems => Problems.Count > 0;
}
