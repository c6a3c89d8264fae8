using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Demo;

/// <summary>
/// The two province campaigns of the seed article, with SYNTHETIC figures relative to today (Vietnam time):
/// the peak drive "30 ngày đêm" of grave relocation and site clearance for Ring Road 4, reported daily by the
/// communes along the route (on its 28th of 30 days: an S-curve with a slow start, a peak and a tail, some communes
/// behind, a few days not reported, corrections with their history, the first two weeks locked by the owner), and
/// the year-long land-donation movement reported weekly and monthly by the villages of six communes. The route's
/// communes are plausible, not the official list; the numbers are invented. Rows are written directly, as the
/// app's handlers would have left them (a figure, its revisions), and the summary rows are then built by the app's
/// own <see cref="CampaignRollup.RecomputeAsync"/>, so they equal a recompute. Deterministic for a given day (fixed
/// seed); a campaign that exists (by name, in the province) is skipped.
/// </summary>
internal static class DemoCampaigns
{
    private const int Seed = 2030;
    private const int Batch = 1000;

    public const string RingRoadName = "30 ngày đêm di dời mộ, giải phóng mặt bằng đường Vành đai 4 – Vùng Thủ đô";
    public const string LandName = "Toàn dân đoàn kết hiến đất xây dựng hạ tầng giao thông";

    /// <summary>The drive lasts 30 days and is on its 28th today: nearly finished, still open for today's figures.</summary>
    public const int RingRoadDays = 30;

    public const int RingRoadDaysLeft = 2;

    /// <summary>The owner locked the first two weeks after reviewing them.</summary>
    public const int LockedDays = 14;

    /// <summary>Communes and wards of the former Thuận Thành, Quế Võ and Gia Bình areas, along the route and its links.</summary>
    public static readonly string[] RingRoadCommunes =
    [
        "09400", "09409", "09427", "09430", "09433", "09445", // Thuận Thành, Mão Điền, Trí Quả, Trạm Lộ, Song Liễu, Ninh Xá
        "09247", "09253", "09265", "09286", "09292", "09295", "09301", "09313", // Quế Võ, Nhân Hoà, Phương Liễu, Nam Sơn, Phù Lãng, Bồng Lai, Đào Viên, Chi Lăng
        "09454", "09466", "09469", "09475", "09487", // Gia Bình, Cao Đức, Đại Lai, Nhân Thắng, Đông Cứu
    ];

    /// <summary>The communes whose villages report land donations: those of the demo with villages, less two city wards.</summary>
    public static readonly string[] LandCommunes = ["09319", "09454", "09496", "07288", "07582", "09367"];

    /// <summary>Communes that started late or had hard cases: they end the drive behind schedule.</summary>
    private static readonly HashSet<string> Behind = ["09433", "09292", "09487", "09301"];

    private static readonly HashSet<string> Ahead = ["09445", "09313"];

    /// <summary>The share of each month in a year's land donations and road works: little around Tết and in the rainy season.</summary>
    private static readonly decimal[] Season = [1.0m, 0.6m, 1.4m, 1.5m, 1.2m, 0.7m, 0.5m, 0.5m, 0.7m, 1.2m, 1.4m, 1.3m];

    private sealed record Reporter(string Name, int? AccountId);

    /// <summary>Adds the campaigns that are missing. Returns how many campaigns and figures were added.</summary>
    public static async Task<(int Campaigns, int Figures)> SeedAsync(DanVanDbContext db, CampaignRollup rollup, Unit province, TimeProvider clock, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(Seed);
        var units = await db.Units.AsNoTracking().Where(u => u.ProvinceId == province.Id && u.ValidTo == null && u.Level >= UnitLevel.Commune).ToListAsync(ct);
        var communes = units.Where(u => u.Level == UnitLevel.Commune).ToDictionary(u => u.Code);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.UnitId == province.Id && o.IsActive).ToListAsync(ct);

