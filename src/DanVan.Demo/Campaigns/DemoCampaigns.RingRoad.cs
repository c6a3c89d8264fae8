using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Demo;

/// <summary>"30 ngày đêm": the Ring Road 4 drive, reported daily by the communes along the route.</summary>
internal static partial class DemoCampaigns
{
    private static async Task<(int CampaignId, int Figures)> SeedRingRoadAsync(
        DanVanDbContext db,
        Unit province,
        int? organizationId,
        List<Unit> route,
        Dictionary<int, Reporter> reporters,
        string owner,
        DateOnly today,
        DateTime now,
        Random random,
        CancellationToken ct
    )
    {
        var start = today.AddDays(RingRoadDaysLeft + 1 - RingRoadDays);
        var end = start.AddDays(RingRoadDays - 1);
        var campaign = NewCampaign(
            province,
            RingRoadName,
            "Vận động Nhân dân, các dòng họ di dời mồ mả, bàn giao mặt bằng sạch cho dự án đường Vành đai 4 – Vùng Thủ đô đoạn qua tỉnh Bắc Ninh "
                + "đúng tiến độ: mỗi xã, phường có ban chỉ đạo, tổ công tác bám từng hộ, từng dòng họ; cán bộ, đảng viên gương mẫu đi trước. "
                + "Các xã, phường báo cáo số liệu trước 18 giờ hằng ngày.",
            start,
            end,
            organizationId,
            UnitLevel.Commune,
            end >= today ? CampaignStatus.Running : CampaignStatus.Finished,
            now
        );
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var graves = NewIndicator(
            campaign,
            1,
            "Mộ đã di dời",
            MeasureUnit.Graves,
            Aggregation.Sum,
            ReportingFrequency.Daily
        );
        var area = NewIndicator(
            campaign,
            2,
            "Diện tích mặt bằng đã bàn giao",
            MeasureUnit.SquareMetres,
            Aggregation.Sum,
            ReportingFrequency.Daily
        );
        var households = NewIndicator(
            campaign,
            3,
            "Hộ đã ký biên bản bàn giao",
            MeasureUnit.Households,
            Aggregation.Latest,
            ReportingFrequency.Daily
        );
        var workdays = NewIndicator(
            campaign,
            4,
            "Ngày công huy động",
            MeasureUnit.Workdays,
            Aggregation.Sum,
            ReportingFrequency.Daily
        );
        db.AddRange(graves, area, households, workdays);
        db.AddRange(route.Select(u => Participant(campaign, u)));
        await LinkModelsAsync(
            db,
            campaign,
            province,
            name => name.StartsWith("30 ngày đêm", StringComparison.Ordinal),
            1,
            ct
        );
        await db.SaveChangesAsync(ct);

        var rows = new FigureRows(campaign.Id);
        var targets = new List<IndicatorTarget>();
        var elapsed = Math.Min(today.DayNumber - start.DayNumber + 1, RingRoadDays);
        var graveTotal = 0m;
        for (var i = 0; i < route.Count; i++)
        {
            var commune = route[i];
            var by = reporters[commune.Id];
            var graveTarget = random.Next(20, 91) * 10m;
            var areaTarget = random.Next(40, 221) * 1000m;
            var householdTarget = random.Next(60, 421);
            // What the drive's pace needs: about five workdays a grave, clearing the land, and a standing team every
            // day.
            var workdayTarget =
                Math.Round(((graveTarget * 5.25m) + (areaTarget / 200) + (25 * RingRoadDays)) / 10) * 10;
            graveTotal += graveTarget;
            targets.AddRange([
                Target(campaign, graves, commune, graveTarget),
                Target(campaign, area, commune, areaTarget),
                Target(campaign, households, commune, householdTarget),
                Target(campaign, workdays, commune, workdayTarget),
            ]);

            // The S-curve: a logistic centred mid-drive; late starters centre later and reach less.
            var behind = Behind.Contains(commune.Code);
            var performance =
                behind ? 0.62 + (random.NextDouble() * 0.22)
                : Ahead.Contains(commune.Code) ? 1.03 + (random.NextDouble() * 0.05)
                : 0.93 + (random.NextDouble() * 0.08);
            var centre = 12.5 + (random.NextDouble() * 4.5) - 2 + (behind ? 2 : 0);
            var spread = 3 + (random.NextDouble() * 1.5);
            var missing =
                i % 6 == 4 && elapsed > 4
                    ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(2, elapsed - 1)).ToHashSet()
                    : [];
            decimal carryGraves = 0,
                carryArea = 0,
                carryWork = 0,
                level = 0;
            for (var day = 0; day < elapsed; day++)
            {
                var period = start.AddDays(day);
                var at = Vietnam(period, 16, 0).AddMinutes(random.Next(0, 150));
                var dayGraves = Math.Round(
                    graveTarget * (decimal)(performance * Share(day, centre, spread) * Noise(random, 0.2))
                );
                var dayArea =
                    Math.Round(
                        areaTarget * (decimal)(performance * Share(day, centre + 2, spread) * Noise(random, 0.25)) / 10
                    ) * 10;
                var dayWork = Math.Round(
                    (dayGraves * (decimal)(4 + (random.NextDouble() * 2.5))) + (dayArea / 200) + random.Next(10, 41)
                );
                level = Math.Max(
                    level,
                    Math.Min(
                        householdTarget,
                        Math.Round(
                            householdTarget
                                * (decimal)(Math.Min(1, performance + 0.05) * Cumulative(day + 1, centre - 3, spread))
                        )
                    )
                );
                if (missing.Contains(day) || at > now)
                {
                    // Not reported: what was done that day comes with the next report.
                    carryGraves += dayGraves;
                    carryArea += dayArea;
                    carryWork += dayWork;
                    continue;
                }

                dayGraves += carryGraves;
                dayArea += carryArea;
                dayWork += carryWork;
                carryGraves = carryArea = carryWork = 0;
                var source =
                    commune.Code.StartsWith("0940", StringComparison.Ordinal) && day % 3 == 0
                        ? FigureSource.Import
                        : FigureSource.Grid;
                rows.Add(graves, commune, period, dayGraves, by, at, source);
                rows.Add(area, commune, period, dayArea, by, at, source);
                rows.Add(households, commune, period, level, by, at, source);
                rows.Add(workdays, commune, period, dayWork, by, at, source);
            }
        }

