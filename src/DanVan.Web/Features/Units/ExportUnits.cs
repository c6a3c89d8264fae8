using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

/// <summary>
/// The unit list as .csv or .xlsx: the rows and filters of the list (read by <see cref="ListUnits"/> itself, page after
/// page), the official codes as text, the dates as dates. Audited as an export.
/// </summary>
internal sealed class ExportUnits(
    ListUnits list,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult> HandleAsync(UnitListQuery query, ExportFormat format, CancellationToken ct)
    {
        string[] headers =
        [
            L["Field_Code"],
            L["Field_Name"],
            L["Field_NameEn"],
            L["Field_Kind"],
            L["Field_ValidFrom"],
            L["Field_ValidTo"],
            L["Units_Status"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(Unit),
            null,
            user.Active?.Unit,
            $"format={format}; q={query.Q}; parent={query.ParentId}; kind={query.Kind}; retired={query.IncludeRetired}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = ListExport
            .AllPages(async after =>
            {
                var page = await list.HandleAsync(query with { After = after, Limit = ListExport.PageSize }, ct);
                return new ListPage<UnitRow>(page.Items, page.Next);
            })
            .Select(u =>
                (object?[])
                    [
                        u.Code,
                        u.Name,
                        u.NameEn,
                        L.Enum(u.Kind),
                        u.ValidFrom,
                        u.ValidTo,
                        u.ValidTo is null
                            ? L["Units_Active"].Value
                            : L["Units_RetiredOn", VietnamTime.Format(u.ValidTo.Value)].Value,
                    ]
            );
        return await TableExport.ResultAsync(format, "don-vi", headers, rows, ct);
    }
}
