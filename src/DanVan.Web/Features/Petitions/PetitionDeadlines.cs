using DanVan.Web.Features.Dialogues;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

public sealed record SweepResult(int MarkedOverdue, int Escalated, int ResultsReminders = 0);

/// <summary>
/// The overdue sweep: a petition still with its agency after the deadline in force is marked overdue once
/// (the agency and the handling unit are notified); after a grace period in working days it is escalated to
/// the unit above the handling unit, whose officers and leaders are notified at once. Idempotent: running it
/// twice on a day changes nothing the second time. Driven by <see cref="TimeProvider"/>, so tests move the clock.
/// </summary>
internal sealed class PetitionDeadlines(
    DanVanDbContext db,
    TimeProvider clock,
    WorkingCalendar calendar,
    PetitionNotices notices,
    IConfiguration configuration
)
{
    private const int Batch = 500;

    public int GraceDays =>
        Math.Max(0, configuration.GetValue("Petitions:EscalationGraceDays", PetitionRules.DefaultEscalationGraceDays));

    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var marked = 0;
        while (true)
        {
            var batch = await db
                .Petitions.Where(PetitionStatistics.IsOverdueOn(today))
                .Where(p => p.ParentPetitionId == null && p.OverdueNotifiedOn == null)
                .OrderBy(p => p.Id)
                .Take(Batch)
                .ToListAsync(ct);
            foreach (var p in batch)
            {
                p.OverdueNotifiedOn = today;
                db.PetitionEvents.Add(
                    PetitionSteps.EventOf(p, PetitionAction.MarkOverdue, p.Status, today, null, null, db.UtcNow)
                );
                await PetitionSteps.MirrorToGroupAsync(db, p, PetitionAction.MarkOverdue, today, _ => null, null, ct);
                await notices.OverdueAsync(p, ct);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            marked += batch.Count;
            if (batch.Count < Batch)
            {
                break;
            }
        }

        // Candidates are past the deadline by at least the grace in calendar days; the working-day count decides.
        var days = await calendar.AroundAsync(today, ct);
        var latest = today.AddDays(-GraceDays);
        var escalated = 0;
        var afterId = 0;
        while (true)
        {
            var batch = await db
                .Petitions.Where(PetitionStatistics.IsRunning)
                .Where(p =>
                    p.ParentPetitionId == null && p.DueOn < latest && p.EscalatedToUnitId == null && p.Id > afterId
                )
                .OrderBy(p => p.Id)
                .Take(Batch)
                .ToListAsync(ct);
            var parents = await ParentsAsync(batch.Select(p => p.HandlingUnitId), ct);
            foreach (var p in batch)
            {
                if (
                    days.Between(p.DueOn!.Value, today) <= GraceDays
                    || !parents.TryGetValue(p.HandlingUnitId, out var above)
                )
                {
                    continue;
                }

                p.EscalatedToUnitId = above;
                p.EscalatedOn = today;
                db.PetitionEvents.Add(
                    PetitionSteps.EventOf(p, PetitionAction.Escalate, p.Status, today, null, null, db.UtcNow)
                );
                await PetitionSteps.MirrorToGroupAsync(db, p, PetitionAction.Escalate, today, _ => null, null, ct);
                await notices.EscalatedAsync(p, above, ct);
                escalated++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (batch.Count < Batch)
            {
                break;
            }

            afterId = batch[^1].Id;
        }

        return new SweepResult(marked, escalated, await RemindConferenceResultsAsync(today, ct));
    }

    /// <summary>
    /// A conference's results are published within 10 days (DOMAIN.md §3): three days before that, or as soon as the
    /// sweep sees it later (sessions of the last 40 days), the unit's officers and leaders are reminded once.
    /// </summary>
    private async Task<int> RemindConferenceResultsAsync(DateOnly today, CancellationToken ct)
    {
        var heldBy = today.AddDays(-(DialogueRules.ResultsDays - 3));
        var since = today.AddDays(-40);
        var due = await db
            .Dialogues.Where(d =>
                d.Type == DialogueType.DialogueConference
                && d.ResultsPublishedOn == null
                && d.ResultsReminderOn == null
                && d.HeldOn <= heldBy
                && d.HeldOn >= since
            )
            .OrderBy(d => d.Id)
            .Take(Batch)
            .ToListAsync(ct);
        foreach (var session in due)
        {
            session.ResultsReminderOn = today;
            await notices.ConferenceResultsDueAsync(session, ct);
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private async Task<Dictionary<int, int>> ParentsAsync(IEnumerable<int> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        return await db
            .Units.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.ParentId != null)
            .ToDictionaryAsync(u => u.Id, u => u.ParentId!.Value, ct);
    }
}

/// <summary>Runs the overdue sweep every few minutes (not in tests: they call <see
/// cref="PetitionDeadlines.RunAsync"/>). <c>Petitions:SweepMinutes</c> = 0 turns it off in this instance: another
/// instance on the same database, or the <c>sweep-petitions</c> command, runs it (and the benchmarks keep their
/// generated data set as generated).</summary>
internal sealed class PetitionDeadlineService(
    JobLeases leases,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<PetitionDeadlineService> log
) : ScheduledJob(leases, clock, log)
{
    public override string Name => "petition-sweep";

    public override TimeSpan Interval { get; } =
        TimeSpan.FromMinutes(configuration.GetValue("Petitions:SweepMinutes", 15));

    protected override async Task WorkAsync(IServiceProvider services, CancellationToken ct)
    {
        var result = await services.GetRequiredService<PetitionDeadlines>().RunAsync(ct);
        if (result.MarkedOverdue + result.Escalated + result.ResultsReminders > 0)
        {
            Log.LogInformation(
                "Petition sweep: {Overdue} marked overdue, {Escalated} escalated, {Reminders} conference results reminded",
                result.MarkedOverdue,
                result.Escalated,
                result.ResultsReminders
            );
        }
    }
}
