using System.Globalization;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
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

    /// <summary>Communes with industrial parks or clusters: they hold dialogues with businesses.</summary>
    private static readonly HashSet<string> Industrial =
    [
        "09247", "09265", "09253", "09193", "09367", "09385", "09379", "09400", "07777", "07795", "07798", "07681", "07682", "09187", "09319",
    ];

    /// <summary>The lychee-growing communes around Lục Ngạn.</summary>
    private static readonly HashSet<string> Lychee = ["07573", "07582", "07594", "07603", "07612", "07552", "07543", "07531", "07534", "07537"];

    /// <summary>Conference subjects (after "… với Nhân dân về") and the petition category they draw most.</summary>
    private static readonly (string Subject, string? Focus, Func<Unit, bool> Fits)[] ConferenceSubjects =
    [
        ("công tác bồi thường, giải phóng mặt bằng dự án đường Vành đai 4 – Vùng Thủ đô", "site-clearance", c => c.Code.StartsWith("09", StringComparison.Ordinal)),
        ("vận động Nhân dân hiến đất mở rộng đường giao thông nông thôn", "infrastructure", c => c.Kind == UnitKind.Commune),
        ("bảo vệ môi trường tại các khu, cụm công nghiệp trên địa bàn", "environment", c => Industrial.Contains(c.Code)),
        ("xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu", "infrastructure", c => c.Kind == UnitKind.Commune),
        ("chuyển đổi số và giải quyết thủ tục hành chính sau sắp xếp đơn vị hành chính", "administrative-procedures", _ => true),
        ("quản lý đất đai, cấp giấy chứng nhận quyền sử dụng đất", "land", _ => true),
        ("thu gom, xử lý rác thải sinh hoạt và vệ sinh môi trường khu dân cư", "environment", _ => true),
        ("chỉnh trang đô thị, trật tự lòng đường, vỉa hè", "security-order", c => c.Kind == UnitKind.Ward),
        ("liên kết sản xuất, tiêu thụ vải thiều và phát triển vùng trồng đạt chuẩn", null, c => Lychee.Contains(c.Code)),
    ];

    private static readonly (string Topic, string Focus, Func<Unit, bool> Fits)[] AdHocSubjects =
    [
        ("Đối thoại với các hộ dân bị ảnh hưởng bởi dự án mở rộng đường liên xã về phương án bồi thường, hỗ trợ", "site-clearance", _ => true),
        ("Đối thoại với các hộ dân về vị trí xây dựng điểm tập kết, trung chuyển rác thải", "environment", _ => true),
        ("Đối thoại với các hộ kinh doanh về việc di dời chợ tạm, bảo đảm trật tự giao thông", "security-order", _ => true),
        ("Đối thoại với Nhân dân về việc sử dụng trụ sở dôi dư sau sắp xếp đơn vị hành chính", "other", _ => true),
        ("Đối thoại với các hộ dân về phương án tái định cư dự án khu dân cư mới", "site-clearance", _ => true),
        ("Đối thoại về việc di dời mồ mả phục vụ giải phóng mặt bằng dự án đường Vành đai 4", "site-clearance", c => c.Code.StartsWith("09", StringComparison.Ordinal)),
    ];

    private static readonly (string Topic, string Focus)[] ProvinceAdHoc =
    [
        ("Đối thoại với các hộ dân bị ảnh hưởng bởi dự án đường Vành đai 4 – Vùng Thủ đô về chính sách bồi thường, tái định cư", "site-clearance"),
        ("Đối thoại với người dân về ô nhiễm môi trường tại khu vực giáp ranh khu công nghiệp", "environment"),
        ("Đối thoại với Nhân dân về việc bố trí, sử dụng trụ sở các cơ quan sau hợp nhất tỉnh", "other"),
    ];

    private static readonly Dictionary<string, string> FocusText = new()
    {
        ["site-clearance"] = "bồi thường, hỗ trợ, tái định cư khi giải phóng mặt bằng",
        ["land"] = "cấp giấy chứng nhận, quản lý đất đai",
        ["infrastructure"] = "đường giao thông, thoát nước, chiếu sáng",
        ["environment"] = "ô nhiễm môi trường, thu gom rác thải",
        ["administrative-procedures"] = "giải quyết thủ tục hành chính, chuyển đổi số",
        ["security-order"] = "trật tự đô thị, an ninh khu dân cư",
        ["social-policy"] = "chính sách an sinh xã hội",
        ["other"] = "sắp xếp trụ sở, tên gọi thôn, tổ dân phố",
    };

    /// <summary>Adds the sessions, petitions and notifications unless the province has sessions already.</summary>
    public static async Task<(int Sessions, int Petitions)> SeedAsync(
        DanVanDbContext db, Notifier notifier, Unit province, TimeProvider clock, int graceDays, CancellationToken ct)
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

    /// <summary>"xã Tiên Du", "phường Kinh Bắc", "tỉnh Bắc Ninh": how a unit is named after a title such as "Chủ tịch UBND".</summary>
    public static string Title(Unit unit) => unit.Kind switch
    {
        UnitKind.Province => "tỉnh " + unit.Name,
        UnitKind.Ward => "phường " + unit.Name,
        UnitKind.Commune => "xã " + unit.Name,
        _ => unit.Name,
    };

    /// <summary>"Thôn Đông" → "thôn Đông", for use inside a sentence.</summary>
    public static string InSentence(Unit unit) =>
        unit.Level == UnitLevel.Village ? char.ToLower(unit.Name[0], CultureInfo.GetCultureInfo("vi-VN")) + unit.Name[1..] : Title(unit);

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The fixed-date holidays of last year (the app ensures this year's and next year's): the demo's deadlines reach back a year.</summary>
    private static async Task EnsureLastYearsHolidaysAsync(DanVanDbContext db, DateOnly today, CancellationToken ct)
    {
        var year = today.Year - 1;
        var known = await db.CalendarDays.Where(d => d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31)).Select(d => d.Date).ToListAsync(ct);
        foreach (var (month, day, name) in PetitionRules.FixedHolidays)
        {
            var date = new DateOnly(year, month, day);
            if (!known.Contains(date))
            {
                db.CalendarDays.Add(new CalendarDay { Date = date, Name = name, IsWorkingDay = false });
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
        DanVanDbContext db, Notifier notifier, DemoWorld world, List<PlannedSession> sessions, DemoPetitions petitions, CancellationToken ct)
    {
        void Tell(string email, NotificationKind kind, Petition? petition, bool urgent = false)
        {
            if (petition is not null && world.Accounts.TryGetValue(email, out var account))
            {
                notifier.Notify([account.Id], kind, PetitionNotices.Subject(petition), PetitionNotices.Link(petition), urgent);
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
                foreach (var story in petitions.Cases.Where(c => c.Key.Case == "escalated" && c.Value.Root.EscalatedToUnitId == unit.Id))
                {
                    Tell($"{prefix}.lanhdao@danvan.demo", NotificationKind.PetitionEscalated, story.Value.Root, urgent: true);
                    Tell($"{prefix}.canbo@danvan.demo", NotificationKind.PetitionEscalated, story.Value.Root, urgent: true);
                }
            }
            else
            {
                Tell($"{prefix}.lanhdao@danvan.demo", NotificationKind.PetitionOverdue, Case("escalated"));
                var conference = sessions.Select(s => s.Row)
                    .Where(d => d.UnitId == unit.Id && d.Type == DialogueType.DialogueConference && d.HeldOn <= world.Today && d.ResultsPublishedOn == null)
                    .OrderByDescending(d => d.HeldOn).FirstOrDefault();
                if (conference is not null && world.Accounts.TryGetValue($"{prefix}.lanhdao@danvan.demo", out var leader)
                    && DialogueRules.Check(conference, world.Today).Any(c => c.Warning is DialogueWarning.ResultsDue or DialogueWarning.ResultsOverdue))
                {
                    notifier.Notify([leader.Id], NotificationKind.DialogueResultsDue, $"{Date(conference.HeldOn)} · {conference.Topic}", $"/dialogues/{conference.Id}");
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Plans the sessions of the window: rows ready to insert, with how many petitions each held session raised.</summary>
    private sealed class SessionPlanner(DemoWorld world, Random random)
    {
        private readonly List<PlannedSession> sessions = [];
        private readonly DemoPeople people = new(random);

        /// <summary>The petition category a session's subject draws most (null: no particular one).</summary>
        private readonly Dictionary<DialogueSession, string?> focusOf = [];

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
            for (var month = new DateOnly(world.From.Year, world.From.Month, 1); month <= Horizon; month = month.AddMonths(1))
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

        /// <summary>Whether a session on this day is kept: held in the window, or scheduled within the horizon when <paramref name="scheduled"/>.</summary>
        private bool Keeps(DateOnly day, bool scheduled) => day >= world.From && (day <= Today || (scheduled && day <= Horizon));

        private void Receptions()
        {
            var irregular = world.Communes.Where(c => !world.IsDemoUnit(c.Id)).OrderBy(_ => random.Next())
                .Take(Math.Max(1, world.Communes.Count / 10)).Select(c => c.Id).ToHashSet();
            foreach (var month in Months())
            {
                var thisMonth = month.Year == Today.Year && month.Month == Today.Month;
                var first = WorkingDayIn(month, random.Next(10, 21));
                var second = random.NextDouble() < 0.25 ? WorkingDayIn(month, random.Next(22, 29)) : (DateOnly?)null;
                foreach (var day in new[] { first, second }.OfType<DateOnly>())
                {
                    if (Keeps(day, scheduled: true))
                    {
                        Add(Reception(world.Province, day, delegated: false), Quota(world.Province, DialogueType.PeriodicReception));
                    }
                }

                foreach (var commune in world.Communes)
                {
                    var days = new[] { WorkingDayIn(month, random.Next(2, 11)), WorkingDayIn(month, random.Next(15, 25)) };
                    var miss = irregular.Contains(commune.Id) && random.NextDouble() < 0.35;
                    var delegated = random.Next(2) == 0;
                    for (var i = 0; i < days.Length; i++)
                    {
                        var day = days[i];
                        var scheduled = thisMonth || world.IsDemoUnit(commune.Id);
                        if (!Keeps(day, scheduled) || day < commune.ValidFrom)
                        {
                            continue;
                        }

                        // A tenth of the communes miss one of the two days in some months: dropped, or held by the deputy.
                        var shortfall = miss && i == 1 && day <= Today;
                        if (shortfall && !delegated)
                        {
                            continue;
                        }

                        Add(Reception(commune, day, shortfall), Quota(commune, DialogueType.PeriodicReception));
                    }
                }
            }
        }

        private DialogueSession Reception(Unit unit, DateOnly day, bool delegated)
        {
            var o = world.OfficialsOf(unit);
            var title = Title(unit);
            var province = unit.Level == UnitLevel.Province;
            var d = New(unit, DialogueType.PeriodicReception, day, random.Next(3) == 0 ? new TimeOnly(14, 0) : new TimeOnly(7, 30),
                $"Tiếp công dân định kỳ tháng {day.Month:00}/{day.Year}",
                delegated ? o.DeputySecretary : o.Secretary,
                province ? (delegated ? "Phó Bí thư Tỉnh ủy" : "Bí thư Tỉnh ủy") : $"{(delegated ? "Phó Bí thư" : "Bí thư")} Đảng ủy {title}",
                province ? "Tỉnh ủy Bắc Ninh" : $"Đảng ủy {title}",
                province ? "Trụ sở Tiếp công dân tỉnh Bắc Ninh" : $"Phòng Tiếp công dân, trụ sở UBND {title}");
            d.HeldByPartyHead = !delegated;
            var officials = random.Next(3, 7);
            d.OfficialCount = day <= Today ? officials : 0;
            return d;
        }

        private void Conferences()
        {
            foreach (var commune in world.Communes)
            {
                var candidates = new List<DateOnly>();
                for (var year = world.From.Year; year <= Today.Year; year++)
                {
                    foreach (var month in new[] { 6, 12 })
                    {
                        var shift = random.NextDouble() < 0.15 ? (random.Next(2) == 0 ? -1 : 1) : 0;
                        candidates.Add(WorkingDayIn(new DateOnly(year, month, 1).AddMonths(shift), random.Next(5, 26)));
                    }
                }

                var held = candidates.Where(d => Keeps(d, scheduled: false) && d >= commune.ValidFrom).ToList();
                if (held.Count > 1 && random.NextDouble() < 0.12)
                {
                    held.RemoveAt(random.Next(held.Count));
                }

                if (commune.Code == BacNinhDemo.CommuneCode)
                {
                    // Tiên Du held one a few days ago: its results are due within the 10 days.
                    var recent = WorkingDayFrom(Today.AddDays(-6), -1);
                    held.RemoveAll(d => Math.Abs(d.DayNumber - recent.DayNumber) < 75);
                    Add(Conference(commune, recent, publishResults: false), Quota(commune, DialogueType.DialogueConference));
                }

                foreach (var day in held)
                {
                    Add(Conference(commune, day, publishResults: null), Quota(commune, DialogueType.DialogueConference));
                }
            }
        }

        /// <param name="publishResults">False: not yet; null: as it happens (mostly on time, some late, some missing).</param>
        private DialogueSession Conference(Unit commune, DateOnly day, bool? publishResults, DateOnly? notice = null, bool noNotice = false)
        {
            var o = world.OfficialsOf(commune);
            var title = Title(commune);
            string subject;
            string? focus = null;
            if (random.NextDouble() < 0.25)
            {
                subject = day.Month is >= 5 and <= 7
                    ? $"tình hình kinh tế – xã hội 6 tháng đầu năm {day.Year} và những vấn đề Nhân dân quan tâm"
                    : $"tình hình kinh tế – xã hội năm {(day.Month <= 2 ? day.Year - 1 : day.Year)} và những vấn đề Nhân dân quan tâm";
            }
            else
            {
                var fitting = ConferenceSubjects.Where(s => s.Fits(commune)).ToList();
                (subject, focus, _) = fitting[random.Next(fitting.Count)];
            }

            var villages = world.VillagesOf(commune.Id);
            var place = villages.Count > 0 && random.NextDouble() < 0.2
                ? $"Nhà văn hóa {InSentence(villages[random.Next(villages.Count)])}, {title}"
                : $"Hội trường UBND {title}";
            var d = New(commune, DialogueType.DialogueConference, day, random.NextDouble() < 0.75 ? new TimeOnly(8, 0) : new TimeOnly(14, 0),
                $"Hội nghị đối thoại giữa Chủ tịch UBND {title} với Nhân dân về {subject}", o.Chair, $"Chủ tịch UBND {title}", $"Ủy ban nhân dân {title}", place);
            var coChairs = o.SecretaryChairsCouncil
                ? $"{o.Secretary}, Bí thư Đảng ủy, Chủ tịch HĐND {title}, Hội đồng nhân dân {title}"
                : $"{o.CouncilChair}, Chủ tịch HĐND {title}, Hội đồng nhân dân {title}";
            if (random.NextDouble() < 0.5)
            {
                coChairs += $"\n{people.Name()}, Chủ tịch Ủy ban MTTQ Việt Nam {title}, Ủy ban Mặt trận Tổ quốc Việt Nam {title}";
            }

            d.CoChairs = coChairs;
            if (random.NextDouble() < 0.12)
            {
                d.Format = DialogueFormat.Both;
                d.OnlineLink = string.Create(CultureInfo.InvariantCulture, $"https://hop-truc-tuyen.example.org/doi-thoai-{commune.Code}-{day:yyyyMMdd}");
            }

            // Notice: published 7–10 days before, sometimes late (3–6 days) or never recorded.
            var noticeRoll = random.NextDouble();
            var noticeOn = notice ?? (noNotice ? null
                : noticeRoll < 0.86 ? day.AddDays(-random.Next(7, 11))
                : noticeRoll < 0.94 ? day.AddDays(-random.Next(3, 7))
                : null);
            d.NoticePublishedOn = noticeOn is { } n && n <= Today ? n : null;
            if (day <= Today)
            {
                d.CitizenCount = random.Next(50, 301);
                d.OfficialCount = random.Next(12, 36);
                d.BusinessCount = Industrial.Contains(commune.Code) ? random.Next(2, 12) : random.Next(0, 4);
                // Results: within 10 days mostly, some late (11–15 days), some missing (more so among the recent ones).
                var roll = random.NextDouble();
                var recent = Today.DayNumber - day.DayNumber <= 60;
                DateOnly? results = publishResults == false ? null
                    : roll < (recent ? 0.72 : 0.88) ? day.AddDays(random.Next(2, 11))
                    : roll < (recent ? 0.80 : 0.95) ? day.AddDays(random.Next(11, 16))
                    : null;
                d.ResultsPublishedOn = results is { } r && r <= Today ? r : null;

                // What the sweep would have done: remind the unit three days before the results were due (sessions of the last 40 days).
                if (d.ResultsPublishedOn is null && day.AddDays(DialogueRules.ResultsDays - 3) <= Today && day >= Today.AddDays(-40))
                {
                    d.ResultsReminderOn = day.AddDays(DialogueRules.ResultsDays - 3);
                }
            }

            focusOf[d] = focus;
            return d;
        }

        private void AdHoc()
        {
            foreach (var commune in world.Communes)
            {
                if (random.NextDouble() >= 0.45)
                {
                    continue;
                }

                var count = random.NextDouble() < 0.7 ? 1 : 2;
                for (var i = 0; i < count; i++)
                {
                    var day = WorkingDayFrom(world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1)), -1);
                    if (Keeps(day, scheduled: false) && day >= commune.ValidFrom)
                    {
                        Add(AdHocDialogue(commune, day), Quota(commune, DialogueType.AdHocDialogue));
                    }
                }
            }

            foreach (var (topic, focus) in ProvinceAdHoc)
            {
                var day = WorkingDayFrom(world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1)), -1);
                if (Keeps(day, scheduled: false))
                {
                    var d = New(world.Province, DialogueType.AdHocDialogue, day, new TimeOnly(8, 30), topic, world.OfficialsOf(world.Province).ViceChair,
                        "Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Hội trường UBND tỉnh Bắc Ninh");
                    d.CitizenCount = random.Next(60, 200);
                    d.OfficialCount = random.Next(15, 40);
                    focusOf[d] = focus;
                    Add(d, Quota(world.Province, DialogueType.AdHocDialogue));
                }
            }
        }

        private DialogueSession AdHocDialogue(Unit commune, DateOnly day)
        {
            var o = world.OfficialsOf(commune);
            var title = Title(commune);
            var fitting = AdHocSubjects.Where(s => s.Fits(commune)).ToList();
            var (topic, focus, _) = fitting[random.Next(fitting.Count)];
            var chairRoll = random.Next(3);
            var (chair, position, organization) = chairRoll switch
            {
                0 => (o.Secretary, $"Bí thư Đảng ủy {title}", $"Đảng ủy {title}"),
                1 => (o.Chair, $"Chủ tịch UBND {title}", $"Ủy ban nhân dân {title}"),
                _ => (o.ViceChair, $"Phó Chủ tịch UBND {title}", $"Ủy ban nhân dân {title}"),
            };
            var villages = world.VillagesOf(commune.Id);
            var place = villages.Count > 0 ? $"Nhà văn hóa {InSentence(villages[random.Next(villages.Count)])}, {title}" : $"Hội trường UBND {title}";
            var d = New(commune, DialogueType.AdHocDialogue, day, random.Next(2) == 0 ? new TimeOnly(8, 0) : new TimeOnly(19, 30), topic, chair, position, organization, place);
            if (day <= Today)
            {
                d.CitizenCount = random.Next(15, 91);
                d.OfficialCount = random.Next(6, 16);
            }

            focusOf[d] = focus;
            return d;
        }

        private void Business()
        {
            var o = world.OfficialsOf(world.Province);
            for (var month = new DateOnly(world.From.Year, world.From.Month, 1); month <= Today; month = month.AddMonths(1))
            {
                if (month.Month % 3 != 2)
                {
                    continue;
                }

                var day = WorkingDayIn(month, random.Next(12, 24));
                if (Keeps(day, scheduled: false))
                {
                    Add(ProvinceBusiness(o, day), Quota(world.Province, DialogueType.BusinessDialogue));
                }
            }

            foreach (var commune in world.Communes.Where(c => Industrial.Contains(c.Code)))
            {
                var count = random.NextDouble() < 0.5 ? 1 : 2;
                for (var i = 0; i < count; i++)
                {
                    var day = WorkingDayFrom(world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1)), -1);
                    if (!Keeps(day, scheduled: false) || day < commune.ValidFrom)
                    {
                        continue;
                    }

                    var title = Title(commune);
                    var d = New(commune, DialogueType.BusinessDialogue, day, new TimeOnly(14, 0),
                        $"Đối thoại với doanh nghiệp, hợp tác xã trên địa bàn {title} về hạ tầng, lao động và thủ tục hành chính",
                        world.OfficialsOf(commune).Chair, $"Chủ tịch UBND {title}", $"Ủy ban nhân dân {title}", $"Hội trường UBND {title}");
                    d.BusinessCount = random.Next(15, 61);
                    d.OfficialCount = random.Next(8, 20);
                    d.ResultsPublishedOn = random.NextDouble() < 0.5 && day.AddDays(7) <= Today ? day.AddDays(random.Next(3, 8)) : null;
                    focusOf[d] = "administrative-procedures";
                    Add(d, Quota(commune, DialogueType.BusinessDialogue));
                }
            }
        }

        private DialogueSession ProvinceBusiness(Officials o, DateOnly day)
        {
            var quarter = ((day.Month - 1) / 3) + 1;
            var d = New(world.Province, DialogueType.BusinessDialogue, day, new TimeOnly(14, 0),
                $"Hội nghị đối thoại giữa lãnh đạo UBND tỉnh với doanh nghiệp, nhà đầu tư quý {quarter}/{day.Year}",
                o.Chair, "Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Hội trường UBND tỉnh Bắc Ninh");
            d.CoChairs = $"{o.ViceChair}, Phó Chủ tịch UBND tỉnh, Ủy ban nhân dân tỉnh Bắc Ninh";
            d.Format = DialogueFormat.Both;
            d.OnlineLink = string.Create(CultureInfo.InvariantCulture, $"https://hop-truc-tuyen.example.org/doi-thoai-doanh-nghiep-{day:yyyyMMdd}");
            d.NoticePublishedOn = day.AddDays(-14) <= Today ? day.AddDays(-14) : null;
            if (day <= Today)
            {
                d.BusinessCount = random.Next(120, 301);
                d.OfficialCount = random.Next(30, 61);
                d.ResultsPublishedOn = day.AddDays(7) <= Today ? day.AddDays(7) : null;
            }

            focusOf[d] = "administrative-procedures";
            return d;
        }

        /// <summary>The sessions of the coming weeks that the schedule shows beyond the reception days.</summary>
        private void Scheduled()
        {
            var kinhBac = world.Communes.Single(c => c.Code == BacNinhDemo.WardCode);
            // Kinh Bắc's December-style conference: notice not yet published (still 9 days to do it).
            Add(Conference(kinhBac, WorkingDayFrom(Today.AddDays(16), 1), publishResults: false, noNotice: true), 0);
            // Another commune's conference in five days without a notice: the 7-day rule is already broken.
            if (world.Communes.FirstOrDefault(c => c.Code == "09340") is { } daiDong)
            {
                Add(Conference(daiDong, WorkingDayFrom(Today.AddDays(5), 1), publishResults: false, noNotice: true), 0);
            }

            if (world.Communes.FirstOrDefault(c => c.Code == "09349") is { } phatTich)
            {
                var day = WorkingDayFrom(Today.AddDays(11), 1);
                Add(Conference(phatTich, day, publishResults: false, notice: WorkingDayFrom(Today.AddDays(-1), -1)), 0);
            }

            if (world.Communes.FirstOrDefault(c => c.Code == "09454") is { } giaBinh)
            {
                Add(AdHocDialogue(giaBinh, WorkingDayFrom(Today.AddDays(9), 1)), 0);
            }

            var tienDu = world.Communes.Single(c => c.Code == BacNinhDemo.CommuneCode);
            Add(AdHocDialogue(tienDu, WorkingDayFrom(Today.AddDays(13), 1)), 0);
            Add(ProvinceBusiness(world.OfficialsOf(world.Province), WorkingDayFrom(Today.AddDays(20), 1)), 0);
        }

        private int Quota(Unit unit, DialogueType type)
        {
            var province = unit.Level == UnitLevel.Province;
            return type switch
            {
                DialogueType.PeriodicReception => province ? random.Next(2, 7) : random.NextDouble() switch
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
            var created = (d.NoticePublishedOn ?? d.HeldOn.AddDays(-random.Next(3, 11))).ToDateTime(new TimeOnly(8, 30)).Add(-VietnamTime.Offset);
            d.CreatedAt = DateTime.SpecifyKind(created < world.Now ? created : world.Now, DateTimeKind.Utc);
            sessions.Add(planned);
        }

        /// <summary>Minutes and conclusions of a held session, in line with the petitions it raised.</summary>
        private void Describe(PlannedSession s)
        {
            var d = s.Row;
            if (d.HeldOn > Today)
            {
                return;
            }

            var title = Title(s.Unit);
            var province = s.Unit.Level == UnitLevel.Province;
            var focus = FocusText.GetValueOrDefault(s.Focus ?? "", "đất đai, hạ tầng và môi trường");
            switch (d.Type)
            {
                case DialogueType.PeriodicReception:
                    d.CitizenCount = s.Quota + random.Next(1, 12);
                    d.Minutes = (d.HeldByPartyHead
                        ? $"{d.ChairPosition} trực tiếp tiếp {d.CitizenCount} lượt công dân. "
                        : $"{d.ChairPosition} tiếp công dân thay Bí thư (đi công tác), {d.CitizenCount} lượt công dân. ")
                        + (s.Quota > 0
                            ? $"Tiếp nhận {s.Quota} kiến nghị, phản ánh; đã phân loại và chuyển cơ quan có thẩm quyền giải quyết."
                            : "Không phát sinh kiến nghị mới; các nội dung công dân hỏi đã được giải thích, hướng dẫn trực tiếp.");
                    d.Conclusions = province
                        ? "Giao Ban Tiếp công dân tỉnh theo dõi, đôn đốc các sở, ngành và UBND cấp xã giải quyết, trả lời công dân theo thẩm quyền."
                        : s.Quota > 0
                            ? $"Giao Văn phòng HĐND và UBND {title} theo dõi, đôn đốc các cơ quan được giao trả lời công dân đúng thời hạn; vụ việc phức tạp báo cáo Ban Thường vụ Đảng ủy."
                            : "Tiếp tục duy trì lịch tiếp công dân định kỳ theo quy định.";
                    break;
                case DialogueType.DialogueConference:
                    d.Minutes = $"Hội nghị có {d.CitizenCount} người dân, {d.OfficialCount} đại biểu là cán bộ, đảng viên"
                        + (d.BusinessCount > 0 ? $" và {d.BusinessCount} doanh nghiệp" : "")
                        + $" tham dự. Chủ tịch UBND {title} báo cáo tình hình thực hiện nhiệm vụ và những nội dung Nhân dân quan tâm. "
                        + $"Có {s.Quota + random.Next(3, 12)} lượt ý kiến phát biểu; {s.Quota} kiến nghị được ghi nhận, tập trung vào {focus}.";
                    d.Conclusions = $"Chủ tịch UBND {title} trả lời trực tiếp các ý kiến thuộc thẩm quyền; giao các bộ phận chuyên môn trả lời bằng văn bản "
                        + $"{s.Quota} kiến nghị trong thời hạn 20 ngày làm việc. Kết quả hội nghị được niêm yết tại trụ sở UBND và gửi các trưởng thôn, tổ trưởng tổ dân phố.";
                    break;
                case DialogueType.AdHocDialogue:
                    d.Minutes = $"Đối thoại với {d.CitizenCount} người dân; {s.Quota} ý kiến, kiến nghị được ghi nhận về {focus}.";
                    d.Conclusions = province
                        ? "Giao các sở, ngành và UBND cấp xã liên quan rà soát từng trường hợp, trả lời bằng văn bản và báo cáo kết quả lên UBND tỉnh."
                        : $"Thống nhất tiếp tục rà soát từng trường hợp; giao UBND {title} trả lời bằng văn bản cho các hộ trong thời hạn quy định.";
                    break;
                default:
                    d.Minutes = $"{d.BusinessCount} doanh nghiệp, hợp tác xã tham dự; {s.Quota} kiến nghị về thủ tục đầu tư, đất đai, hạ tầng và lao động được ghi nhận.";
                    d.Conclusions = "Giao các cơ quan chuyên môn giải quyết dứt điểm kiến nghị thuộc thẩm quyền trong 20 ngày làm việc; tổng hợp kiến nghị vượt thẩm quyền báo cáo cấp trên.";
                    break;
            }
        }

        private static DialogueSession New(
            Unit unit, DialogueType type, DateOnly day, TimeOnly startsAt, string topic, string chair, string position, string organization, string place) => new()
            {
                UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId, UnitLevel = unit.Level,
                Type = type, HeldOn = day, StartsAt = startsAt, Format = DialogueFormat.InPerson, Place = place, Topic = topic,
                ChairName = chair, ChairPosition = position, ChairOrganization = organization,
            };
    }
}

