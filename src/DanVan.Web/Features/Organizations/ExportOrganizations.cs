using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Organizations;

/// <summary>
/// The organization list as .csv or .xlsx: the rows and filters of the list (read by <see cref="ListOrganizations"/>
/// itself, page after page). Audited as an export.
/// </summary>
internal sealed class ExportOrganizations(
    ListOrganizations list,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult> HandleAsync(
        int? unitId,
        OrganizationType? type,
        string? q,
        ExportFormat format,
        CancellationToken ct
    )
    {
        string[] headers =
        [
            L["Export_Id"],
            L["Field_Name"],
            L["Field_ShortName"],
            L["Field_OrganizationType"],
            L["Field_Unit"],
            L["Units_Status"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(Organization),
            null,
            user.Active?.Unit,
            $"format={format}; unit={unitId}; type={type}; q={q}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = ListExport
            .AllPages(after => list.HandleAsync(unitId, type, q, ListExport.PageSize, ct, after))
            .Select(o =>
                (object?[])
                    [
                        o.Id,
                        o.Name,
                        o.ShortName,
                        L.Enum(o.Type),
                        o.UnitName,
                        o.IsActive ? L["Units_Active"].Value : L["Organizations_Closed"].Value,
                    ]
            );
        return await TableExport.ResultAsync(format, "to-chuc", headers, rows, ct);
    }
}
