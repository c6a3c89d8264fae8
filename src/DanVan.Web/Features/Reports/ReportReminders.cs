using DanVan.Web.Features.Notifications;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Reports;

/// <summary>What a reminder sweep sent: reports reminded before and on the due day, rounds whose late reports were
/// named to the level above.</summary>
public sealed record ReminderResult(int Before, int OnDueDay, int LateRounds);

/// <summary>
/// Reminds in time (docs/decisions/ADR-0029): three days before the due day and on it, the officers and leaders of each
/// unit whose report is not in (draft or returned) get a notice — on the due day an urgent one, which the mailer sends at
/// once; the day after, the level above (the officers and leaders of the round's unit) gets one notice per round naming
/// how many are late, linking to the missing ones. Days are Vietnam days. Each reminder is sent once
/// (<see cref="UnitReport.RemindedStage"/>, <see cref="ReportingRound.LateNoticeOn"/>), so the sweep can run as often as
/// wanted.
/// </summary>
public sealed class ReportReminders(DanVanDbContext db, Notifier notifier, TimeProvider clock)
{
    public const int DaysBefore = 3;

    /// <summary>Rounds whose due day is further back are not chased any more.</summary>
    public const int ChaseDays = 60;

    public async Task<ReminderResult> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var soon = today.AddDays(DaysBefore);
        var since = today.AddDays(-ChaseDays);
        var rounds = await db
            .ReportingRounds.Where(r => r.DueOn <= soon && r.DueOn >= since)
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        var (before, onDay, late) = (0, 0, 0);
        foreach (var round in rounds)
        {
            var stage = today >= round.DueOn ? 2 : 1;
            var open = await db
                .UnitReports.Where(r =>
                    r.RoundId == round.Id
                    && (r.Status == ReportStatus.Draft || r.Status == ReportStatus.Returned)
                    && r.RemindedStage < stage
                )
                .ToListAsync(ct);
            var period = PeriodText(round);
            if (today <= round.DueOn && open.Count > 0)
            {
                var writers = await WritersAsync([.. open.Select(r => r.UnitId)], ct);
                foreach (var report in open)
                {
                    notifier.Notify(
                        writers[report.UnitId],
                        NotificationKind.ReportDue,
                        $"{period} ({VietnamTime.Format(round.DueOn)})",
                        $"/reports/{report.Id}",
                        urgent: stage == 2
                    );
                    report.RemindedStage = stage;
                }

                (before, onDay) = stage == 1 ? (before + open.Count, onDay) : (before, onDay + open.Count);
            }

            if (today > round.DueOn && round.LateNoticeOn is null)
            {
                var missing = await db.UnitReports.CountAsync(
                    r =>
                        r.RoundId == round.Id
                        && r.ParentReportId != null
                        && (r.Status == ReportStatus.Draft || r.Status == ReportStatus.Returned),
                    ct
                );
                round.LateNoticeOn = today;
                if (missing > 0)
                {
                    notifier.Notify(
                        (await WritersAsync([round.UnitId], ct))[round.UnitId],
                        NotificationKind.ReportsLate,
                        $"{period}: {missing}",
                        $"/reports/rounds/{round.Id}?show=missing",
                        urgent: true
                    );
                    late++;
                }
            }

            await db.SaveChangesAsync(ct);
        }

        return new ReminderResult(before, onDay, late);
    }

    /// <summary>"11/2026", "Q4/2026", "6T/2026", "9T/2026", "2026": short, the same in every language.</summary>
    private static string PeriodText(ReportingRound round) =>
        round.Kind switch
        {
            Statistics.PeriodKind.Month => round.From.ToString(
                "MM/yyyy",
                System.Globalization.CultureInfo.InvariantCulture
            ),
            Statistics.PeriodKind.Quarter => $"Q{((round.From.Month - 1) / 3) + 1}/{round.From.Year}",
            Statistics.PeriodKind.SixMonths => $"6T/{round.From.Year}",
            Statistics.PeriodKind.NineMonths => $"9T/{round.From.Year}",
            _ => round.From.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>The enabled officers and leaders assigned at exactly each unit (not above or below): one statement for a
    /// round's units, not two per unit.</summary>
    private Task<ILookup<int, int>> WritersAsync(IReadOnlyCollection<int> unitIds, CancellationToken ct) =>
        notifier.AccountsByUnitAsync([Role.Officer, Role.Leader], unitIds, ct);
}

/// <summary>Opens the scheduled rounds and runs the reminders every hour (not in tests: they call
/// <see cref="ScheduledRounds.RunAsync"/> and <see cref="ReportReminders.RunAsync"/>).
/// <c>Reports:ReminderMinutes</c> = 0 turns it off in this instance (another instance, or none, sends them).</summary>
internal sealed class ReportReminderService(
    JobLeases leases,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<ReportReminderService> log
) : ScheduledJob(leases, clock, log)
{
    public override string Name => "report-rounds-and-reminders";

    public override TimeSpan Interval { get; } =
        TimeSpan.FromMinutes(configuration.GetValue("Reports:ReminderMinutes", 60));

    protected override async Task WorkAsync(IServiceProvider services, CancellationToken ct)
    {
        var opened = await services.GetRequiredService<ScheduledRounds>().RunAsync(ct);
        if (opened > 0)
        {
            Log.LogInformation("Reporting rounds opened on schedule: {Opened}", opened);
        }

        var sent = await services.GetRequiredService<ReportReminders>().RunAsync(ct);
        if (sent.Before + sent.OnDueDay + sent.LateRounds > 0)
        {
            Log.LogInformation(
                "Report reminders: {Before} before the due day, {OnDay} on it, {Late} rounds' late reports named",
                sent.Before,
                sent.OnDueDay,
                sent.LateRounds
            );
        }
    }
}
