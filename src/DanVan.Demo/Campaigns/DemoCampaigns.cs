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
internal static partial class DemoCampaigns
{
    private const int Seed = 2030;
    private const int Batch = 1000;

    public const string RingRoadName = "30 ngày đêm di dời mộ, giải phóng mặt bằng đường Vành đai 4 – Vùng Thủ đô";
    public const string LandName = "Toàn dân đoàn kết hiến đất xây dựng hạ tầng giao thông";

    /// <summary>The drive lasts 30 days and is on its 28th today: nearly finished, still open for today's
    /// figures.</summary>
    public const int RingRoadDays = 30;

    public const int RingRoadDaysLeft = 2;

    /// <summary>The owner locked the first two weeks after reviewing them.</summary>
    public const int LockedDays = 14;

    /// <summary>Communes and wards of the former Thuận Thành, Quế Võ and Gia Bình areas, along the route and its
    /// links.</summary>
    public static readonly string[] RingRoadCommunes =
    [
        "09400",
        "09409",
        "09427",
        "09430",
        "09433",
        "09445", // Thuận Thành, Mão Điền, Trí Quả, Trạm Lộ, Song Liễu, Ninh Xá
        "09247",
        "09253",
        "09265",
        "09286",
        "09292",
        "09295",
        "09301",
        "09313", // Quế Võ, Nhân Hoà, Phương Liễu, Nam Sơn, Phù Lãng, Bồng Lai, Đào Viên, Chi Lăng
        "09454",
        "09466",
        "09469",
        "09475",
        "09487", // Gia Bình, Cao Đức, Đại Lai, Nhân Thắng, Đông Cứu
    ];

    /// <summary>The communes whose villages report land donations: those of the demo with villages, less two city
    /// wards.</summary>
    public static readonly string[] LandCommunes = ["09319", "09454", "09496", "07288", "07582", "09367"];

    /// <summary>Communes that started late or had hard cases: they end the drive behind schedule.</summary>
    private static readonly HashSet<string> Behind = ["09433", "09292", "09487", "09301"];

    private static readonly HashSet<string> Ahead = ["09445", "09313"];

    /// <summary>The share of each month in a year's land donations and road works: little around Tết and in the rainy
    /// season.</summary>
    private static readonly decimal[] Season = [1.0m, 0.6m, 1.4m, 1.5m, 1.2m, 0.7m, 0.5m, 0.5m, 0.7m, 1.2m, 1.4m, 1.3m];

    private sealed record Reporter(string Name, int? AccountId);

    /// <summary>Adds the campaigns that are missing. Returns how many campaigns and figures were added.</summary>
    public static async Task<(int Campaigns, int Figures)> SeedAsync(
        DanVanDbContext db,
        CampaignRollup rollup,
        Unit province,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(Seed);
        var units = await db
            .Units.AsNoTracking()
            .Where(u => u.ProvinceId == province.Id && u.ValidTo == null && u.Level >= UnitLevel.Commune)
            .ToListAsync(ct);
        var communes = units.Where(u => u.Level == UnitLevel.Commune).ToDictionary(u => u.Code);
        var organizations = await db
            .Organizations.AsNoTracking()
            .Where(o => o.UnitId == province.Id && o.IsActive)
            .ToListAsync(ct);

        // The commune officers of the demo accounts report for their communes under their own names.
        var officers = await db
            .Assignments.AsNoTracking()
            .Where(a =>
                a.Role == Role.Officer && a.ProvinceId == province.Id && a.CommuneId != null && a.VillageId == null
            )
            .Join(
                db.Users,
                a => a.AccountId,
                u => u.Id,
                (a, u) =>
                    new
                    {
                        a.UnitId,
                        u.Id,
                        u.DisplayName,
                    }
            )
            .OrderBy(o => o.Id)
            .ToListAsync(ct);
        var people = new DemoPeople(random);
        var reporters = communes
            .Values.OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToDictionary(
                c => c.Id,
                c =>
                    officers.FirstOrDefault(o => o.UnitId == c.Id) is { } o
                        ? new Reporter(o.DisplayName, o.Id)
                        : new Reporter(people.Name(), null)
            );
        var owner = BacNinhDemo.Accounts.First(a => a.Email == "tinh.canbo@danvan.demo").DisplayName;

        var campaigns = 0;
        var figures = 0;
        var route = RingRoadCommunes.Where(communes.ContainsKey).Select(c => communes[c]).ToList();
        if (route.Count > 0 && !await db.Campaigns.AnyAsync(c => c.UnitId == province.Id && c.Name == RingRoadName, ct))
        {
            var organization = organizations.FirstOrDefault(o =>
                o.Type == OrganizationType.PropagandaMobilizationCommission
            );
            figures += await InTransactionAsync(
                db,
                rollup,
                () =>
                    SeedRingRoadAsync(
                        db,
                        province,
                        organization?.Id,
                        route,
                        reporters,
                        owner,
                        today,
                        now,
                        new Random(Seed + 1),
                        ct
                    ),
                ct
            );
            campaigns++;
        }

        var communeIds = LandCommunes.Where(communes.ContainsKey).Select(c => communes[c].Id).ToHashSet();
        var villages = units
            .Where(u => u.Level == UnitLevel.Village && communeIds.Contains(u.CommuneId!.Value))
            .OrderBy(u => u.CommuneId)
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
        if (villages.Count > 0 && !await db.Campaigns.AnyAsync(c => c.UnitId == province.Id && c.Name == LandName, ct))
        {
            var organization = organizations.FirstOrDefault(o => o.Type == OrganizationType.FatherlandFront);
            figures += await InTransactionAsync(
                db,
                rollup,
                () =>
                    SeedLandAsync(
                        db,
                        province,
                        organization?.Id,
                        villages,
                        reporters,
                        today,
                        now,
                        new Random(Seed + 2),
                        ct
                    ),
                ct
            );
            campaigns++;
        }

        return (campaigns, figures);
    }

