using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Units;
using static DanVan.Demo.DemoDialogues;

namespace DanVan.Demo;

/// <summary>Ad-hoc dialogues of the communes and the province on a matter of the moment.</summary>
internal sealed partial class SessionPlanner
{
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
                var day = WorkingDayFrom(
                    world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1)),
                    -1
                );
                if (Keeps(day, scheduled: false) && day >= commune.ValidFrom)
                {
                    Add(AdHocDialogue(commune, day), Quota(commune, DialogueType.AdHocDialogue));
                }
            }
        }

        foreach (var (topic, focus) in DialogueTexts.ProvinceAdHoc)
        {
            var day = WorkingDayFrom(
                world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1)),
                -1
            );
            if (Keeps(day, scheduled: false))
            {
                var d = New(
                    world.Province,
                    DialogueType.AdHocDialogue,
                    day,
                    new TimeOnly(8, 30),
                    topic,
                    world.OfficialsOf(world.Province).ViceChair,
                    "Phó Chủ tịch UBND tỉnh",
                    "Ủy ban nhân dân tỉnh Bắc Ninh",
                    "Hội trường UBND tỉnh Bắc Ninh"
                );
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
        var fitting = DialogueTexts.AdHocSubjects.Where(s => Fits(s.Where, commune)).ToList();
        var (topic, focus, _) = fitting[random.Next(fitting.Count)];
        var chairRoll = random.Next(3);
        var (chair, position, organization) = chairRoll switch
        {
            0 => (o.Secretary, $"Bí thư Đảng ủy {title}", $"Đảng ủy {title}"),
            1 => (o.Chair, $"Chủ tịch UBND {title}", $"Ủy ban nhân dân {title}"),
            _ => (o.ViceChair, $"Phó Chủ tịch UBND {title}", $"Ủy ban nhân dân {title}"),
        };
        var villages = world.VillagesOf(commune.Id);
        var place =
            villages.Count > 0
                ? $"Nhà văn hóa {InSentence(villages[random.Next(villages.Count)])}, {title}"
                : $"Hội trường UBND {title}";
        var d = New(
            commune,
            DialogueType.AdHocDialogue,
            day,
            random.Next(2) == 0 ? new TimeOnly(8, 0) : new TimeOnly(19, 30),
            topic,
            chair,
            position,
            organization,
            place
        );
        if (day <= Today)
        {
            d.CitizenCount = random.Next(15, 91);
            d.OfficialCount = random.Next(6, 16);
        }

        focusOf[d] = focus;
        return d;
    }
}
