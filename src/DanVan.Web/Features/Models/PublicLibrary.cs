using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

public sealed record LibraryQuery(
    string? Q = null,
    int? FieldId = null,
    ModelKind? Kind = null,
    RecognitionLevel? Level = null,
    string? After = null,
    int Limit = 30
);

public sealed record LibraryRow(
    int Id,
    string Name,
    ModelKind Kind,
    int FieldId,
    string UnitName,
    string? ProvinceName,
    RecognitionLevel? Level,
    DateOnly? RecognizedOn,
    int Replications
);

public sealed record LibraryReplication(
    string UnitName,
    string? ProvinceName,
    ReplicationStatus Status,
    DateOnly StartDate
);

/// <summary>What the public sees of a model: its content and results, never a person's name unless published.</summary>
public sealed record LibraryModel(
    int Id,
    string Name,
    ModelKind Kind,
    string FieldName,
    string UnitName,
    string? ProvinceName,
    string? PersonName,
    string? Situation,
    string? Goals,
    string? Content,
    string? AreaAndBeneficiaries,
    string? Outputs,
    string? Sustainability,
    RecognitionLevel? Level,
    DateOnly? RecognizedOn,
    string? RecognitionIssuer,
    CommendationForm? CommendationForm,
    IReadOnlyList<ModelResultRow> Results,
    IReadOnlyList<LibraryReplication> Replications,
    IReadOnlyList<AttachmentRow> Photos
);

/// <summary>
/// The public library (no sign-in): recognized or commended models and exemplars their unit marked public.
/// Anything else is "not found" to the public. Search matches every word, with or without diacritics.
/// </summary>
internal sealed class PublicLibrary(DanVanDbContext db)
{
    private IQueryable<MobilizationModel> Published =>
        db
            .Models.AsNoTracking()
            .Where(m => m.IsPublic && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended));

    public async Task<ListPage<LibraryRow>> ListAsync(LibraryQuery query, CancellationToken ct)
    {
        var rows = Published;
        if (query.FieldId is { } fieldId)
        {
            rows = rows.Where(m => m.FieldId == fieldId);
        }

        if (query.Kind is { } kind)
        {
            rows = rows.Where(m => m.Kind == kind);
        }

        if (query.Level is { } level)
        {
            rows = rows.Where(m => m.RecognitionLevel == level);
        }

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

        if (PageCursor.Decode(query.After) is { } cursor)
        {
            rows = rows.Where(m => m.Id < cursor.Id);
        }

        var limit = Math.Clamp(query.Limit, 1, 100);
        var items = await rows.OrderByDescending(m => m.Id)
            .Take(limit + 1)
            .Select(m => new LibraryRow(
                m.Id,
                m.Name,
                m.Kind,
                m.FieldId,
                db.Units.Where(u => u.Id == m.UnitId).Select(u => u.Name).First(),
                db.Units.Where(u => u.Id == m.ProvinceId).Select(u => u.Name).FirstOrDefault(),
                m.RecognitionLevel,
                m.RecognizedOn,
                db.ModelReplications.Count(r => r.SourceModelId == m.Id)
            ))
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode("", items[^1].Id);
        }

        return new ListPage<LibraryRow>(items, next);
    }

    public async Task<LibraryModel?> GetAsync(int id, CancellationToken ct)
    {
        var found = await Published
            .Where(m => m.Id == id)
            .Select(m => new
            {
                Model = m,
                Field = db.ModelFields.Single(f => f.Id == m.FieldId),
                UnitName = db.Units.Where(u => u.Id == m.UnitId).Select(u => u.Name).First(),
                ProvinceName = db.Units.Where(u => u.Id == m.ProvinceId).Select(u => u.Name).FirstOrDefault(),
                Results = db
                    .ModelResults.Where(r => r.ModelId == m.Id && r.ReplicationId == null)
                    .Join(db.ResultIndicators, r => r.IndicatorId, i => i.Id, (r, i) => new { r, i })
                    .OrderBy(x => x.i.SortOrder)
                    .ThenBy(x => x.r.Year)
                    .ToList(),
                Replications = db
                    .ModelReplications.Where(r => r.SourceModelId == m.Id)
                    .OrderBy(r => r.StartDate)
                    .Select(r => new LibraryReplication(
                        db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                        db.Units.Where(u => u.Id == r.ProvinceId).Select(u => u.Name).FirstOrDefault(),
                        r.Status,
                        r.StartDate
                    ))
                    .ToList(),
                Photos = db
                    .CaseDocuments.Where(a => a.ModelId == m.Id && a.Type == AttachmentType.Photo)
                    .OrderBy(a => a.Id)
                    .Select(a => new AttachmentRow(a.Id, a.FileName, a.Type, a.Size, a.Caption, a.CreatedAt))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var m = found.Model;
        return new LibraryModel(
            m.Id,
            m.Name,
            m.Kind,
            found.Field.LocalName,
            found.UnitName,
            found.ProvinceName,
            m.PublishPersonName ? m.PersonName : null,
            m.Situation,
            m.Goals,
            m.Content,
            m.AreaAndBeneficiaries,
            m.Outputs,
            m.Sustainability,
            m.RecognitionLevel,
            m.RecognizedOn,
            m.RecognitionIssuer,
            m.Status == ModelStatus.Commended ? m.CommendationForm : null,
            [
                .. found.Results.Select(x => new ModelResultRow(
                    x.r.Id,
                    x.i.Id,
                    x.i.LocalName,
                    x.i.LocalMeasure,
                    x.r.Year,
                    x.r.Target,
                    x.r.Actual,
                    null,
                    x.r.Version
                )),
            ],
            found.Replications,
            found.Photos
        );
    }
}
