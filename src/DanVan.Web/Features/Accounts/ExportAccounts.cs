using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>
/// The account list as .csv or .xlsx: the accounts the caller may see, with the search on screen (read by
/// <see cref="ListAccounts"/> itself, page after page) — name, address, home unit, roles, status. Nothing secret: no
/// password, key or token. Audited as an export.
/// </summary>
internal sealed class ExportAccounts(
    ListAccounts list,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult> HandleAsync(string? q, int? unitId, ExportFormat format, CancellationToken ct)
    {
        string[] headers =
        [
            L["Export_Id"],
            L["Field_DisplayName"],
            L["Field_Email"],
            L["Field_HomeUnit"],
            L["Accounts_Roles"],
            L["Units_Status"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(Account),
            null,
            user.Active?.Unit,
            $"format={format}; unit={unitId}; q={q}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = ListExport
            .AllPages(after => list.HandleAsync(q, unitId, ListExport.PageSize, ct, after))
            .Select(a =>
                (object?[])
                    [
                        a.Id,
                        a.DisplayName,
                        a.Email,
                        a.HomeUnitName,
                        string.Join(", ", a.Roles.Select(r => L.Enum(r))),
                        a.IsDisabled ? L["Accounts_Disabled"].Value
                        : a.LockedOut ? L["Accounts_LockedOut"].Value
                        : L["Units_Active"].Value,
                    ]
            );
        return await TableExport.ResultAsync(format, "tai-khoan", headers, rows, ct);
    }
}
