using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

public sealed record CatalogueRow(int Id, string Code, string Name, string? Measure, bool IsActive);

public sealed record RubricCriterionRow(int Id, int Order, string Text, double Weight, int MaxScore);

public sealed record RubricRow(
    int Id,
    string Code,
    int Version,
    RubricTarget Target,
    string Name,
    double PassMark,
    bool IsActive,
    IReadOnlyList<RubricCriterionRow> Criteria
);

/// <summary>
/// The catalogues as the API gives them, named in the interface language: the fields, the result indicators and every
/// rubric version with its criteria, and one row by id for the answer to an addition. One statement each (the pages'
/// forms read the entities through <see cref="ModelCatalogueReader"/>).
/// </summary>
internal sealed class ReadCatalogue(DanVanDbContext db)
{
    public async Task<List<CatalogueRow>> FieldsAsync(CancellationToken ct) =>
        (await db.ModelFields.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync(ct))
            .Select(FieldRow)
            .ToList();

    public async Task<CatalogueRow?> FieldAsync(int id, CancellationToken ct) =>
        await db.ModelFields.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) is { } f ? FieldRow(f) : null;

    public async Task<List<CatalogueRow>> IndicatorsAsync(CancellationToken ct) =>
        (await db.ResultIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct))
            .Select(IndicatorRow)
            .ToList();

    public async Task<CatalogueRow?> IndicatorAsync(int id, CancellationToken ct) =>
        await db.ResultIndicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } i
            ? IndicatorRow(i)
            : null;

    /// <summary>Every version of every rubric, by code and version.</summary>
    public async Task<List<RubricRow>> RubricsAsync(CancellationToken ct) =>
        (
            await db
                .Rubrics.AsNoTracking()
                .Include(r => r.Criteria.OrderBy(c => c.Order))
                .OrderBy(r => r.Code)
                .ThenBy(r => r.Version)
                .ToListAsync(ct)
        )
            .Select(Row)
            .ToList();

    public async Task<RubricRow?> RubricAsync(int id, CancellationToken ct) =>
        await db
            .Rubrics.AsNoTracking()
            .Include(r => r.Criteria.OrderBy(c => c.Order))
            .SingleOrDefaultAsync(r => r.Id == id, ct)
            is { } r
            ? Row(r)
            : null;

    private static CatalogueRow FieldRow(ModelField f) => new(f.Id, f.Code, f.LocalName, null, f.IsActive);

    private static CatalogueRow IndicatorRow(ResultIndicator i) =>
        new(i.Id, i.Code, i.LocalName, i.LocalMeasure, i.IsActive);

    private static RubricRow Row(Rubric r) =>
        new(
            r.Id,
            r.Code,
            r.Version,
            r.Target,
            r.Name,
            r.PassMark,
            r.IsActive,
            [.. r.Criteria.Select(c => new RubricCriterionRow(c.Id, c.Order, c.LocalText, c.Weight, c.MaxScore))]
        );
}
