using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Notifications;

/// <summary>
/// The signed-in account's own notifications as .csv or .xlsx (read by <see cref="MyNotifications"/> itself, page after
/// page; nobody exports another account's): when, the sentence in the reader's language, urgent or not, when read.
/// Audited as an export.
/// </summary>
internal sealed class ExportNotifications(
    MyNotifications list,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult> HandleAsync(bool unreadOnly, ExportFormat format, CancellationToken ct)
    {
        string[] headers =
        [
            L["Audit_When"],
            L["Notifications_Title"],
            L["Notifications_Urgent"],
            L["Notifications_ReadAt"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(Notification),
            null,
            user.Active?.Unit,
            $"format={format}; unread={unreadOnly}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = ListExport
            .AllPages(after => list.ListAsync(unreadOnly, after, ListExport.PageSize, ct))
            .Select(n =>
                (object?[])
                    [
                        VietnamTime.FromUtc(n.CreatedAt),
                        n.Text,
                        n.Urgent ? L["Common_Yes"].Value : L["Common_No"].Value,
                        n.ReadAt is { } read ? VietnamTime.FromUtc(read) : null,
                    ]
            );
        return await TableExport.ResultAsync(format, "thong-bao", headers, rows, ct);
    }
}
