using System.Globalization;
using DanVan.Web.Features.Dialogues;
using static DanVan.Demo.DemoDialogues;

namespace DanVan.Demo;

/// <summary>Dialogues with businesses: the province every quarter, the industrial communes once or twice.</summary>
internal sealed partial class SessionPlanner
{
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
                var day = WorkingDayFrom(
                    world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1)),
                    -1
                );
                if (!Keeps(day, scheduled: false) || day < commune.ValidFrom)
                {
                    continue;
                }

                var title = Title(commune);
                var d = New(
                    commune,
                    DialogueType.BusinessDialogue,
                    day,
                    new TimeOnly(14, 0),
                    $"Đối thoại với doanh nghiệp, hợp tác xã trên địa bàn {title} về hạ tầng, lao động và thủ tục hành chính",
                    world.OfficialsOf(commune).Chair,
                    $"Chủ tịch UBND {title}",
                    $"Ủy ban nhân dân {title}",
                    $"Hội trường UBND {title}"
                );
                d.BusinessCount = random.Next(15, 61);
                d.OfficialCount = random.Next(8, 20);
                d.ResultsPublishedOn =
                    random.NextDouble() < 0.5 && day.AddDays(7) <= Today ? day.AddDays(random.Next(3, 8)) : null;
                focusOf[d] = "administrative-procedures";
                Add(d, Quota(commune, DialogueType.BusinessDialogue));
            }
        }
    }

    private DialogueSession ProvinceBusiness(Officials o, DateOnly day)
    {
        var quarter = ((day.Month - 1) / 3) + 1;
        var d = New(
            world.Province,
            DialogueType.BusinessDialogue,
            day,
            new TimeOnly(14, 0),
            $"Hội nghị đối thoại giữa lãnh đạo UBND tỉnh với doanh nghiệp, nhà đầu tư quý {quarter}/{day.Year}",
            o.Chair,
            "Chủ tịch UBND tỉnh",
            "Ủy ban nhân dân tỉnh Bắc Ninh",
            "Hội trường UBND tỉnh Bắc Ninh"
        );
        d.CoChairs = $"{o.ViceChair}, Phó Chủ tịch UBND tỉnh, Ủy ban nhân dân tỉnh Bắc Ninh";
        d.Format = DialogueFormat.Both;
        d.OnlineLink = string.Create(
            CultureInfo.InvariantCulture,
            $"https://hop-truc-tuyen.example.org/doi-thoai-doanh-nghiep-{day:yyyyMMdd}"
        );
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
}