        // The commune officers of the demo accounts report for their communes under their own names.
        var officers = await db.Assignments.AsNoTracking()
            .Where(a => a.Role == Role.Officer && a.ProvinceId == province.Id && a.CommuneId != null && a.VillageId == null)
            .Join(db.Users, a => a.AccountId, u => u.Id, (a, u) => new { a.UnitId, u.Id, u.DisplayName })
            .OrderBy(o => o.Id)
            .ToListAsync(ct);
        var people = new DemoPeople(random);
        var reporters = communes.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToDictionary(c => c.Id, c =>
            officers.FirstOrDefault(o => o.UnitId == c.Id) is { } o ? new Reporter(o.DisplayName, o.Id) : new Reporter(people.Name(), null));
        var owner = BacNinhDemo.Accounts.First(a => a.Email == "tinh.canbo@danvan.demo").DisplayName;

        var campaigns = 0;
        var figures = 0;
        var route = RingRoadCommunes.Where(communes.ContainsKey).Select(c => communes[c]).ToList();
        if (route.Count > 0 && !await db.Campaigns.AnyAsync(c => c.UnitId == province.Id && c.Name == RingRoadName, ct))
        {
            var organization = organizations.FirstOrDefault(o => o.Type == OrganizationType.PropagandaMobilizationCommission);
            figures += await InTransactionAsync(db, rollup, () =>
                SeedRingRoadAsync(db, province, organization?.Id, route, reporters, owner, today, now, new Random(Seed + 1), ct), ct);
            campaigns++;
        }

        var communeIds = LandCommunes.Where(communes.ContainsKey).Select(c => communes[c].Id).ToHashSet();
        var villages = units.Where(u => u.Level == UnitLevel.Village && communeIds.Contains(u.CommuneId!.Value))
            .OrderBy(u => u.CommuneId).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        if (villages.Count > 0 && !await db.Campaigns.AnyAsync(c => c.UnitId == province.Id && c.Name == LandName, ct))
        {
            var organization = organizations.FirstOrDefault(o => o.Type == OrganizationType.FatherlandFront);
            figures += await InTransactionAsync(db, rollup, () =>
                SeedLandAsync(db, province, organization?.Id, villages, reporters, today, now, new Random(Seed + 2), ct), ct);
            campaigns++;
        }

