using System.Globalization;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Demo;

/// <summary>
/// A year of SYNTHETIC dialogues and petitions in Bắc Ninh, relative to today (Vietnam time): the reception days
/// of the heads of the Party committees (province monthly, communes twice a month, a tenth of the communes
/// falling short in some months), the communes' dialogue conferences (June and December, with notices and
/// results published on time or not), ad-hoc dialogues and dialogues with businesses, a few sessions scheduled
/// in the coming weeks, and the petitions raised in them or sent otherwise, walked through their lifecycle
/// (<see cref="DemoPetitions"/>). Deterministic for a given day (fixed seeds), added in one transaction, and
/// skipped when the province already has sessions. The people are invented (<see cref="DemoPeople"/>).
/// </summary>
internal static class DemoDialogues
{
    private const int Seed = 2026;
    private const int Batch = 500;

    /// <summary>Adds the sessions, petitions and notifications unless the province has sessions already.</summary>
    public static async Task<(int Sessions, int Petitions)> SeedAsync(
        DanVanDbContext db,
        Notifier notifier,
        Unit province,
        TimeProvider clock,
        int graceDays,
        CancellationToken ct
    )
    {
        if (await db.Dialogues.AnyAsync(d => d.ProvinceId == province.Id, ct))
        {
            return (0, 0);
        }

        var today = VietnamTime.Today(clock);
        await PetitionRules.EnsureAsync(db, today, ct);
        await EnsureLastYearsHolidaysAsync(db, today, ct);
        var world = await DemoWorld.LoadAsync(db, province, today, clock.GetUtcNow().UtcDateTime, graceDays, ct);

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var sessions = new SessionPlanner(world, new Random(Seed)).Plan();
        foreach (var chunk in sessions.Chunk(Batch))
        {
            db.Dialogues.AddRange(chunk.Select(s => s.Row));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var petitions = new DemoPetitions(world, new Random(Seed + 1));
        var stories = petitions.Play(sessions);
        await DemoPetitions.SaveAsync(db, stories, ct);
        await NotifyAsync(db, notifier, world, sessions, petitions, ct);
        await transaction.CommitAsync(ct);

        return (sessions.Count, stories.Sum(s => 1 + s.Children.Count));
    }

    /// <summary>"xã Tiên Du", "phường Kinh Bắc", "tỉnh Bắc Ninh": how a unit is named after a title such as "Chủ tịch
    /// UBND".</summary>
    public static string Title(Unit unit) =>
        unit.Kind switch
        {
            UnitKind.Province => "tỉnh " + unit.Name,
            UnitKind.Ward => "phường " + unit.Name,
            UnitKind.Commune => "xã " + unit.Name,
            _ => unit.Name,
        };

    /// <summary>"Thôn Đông" → "thôn Đông", for use inside a sentence.</summary>
    public static string InSentence(Unit unit) =>
        unit.Level == UnitLevel.Village
            ? char.ToLower(unit.Name[0], CultureInfo.GetCultureInfo("vi-VN")) + unit.Name[1..]
            : Title(unit);

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The fixed-date holidays of last year (the app ensures this year's and next year's): the demo's
    /// deadlines reach back a year.</summary>
    private static async Task EnsureLastYearsHolidaysAsync(DanVanDbContext db, DateOnly today, CancellationToken ct)
    {
        var year = today.Year - 1;
        var known = await db
            .CalendarDays.Where(d => d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31))
            .Select(d => d.Date)
            .ToListAsync(ct);
        foreach (var (month, day, name) in PetitionRules.FixedHolidays)
        {
            var date = new DateOnly(year, month, day);
            if (!known.Contains(date))
            {
                db.CalendarDays.Add(
                    new CalendarDay
                    {
                        Date = date,
                        Name = name,
                        IsWorkingDay = false,
                    }
                );
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// A few unread notices for the demo accounts of the province, Kinh Bắc and Tiên Du, each about a real record
    /// in the state its kind describes, so the header's badge and /notifications have something to show.
    /// </summary>
    private static async Task NotifyAsync(
        DanVanDbContext db,
        Notifier notifier,
        DemoWorld world,
        List<PlannedSession> sessions,
        DemoPetitions petitions,
        CancellationToken ct
    )
    {
        void Tell(string email, NotificationKind kind, Petition? petition, bool urgent = false)
        {
            if (petition is not null && world.Accounts.TryGetValue(email, out var account))
            {
                notifier.Notify(
                    [account.Id],
                    kind,
                    PetitionNotices.Subject(petition),
                    PetitionNotices.Link(petition),
                    urgent
                );
            }
        }

        foreach (var (unit, prefix) in world.DemoUnits)
        {
            Petition? Case(string name) => petitions.Cases.GetValueOrDefault((unit.Id, name))?.Root;
            Tell($"{prefix}.xuly@danvan.demo", NotificationKind.PetitionAssigned, Case("assigned"));
            Tell($"{prefix}.xuly@danvan.demo", NotificationKind.PetitionAssigned, Case("group"));
            Tell($"{prefix}.xuly@danvan.demo", NotificationKind.PetitionOverdue, Case("assigned-overdue"));
            Tell($"{prefix}.xuly@danvan.demo", NotificationKind.ExtensionDecided, Case("extension-approved"));
            Tell($"{prefix}.canbo@danvan.demo", NotificationKind.PetitionAnswered, Case("answered"));
            Tell($"{prefix}.canbo@danvan.demo", NotificationKind.PetitionAnswered, Case("answered-late"));
            Tell($"{prefix}.canbo@danvan.demo", NotificationKind.ExtensionRequested, Case("extension-pending"));
            Tell($"{prefix}.canbo@danvan.demo", NotificationKind.PetitionReopened, Case("reopened"));
            Tell($"{prefix}.canbo@danvan.demo", NotificationKind.PetitionOverdue, Case("overdue"));
            if (unit.Level == UnitLevel.Province)
            {
                // Escalations reach the province from the demo communes.
                foreach (
                    var story in petitions.Cases.Where(c =>
                        c.Key.Case == "escalated" && c.Value.Root.EscalatedToUnitId == unit.Id
                    )
                )
                {
                    Tell(
                        $"{prefix}.lanhdao@danvan.demo",
                        NotificationKind.PetitionEscalated,
                        story.Value.Root,
                        urgent: true
                    );
                    Tell(
                        $"{prefix}.canbo@danvan.demo",
                        NotificationKind.PetitionEscalated,
                        story.Value.Root,
                        urgent: true
                    );
                }
            }
            else
            {
                Tell($"{prefix}.lanhdao@danvan.demo", NotificationKind.PetitionOverdue, Case("escalated"));
                var conference = sessions
                    .Select(s => s.Row)
                    .Where(d =>
                        d.UnitId == unit.Id
                        && d.Type == DialogueType.DialogueConference
                        && d.HeldOn <= world.Today
                        && d.ResultsPublishedOn == null
                    )
                    .OrderByDescending(d => d.HeldOn)
                    .FirstOrDefault();
                if (
                    conference is not null
                    && world.Accounts.TryGetValue($"{prefix}.lanhdao@danvan.demo", out var leader)
                    && DialogueRules
                        .Check(conference, world.Today)
                        .Any(c => c.Warning is DialogueWarning.ResultsDue or DialogueWarning.ResultsOverdue)
                )
                {
                    notifier.Notify(
                        [leader.Id],
                        NotificationKind.DialogueResultsDue,
                        $"{Date(conference.HeldOn)} · {conference.Topic}",
                        $"/dialogues/{conference.Id}"
                    );
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
