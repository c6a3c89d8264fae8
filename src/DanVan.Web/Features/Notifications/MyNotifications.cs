using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Notifications;

/// <summary>One notification as the list and the API show it; <see cref="Text"/> is the sentence in the reader's
/// language.</summary>
public sealed record NotificationRow(
    int Id,
    NotificationKind Kind,
    string Subject,
    string Text,
    string Link,
    bool Urgent,
    DateTime CreatedAt,
    DateTime? ReadAt
);

/// <summary>The sentence of a notification, rendered in a given language from its kind and subject.</summary>
public static class NotificationText
{
    /// <summary>The resource key of a kind's sentence; it takes the subject as {0}.</summary>
    public static string KeyOf(NotificationKind kind) => $"Notifications_Kind_{kind}";

    public static string Sentence(NotificationKind kind, string subject, CultureInfo culture) =>
        string.Format(culture, SharedResource.ResourceManager.GetString(KeyOf(kind), culture) ?? KeyOf(kind), subject);
}

/// <summary>
/// The signed-in account's own notifications: list, open, mark read. Nobody sees or touches another account's
/// notifications, whatever their role: a notification of someone else is "not found".
/// </summary>
internal sealed class MyNotifications(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<ListPage<NotificationRow>> ListAsync(
        bool unreadOnly,
        string? after,
        int limit,
        CancellationToken ct
    )
    {
        if (user.AccountId is not { } accountId)
        {
            return new ListPage<NotificationRow>([], null);
        }

        var rows = db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId);
        if (unreadOnly)
        {
            rows = rows.Where(n => n.ReadAt == null);
        }

        if (PageCursor.Decode(after) is { } cursor)
        {
            rows = rows.Where(n => n.Id < cursor.Id);
        }

        limit = Math.Clamp(limit, 1, 200);
        var items = await rows.OrderByDescending(n => n.Id).Take(limit + 1).ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode("", items[^1].Id);
        }

        var culture = CultureInfo.CurrentUICulture;
        return new ListPage<NotificationRow>(
            [
                .. items.Select(n => new NotificationRow(
                    n.Id,
                    n.Kind,
                    n.Subject,
                    NotificationText.Sentence(n.Kind, n.Subject, culture),
                    n.Link,
                    n.Urgent,
                    n.CreatedAt,
                    n.ReadAt
                )),
            ],
            next
        );
    }

    /// <summary>Marks the caller's notification read and returns where it leads (a local path), or null when it is not
    /// the caller's.</summary>
    public async Task<string?> OpenAsync(int id, CancellationToken ct)
    {
        var notification = await MarkAsync(id, ct);
        if (notification is null)
        {
            return null;
        }

        // Links are checked when written; a row written around the check must still not send anyone elsewhere.
        return Notifier.IsLocalPath(notification.Link) ? notification.Link : "/notifications";
    }

    public async Task<bool> MarkReadAsync(int id, CancellationToken ct) => await MarkAsync(id, ct) is not null;

    /// <summary>Marks every unread notification of the caller read in one statement; one audit entry tells how
    /// many.</summary>
    public async Task<int> MarkAllReadAsync(CancellationToken ct)
    {
        if (user.AccountId is not { } accountId)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var count = await db
            .Notifications.Where(n => n.AccountId == accountId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (count > 0)
        {
            db.Audit(
                AuditAction.Update,
                nameof(Notification),
                null,
                user.Active?.Unit,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"ReadAt set on all {count} unread notifications of account {accountId}"
                )
            );
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);

        return count;
    }

    private async Task<Notification?> MarkAsync(int id, CancellationToken ct)
    {
        if (user.AccountId is not { } accountId)
        {
            return null;
        }

        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.AccountId == accountId, ct);
        if (notification is { ReadAt: null })
        {
            notification.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return notification;
    }
}
