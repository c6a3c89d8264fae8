using System.Globalization;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Units;
using static DanVan.Demo.DemoDialogues;

namespace DanVan.Demo;

/// <summary>The communes' dialogue conferences of June and December, with their notices and results on time or
/// not.</summary>
internal sealed partial class SessionPlanner
{
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
                Add(
                    Conference(commune, recent, publishResults: false),
                    Quota(commune, DialogueType.DialogueConference)
                );
            }

            foreach (var day in held)
            {
                Add(Conference(commune, day, publishResults: null), Quota(commune, DialogueType.DialogueConference));
            }
        }
    }

    /// <param name="publishResults">False: not yet; null: as it happens (mostly on time, some late, some
    /// missing).</param>
    private DialogueSession Conference(
        Unit commune,
        DateOnly day,
        bool? publishResults,
        DateOnly? notice = null,
        bool noNotice = false
    )
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
            var fitting = DialogueTexts.ConferenceSubjects.Where(s => Fits(s.Where, commune)).ToList();
            (subject, focus, _) = fitting[random.Next(fitting.Count)];
        }

        var villages = world.VillagesOf(commune.Id);
        var place =
            villages.Count > 0 && random.NextDouble() < 0.2
                ? $"Nhà văn hóa {InSentence(villages[random.Next(villages.Count)])}, {title}"
                : $"Hội trường UBND {title}";
        var d = New(
            commune,
            DialogueType.DialogueConference,
            day,
            random.NextDouble() < 0.75 ? new TimeOnly(8, 0) : new TimeOnly(14, 0),
            $"Hội nghị đối thoại giữa Chủ tịch UBND {title} với Nhân dân về {subject}",
            o.Chair,
            $"Chủ tịch UBND {title}",
            $"Ủy ban nhân dân {title}",
            place
        );
        var coChairs = o.SecretaryChairsCouncil
            ? $"{o.Secretary}, Bí thư Đảng ủy, Chủ tịch HĐND {title}, Hội đồng nhân dân {title}"
            : $"{o.CouncilChair}, Chủ tịch HĐND {title}, Hội đồng nhân dân {title}";
        if (random.NextDouble() < 0.5)
        {
            coChairs +=
                $"\n{people.Name()}, Chủ tịch Ủy ban MTTQ Việt Nam {title}, Ủy ban Mặt trận Tổ quốc Việt Nam {title}";
        }

        d.CoChairs = coChairs;
        if (random.NextDouble() < 0.12)
        {
            d.Format = DialogueFormat.Both;
            d.OnlineLink = string.Create(
                CultureInfo.InvariantCulture,
                $"https://hop-truc-tuyen.example.org/doi-thoai-{commune.Code}-{day:yyyyMMdd}"
            );
        }

        // Notice: published 7–10 days before, sometimes late (3–6 days) or never recorded.
        var noticeRoll = random.NextDouble();
        var noticeOn = notice
            ?? (
                noNotice ? null
                : noticeRoll < 0.86 ? day.AddDays(-random.Next(7, 11))
                : noticeRoll < 0.94 ? day.AddDays(-random.Next(3, 7))
                : null
            );
        d.NoticePublishedOn = noticeOn is { } n && n <= Today ? n : null;
        if (day <= Today)
        {
            d.CitizenCount = random.Next(50, 301);
            d.OfficialCount = random.Next(12, 36);
            d.BusinessCount = Industrial.Contains(commune.Code) ? random.Next(2, 12) : random.Next(0, 4);
            // Results: within 10 days mostly, some late (11–15 days), some missing (more so among the recent ones).
            var roll = random.NextDouble();
            var recent = Today.DayNumber - day.DayNumber <= 60;
            DateOnly? results =
                publishResults == false ? null
                : roll < (recent ? 0.72 : 0.88) ? day.AddDays(random.Next(2, 11))
                : roll < (recent ? 0.80 : 0.95) ? day.AddDays(random.Next(11, 16))
                : null;
            d.ResultsPublishedOn = results is { } r && r <= Today ? r : null;

            // What the sweep would have done: remind the unit three days before the results were due (sessions of the
            // last 40 days).
            if (
                d.ResultsPublishedOn is null
                && day.AddDays(DialogueRules.ResultsDays - 3) <= Today
                && day >= Today.AddDays(-40)
            )
            {
                d.ResultsReminderOn = day.AddDays(DialogueRules.ResultsDays - 3);
            }
        }

        focusOf[d] = focus;
        return d;
    }
}