/// <summary>A session to insert, where it is, how many petitions it raised and the category they lean to.</summary>
internal sealed record PlannedSession(DialogueSession Row, Unit Unit, int Quota, string? Focus);

internal sealed record DemoOrganization(int Id, int UnitId, OrganizationType Type, string Name);

internal sealed record DemoAccount(int Id, string Name, int UnitId, int? OrganizationId);

/// <summary>Who a petition event names: a demo account, a synthetic official, "system" (the sweep) or "anonymous" (the citizen).</summary>
internal sealed record DemoActor(int? AccountId, string Name)
{
    public static readonly DemoActor System = new(null, "system");
    public static readonly DemoActor Citizen = new(null, "anonymous");
}

/// <summary>What the demo dialogues and petitions are built from, loaded once.</summary>
internal sealed class DemoWorld
{
    private readonly Dictionary<int, Unit> units;
    private readonly Dictionary<int, List<Unit>> villages;
    private readonly Dictionary<int, List<DemoOrganization>> organizations;
    private readonly Dictionary<int, Officials> officials = [];
    private readonly Dictionary<int, DemoActor> officers = [];
    private readonly Dictionary<int, DemoActor> handlers = [];

    private DemoWorld(Unit province, List<Unit> all, List<DemoOrganization> organizations, List<PetitionCategory> categories,
        WorkingDays calendar, Dictionary<string, DemoAccount> accounts, DateOnly today, DateTime now, int graceDays)
    {
        Province = province;
        units = all.ToDictionary(u => u.Id);
        Communes = [.. all.Where(u => u.Level == UnitLevel.Commune).OrderBy(u => u.Code, StringComparer.Ordinal)];
        villages = all.Where(u => u.Level == UnitLevel.Village).GroupBy(u => u.CommuneId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList());
        this.organizations = organizations.GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Id).ToList());
        Categories = categories;
        Calendar = calendar;
        Accounts = accounts;
        Today = today;
        Now = now;
        GraceDays = graceDays;
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        From = first < BacNinhDemo.MergerDate ? BacNinhDemo.MergerDate : first;
        DemoUnits = [.. new[] { (BacNinhDemo.ProvinceCode, "tinh"), (BacNinhDemo.WardCode, "kinhbac"), (BacNinhDemo.CommuneCode, "tiendu") }
            .Select(x => (Unit: all.FirstOrDefault(u => u.Code == x.Item1 && u.Level <= UnitLevel.Commune), Prefix: x.Item2))
            .Where(x => x.Unit is not null).Select(x => (x.Unit!, x.Prefix))];
    }

    public Unit Province { get; }
    public List<Unit> Communes { get; }
    public List<PetitionCategory> Categories { get; }
    public WorkingDays Calendar { get; }
    public Dictionary<string, DemoAccount> Accounts { get; }
    public DateOnly Today { get; }
    public DateTime Now { get; }
    public int GraceDays { get; }

    /// <summary>The first day of the window: the first of the month eleven months back (not before the merger).</summary>
    public DateOnly From { get; }

    /// <summary>The units with demo accounts and the prefix of their e-mail addresses.</summary>
    public List<(Unit Unit, string Prefix)> DemoUnits { get; }

    public static async Task<DemoWorld> LoadAsync(DanVanDbContext db, Unit province, DateOnly today, DateTime now, int graceDays, CancellationToken ct)
    {
        var all = await db.Units.AsNoTracking().Where(u => u.ProvinceId == province.Id && u.ValidTo == null).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.ProvinceId == province.Id && o.IsActive)
            .Select(o => new DemoOrganization(o.Id, o.UnitId, o.Type, o.Name)).ToListAsync(ct);
        var categories = await db.PetitionCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var calendar = new WorkingDays(await db.CalendarDays.AsNoTracking().ToListAsync(ct));
        var emails = BacNinhDemo.Accounts.Select(a => a.Email).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!))
            .Join(db.Assignments, u => u.Id, a => a.AccountId, (u, a) => new { u.Email, u.Id, u.DisplayName, a.UnitId, a.OrganizationId })
            .ToListAsync(ct);
        var byEmail = accounts.GroupBy(a => a.Email!).ToDictionary(g => g.Key, g => g.Select(a => new DemoAccount(a.Id, a.DisplayName, a.UnitId, a.OrganizationId)).First());
        return new DemoWorld(province, all, organizations, categories, calendar, byEmail, today, now, graceDays);
    }

    public Unit Unit(int id) => units[id];

    public IReadOnlyList<Unit> VillagesOf(int communeId) => villages.TryGetValue(communeId, out var list) ? list : [];

    public IReadOnlyList<DemoOrganization> OrganizationsOf(int unitId) => organizations.TryGetValue(unitId, out var list) ? list : [];

    public bool IsDemoUnit(int unitId) => DemoUnits.Any(d => d.Unit.Id == unitId);

    /// <summary>The unit the overdue sweep escalates to: the parent of the handling unit.</summary>
    public int? UnitAbove(int unitId) => units.TryGetValue(unitId, out var unit) && unit.ParentId is { } parent ? parent : null;

    private DemoAccount? AccountOf(int unitId, string role) =>
        DemoUnits.FirstOrDefault(d => d.Unit.Id == unitId) is { Unit: not null } demo && Accounts.TryGetValue($"{demo.Prefix}.{role}@danvan.demo", out var account)
            ? account
            : null;

    /// <summary>A deterministic source of names per unit, whatever the order of the calls.</summary>
    private static Random SeedOf(string code, int salt) => new(code.Aggregate(17 + salt, (h, c) => unchecked((h * 31) + c)));

    public Officials OfficialsOf(Unit unit)
    {
        if (officials.TryGetValue(unit.Id, out var known))
        {
            return known;
        }

        var random = SeedOf(unit.Code, 1);
        var people = new DemoPeople(random);
        var secretary = AccountOf(unit.Id, "lanhdao")?.Name ?? people.Name(random.NextDouble() < 0.2);
        var result = new Officials(secretary, people.Name(), people.Name(random.NextDouble() < 0.2), people.Name(), people.Name(), random.NextDouble() < 0.6);
        officials[unit.Id] = result;
        return result;
    }

    /// <summary>The officer who records and steers the petitions of a handling unit.</summary>
    public DemoActor Officer(int unitId)
    {
        if (!officers.TryGetValue(unitId, out var actor))
        {
            actor = AccountOf(unitId, "canbo") is { } account
                ? new DemoActor(account.Id, account.Name)
                : new DemoActor(null, new DemoPeople(SeedOf(units[unitId].Code, 2)).Name());
            officers[unitId] = actor;
        }

        return actor;
    }

    /// <summary>The handler who answers for an organization: the demo agency account if it is theirs.</summary>
    public DemoActor Handler(int organizationId)
    {
        if (!handlers.TryGetValue(organizationId, out var actor))
        {
            var account = Accounts.Values.FirstOrDefault(a => a.OrganizationId == organizationId);
            var org = organizations.Values.SelectMany(o => o).First(o => o.Id == organizationId);
            actor = account is not null
                ? new DemoActor(account.Id, account.Name)
                : new DemoActor(null, new DemoPeople(SeedOf(units[org.UnitId].Code, 3 + (int)org.Type)).Name());
            handlers[organizationId] = actor;
        }

        return actor;
    }

    /// <summary>The organization of the agency handler account of a demo unit (Sở Xây dựng, the ward's or commune's People's Committee).</summary>
    public int? HandlerOrganization(string prefix) => Accounts.TryGetValue($"{prefix}.xuly@danvan.demo", out var a) ? a.OrganizationId : null;
}
