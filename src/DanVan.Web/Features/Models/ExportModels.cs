using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>
/// The model list as the caller filtered it, as .csv or .xlsx: the same filters and scope as the page,
/// read in pages of 2,000 by keyset and written as they arrive. No personal data (a person's name is not a
/// column). The export itself is audited.
/// </summary>
internal sealed class ExportModels(
    DanVanDbContext db,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    ListModels list,
    ModelCatalogueReader catalogues,
    IStringLocalizer<SharedResource> L
)
{
    private const int PageSize = 2000;

    public async Task<IResult> HandleAsync(ModelQuery query, ExportFormat format, CancellationToken ct)
    {
        var filtered = await list.FilterAsync(query, ct);
        var (fields, _) = await catalogues.ReadAsync(ct);
        var fieldNames = fields.ToDictionary(f => f.Id, f => f.LocalName);
        string[] headers =
        [
            L["Export_Id"],
            L["Field_ModelName"],
            L["Field_ModelKind"],
            L["Field_ModelField"],
            L["Field_Unit"],
            L["Field_OwningOrganization"],
            L["Models_Status"],
            L["Models_RegisteredOn"],
            L["Field_RecognitionLevel"],
            L["Models_RecognizedOn"],
            L["Field_DecisionNumber"],
            L["Models_Replications"],
        ];

        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(MobilizationModel),
            null,
            user.Active?.Unit,
            $"format={format}; filters={Describe(query)}"
        );
        await primary.SaveChangesAsync(ct);
        return await TableExport.ResultAsync(format, "mo-hinh", headers, Rows(filtered, fieldNames), ct);
    }

    private IEnumerable<object?[]> Rows(IQueryable<MobilizationModel> filtered, Dictionary<int, string> fieldNames)
    {
        var after = int.MaxValue;
        while (true)
        {
            var cursor = after;
            var page = filtered
                .Where(m => m.Id < cursor)
                .OrderByDescending(m => m.Id)
                .Take(PageSize)
                .Select(m => new
                {
                    m.Id,
                    m.Name,
                    m.Kind,
                    m.FieldId,
                    m.Status,
                    m.RegisteredOn,
                    m.RecognitionLevel,
                    m.RecognizedOn,
                    m.RecognitionDecision,
                    Recognized = m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended,
                    Unit = db.Units.Where(u => u.Id == m.UnitId).Select(u => u.Name).First(),
                    Organization = db.Organizations.Where(o => o.Id == m.OrganizationId).Select(o => o.Name).First(),
                    Replications = db.ModelReplications.Count(r => r.SourceModelId == m.Id),
                })
                .ToList();
            foreach (var m in page)
            {
                yield return
                [
                    m.Id,
                    m.Name,
                    L.Enum(m.Kind),
                    fieldNames.GetValueOrDefault(m.FieldId),
                    m.Unit,
                    m.Organization,
                    L.Enum(m.Status),
                    m.RegisteredOn,
                    m.Recognized && m.RecognitionLevel is { } level ? L.Enum(level) : null,
                    m.Recognized ? m.RecognizedOn : null,
                    m.Recognized ? m.RecognitionDecision : null,
                    m.Replications,
                ];
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private static string Describe(ModelQuery q) =>
        string.Join(
            ' ',
            new[]
            {
                q.UnitId is { } u ? $"unit={u}" : null,
                q.FieldId is { } f ? $"field={f}" : null,
                q.Kind is { } k ? $"kind={k}" : null,
                q.Status is { } s ? $"status={s}" : null,
                q.Level is { } l ? $"level={l}" : null,
                q.Year is { } y ? $"year={y}" : null,
                q.IndicatorId is { } i ? $"indicator={i}" : null,
                string.IsNullOrWhiteSpace(q.Q) ? null : $"q={q.Q}",
            }.Where(x => x is not null)
        );
}
