using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>What an alert is about.</summary>
public enum ProgramAlertKind
{
    /// <summary>The unit's work program of the year is not approved by the approval deadline.</summary>
    NotApproved = 1,

    /// <summary>A program the units below concretize was published after the publication deadline, or not yet.</summary>
    PublishedLate = 2,

    /// <summary>A unit has no program concretizing its parent's published program N days after the publication.</summary>
    NotConcretized = 3,
}

/// <summary>An alert sent: kind, year, the unit it concerns and the program (0 for none). Unique, so each goes
/// once.</summary>
public sealed class ProgramAlert
{
    public int Id { get; set; }
    public ProgramAlertKind Kind { get; set; }
    public int Year { get; set; }
    public int UnitId { get; set; }
    public int ProgramId { get; set; }
    public DateOnly SentOn { get; set; }
}

/// <summary>The alerts' dates: <c>Programs:ApprovalDeadline</c> and <c>Programs:PublicationDeadline</c> as "MM-dd" of the
/// program's year (31 January and 15 January), <c>Programs:ConcretizeDays</c> after the parent's publication (30).</summary>
public sealed record ProgramAlertSettings(
    int ApprovalMonth,
    int ApprovalDay,
    int PublicationMonth,
    int PublicationDay,
    int ConcretizeDays
)
{
    /// <summary>The settings when nothing is configured.</summary>
    public static readonly ProgramAlertSettings Default = new(1, 31, 1, 15, 30);

    public static ProgramAlertSettings From(IConfiguration configuration)
    {
        static (int, int) MonthDay(string? text, (int, int) fallback) =>
            text?.Split('-') is [var m, var d]
            && int.TryParse(m, out var month)
            && int.TryParse(d, out var day)
            && month is >= 1 and <= 12
            && day >= 1
            && day <= DateTime.DaysInMonth(2025, month)
                ? (month, day)
                : fallback;
        var (am, ad) = MonthDay(configuration["Programs:ApprovalDeadline"], (1, 31));
        var (pm, pd) = MonthDay(configuration["Programs:PublicationDeadline"], (1, 15));
        return new(am, ad, pm, pd, Math.Clamp(configuration.GetValue("Programs:ConcretizeDays", 30), 1, 365));
    }

    public DateOnly ApprovalDeadline(int year) => new(year, ApprovalMonth, ApprovalDay);

    public DateOnly PublicationDeadline(int year) => new(year, PublicationMonth, PublicationDay);
}

public sealed record ProgramAlertResult(int NotApproved, int PublishedLate, int NotConcretized);

