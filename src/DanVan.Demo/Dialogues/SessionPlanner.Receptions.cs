using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Units;
using static DanVan.Demo.DemoDialogues;

namespace DanVan.Demo;

/// <summary>The reception days of the heads of the Party committees: the province monthly, the communes twice a
/// month.</summary>
internal sealed partial class SessionPlanner
{
    private void Receptions()
    {
        var irregular = world
            .Communes.Where(c => !world.IsDemoUnit(c.Id))
            .OrderBy(_ => random.Next())
            .Take(Math.Max(1, world.Communes.Count / 10))
            .Select(c => c.Id)
            .ToHashSet();
        foreach (var month in Months())
        {
            var thisMonth = month.Year == Today.Year && month.Month == Today.Month;
            var first = WorkingDayIn(month, random.Next(10, 21));
            var second = random.NextDouble() < 0.25 ? WorkingDayIn(month, random.Next(22, 29)) : (DateOnly?)null;
            foreach (var day in new[] { first, second }.OfType<DateOnly>())
            {
                if (Keeps(day, scheduled: true))
                {
                    Add(
                        Reception(world.Province, day, delegated: false),
                        Quota(world.Province, DialogueType.PeriodicReception)
                    );
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
        var d = New(
            unit,
            DialogueType.PeriodicReception,
            day,
            random.Next(3) == 0 ? new TimeOnly(14, 0) : new TimeOnly(7, 30),
            $"Tiếp công dân định kỳ tháng {day.Month:00}/{day.Year}",
            delegated ? o.DeputySecretary : o.Secretary,
            province
                ? (delegated ? "Phó Bí thư Tỉnh ủy" : "Bí thư Tỉnh ủy")
                : $"{(delegated ? "Phó Bí thư" : "Bí thư")} Đảng ủy {title}",
            province ? "Tỉnh ủy Bắc Ninh" : $"Đảng ủy {title}",
            province ? "Trụ sở Tiếp công dân tỉnh Bắc Ninh" : $"Phòng Tiếp công dân, trụ sở UBND {title}"
        );
        d.HeldByPartyHead = !delegated;
        var officials = random.Next(3, 7);
        d.OfficialCount = day <= Today ? officials : 0;
        return d;
    }
}
