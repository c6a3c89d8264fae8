using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Demo;

/// <summary>The year's land-donation movement, reported weekly and monthly by the villages of six communes.</summary>
internal static partial class DemoCampaigns
{
    private static async Task<(int CampaignId, int Figures)> SeedLandAsync(
        DanVanDbContext db,
        Unit province,
        int? organizationId,
        List<Unit> villages,
        Dictionary<int, Reporter> reporters,
        DateOnly today,
        DateTime now,
        Random random,
        CancellationToken ct
    )
    {
        var start = new DateOnly(today.Year, 1, 1);
        var end = new DateOnly(today.Year, 12, 31);
        var campaign = NewCampaign(
            province,
            LandName,
            "Phong trào thi đua: Nhân dân tự nguyện hiến đất, góp công, góp của mở rộng, cứng hóa đường giao thông nông thôn và ngõ xóm; "
                + "danh sách hộ hiến đất và kinh phí đóng góp được công khai tại nhà văn hóa thôn, tổ dân phố. "
                + "Các thôn báo cáo diện tích và số hộ hiến đất hằng tuần, kinh phí và kết quả làm đường hằng tháng.",
            start,
            end,
            organizationId,
            UnitLevel.Village,
            CampaignStatus.Running,
            now
        );
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var land = NewIndicator(
            campaign,
            1,
            "Diện tích đất hiến",
            MeasureUnit.SquareMetres,
            Aggregation.Sum,
            ReportingFrequency.Weekly
        );
        var donors = NewIndicator(
            campaign,
            2,
            "Số hộ hiến đất",
            MeasureUnit.Households,
            Aggregation.Sum,
            ReportingFrequency.Weekly
        );
        var money = NewIndicator(
            campaign,
            3,
            "Kinh phí nhân dân đóng góp",
            MeasureUnit.Vnd,
            Aggregation.Sum,
            ReportingFrequency.Monthly
        );
        var roads = NewIndicator(
            campaign,
            4,
            "Đường giao thông nông thôn hoàn thành",
            MeasureUnit.Kilometres,
            Aggregation.Sum,
            ReportingFrequency.Monthly
        );
        roads.Decimals = 2;
        db.AddRange(land, donors, money, roads);
        db.AddRange(villages.Select(u => Participant(campaign, u)));
        await LinkModelsAsync(
            db,
            campaign,
            province,
            name =>
                name.StartsWith("Toàn dân đoàn kết hiến đất", StringComparison.Ordinal)
                || name.StartsWith("Hiến đất", StringComparison.Ordinal),
            3,
            ct
        );
        await db.SaveChangesAsync(ct);

        var rows = new FigureRows(campaign.Id);
        var targets = new List<IndicatorTarget>();
        var weeks = CampaignPeriods.All(ReportingFrequency.Weekly, start, today).ToList();
        var months = CampaignPeriods.All(ReportingFrequency.Monthly, start, today).ToList();
        var roadTotal = 0m;
        for (var i = 0; i < villages.Count; i++)
        {
            var village = villages[i];
            var by = reporters[village.CommuneId!.Value];
            var landTarget = random.Next(15, 61) * 100m;
            var donorTarget = Math.Round(landTarget / 75 * (decimal)Noise(random, 0.1));
            var moneyTarget = random.Next(15, 91) * 10_000_000m;
            var roadTarget = random.Next(80, 351) / 100m;
            roadTotal += roadTarget;
            targets.AddRange([
                Target(campaign, land, village, landTarget),
                Target(campaign, donors, village, donorTarget),
                Target(campaign, money, village, moneyTarget),
                Target(campaign, roads, village, roadTarget),
            ]);

            var performance = 0.85 + (random.NextDouble() * 0.4);
            var skipped =
                i % 9 == 5
                    ? weeks.Where(w => w > today.AddDays(-70)).OrderBy(_ => random.Next()).Take(2).ToHashSet()
                    : [];
            foreach (var week in weeks)
            {
                var weekEnd = CampaignPeriods.EndOf(week, ReportingFrequency.Weekly, end);
                var at = Vietnam(weekEnd.AddDays(-random.Next(0, 3)), 8, 0).AddMinutes(random.Next(0, 720));
                if (skipped.Contains(week) || at > now)
                {
                    continue;
                }

                // Donations come in lumps: most weeks nothing, some weeks a family gives a strip along the road.
                var expected = (double)landTarget * performance * Weight(week, weekEnd);
                var area =
                    random.NextDouble() < 0.4 ? Math.Round((decimal)(expected / 0.4 * Noise(random, 0.5)) / 5) * 5 : 0;
                var households = area > 0 ? Math.Max(1, Math.Round(area / random.Next(40, 111))) : 0;
                rows.Add(land, village, week, area, by, Max(at, Vietnam(week, 8, 0)));
                rows.Add(donors, village, week, households, by, Max(at, Vietnam(week, 8, 0)));
            }

            foreach (var month in months)
            {
                var monthEnd = CampaignPeriods.EndOf(month, ReportingFrequency.Monthly, end);
                var at = Vietnam(monthEnd.AddDays(random.Next(-2, 4)), 8, 0).AddMinutes(random.Next(0, 540));
                if (at > now)
                {
                    continue;
                }

                var share = performance * Weight(month, monthEnd);
                var amount =
                    random.NextDouble() < 0.85
                        ? Math.Round(moneyTarget * (decimal)(share / 0.85 * Noise(random, 0.4)) / 100_000) * 100_000
                        : 0;
                var km =
                    random.NextDouble() < 0.7
                        ? Math.Round(roadTarget * (decimal)(share / 0.7 * Noise(random, 0.4)), 2)
                        : 0;
                rows.Add(money, village, month, amount, by, at, i % 5 == 1 ? FigureSource.Import : FigureSource.Grid);
                rows.Add(roads, village, month, km, by, at, i % 5 == 1 ? FigureSource.Import : FigureSource.Grid);
            }
        }

        // A week's area entered with an extra strip that belonged to the neighbouring village, corrected the next day.
        if (rows.Last(land, villages[0].Id, w => w.Value > 0 && w.Period < today.AddDays(-14)) is { } lumpy)
        {
            rows.Correct(
                land,
                villages[0].Id,
                lumpy.Period,
                +200,
                reporters[villages[0].CommuneId!.Value],
                lumpy.UpdatedAt.AddDays(1),
                "Trừ 200 m² đã báo cáo ở thôn bên cạnh."
            );
        }

        // The province's plan for rural roads, set above the villages' sum: the difference is shown.
        targets.Add(Target(campaign, roads, province, Math.Ceiling((roadTotal + 1) / 5) * 5));
        db.AddRange(targets);
        await db.SaveChangesAsync(ct);
        return (campaign.Id, await rows.WriteAsync(db, ct));
    }
}