        // Corrections, each with its history: graves counted twice (in the locked weeks, corrected the next morning
        // before the lock), a square-metre figure imported with a wrong digit, households who signed late in the
        // evening.
        rows.Correct(
            graves,
            route[1].Id,
            start.AddDays(4),
            +12,
            reporters[route[1].Id],
            Vietnam(start.AddDays(5), 7, 45),
            "Đã trừ 12 mộ tính trùng với báo cáo ngày hôm trước."
        );
        rows.Correct(
            area,
            route[7].Id,
            today.AddDays(-4),
            +1500,
            reporters[route[7].Id],
            Vietnam(today.AddDays(-3), 8, 30),
            "Sửa số liệu nhập nhầm từ tệp Excel.",
            FigureSource.Import
        );
        var officerCommune = route.FirstOrDefault(c => reporters[c.Id].AccountId is not null) ?? route[0];
        rows.Correct(
            households,
            officerCommune.Id,
            today.AddDays(-2),
            -5,
            reporters[officerCommune.Id],
            Vietnam(today.AddDays(-2), 21, 10),
            "Bổ sung 5 hộ ký biên bản tối cùng ngày."
        );

        // The province's own plan for graves, a little above the communes' sum: the difference is shown.
        targets.Add(Target(campaign, graves, province, Math.Ceiling((graveTotal + 1) / 500) * 500));
        db.AddRange(targets);
        db.AddRange(
            Enumerable
                .Range(0, Math.Min(LockedDays, elapsed))
                .Select(d => new CampaignPeriodLock
                {
                    CampaignId = campaign.Id,
                    Frequency = ReportingFrequency.Daily,
                    Period = start.AddDays(d),
                    LockedAt = Min(Vietnam(start.AddDays(LockedDays + 1), 16, 30), now),
                    ActorName = owner,
                })
        );
        await db.SaveChangesAsync(ct);
        return (campaign.Id, await rows.WriteAsync(db, ct));
    }
}
