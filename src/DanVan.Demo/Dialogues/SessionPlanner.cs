using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Localization;

namespace DanVan.Demo;

/// <summary>
/// Plans the sessions of the window: rows ready to insert, with how many petitions each held session raised. One
/// random source, drawn in a fixed order: the reception days, the conferences, the ad-hoc dialogues, the dialogues with
/// businesses, then the sessions scheduled ahead (this file: the calendar, the quotas and the rows; one file per kind).
/// </summary>
internal sealed partial class SessionPlanner
{
    /// <summary>Communes with industrial parks or clusters: they hold dialogues with businesses.</summary>
    private static readonly HashSet<string> Industrial =
    [
        "09247",
        "09265",
        "09253",
        "09193",
        "09367",
        "09385",
        "09379",
        "09400",
        "07777",
        "07795",
        "07798",
        "07681",
        "07682",
        "09187",
        "09319",
    ];

    /// <summary>The lychee-growing communes around Lục Ngạn.</summary>
    private static readonly HashSet<string> Lychee =
    [
        "07573",
        "07582",
        "07594",
        "07603",
        "07612",
        "07552",
        "07543",
        "07531",
        "07534",
        "07537",
    ];

    private readonly DemoWorld world;
    private readonly Random random;
    private readonly List<PlannedSession> sessions = [];
    private readonly DemoPeople people;

    /// <summary>The petition category a session's subject draws most (null: no particular one).</summary>
    private readonly Dictionary<DialogueSession, string?> focusOf = [];

    public SessionPlanner(DemoWorld world, Random random)
    {
        this.world = world;
        this.random = random;
        people = new DemoPeople(random);
    }

    private DateOnly Today => world.Today;

    /// <summary>How far ahead sessions are already scheduled.</summary>
    private DateOnly Horizon => Today.AddDays(28);

    public List<PlannedSession> Plan()
    {
        Receptions();
        Conferences();
        AdHoc();
        Business();
        Scheduled();
        return [.. sessions.OrderBy(s => s.Row.HeldOn).ThenBy(s => s.Row.UnitId).ThenBy(s => s.Row.Type)];
    }

    private IEnumerable<DateOnly> Months()
    {
        for (
            var month = new DateOnly(world.From.Year, world.From.Month, 1);
            month <= Horizon;
            month = month.AddMonths(1)
        )
        {
            yield return month;
        }
    }

    /// <summary>A working day near the given day of the month, inside the month.</summary>
    private DateOnly WorkingDayIn(DateOnly month, int day)
    {
        var start = new DateOnly(month.Year, month.Month, Math.Min(day, DateTime.DaysInMonth(month.Year, month.Month)));
        for (var d = start; d.Month == month.Month; d = d.AddDays(1))
        {
            if (world.Calendar.IsWorkingDay(d))
            {
                return d;
            }
        }

        for (var d = start; ; d = d.AddDays(-1))
        {
            if (world.Calendar.IsWorkingDay(d))
            {
                return d;
            }
        }
    }

    private DateOnly WorkingDayFrom(DateOnly day, int step)
    {
        while (!world.Calendar.IsWorkingDay(day))
        {
            day = day.AddDays(step);
        }

        return day;
    }

    /// <summary>Whether a session on this day is kept: held in the window, or scheduled within the horizon when
    /// <paramref name="scheduled"/>.</summary>
    private bool Keeps(DateOnly day, bool scheduled) =>
        day >= world.From && (day <= Today || (scheduled && day <= Horizon));

    private int Quota(Unit unit, DialogueType type)
    {
        var province = unit.Level == UnitLevel.Province;
        return type switch
        {
            DialogueType.PeriodicReception => province
                ? random.Next(2, 7)
                : random.NextDouble() switch
                {
                    < 0.55 => 0,
                    < 0.85 => 1,
                    < 0.95 => 2,
                    _ => 3,
                },
            DialogueType.DialogueConference => random.Next(5, 15),
            DialogueType.AdHocDialogue => province ? random.Next(6, 13) : random.Next(2, 8),
            _ => province ? random.Next(10, 22) : random.Next(4, 10),
        };
    }

    private void Add(DialogueSession d, int quota)
    {
        var held = d.HeldOn <= Today;
        var unit = world.Unit(d.UnitId);
        var planned = new PlannedSession(d, unit, held ? quota : 0, focusOf.GetValueOrDefault(d));
        Describe(planned);
        d.SearchText = TextSearch.Normalize($"{d.Topic} {d.ChairName} {d.Place}");
        var created = (d.NoticePublishedOn ?? d.HeldOn.AddDays(-random.Next(3, 11)))
            .ToDateTime(new TimeOnly(8, 30))
            .Add(-VietnamTime.Offset);
        d.CreatedAt = DateTime.SpecifyKind(created < world.Now ? created : world.Now, DateTimeKind.Utc);
        sessions.Add(planned);
    }

    private static DialogueSession New(
        Unit unit,
        DialogueType type,
        DateOnly day,
        TimeOnly startsAt,
        string topic,
        string chair,
        string position,
        string organization,
        string place
    ) =>
        new()
        {
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            UnitLevel = unit.Level,
            Type = type,
            HeldOn = day,
            StartsAt = startsAt,
            Format = DialogueFormat.InPerson,
            Place = place,
            Topic = topic,
            ChairName = chair,
            ChairPosition = position,
            ChairOrganization = organization,
        };

    /// <summary>Whether a subject of the text tables suits a commune (<see cref="DialogueTexts"/>: "where").</summary>
    private static bool Fits(string where, Unit commune) =>
        where switch
        {
            "any" => true,
            "former-bac-ninh" => commune.Code.StartsWith("09", StringComparison.Ordinal),
            "commune" => commune.Kind == UnitKind.Commune,
            "ward" => commune.Kind == UnitKind.Ward,
            "industrial" => Industrial.Contains(commune.Code),
            "lychee" => Lychee.Contains(commune.Code),
            _ => throw new InvalidOperationException($"Data/dialogues.json: unknown place \"{where}\"."),
        };
}
