using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>
/// Where a model is replicated, as .csv or .xlsx: the list its page shows (<see cref="GetModel"/>, so the same model the
/// caller may see and the same replications), one row a replication with its unit, commune, province, status, start and
/// its latest actual value per indicator any of them reports, as numbers. Audited.
/// </summary>
internal sealed class ExportReplications(
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    GetModel models,
    ModelCatalogueReader catalogues,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult?> HandleAsync(int id, ExportFormat format, CancellationToken ct)
    {
        if (await models.HandleAsync(id, ct, full: false) is not { } detail)
        {
            return null;
        }

        var (_, indicators) = await catalogues.ReadAsync(ct);
        var reported = indicators
            .Where(i => detail.Replications.Any(r => r.ActualByIndicator.ContainsKey(i.Id)))
            .ToList();
        string[] headers =
        [
            L["Export_Id"],
            L["Field_Unit"],
            L["Export_Commune"],
            L["Export_Province"],
            L["Models_Status"],
            L["Field_StartDate"],
            .. reported.Select(i => $"{i.LocalName} ({i.LocalMeasure})"),
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(ModelReplication),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            user.Active?.Unit,
            $"format={format}; model={id}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = detail.Replications.Select(r =>
            (object?[])
                [
                    r.Id,
                    r.UnitName,
                    r.CommuneName,
                    r.ProvinceName,
                    L.Enum(r.Status),
                    r.StartDate,
                    .. reported.Select(i => r.ActualByIndicator.TryGetValue(i.Id, out var v) ? (object?)v : null),
                ]
        );
        return await TableExport.ResultAsync(format, $"nhan-rong-{id}", headers, rows, ct);
    }
}
