using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Notifications;

/// <summary>
/// How any feature tells accounts that something needs them. <see cref="Notify"/> only adds rows to the
/// context: the caller's own <c>SaveChanges</c> writes them in the same transaction as the change they report,
/// so a notice exists exactly when its cause does. The mailer e-mails them later (urgent ones within a minute,
/// the rest in a daily digest).
/// </summary>
public sealed class Notifier(DanVanDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Adds one notification per distinct account. <paramref name="subject"/> is a short text shown in any language
    /// (a tracking code and title); <paramref name="link"/> a local path such as "/petitions/12".
    /// </summary>
    /// <exception cref="ArgumentException">An empty subject, or a link that is not a local path.</exception>
    public void Notify(
        IEnumerable<int> accountIds,
        NotificationKind kind,
        string subject,
        string link,
        bool urgent = false
    )
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind.");
        }

        subject = (subject ?? "").Trim();
        if (subject.Length == 0)
        {
            throw new ArgumentException("A notification needs a subject.", nameof(subject));
        }

        if (!IsLocalPath(link) || link.Length > Notification.LinkLength)
        {
            throw new ArgumentException(
                $"A notification links to a local path of at most {Notification.LinkLength} characters.",
                nameof(link)
            );
        }

        if (subject.Length > Notification.SubjectLength)
        {
            subject = subject[..(Notification.SubjectLength - 1)] + "…";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var accountId in accountIds.Distinct())
        {
            db.Notifications.Add(
                new Notification
                {
                    AccountId = accountId,
                    Kind = kind,
                    Subject = subject,
                    Link = link,
                    Urgent = urgent,
                    CreatedAt = now,
                }
            );
        }
    }

    /// <summary>
    /// The enabled accounts that hold <paramref name="role"/> at exactly <paramref name="unitId"/> (not above or
    /// below it) and, when <paramref name="organizationId"/> is given, for that organization: the recipients of a
    /// notice addressed to a unit's office or to an agency.
    /// </summary>
    public Task<List<int>> AccountsAsync(Role role, int unitId, int? organizationId, CancellationToken ct) =>
        db
            .Assignments.AsNoTracking()
            .Where(a =>
                a.Role == role && a.UnitId == unitId && (organizationId == null || a.OrganizationId == organizationId)
            )
            .Join(db.Users.Where(u => !u.IsDisabled), a => a.AccountId, u => u.Id, (a, _) => a.AccountId)
            .Distinct()
            .OrderBy(id => id)
            .ToListAsync(ct);

    /// <summary>
    /// The enabled accounts that hold one of <paramref name="roles"/> at exactly each of <paramref name="unitIds"/>, by
    /// unit: the recipients of a scheduled job's notices to many units' offices, in one statement rather than one per
    /// unit.
    /// </summary>
    public async Task<ILookup<int, int>> AccountsByUnitAsync(
        IReadOnlyCollection<Role> roles,
        IReadOnlyCollection<int> unitIds,
        CancellationToken ct
    ) =>
        (
            await db
                .Assignments.AsNoTracking()
                .Where(a => roles.Contains(a.Role) && unitIds.Contains(a.UnitId))
                .Join(
                    db.Users.Where(u => !u.IsDisabled),
                    a => a.AccountId,
                    u => u.Id,
                    (a, _) => new { a.UnitId, a.AccountId }
                )
                .Distinct()
                .ToListAsync(ct)
        ).ToLookup(x => x.UnitId, x => x.AccountId);

    /// <summary>A path on this site: starts with one "/" (not "//" or "/\", which browsers take for another
    /// host).</summary>
    public static bool IsLocalPath(string? link) =>
        link is { Length: > 0 }
        && link[0] == '/'
        && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);
}
