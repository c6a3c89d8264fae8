using System.Collections.Concurrent;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Tests.Notifications;

/// <summary>Takes the place of the SMTP sender: keeps every message, or fails for chosen recipients.</summary>
public sealed class RecordingMailSender : IMailSender
{
    public ConcurrentQueue<OutgoingMail> Sent { get; } = new();

    public Func<OutgoingMail, bool> FailWhen { get; set; } = _ => false;

    public Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        if (FailWhen(mail))
        {
            throw new IOException("The mail server is not answering.");
        }

        Sent.Enqueue(mail);
        return Task.CompletedTask;
    }

    public List<OutgoingMail> To(string address) => [.. Sent.Where(m => m.To == address)];
}

/// <summary>The app with a mail server configured (and recorded), absolute links, the digest at 07:00.</summary>
public class MailApp : DanVanApp
{
    public RecordingMailSender Mail { get; } = new();

    protected virtual bool SmtpConfigured => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (SmtpConfigured)
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", "2525");
            builder.UseSetting("Smtp:From", "DanVan <noreply@danvan.example.vn>");
        }

        builder.UseSetting("App:BaseUrl", "https://danvan.example.vn/");
        builder.UseSetting("Notifications:DigestHour", "7");
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.RemoveAll<IMailSender>();
        services.AddSingleton<IMailSender>(Mail);
    }

    /// <summary>One sweep of the mailer at <paramref name="now"/>, as the background job would run it.</summary>
    internal async Task<MailSweep> SweepAsync(DateTimeOffset now)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<NotificationMailing>()
            .SweepAsync(now, CancellationToken.None);
    }

    /// <summary>Notifies at a chosen time (the notifier's clock), as a feature would inside its save.</summary>
    public Task NotifyAtAsync(
        DateTimeOffset at,
        int accountId,
        NotificationKind kind,
        string subject,
        bool urgent = false
    ) =>
        WithDbAsync(async db =>
        {
            new Notifier(db, new FakeTimeProvider(at)).Notify(
                [accountId],
                kind,
                subject,
                "/petitions/" + subject,
                urgent
            );
            await db.SaveChangesAsync();
        });

    public Task<List<Notification>> NotificationsOfAsync(int accountId) =>
        WithDbAsync(db =>
            db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId).OrderBy(n => n.Id).ToListAsync()
        );

    public Task SetCultureAsync(int accountId, string? culture) =>
        WithDbAsync(db =>
            db.Users.Where(u => u.Id == accountId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture))
        );
}

/// <summary>The same app without any mail server configured.</summary>
public sealed class NoSmtpApp : MailApp
{
    protected override bool SmtpConfigured => false;
}

/// <summary>The mail server configured, the background job switched on in tests, sweeping often, no base
/// address.</summary>
public sealed class BackgroundMailApp : MailApp
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>10:00 in Vietnam: far from the 07:00 digest.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 3, 11, 3, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:BaseUrl", "");
        builder.UseSetting("Notifications:RunInTesting", "true");
        builder.UseSetting("Notifications:SweepInterval", "00:01:00");
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>
/// E-mail: urgent notifications one by one on the next sweep, the rest once a day as one digest per account, in the
/// account's language, each notification at most once, nothing without a mail server.
/// </summary>
public sealed class NotificationMailTests(MailApp app) : IClassFixture<MailApp>
{
    /// <summary>A moment in Vietnam time (UTC+7).</summary>
    private static DateTimeOffset Vn(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2030, month, day, hour, minute, second, TimeSpan.FromHours(7));

