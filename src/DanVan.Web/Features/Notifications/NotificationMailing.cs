using System.Globalization;
using System.Text;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Features.Notifications;

/// <summary>When the mailer looks for work (section "Notifications").</summary>
public sealed class NotificationMailOptions
{
    /// <summary>How often the mailer sweeps: urgent notifications go out on the next sweep.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The hour (Vietnam time, 0–23) of the daily digest.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>The background job stays off in the "Testing" environment unless a test turns it on.</summary>
    public bool RunInTesting { get; set; }
}

/// <summary>What one sweep sent: urgent e-mails and digest e-mails.</summary>
public sealed record MailSweep(int Urgent, int Digests);

/// <summary>
/// E-mails notifications: urgent ones one by one, the rest once a day as one digest per account listing what it
/// has not read and was not e-mailed. <see cref="Notification.EmailedAt"/> is the only state: a notification is
/// claimed (EmailedAt set, conditionally, in one statement) before it is sent and released if sending fails, so
/// nothing goes out twice, even with several instances of the app, and nothing is lost when the server was down
/// at the digest hour (the next sweep catches up). E-mails carry the notification's sentence in the account's
/// language, its time and a link, and no other personal data.
/// </summary>
internal sealed class NotificationMailing(
    DanVanDbContext db,
    IMailSender sender,
    IOptions<SmtpOptions> smtp,
    IOptions<NotificationMailOptions> options,
    IConfiguration configuration,
    ILogger<NotificationMailing> log
)
{
    /// <summary>Bounds one sweep's work; what is left goes out on the next sweep.</summary>
    private const int UrgentPerSweep = 200;
    private const int DigestsPerSweep = 200;

    /// <summary>A digest lists at most this many notifications and counts the rest.</summary>
    public const int DigestListed = 50;

    public bool IsConfigured => smtp.Value.IsConfigured;

    /// <summary>
    /// The latest digest moment at or before <paramref name="now"/>: today's digest hour in Vietnam time once it has
    /// come, else yesterday's. The digest takes the notifications created before it.
    /// </summary>
    public DateTime DigestCutoff(DateTimeOffset now)
    {
        var hour = Math.Clamp(options.Value.DigestHour, 0, 23);
        var local = now.UtcDateTime + VietnamTime.Offset;
        var today = local.Date.AddHours(hour);
        var moment = local >= today ? today : today.AddDays(-1);
        return DateTime.SpecifyKind(moment - VietnamTime.Offset, DateTimeKind.Utc);
    }

    /// <summary>One sweep at <paramref name="now"/>: urgent notifications, then the digests that are due. Does nothing
    /// without SMTP.</summary>
    public async Task<MailSweep> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            return new MailSweep(0, 0);
        }

        // The trail names the system, not an anonymous visitor of a request scope.
        db.Actor = null;
        var urgent = await SendUrgentAsync(now.UtcDateTime, ct);
        var digests = await SendDigestsAsync(now.UtcDateTime, DigestCutoff(now), ct);
        return new MailSweep(urgent, digests);
    }

    private sealed record Recipient(
        int Id,
        string Email,
        string? PreferredCulture,
        int HomeUnitId,
        int? ProvinceId,
        int? CommuneId,
        int? VillageId
    )
    {
        public CultureInfo Culture => CultureInfo.GetCultureInfo(Cultures.Normalize(PreferredCulture));

        public UnitRef Unit => new(HomeUnitId, UnitLevel.Village, ProvinceId, CommuneId, VillageId);
    }

    /// <summary>Accounts that can receive e-mail: enabled, with an address.</summary>
    private IQueryable<Features.Accounts.Account> Reachable() =>
        db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Email != null && u.Email != "");

    private IQueryable<Notification> Unsent() =>
        db.Notifications.AsNoTracking().Where(n => n.EmailedAt == null && n.ReadAt == null);

    private async Task<int> SendUrgentAsync(DateTime now, CancellationToken ct)
    {
        var due = await Unsent()
            .Where(n => n.Urgent)
            .Join(
                Reachable(),
                n => n.AccountId,
                u => u.Id,
                (n, u) =>
                    new
                    {
                        Notification = n,
                        u.Email,
                        u.PreferredCulture,
                        u.HomeUnitId,
                        u.ProvinceId,
                        u.CommuneId,
                        u.VillageId,
                    }
            )
            .OrderBy(x => x.Notification.Id)
            .Take(UrgentPerSweep)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var item in due)
        {
            var recipient = new Recipient(
                item.Notification.AccountId,
                item.Email!,
                item.PreferredCulture,
                item.HomeUnitId,
                item.ProvinceId,
                item.CommuneId,
                item.VillageId
            );
            var culture = recipient.Culture;
            var sentence = NotificationText.Sentence(item.Notification.Kind, item.Notification.Subject, culture);
            var body = new StringBuilder()
                .AppendLine(Text(nameof(SharedResource.Notifications_MailUrgentIntro), culture))
                .AppendLine();
            AppendItem(body, item.Notification, sentence, culture);
            AppendFooter(body, culture);
            var mail = new OutgoingMail(
                recipient.Email,
                Text(nameof(SharedResource.Notifications_MailUrgentSubject), culture, sentence),
                body.ToString(),
                culture.TwoLetterISOLanguageName
            );
            if (await SendClaimedAsync([item.Notification.Id], now, recipient, mail, "urgent", ct) > 0)
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<int> SendDigestsAsync(DateTime now, DateTime cutoff, CancellationToken ct)
    {
        var due = Unsent().Where(n => n.CreatedAt < cutoff);
        var recipients = (
            await Reachable()
                .Where(u => due.Any(n => n.AccountId == u.Id))
                .OrderBy(u => u.Id)
                .Take(DigestsPerSweep)
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.PreferredCulture,
                    u.HomeUnitId,
                    u.ProvinceId,
                    u.CommuneId,
                    u.VillageId,
                })
                .ToListAsync(ct)
        ).Select(u => new Recipient(
            u.Id,
            u.Email!,
            u.PreferredCulture,
            u.HomeUnitId,
            u.ProvinceId,
            u.CommuneId,
            u.VillageId
        ));
        var sent = 0;
        foreach (var recipient in recipients)
        {
            var notifications = await due.Where(n => n.AccountId == recipient.Id)
                .OrderByDescending(n => n.Id)
                .ToListAsync(ct);
            if (notifications.Count == 0)
            {
                continue;
            }

            var culture = recipient.Culture;
            var body = new StringBuilder()
                .AppendLine(Text(nameof(SharedResource.Notifications_MailDigestIntro), culture))
                .AppendLine();
            foreach (var notification in notifications.Take(DigestListed))
            {
                AppendItem(
                    body,
                    notification,
                    NotificationText.Sentence(notification.Kind, notification.Subject, culture),
                    culture
                );
            }

            if (notifications.Count > DigestListed)
            {
                body.AppendLine(
                        Text(nameof(SharedResource.Notifications_MailMore), culture, notifications.Count - DigestListed)
                    )
                    .AppendLine();
            }

            AppendFooter(body, culture);
            var mail = new OutgoingMail(
                recipient.Email,
                Text(nameof(SharedResource.Notifications_MailDigestSubject), culture, notifications.Count),
                body.ToString(),
                culture.TwoLetterISOLanguageName
            );
            if (await SendClaimedAsync([.. notifications.Select(n => n.Id)], now, recipient, mail, "digest", ct) > 0)
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>
    /// Claims the notifications (EmailedAt set where still unset and unread), sends the mail if all of them were
    /// claimed here, and releases them again if sending fails. Returns how many were sent.
    /// </summary>
    private async Task<int> SendClaimedAsync(
        List<int> ids,
        DateTime now,
        Recipient recipient,
        OutgoingMail mail,
        string what,
        CancellationToken ct
    )
    {
        var claimed = await db
            .Notifications.Where(n => ids.Contains(n.Id) && n.EmailedAt == null && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, now), ct);
        if (claimed != ids.Count)
        {
            // Read in the meantime, or taken by another instance: give back what we took; the next sweep sees what is
            // left.
            await ReleaseAsync(ids, now, ct);
            return 0;
        }

        try
        {
            await sender.SendAsync(mail, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await ReleaseAsync(ids, now, CancellationToken.None);
            log.LogWarning(
                e,
                "Could not e-mail {What} notifications to account {AccountId}; they stay queued.",
                what,
                recipient.Id
            );
            throw;
        }

        // One entry per e-mail: a single notification is named as the entity, a digest's are listed in the details.
        db.Audit(
            AuditAction.Emailed,
            nameof(Notification),
            ids.Count == 1 ? ids[0].ToString(CultureInfo.InvariantCulture) : null,
            recipient.Unit,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what} e-mail of {ids.Count} notification(s) to account {recipient.Id}: {Ids(ids)}"
            ),
            actorName: "system"
        );
        await db.SaveChangesAsync(ct);
        return claimed;
    }

    private Task<int> ReleaseAsync(List<int> ids, DateTime stamp, CancellationToken ct) =>
        db
            .Notifications.Where(n => ids.Contains(n.Id) && n.EmailedAt == stamp)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, (DateTime?)null), ct);

    private static string Ids(List<int> ids)
    {
        var text = string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return text.Length > 1800 ? text[..1800] + "…" : text;
    }

    private void AppendItem(StringBuilder body, Notification notification, string sentence, CultureInfo culture) =>
        body.Append("• ")
            .AppendLine(sentence)
            .Append("  ")
            .AppendLine(VietnamTime.FromUtc(notification.CreatedAt).ToString("g", culture) + " (UTC+7)")
            .Append("  ")
            .AppendLine(Url($"/notifications/{notification.Id.ToString(CultureInfo.InvariantCulture)}/open"))
            .AppendLine();

    private void AppendFooter(StringBuilder body, CultureInfo culture) =>
        body.AppendLine(Text(nameof(SharedResource.Notifications_MailAll), culture, Url("/notifications")))
            .AppendLine()
            .AppendLine("-- ")
            .AppendLine(
                Text(
                    nameof(SharedResource.Notifications_MailFooter),
                    culture,
                    Math.Clamp(options.Value.DigestHour, 0, 23)
                )
            );

    /// <summary>An absolute address when App:BaseUrl is configured, else the path (the reader knows the
    /// site).</summary>
    private string Url(string path) =>
        configuration["App:BaseUrl"] is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : path;

    private static string Text(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, SharedResource.ResourceManager.GetString(key, culture) ?? key, args);
}
