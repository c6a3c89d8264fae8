using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

/// <summary>The filters of the model list (all optional; the unit filter includes the unit's subtree).</summary>
public sealed record ModelQuery(
    int? UnitId = null,
    int? FieldId = null,
    ModelKind? Kind = null,
    ModelStatus? Status = null,
    RecognitionLevel? Level = null,
    int? Year = null,
    int? IndicatorId = null,
    string? Q = null,
    string? After = null,
    int Limit = 50
)
{
    /// <summary>The unit of <see cref="UnitId"/> when the caller has already loaded it (saves a statement).</summary>
    public UnitRef? Subtree { get; init; }
}

public sealed record ModelListRow(
    int Id,
    string Name,
    ModelKind Kind,
    ModelStatus Status,
    int FieldId,
    int UnitId,
    string UnitName,
    RecognitionLevel? RecognitionLevel,
    DateOnly? RegisteredOn,
    DateOnly? RecognizedOn
);

/// <summary>
/// Models inside the caller's subtrees, filtered, newest first, keyset-paged. Search matches every word of the
/// query in the name, tags, target group and registration items, with or without diacritics.
/// </summary>
internal sealed class ListModels(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ListPage<ModelListRow>> HandleAsync(ModelQuery query, CancellationToken ct)
    {
        var rows = await FilterAsync(query, ct);
        if (PageCursor.Decode(query.After) is { } cursor)
        {
            rows = rows.Where(m => m.Id < cursor.Id);
        }

        var limit = Math.Clamp(query.Limit, 1, 500);
        var items = await rows.OrderByDescending(m => m.Id)
            .Take(limit + 1)
            .Join(
                db.Units,
                m => m.UnitId,
                u => u.Id,
                (m, u) =>
                    new ModelListRow(
                        m.Id,
                        m.Name,
                        m.Kind,
                        m.Status,
                        m.FieldId,
                        m.UnitId,
                        u.Name,
                        m.RecognitionLevel,
                        m.RegisteredOn,
                        m.RecognizedOn
                    )
            )
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode("", items[^1].Id);
        }

        return new ListPage<ModelListRow>(items, next);
    }

    /// <summary>The caller's models narrowed by the query's filters (also used by the export).</summary>
    public async Task<IQueryable<MobilizationModel>> FilterAsync(ModelQuery query, CancellationToken ct)
    {
        var rows = db.Models.AsNoTracking().Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView));
        if (query.UnitId is { } unitId)
        {
            var unit =
                query.Subtree is { } known && known.Id == unitId
                    ? new { known.Id, known.Level }
                    : await db
                        .Units.AsNoTracking()
                        .Where(u => u.Id == unitId)
                        .Select(u => new { u.Id, u.Level })
                        .SingleOrDefaultAsync(ct);
            rows = unit is null
                ? rows.Where(_ => false)
                : rows.Where(
                    UnitScope.Within<MobilizationModel>(
                        [(unit.Level, unit.Id)],
                        m => m.ProvinceId,
                        m => m.CommuneId,
                        m => m.VillageId
                    )
                );
        }

        if (query.FieldId is { } fieldId)
        {
            rows = rows.Where(m => m.FieldId == fieldId);
        }

        if (query.Kind is { } kind)
        {
            rows = rows.Where(m => m.Kind == kind);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(m => m.Status == status);
        }

        if (query.Level is { } level)
        {
            rows = rows.Where(m =>
                m.RecognitionLevel == level && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
            );
        }

        if (query.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            rows = rows.Where(m => m.RegisteredOn >= from && m.RegisteredOn <= to);
        }

        if (query.IndicatorId is { } indicatorId)
        {
            rows = rows.Where(m => db.ModelResults.Any(r => r.ModelId == m.Id && r.IndicatorId == indicatorId));
        }

        // Every word must appear, in any order: "dan van kheo hien dat" finds "Dân vận khéo trong hiến đất".
        foreach (
            var word in TextSearch
                .Normalize(query.Q)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Distinct()
                .Take(8)
        )
        {
            rows = rows.Where(m => m.SearchText.Contains(word));
        }

        return rows;
    }
}