/// <summary>
/// The work programs' alerts (docs/decisions/ADR-0030), on the reminders' tick, for the programs of the current year:
/// after the approval deadline, the officers and leaders of each province or commune in use (it has a program, or its
/// parent has published one) whose work program is not approved; after the publication deadline, the unit of each
/// program its units below concretize that is published late or not at all; and N days after a program's publication,
/// each child unit without a program concretizing it — and the program's own unit, once, with their number. Each alert
/// goes once (<see cref="ProgramAlert"/>), so the sweep runs as often as wanted. Days are Vietnam days.
/// </summary>
public sealed class ProgramAlerts(
    DanVanDbContext db,
    Notifier notifier,
    TimeProvider clock,
    ProgramAlertSettings settings
)
{
    public async Task<ProgramAlertResult> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var year = today.Year;
        var sent = await db.Set<ProgramAlert>()
            .AsNoTracking()
            .Where(a => a.Year == year)
            .Select(a => new
            {
                a.Kind,
                a.UnitId,
                a.ProgramId,
            })
            .ToListAsync(ct);
        var done = sent.Select(a => (a.Kind, a.UnitId, a.ProgramId)).ToHashSet();
        var programs = await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Year == year && p.Kind == ProgramKind.WorkProgram)
            .Select(p => new
            {
                p.Id,
                p.UnitId,
                p.UnitLevel,
                p.Title,
                p.FirstApprovedOn,
                p.PublishedOn,
            })
            .ToListAsync(ct);
        var alerts =
            new List<(ProgramAlertKind Kind, int UnitId, int ProgramId, string Subject, string Link, int Count)>();

        // Published late, or not yet, by a unit whose units below concretize its program.
        var publishBy = settings.PublicationDeadline(year);
        foreach (var p in programs.Where(p => p.UnitLevel < UnitLevel.Commune))
        {
            if (
                (p.PublishedOn is { } on ? on > publishBy : today > publishBy)
                && !done.Contains((ProgramAlertKind.PublishedLate, p.UnitId, p.Id))
            )
            {
                alerts.Add(
                    (
                        ProgramAlertKind.PublishedLate,
                        p.UnitId,
                        p.Id,
                        $"{p.Title} ({VietnamTime.Format(publishBy)})",
                        $"/programs/{p.Id}",
                        1
                    )
                );
            }
        }

        // Not concretized N days after the parent's publication.
        // Only the centre's and the provinces' programs have units below that keep programs (a commune's villages do not).
        foreach (
            var p in programs.Where(p =>
                p.UnitLevel < UnitLevel.Commune
                && p.PublishedOn is { } on
                && today > on.AddDays(settings.ConcretizeDays)
            )
        )
        {
            var children = await db
                .Units.AsNoTracking()
                .Where(u => u.ParentId == p.UnitId && u.ValidTo == null && u.Level != UnitLevel.Village)
                .Where(u =>
                    !db.WorkPrograms.Any(c => c.ParentProgramId == p.Id && (c.UnitId == u.Id || c.CommuneId == u.Id))
                )
                .Select(u => u.Id)
                .ToListAsync(ct);
            foreach (var child in children.Where(c => !done.Contains((ProgramAlertKind.NotConcretized, c, p.Id))))
            {
                alerts.Add((ProgramAlertKind.NotConcretized, child, p.Id, p.Title, $"/programs/{p.Id}", 1));
            }

            if (children.Count > 0 && !done.Contains((ProgramAlertKind.NotConcretized, p.UnitId, p.Id)))
            {
                alerts.Add(
                    (
                        ProgramAlertKind.NotConcretized,
                        p.UnitId,
                        p.Id,
                        $"{p.Title} ({children.Count})",
                        $"/programs/{p.Id}/coverage",
                        children.Count
                    )
                );
            }
        }

        // Not approved by the deadline: provinces and communes in use this year.
        if (today > settings.ApprovalDeadline(year))
        {
            var approved = programs.Where(p => p.FirstApprovedOn is not null).Select(p => p.UnitId).ToHashSet();
            var withProgram = programs.Select(p => p.UnitId).ToList();
            var publishedUnits = programs.Where(p => p.PublishedOn is not null).Select(p => p.UnitId).ToList();
            var units = await db
                .Units.AsNoTracking()
                .Where(u => u.ValidTo == null && (u.Level == UnitLevel.Province || u.Level == UnitLevel.Commune))
                .Where(u =>
                    withProgram.Contains(u.Id) || (u.ParentId != null && publishedUnits.Contains(u.ParentId.Value))
                )
                .Select(u => u.Id)
                .ToListAsync(ct);
            foreach (
                var unit in units.Where(u =>
                    !approved.Contains(u) && !done.Contains((ProgramAlertKind.NotApproved, u, 0))
                )
            )
            {
                var own = programs.FirstOrDefault(p => p.UnitId == unit);
                alerts.Add(
                    (
                        ProgramAlertKind.NotApproved,
                        unit,
                        0,
                        $"{year} ({VietnamTime.Format(settings.ApprovalDeadline(year))})",
                        own is null ? $"/programs/new?unitId={unit}" : $"/programs/{own.Id}",
                        1
                    )
                );
            }
        }

        if (alerts.Count == 0)
        {
            return new(0, 0, 0);
        }

        var unitIds = alerts.Select(a => a.UnitId).Distinct().ToList();
        var writers = await notifier.AccountsByUnitAsync([Role.Officer, Role.Leader], unitIds, ct);
        foreach (var alert in alerts)
        {
            var kind = alert.Kind switch
            {
                ProgramAlertKind.NotApproved => NotificationKind.ProgramNotApproved,
                ProgramAlertKind.PublishedLate => NotificationKind.ProgramPublishedLate,
                _ => NotificationKind.ProgramNotConcretized,
            };
            notifier.Notify(writers[alert.UnitId], kind, alert.Subject, alert.Link);
            db.Set<ProgramAlert>()
                .Add(
                    new ProgramAlert
                    {
                        Kind = alert.Kind,
                        Year = year,
                        UnitId = alert.UnitId,
                        ProgramId = alert.ProgramId,
                        SentOn = today,
                    }
                );
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance sent the same alerts first (the unique index): theirs stand.
            db.ChangeTracker.Clear();
            return new(0, 0, 0);
        }

        return new(
            alerts.Count(a => a.Kind == ProgramAlertKind.NotApproved),
            alerts.Count(a => a.Kind == ProgramAlertKind.PublishedLate),
            alerts.Count(a => a.Kind == ProgramAlertKind.NotConcretized)
        );
    }
}

/// <summary>Runs the programs' alerts every hour (not in tests: they call <see cref="ProgramAlerts.RunAsync"/>).
/// <c>Programs:AlertMinutes</c> = 0 turns it off in this instance.</summary>
internal sealed class ProgramAlertService(
    JobLeases leases,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<ProgramAlertService> log
) : ScheduledJob(leases, clock, log)
{
    public override string Name => "program-alerts";

    public override TimeSpan Interval { get; } =
        TimeSpan.FromMinutes(configuration.GetValue("Programs:AlertMinutes", 60));

    protected override async Task WorkAsync(IServiceProvider services, CancellationToken ct)
    {
        var sent = await services.GetRequiredService<ProgramAlerts>().RunAsync(ct);
        if (sent.NotApproved + sent.PublishedLate + sent.NotConcretized > 0)
        {
            Log.LogInformation(
                "Program alerts: {NotApproved} not approved, {Late} published late, {NotConcretized} not concretized",
                sent.NotApproved,
                sent.PublishedLate,
                sent.NotConcretized
            );
        }
    }
}

internal sealed class ProgramAlertConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<ProgramAlert>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ProgramAlert> b)
    {
        b.ToTable("ProgramAlerts");
        b.HasIndex(a => new
            {
                a.Kind,
                a.Year,
                a.UnitId,
                a.ProgramId,
            })
            .IsUnique();
    }
}