    /// <summary>Writes one campaign's raw rows and builds its summary rows with the app's recompute, all or
    /// nothing.</summary>
    private static async Task<int> InTransactionAsync(
        DanVanDbContext db,
        CampaignRollup rollup,
        Func<Task<(int CampaignId, int Figures)>> seed,
        CancellationToken ct
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (campaignId, figures) = await seed();
        await rollup.RecomputeAsync(campaignId, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return figures;
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

    /// <summary>The logistic S-curve of a 30-day drive: the share done by the end of <paramref name="days"/> days, 0 to
    /// 1.</summary>
    private static double Cumulative(double days, double centre, double spread)
    {
        static double G(double x, double c, double s) => 1 / (1 + Math.Exp(-(x - c) / s));
        var low = G(0, centre, spread);
        var high = G(RingRoadDays, centre, spread);
        return Math.Clamp((G(days, centre, spread) - low) / (high - low), 0, 1);
    }

    /// <summary>The share of the drive done on one day (0-based).</summary>
    private static double Share(int day, double centre, double spread) =>
        Cumulative(day + 1, centre, spread) - Cumulative(day, centre, spread);

    private static double Noise(Random random, double amplitude) =>
        1 - amplitude + (random.NextDouble() * 2 * amplitude);

    /// <summary>A time of day in Vietnam, as UTC.</summary>
    private static DateTime Vietnam(DateOnly day, int hour, int minute) =>
        DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, minute)) - VietnamTime.Offset, DateTimeKind.Utc);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static Campaign NewCampaign(
        Unit province,
        string name,
        string purpose,
        DateOnly start,
        DateOnly end,
        int? organizationId,
        UnitLevel reporting,
        CampaignStatus status,
        DateTime now
    ) =>
        new()
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

    private static Indicator NewIndicator(
        Campaign campaign,
        int order,
        string name,
        MeasureUnit measure,
        Aggregation aggregation,
        ReportingFrequency frequency
    ) =>
        new()
        {
            CampaignId = campaign.Id,
            Name = name,
            Measure = measure,
            Aggregation = aggregation,
            Direction = IndicatorDirection.HigherIsBetter,
            Frequency = frequency,
            SortOrder = order,
        };

    private static CampaignParticipant Participant(Campaign campaign, Unit unit) =>
        new()
        {
            CampaignId = campaign.Id,
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
        };

    private static IndicatorTarget Target(Campaign campaign, Indicator indicator, Unit unit, decimal value) =>
        new()
        {
            CampaignId = campaign.Id,
            IndicatorId = indicator.Id,
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            Value = value,
        };

    /// <summary>Links recognized models of the province whose names fit: its own typical model first.</summary>
    private static async Task LinkModelsAsync(
        DanVanDbContext db,
        Campaign campaign,
        Unit province,
        Func<string, bool> fits,
        int count,
        CancellationToken ct
    )
    {
        var candidates = await db
            .Models.AsNoTracking()
            .Where(m =>
                m.ProvinceId == province.Id && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
            )
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.UnitLevel,
            })
            .ToListAsync(ct);
        db.AddRange(
            candidates
                .Where(m => fits(m.Name))
                .OrderBy(m => m.UnitLevel)
                .ThenBy(m => m.Id)
                .Take(count)
                .Select(m => new CampaignModel { CampaignId = campaign.Id, ModelId = m.Id })
        );
    }
}
