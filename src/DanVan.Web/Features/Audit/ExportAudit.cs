using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Audit;

/// <summary>
/// The audit trail as .csv or .xlsx for an inspection: the entries and filters of the page (read by
/// <see cref="ListAudit"/> itself, page after page, within the caller's subtree), times in Vietnam's time as real
/// date-times, the recorded values as they are in the trail (which never holds personal data or secrets). The export is
/// itself an entry of the trail.
/// </summary>
internal sealed class ExportAudit(
    ListAudit list,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult> HandleAsync(AuditQuery query, ExportFormat format, CancellationToken ct)
    {
        string[] headers =
        [
            L["Export_Id"],
            L["Audit_When"],
            L["Audit_Who"],
            L["Field_Unit"],
            L["Audit_What"],
            L["Audit_Entity"],
            L["Audit_EntityId"],
            L["Audit_Before"].Value.TrimEnd(':'),
            L["Audit_After"].Value.TrimEnd(':'),
            L["Audit_Details"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(AuditEntry),
            null,
            user.Active?.Unit,
            $"format={format}; unit={query.UnitId}; account={query.AccountId}; entity={query.EntityType}; from={query.From}; to={query.To}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = ListExport
            .AllPages(async after =>
            {
                var before = long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out var b)
                    ? b
                    : (long?)null;
                var page = await list.HandleAsync(query with { Before = before, Limit = ListExport.PageSize }, ct);
                return new ListPage<AuditRow>(
                    page.Items,
                    page.Next?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                );
            })
            .Select(a =>
                (object?[])
                    [
                        a.Id,
                        VietnamTime.FromUtc(a.At),
                        a.ActorName,
                        a.UnitName,
                        L.Enum(a.Action),
                        L.Entity(a.EntityType),
                        a.EntityId,
                        a.Before,
                        a.After,
                        a.Details,
                    ]
            );
        return await TableExport.ResultAsync(format, "nhat-ky", headers, rows, ct);
    }
}

/// <summary>The audit trail's file, for the signed-in page (there is no audit API).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(
                "/audit/export",
                async (
                    ExportAudit handler,
                    string? format,
                    int? unitId,
                    int? accountId,
                    string? entity,
                    DateOnly? from,
                    DateOnly? to,
                    CancellationToken ct
                ) =>
                    TableExport.Parse(format) is { } f
                        ? await handler.HandleAsync(
                            new AuditQuery(
                                unitId,
                                accountId,
                                string.IsNullOrEmpty(entity) ? null : entity,
                                null,
                                from,
                                to
                            ),
                            f,
                            ct
                        )
                        : Problems.From(
                            ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Export_Format)
                        )
            )
            .WithName("ExportAuditPage")
            .RunsInBackground()
            .RequireAuthorization(RolePermissions.PolicyName(Permission.AuditView))
            .ExcludeFromDescription();
}
