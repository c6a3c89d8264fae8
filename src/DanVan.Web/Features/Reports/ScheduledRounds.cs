using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Reports;

/// <summary>
/// Opens the rounds a province has put on a schedule (<see cref="ReportTemplateSetting.OpensOnSchedule"/>): for each
/// such template, the round of the last period of its kind that has ended (Vietnam day) opens the day after, unless
/// it exists or its due day has passed — switching a schedule on never opens rounds long gone. Run with the
/// reminders (<see cref="ReportReminderService"/>); an instance racing another opens nothing twice, the round's
/// unique index refuses the second.
/// </summary>
public sealed class ScheduledRounds(DanVanDbContext db, OpenRound open, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var scheduled = await db
            .ReportTemplateSettings.AsNoTracking()
            .Where(t => t.OpensOnSchedule)
            .Join(db.Units.AsNoTracking(), t => t.UnitId, u => u.Id, (t, u) => new { Setting = t, Unit = u })
            .ToListAsync(ct);
        var opened = 0;
        foreach (var item in scheduled.Where(x => x.Unit is { IsActive: true, Level: UnitLevel.Province }))
        {
            var period = LastEnded(item.Setting.Kind, today);
            if (ReportRules.DefaultDue(period, item.Setting.DueDay) < today)
            {
                continue;
            }

            if (await open.OpenOnScheduleAsync(item.Unit, period, ct))
            {
                opened++;
            }

            db.ChangeTracker.Clear();
        }

        return opened;
    }

    /// <summary>The last period of the kind that ended before <paramref name="today"/>.</summary>
    public static StatisticPeriod LastEnded(PeriodKind kind, DateOnly today)
    {
        var year = today.Year;
        return kind switch
        {
            PeriodKind.Month => StatisticPeriod.Of(kind, today.AddMonths(-1).Year, today.AddMonths(-1).Month),
            PeriodKind.Quarter => StatisticPeriod.Of(
                kind,
                today.AddMonths(-3).Year,
                ((today.AddMonths(-3).Month - 1) / 3) + 1
            ),
            PeriodKind.SixMonths => StatisticPeriod.Of(kind, today.Month > 6 ? year : year - 1),
            PeriodKind.NineMonths => StatisticPeriod.Of(kind, today.Month > 9 ? year : year - 1),
            _ => StatisticPeriod.Of(PeriodKind.Year, year - 1),
        };
    }
}