    [Fact]
    public async Task Urgent_ones_go_at_the_next_sweep_the_rest_in_one_digest_per_account_at_seven_and_nothing_twice()
    {
        var a = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var b = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C2);
        await app.SetCultureAsync(b.Id, "en-GB");
        var afternoon = Vn(3, 9, 15);
        await app.NotifyAtAsync(afternoon, a.Id, NotificationKind.PetitionOverdue, "KN-A1");
        await app.NotifyAtAsync(afternoon, a.Id, NotificationKind.PetitionAnswered, "KN-A2");
        await app.NotifyAtAsync(afternoon, a.Id, NotificationKind.PetitionEscalated, "KN-A3", urgent: true);
        await app.NotifyAtAsync(afternoon, b.Id, NotificationKind.PetitionOverdue, "KN-B1");
        await app.NotifyAtAsync(afternoon, b.Id, NotificationKind.PetitionReopened, "KN-B2");
        await app.NotifyAtAsync(afternoon, b.Id, NotificationKind.PetitionAssigned, "KN-B3");
        // B reads one in the app before the digest: it is not e-mailed.
        var readInApp = (await app.NotificationsOfAsync(b.Id))[2].Id;
        await app.WithDbAsync(db =>
            db.Notifications.Where(n => n.Id == readInApp)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow))
        );

        await app.SweepAsync(Vn(3, 9, 15, 0, 30));
        var urgent = Assert.Single(app.Mail.To(a.Email));
        Assert.Equal("DanVan (khẩn): Kiến nghị quá hạn KN-A3 đã được chuyển lên đơn vị của bạn", urgent.Subject);
        Assert.Equal("vi", urgent.Language);
        var urgentId = (await app.NotificationsOfAsync(a.Id))[2].Id;
        Assert.Contains(
            $"https://danvan.example.vn/notifications/{urgentId}/open",
            urgent.Body,
            StringComparison.Ordinal
        );
        Assert.Contains("09/03/2030 15:00", urgent.Body, StringComparison.Ordinal);
        Assert.Empty(app.Mail.To(b.Email));

        // Later the same day and just before seven the next morning: nothing more.
        await app.SweepAsync(Vn(3, 9, 15, 1, 30));
        await app.SweepAsync(Vn(3, 9, 22));
        await app.SweepAsync(Vn(3, 10, 6, 59, 59));
        Assert.Single(app.Mail.To(a.Email));
        Assert.Empty(app.Mail.To(b.Email));

        await app.SweepAsync(Vn(3, 10, 7));
        var digestA = app.Mail.To(a.Email)[1];
        Assert.Equal("DanVan: 2 thông báo mới", digestA.Subject);
        Assert.Contains("Kiến nghị KN-A1 đã quá hạn", digestA.Body, StringComparison.Ordinal);
        Assert.Contains("Kiến nghị KN-A2 đã được trả lời", digestA.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("KN-A3", digestA.Body, StringComparison.Ordinal);
        Assert.Contains("https://danvan.example.vn/notifications", digestA.Body, StringComparison.Ordinal);
        var digestB = Assert.Single(app.Mail.To(b.Email));
        Assert.Equal("DanVan: 2 new notifications", digestB.Subject);
        Assert.Equal("en", digestB.Language);
        Assert.Contains("Petition KN-B1 is overdue", digestB.Body, StringComparison.Ordinal);
        Assert.Contains("Petition KN-B2 was reopened", digestB.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("KN-B3", digestB.Body, StringComparison.Ordinal);
        Assert.Contains("09/03/2030 15:00", digestB.Body, StringComparison.Ordinal);

        // A notification after seven waits for the next morning's digest.
        await app.NotifyAtAsync(Vn(3, 10, 7, 30), a.Id, NotificationKind.ExtensionRequested, "KN-A4");
        await app.SweepAsync(Vn(3, 10, 7, 1));
        await app.SweepAsync(Vn(3, 10, 18));
        Assert.Equal(2, app.Mail.To(a.Email).Count);
        await app.SweepAsync(Vn(3, 11, 7, 0, 20));
        await app.SweepAsync(Vn(3, 11, 7, 1));
        await app.SweepAsync(Vn(3, 12, 7));
        var mailsA = app.Mail.To(a.Email);
        Assert.Equal(3, mailsA.Count);
        Assert.Equal("DanVan: 1 thông báo mới", mailsA[2].Subject);
        Assert.Contains("Có đề nghị gia hạn cho kiến nghị KN-A4", mailsA[2].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("KN-A1", mailsA[2].Body, StringComparison.Ordinal);
        Assert.Single(app.Mail.To(b.Email));

        Assert.All(await app.NotificationsOfAsync(a.Id), n => Assert.NotNull(n.EmailedAt));
        Assert.Null((await app.NotificationsOfAsync(b.Id)).Single(n => n.Id == readInApp).EmailedAt);
        var sent = await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.Action == AuditAction.Emailed && e.Details!.Contains($"to account {a.Id}:"))
                .CountAsync()
        );
        Assert.Equal(3, sent);
    }

    [Fact]
    public async Task The_e_mail_follows_the_accounts_language_and_carries_no_other_personal_data()
    {
        var german = await app.CreateAccountAsync(Role.Leader, app.Tree.P1);
        await app.SetCultureAsync(german.Id, "de-DE");
        var vietnamese = await app.CreateAccountAsync(Role.Officer, app.Tree.V1);
        await app.SetCultureAsync(vietnamese.Id, null);
        var at = Vn(4, 1, 9);
        await app.NotifyAtAsync(at, german.Id, NotificationKind.PetitionOverdue, "KN-D1 Straßenlaterne", urgent: true);
        await app.NotifyAtAsync(at, vietnamese.Id, NotificationKind.DialogueResultsDue, "ĐT-2030-04", urgent: true);

        await app.SweepAsync(at.AddMinutes(1));
        var de = Assert.Single(app.Mail.To(german.Email));
        Assert.Equal("DanVan (dringend): Anliegen KN-D1 Straßenlaterne ist überfällig", de.Subject);
        Assert.Equal("de", de.Language);
        Assert.Contains("01.04.2030 09:00", de.Body, StringComparison.Ordinal);
        Assert.Contains("bitte antworten Sie nicht", de.Body, StringComparison.Ordinal);
        var vi = Assert.Single(app.Mail.To(vietnamese.Email));
        Assert.Equal("DanVan (khẩn): Phải công bố kết quả đối thoại ĐT-2030-04", vi.Subject);
        Assert.Contains("vui lòng không trả lời", vi.Body, StringComparison.Ordinal);
        foreach (var (mail, account) in new[] { (de, german), (vi, vietnamese) })
        {
            var name = await app.WithDbAsync(db =>
                db.Users.Where(u => u.Id == account.Id).Select(u => u.DisplayName).SingleAsync()
            );
            Assert.DoesNotContain(name, mail.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Email, mail.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Unit.Name, mail.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Disabled_accounts_get_no_e_mail_and_a_failed_send_is_retried_at_the_next_sweep()
    {
        var disabled = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        await app.WithDbAsync(db =>
            db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true))
        );
        var unlucky = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var at = Vn(5, 2, 10);
        await app.NotifyAtAsync(at, disabled.Id, NotificationKind.PetitionOverdue, "KN-X1", urgent: true);
        await app.NotifyAtAsync(at, unlucky.Id, NotificationKind.PetitionOverdue, "KN-U1", urgent: true);

        app.Mail.FailWhen = m => m.To == unlucky.Email;
        try
        {
            await Assert.ThrowsAsync<IOException>(() => app.SweepAsync(at.AddMinutes(1)));
            Assert.Null((await app.NotificationsOfAsync(unlucky.Id)).Single().EmailedAt);
        }
        finally
        {
            app.Mail.FailWhen = _ => false;
        }

        await app.SweepAsync(at.AddMinutes(2));
        await app.SweepAsync(at.AddMinutes(3));
        await app.SweepAsync(Vn(5, 3, 7));
        Assert.Single(app.Mail.To(unlucky.Email));
        Assert.NotNull((await app.NotificationsOfAsync(unlucky.Id)).Single().EmailedAt);
        Assert.Empty(app.Mail.To(disabled.Email));
        Assert.Null((await app.NotificationsOfAsync(disabled.Id)).Single().EmailedAt);
    }

    [Fact]
    public async Task A_digest_lists_at_most_fifty_and_counts_the_rest()
    {
        var busy = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        await app.WithDbAsync(async db =>
        {
            var notifier = new Notifier(db, new FakeTimeProvider(Vn(6, 1, 12)));
            for (var i = 1; i <= NotificationMailing.DigestListed + 3; i++)
            {
                notifier.Notify([busy.Id], NotificationKind.PetitionAssigned, $"KN-M{i:000}", $"/petitions/{i}");
            }

            await db.SaveChangesAsync();
        });
        await app.SweepAsync(Vn(6, 2, 7, 0, 5));
        var digest = Assert.Single(app.Mail.To(busy.Email));
        Assert.Equal("DanVan: 53 thông báo mới", digest.Subject);
        Assert.Contains("KN-M053", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("KN-M003 ", digest.Body, StringComparison.Ordinal);
        Assert.Contains("… và 3 thông báo khác.", digest.Body, StringComparison.Ordinal);
        var ids = (await app.NotificationsOfAsync(busy.Id)).Select(n => n.Id).ToList();
        Assert.All(await app.NotificationsOfAsync(busy.Id), n => Assert.NotNull(n.EmailedAt));
        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.SingleAsync(e =>
                e.Action == AuditAction.Emailed && e.Details!.Contains($"to account {busy.Id}:")
            )
        );
        Assert.Equal("system", audit.ActorName);
        Assert.Null(audit.EntityId);
        Assert.Contains(
            ids[^1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            audit.Details,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task The_digest_moment_is_the_configured_hour_in_Vietnam_time()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mailing = scope.ServiceProvider.GetRequiredService<NotificationMailing>();
        Assert.Equal(new DateTime(2030, 3, 10, 0, 0, 0, DateTimeKind.Utc), mailing.DigestCutoff(Vn(3, 10, 7)));
        Assert.Equal(new DateTime(2030, 3, 10, 0, 0, 0, DateTimeKind.Utc), mailing.DigestCutoff(Vn(3, 11, 6, 59)));
        Assert.Equal(new DateTime(2030, 3, 9, 0, 0, 0, DateTimeKind.Utc), mailing.DigestCutoff(Vn(3, 10, 6, 59)));
        // 23:30 UTC is already 06:30 the next day in Hà Nội.
        Assert.Equal(
            new DateTime(2030, 3, 10, 0, 0, 0, DateTimeKind.Utc),
            mailing.DigestCutoff(new DateTimeOffset(2030, 3, 10, 23, 30, 0, TimeSpan.Zero))
        );
    }
}

/// <summary>Without a mail server nothing is sent or marked, and the background job stays idle.</summary>
public sealed class NotificationMailWithoutSmtpTests(NoSmtpApp app) : IClassFixture<NoSmtpApp>
{
    [Fact]
    public async Task Nothing_is_sent_or_marked_when_SMTP_is_not_configured()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var at = new DateTimeOffset(2030, 3, 9, 8, 0, 0, TimeSpan.Zero);
        await app.NotifyAtAsync(at, officer.Id, NotificationKind.PetitionOverdue, "KN-N1", urgent: true);
        await app.NotifyAtAsync(at, officer.Id, NotificationKind.PetitionOverdue, "KN-N2");

        Assert.Equal(new MailSweep(0, 0), await app.SweepAsync(at.AddDays(2)));
        Assert.Empty(app.Mail.Sent);
        Assert.All(await app.NotificationsOfAsync(officer.Id), n => Assert.Null(n.EmailedAt));
        var mailer = app.Services.GetServices<IHostedService>().OfType<NotificationMailer>().Single();
        Assert.True(mailer.ExecuteTask!.IsCompletedSuccessfully);
    }
}

/// <summary>
/// The background job itself, switched on, on a fake clock: each tick of its timer is a sweep, and the test waits for
/// the
/// sweep it caused rather than for wall-clock time.
/// </summary>
public sealed class NotificationMailerJobTests(BackgroundMailApp app) : IClassFixture<BackgroundMailApp>
{
    [Fact]
    public async Task The_job_e_mails_an_urgent_notification_by_itself_once_with_a_relative_link_and_keeps_the_rest_for_the_digest()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var mailer = app.Services.GetServices<IHostedService>().OfType<NotificationMailer>().Single();
        await app.NotifyAtAsync(
            app.Clock.GetUtcNow(),
            officer.Id,
            NotificationKind.PetitionEscalated,
            "KN-J1",
            urgent: true
        );
        await app.NotifyAtAsync(app.Clock.GetUtcNow(), officer.Id, NotificationKind.PetitionOverdue, "KN-J2");

        // The start-up sweep (before the notifications), then the one a tick of the timer brings, which finds the
        // urgent
        // one, then several more that must not send it again.
        await SweptAsync(mailer, 1);
        for (var tick = 0; tick < 4; tick++)
        {
            var done = mailer.Sweeps;
            app.Clock.Advance(BackgroundMailApp.Interval);
            await SweptAsync(mailer, done + 1);
            Assert.Single(app.Mail.To(officer.Email));
        }

        var mail = Assert.Single(app.Mail.To(officer.Email));
        var notifications = await app.NotificationsOfAsync(officer.Id);
        Assert.Contains(
            $"\n  /notifications/{notifications[0].Id}/open",
            mail.Body.ReplaceLineEndings("\n"),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("http", mail.Body, StringComparison.Ordinal);
        Assert.NotNull(notifications[0].EmailedAt);
        Assert.Null(notifications[1].EmailedAt);
        Assert.False(mailer.ExecuteTask!.IsCompleted);
    }

    /// <summary>Returns once the job has done <paramref name="count"/> sweeps (30 s at most: a guard, not a
    /// wait).</summary>
    private static async Task SweptAsync(NotificationMailer mailer, int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (mailer.Sweeps >= count)
            {
                reached.TrySetResult();
            }
        }

        mailer.Swept += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        finally
        {
            mailer.Swept -= Check;
        }
    }
}