        return (campaigns, figures);
    }

    /// <summary>Writes one campaign's raw rows and builds its summary rows with the app's recompute, all or nothing.</summary>
    private static async Task<int> InTransactionAsync(DanVanDbContext db, CampaignRollup rollup, Func<Task<(int CampaignId, int Figures)>> seed, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (campaignId, figures) = await seed();
        await rollup.RecomputeAsync(campaignId, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return figures;
    }

    private static async Task<(int CampaignId, int Figures)> SeedRingRoadAsync(
        DanVanDbContext db, Unit province, int? organizationId, List<Unit> route, Dictionary<int, Reporter> reporters, string owner,
        DateOnly today, DateTime now, Random random, CancellationToken ct)
    {
        var start = today.AddDays(RingRoadDaysLeft + 1 - RingRoadDays);
        var end = start.AddDays(RingRoadDays - 1);
        var campaign = NewCampaign(province, RingRoadName,
            "Vận động Nhân dân, các dòng họ di dời mồ mả, bàn giao mặt bằng sạch cho dự án đường Vành đai 4 – Vùng Thủ đô đoạn qua tỉnh Bắc Ninh "
            + "đúng tiến độ: mỗi xã, phường có ban chỉ đạo, tổ công tác bám từng hộ, từng dòng họ; cán bộ, đảng viên gương mẫu đi trước. "
            + "Các xã, phường báo cáo số liệu trước 18 giờ hằng ngày.",
            start, end, organizationId, UnitLevel.Commune, end >= today ? CampaignStatus.Running : CampaignStatus.Finished, now);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var graves = NewIndicator(campaign, 1, "Mộ đã di dời", MeasureUnit.Graves, Aggregation.Sum, ReportingFrequency.Daily);
        var area = NewIndicator(campaign, 2, "Diện tích mặt bằng đã bàn giao", MeasureUnit.SquareMetres, Aggregation.Sum, ReportingFrequency.Daily);
        var households = NewIndicator(campaign, 3, "Hộ đã ký biên bản bàn giao", MeasureUnit.Households, Aggregation.Latest, ReportingFrequency.Daily);
        var workdays = NewIndicator(campaign, 4, "Ngày công huy động", MeasureUnit.Workdays, Aggregation.Sum, ReportingFrequency.Daily);
        db.AddRange(graves, area, households, workdays);
        db.AddRange(route.Select(u => Participant(campaign, u)));
        await LinkModelsAsync(db, campaign, province, name => name.StartsWith("30 ngày đêm", StringComparison.Ordinal), 1, ct);
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
            // What the drive's pace needs: about five workdays a grave, clearing the land, and a standing team every day.
            var workdayTarget = Math.Round(((graveTarget * 5.25m) + (areaTarget / 200) + (25 * RingRoadDays)) / 10) * 10;
            graveTotal += graveTarget;
            targets.AddRange([
                Target(campaign, graves, commune, graveTarget), Target(campaign, area, commune, areaTarget),
                Target(campaign, households, commune, householdTarget), Target(campaign, workdays, commune, workdayTarget),
            ]);

            // The S-curve: a logistic centred mid-drive; late starters centre later and reach less.
            var behind = Behind.Contains(commune.Code);
            var performance = behind ? 0.62 + (random.NextDouble() * 0.22) : Ahead.Contains(commune.Code) ? 1.03 + (random.NextDouble() * 0.05) : 0.93 + (random.NextDouble() * 0.08);
            var centre = 12.5 + (random.NextDouble() * 4.5) - 2 + (behind ? 2 : 0);
            var spread = 3 + (random.NextDouble() * 1.5);
            var missing = i % 6 == 4 && elapsed > 4 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(2, elapsed - 1)).ToHashSet() : [];
            decimal carryGraves = 0, carryArea = 0, carryWork = 0, level = 0;
            for (var day = 0; day < elapsed; day++)
            {
                var period = start.AddDays(day);
                var at = Vietnam(period, 16, 0).AddMinutes(random.Next(0, 150));
                var dayGraves = Math.Round(graveTarget * (decimal)(performance * Share(day, centre, spread) * Noise(random, 0.2)));
                var dayArea = Math.Round(areaTarget * (decimal)(performance * Share(day, centre + 2, spread) * Noise(random, 0.25)) / 10) * 10;
                var dayWork = Math.Round((dayGraves * (decimal)(4 + (random.NextDouble() * 2.5))) + (dayArea / 200) + random.Next(10, 41));
                level = Math.Max(level, Math.Min(householdTarget, Math.Round(householdTarget * (decimal)(Math.Min(1, performance + 0.05) * Cumulative(day + 1, centre - 3, spread)))));
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
                var source = commune.Code.StartsWith("0940", StringComparison.Ordinal) && day % 3 == 0 ? FigureSource.Import : FigureSource.Grid;
                rows.Add(graves, commune, period, dayGraves, by, at, source);
                rows.Add(area, commune, period, dayArea, by, at, source);
                rows.Add(households, commune, period, level, by, at, source);
                rows.Add(workdays, commune, period, dayWork, by, at, source);
            }
        }

        // Corrections, each with its history: graves counted twice (in the locked weeks, corrected the next morning
        // before the lock), a square-metre figure imported with a wrong digit, households who signed late in the evening.
        rows.Correct(graves, route[1].Id, start.AddDays(4), +12, reporters[route[1].Id], Vietnam(start.AddDays(5), 7, 45), "Đã trừ 12 mộ tính trùng với báo cáo ngày hôm trước.");
        rows.Correct(area, route[7].Id, today.AddDays(-4), +1500, reporters[route[7].Id], Vietnam(today.AddDays(-3), 8, 30), "Sửa số liệu nhập nhầm từ tệp Excel.",
            FigureSource.Import);
        var officerCommune = route.FirstOrDefault(c => reporters[c.Id].AccountId is not null) ?? route[0];
        rows.Correct(households, officerCommune.Id, today.AddDays(-2), -5, reporters[officerCommune.Id], Vietnam(today.AddDays(-2), 21, 10), "Bổ sung 5 hộ ký biên bản tối cùng ngày.");

        // The province's own plan for graves, a little above the communes' sum: the difference is shown.
        targets.Add(Target(campaign, graves, province, Math.Ceiling((graveTotal + 1) / 500) * 500));
        db.AddRange(targets);
        db.AddRange(Enumerable.Range(0, Math.Min(LockedDays, elapsed)).Select(d => new CampaignPeriodLock
        {
            CampaignId = campaign.Id,
            Frequency = ReportingFrequency.Daily,
            Period = start.AddDays(d),
            LockedAt = Min(Vietnam(start.AddDays(LockedDays + 1), 16, 30), now),
            ActorName = owner,
        }));
        await db.SaveChangesAsync(ct);
        return (campaign.Id, await rows.WriteAsync(db, ct));
    }

    private static async Task<(int CampaignId, int Figures)> SeedLandAsync(
        DanVanDbContext db, Unit province, int? organizationId, List<Unit> villages, Dictionary<int, Reporter> reporters,
        DateOnly today, DateTime now, Random random, CancellationToken ct)
    {
        var start = new DateOnly(today.Year, 1, 1);
        var end = new DateOnly(today.Year, 12, 31);
        var campaign = NewCampaign(province, LandName,
            "Phong trào thi đua: Nhân dân tự nguyện hiến đất, góp công, góp của mở rộng, cứng hóa đường giao thông nông thôn và ngõ xóm; "
            + "danh sách hộ hiến đất và kinh phí đóng góp được công khai tại nhà văn hóa thôn, tổ dân phố. "
            + "Các thôn báo cáo diện tích và số hộ hiến đất hằng tuần, kinh phí và kết quả làm đường hằng tháng.",
            start, end, organizationId, UnitLevel.Village, CampaignStatus.Running, now);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var land = NewIndicator(campaign, 1, "Diện tích đất hiến", MeasureUnit.SquareMetres, Aggregation.Sum, ReportingFrequency.Weekly);
        var donors = NewIndicator(campaign, 2, "Số hộ hiến đất", MeasureUnit.Households, Aggregation.Sum, ReportingFrequency.Weekly);
        var money = NewIndicator(campaign, 3, "Kinh phí nhân dân đóng góp", MeasureUnit.Vnd, Aggregation.Sum, ReportingFrequency.Monthly);
        var roads = NewIndicator(campaign, 4, "Đường giao thông nông thôn hoàn thành", MeasureUnit.Kilometres, Aggregation.Sum, ReportingFrequency.Monthly);
        roads.Decimals = 2;
        db.AddRange(land, donors, money, roads);
        db.AddRange(villages.Select(u => Participant(campaign, u)));
        await LinkModelsAsync(db, campaign, province, name => name.StartsWith("Toàn dân đoàn kết hiến đất", StringComparison.Ordinal)
            || name.StartsWith("Hiến đất", StringComparison.Ordinal), 3, ct);
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
                Target(campaign, land, village, landTarget), Target(campaign, donors, village, donorTarget),
                Target(campaign, money, village, moneyTarget), Target(campaign, roads, village, roadTarget),
            ]);

            var performance = 0.85 + (random.NextDouble() * 0.4);
            var skipped = i % 9 == 5 ? weeks.Where(w => w > today.AddDays(-70)).OrderBy(_ => random.Next()).Take(2).ToHashSet() : [];
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
                var area = random.NextDouble() < 0.4 ? Math.Round((decimal)(expected / 0.4 * Noise(random, 0.5)) / 5) * 5 : 0;
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
                var amount = random.NextDouble() < 0.85 ? Math.Round(moneyTarget * (decimal)(share / 0.85 * Noise(random, 0.4)) / 100_000) * 100_000 : 0;
                var km = random.NextDouble() < 0.7 ? Math.Round(roadTarget * (decimal)(share / 0.7 * Noise(random, 0.4)), 2) : 0;
                rows.Add(money, village, month, amount, by, at, i % 5 == 1 ? FigureSource.Import : FigureSource.Grid);
                rows.Add(roads, village, month, km, by, at, i % 5 == 1 ? FigureSource.Import : FigureSource.Grid);
            }
        }

        // A week's area entered with an extra strip that belonged to the neighbouring village, corrected the next day.
        if (rows.Last(land, villages[0].Id, w => w.Value > 0 && w.Period < today.AddDays(-14)) is { } lumpy)
        {
            rows.Correct(land, villages[0].Id, lumpy.Period, +200, reporters[villages[0].CommuneId!.Value], lumpy.UpdatedAt.AddDays(1),
                "Trừ 200 m² đã báo cáo ở thôn bên cạnh.");
        }

        // The province's plan for rural roads, set above the villages' sum: the difference is shown.
        targets.Add(Target(campaign, roads, province, Math.Ceiling((roadTotal + 1) / 5) * 5));
        db.AddRange(targets);
        await db.SaveChangesAsync(ct);
        return (campaign.Id, await rows.WriteAsync(db, ct));
    }

    /// <summary>The share of a year's work that falls in a period, by the month's season.</summary>
    private static double Weight(DateOnly from, DateOnly to)
    {
        var total = 0m;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            total += Season[day.Month - 1] / DateTime.DaysInMonth(day.Year, day.Month);
        }

        return (double)(total / Season.Sum());
    }

    /// <summary>The logistic S-curve of a 30-day drive: the share done by the end of <paramref name="days"/> days, 0 to 1.</summary>
    private static double Cumulative(double days, double centre, double spread)
    {
        static double G(double x, double c, double s) => 1 / (1 + Math.Exp(-(x - c) / s));
        var low = G(0, centre, spread);
        var high = G(RingRoadDays, centre, spread);
        return Math.Clamp((G(days, centre, spread) - low) / (high - low), 0, 1);
    }

    /// <summary>The share of the drive done on one day (0-based).</summary>
    private static double Share(int day, double centre, double spread) => Cumulative(day + 1, centre, spread) - Cumulative(day, centre, spread);

    private static double Noise(Random random, double amplitude) => 1 - amplitude + (random.NextDouble() * 2 * amplitude);

    /// <summary>A time of day in Vietnam, as UTC.</summary>
    private static DateTime Vietnam(DateOnly day, int hour, int minute) =>
        DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, minute)) - VietnamTime.Offset, DateTimeKind.Utc);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static Campaign NewCampaign(Unit province, string name, string purpose, DateOnly start, DateOnly end, int? organizationId, UnitLevel reporting,
        CampaignStatus status, DateTime now) => new()
        {
            UnitId = province.Id,
            ProvinceId = province.ProvinceId,
            CommuneId = province.CommuneId,
            VillageId = province.VillageId,
            UnitLevel = province.Level,
            Name = name,
            Purpose = purpose,
            StartsOn = start,
            EndsOn = end,
            OrganizationId = organizationId,
            ReportingLevel = reporting,
            Status = status,
            SearchText = TextSearch.Normalize(name),
            CreatedAt = Min(Vietnam(start.AddDays(-7), 9, 0), now),
        };

    private static Indicator NewIndicator(Campaign campaign, int order, string name, MeasureUnit measure, Aggregation aggregation, ReportingFrequency frequency) => new()
    {
        CampaignId = campaign.Id,
        Name = name,
        Measure = measure,
        Aggregation = aggregation,
        Direction = IndicatorDirection.HigherIsBetter,
        Frequency = frequency,
        SortOrder = order,
    };

    private static CampaignParticipant Participant(Campaign campaign, Unit unit) => new()
    {
        CampaignId = campaign.Id, UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId,
    };

    private static IndicatorTarget Target(Campaign campaign, Indicator indicator, Unit unit, decimal value) => new()
    {
        CampaignId = campaign.Id, IndicatorId = indicator.Id, UnitId = unit.Id,
        ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId, Value = value,
    };

    /// <summary>Links recognized models of the province whose names fit: its own typical model first.</summary>
    private static async Task LinkModelsAsync(DanVanDbContext db, Campaign campaign, Unit province, Func<string, bool> fits, int count, CancellationToken ct)
    {
        var candidates = await db.Models.AsNoTracking()
            .Where(m => m.ProvinceId == province.Id && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended))
            .Select(m => new { m.Id, m.Name, m.UnitLevel }).ToListAsync(ct);
        db.AddRange(candidates.Where(m => fits(m.Name)).OrderBy(m => m.UnitLevel).ThenBy(m => m.Id).Take(count)
            .Select(m => new CampaignModel { CampaignId = campaign.Id, ModelId = m.Id }));
    }

    /// <summary>The figures of one campaign with their histories, as the entry handler leaves them: version 1 when entered, +1 per correction.</summary>
    private sealed class FigureRows(int campaignId)
    {
        private readonly List<(CampaignFigure Figure, List<FigureRevision> History)> rows = [];
        private readonly Dictionary<(int Indicator, int Unit, DateOnly Period), int> index = [];

        public void Add(Indicator indicator, Unit unit, DateOnly period, decimal value, Reporter by, DateTime at, FigureSource source = FigureSource.Grid)
        {
            var figure = new CampaignFigure
            {
                CampaignId = campaignId, IndicatorId = indicator.Id, UnitId = unit.Id,
                ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId,
                Period = period, Value = value, UpdatedAt = at, ActorName = by.Name, Version = 1,
            };
            index[(indicator.Id, unit.Id, period)] = rows.Count;
            rows.Add((figure, [Revision(figure, null, value, source, at, by)]));
        }

        public CampaignFigure? Last(Indicator indicator, int unitId, Func<CampaignFigure, bool> where) =>
            rows.Select(r => r.Figure).LastOrDefault(f => f.IndicatorId == indicator.Id && f.UnitId == unitId && where(f));

        /// <summary>A cell first entered off by <paramref name="error"/>, then corrected at <paramref name="at"/> to the value it has now.</summary>
        public void Correct(Indicator indicator, int unitId, DateOnly period, decimal error, Reporter by, DateTime at, string note, FigureSource? enteredBy = null)
        {
            if (!index.TryGetValue((indicator.Id, unitId, period), out var i))
            {
                return;
            }

            var (figure, history) = rows[i];
            var first = history[0];
            first.NewValue = figure.Value + error;
            first.Source = enteredBy ?? first.Source;
            if (first.NewValue < 0 || at <= first.At)
            {
                first.NewValue = figure.Value;
                return;
            }

            history.Add(Revision(figure, first.NewValue, figure.Value, FigureSource.Grid, at, by));
            figure.Version = 2;
            figure.UpdatedAt = at;
            figure.Note = note;
        }

        private FigureRevision Revision(CampaignFigure figure, decimal? old, decimal value, FigureSource source, DateTime at, Reporter by) => new()
        {
            CampaignId = campaignId, IndicatorId = figure.IndicatorId, UnitId = figure.UnitId,
            ProvinceId = figure.ProvinceId, CommuneId = figure.CommuneId, VillageId = figure.VillageId,
            Period = figure.Period, OldValue = old, NewValue = value, Source = source, At = at, AccountId = by.AccountId, ActorName = by.Name,
        };

        /// <summary>Writes the figures, then their revisions (which need the figures' ids), in batches.</summary>
        public async Task<int> WriteAsync(DanVanDbContext db, CancellationToken ct)
        {
            foreach (var chunk in rows.Chunk(Batch))
            {
                db.AddRange(chunk.Select(r => r.Figure));
                await db.SaveChangesAsync(ct);
                foreach (var (figure, history) in chunk)
                {
                    history.ForEach(r => r.FigureId = figure.Id);
                }

                db.AddRange(chunk.SelectMany(r => r.History));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            return rows.Count;
        }
    }
}
