using DanVan.Web.Features.Notifications;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Privacy;

/// <summary>
/// Keeps the law's two deadlines in sight: the holders of <see cref="Permission.PrivacyRequests"/> at a request's unit
/// get a notice when its acknowledgement is due (an urgent one: two working days are short), another
/// <see cref="PrivacyRules.RemindDaysBefore"/> days before the handling is due, and an urgent one the day after it
/// passed. Each stage is sent once (<see cref="DataSubjectRequest.RemindedStage"/>), so the sweep runs as often as
/// wanted. The notice names the request's code, never the person.
/// </summary>
public sealed class PrivacyReminders(DanVanDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var soon = today.AddDays(PrivacyRules.RemindDaysBefore);
        var open = await db
            .DataSubjectRequests.Where(r =>
                (r.Status == RequestStatus.Received || r.Status == RequestStatus.Acknowledged)
                && r.RemindedStage < 3
                && (r.DueOn <= soon || (r.Status == RequestStatus.Received && r.AcknowledgeBy <= today))
            )
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        if (open.Count == 0)
        {
            return 0;
        }

        var handlers = await HandlersAsync([.. open.Select(r => r.UnitId).Distinct()], ct);
        var sent = 0;
        foreach (var request in open)
        {
            var stage =
                today > request.DueOn ? 3
                : request.DueOn <= soon ? 2
                : 1;
            if (stage <= request.RemindedStage)
            {
                continue;
            }

            var code = PrivacyRules.Code(request.Id);
            var (kind, subject) = stage switch
            {
                1 => (
                    NotificationKind.PrivacyAcknowledgementDue,
                    $"{code} ({VietnamTime.Format(request.AcknowledgeBy)})"
                ),
                2 => (NotificationKind.PrivacyRequestDue, $"{code} ({VietnamTime.Format(request.DueOn)})"),
                _ => (NotificationKind.PrivacyRequestOverdue, $"{code} ({VietnamTime.Format(request.DueOn)})"),
            };
            notifier.Notify(handlers[request.UnitId], kind, subject, $"/privacy/{request.Id}", urgent: stage != 2);
            request.RemindedStage = stage;
            sent++;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>The enabled accounts whose role at exactly each unit handles its requests.</summary>
    private Task<ILookup<int, int>> HandlersAsync(IReadOnlyCollection<int> unitIds, CancellationToken ct) =>
        notifier.AccountsByUnitAsync(
            [.. Enum.GetValues<Role>().Where(r => RolePermissions.Grants(r, Permission.PrivacyRequests))],
            unitIds,
            ct
        );
}

/// <summary>Runs <see cref="PrivacyReminders"/> every hour across the instances (<c>Privacy:ReminderMinutes</c>, 0 for
/// never in this instance).</summary>
internal sealed class PrivacyReminderService(
    JobLeases leases,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<PrivacyReminderService> log
) : ScheduledJob(leases, clock, log)
{
    public override string Name => "privacy-request-reminders";

    public override TimeSpan Interval { get; } =
        TimeSpan.FromMinutes(configuration.GetValue("Privacy:ReminderMinutes", 60));

    protected override async Task WorkAsync(IServiceProvider services, CancellationToken ct)
    {
        var sent = await services.GetRequiredService<PrivacyReminders>().RunAsync(ct);
        if (sent > 0)
        {
            Log.LogInformation("Data-subject request reminders sent: {Sent}", sent);
        }
    }
}
