using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Demo;

internal static partial class DemoCadres
{
    private static readonly string[] Done =
    [
        "Dự sinh hoạt chi bộ, nắm tình hình tư tưởng cán bộ, đảng viên",
        "Đối thoại với hộ dân về giải phóng mặt bằng đường Vành đai 4",
        "Kiểm tra mô hình \"Dân vận khéo\" của xã, gặp tổ tự quản",
        "Dự hội nghị giao ban công tác dân vận quý",
        "Thăm hộ nghèo, gia đình chính sách trước Tết",
        "Nắm tình hình thực hiện quy chế dân chủ ở cơ sở",
    ];

    private static readonly string[] Issues =
    [
        "Người dân đề nghị sớm chi trả tiền bồi thường",
        "Đường ngõ xóm xuống cấp sau mùa mưa",
        "Cần thêm kinh phí cho hoạt động của tổ hòa giải",
        "Ô nhiễm từ cụm công nghiệp làng nghề",
    ];

    /// <summary>
    /// "The province holds the commune": the commission's cadres each hold a few communes, and the communes' Front
    /// committees hold most of their villages, with their visit reports. Every ninth commune is held by nobody and every sixth holder has
    /// not reported for over a month, so the coverage report has gaps; Kinh Bắc (with its villages) and Tiên Du are left
    /// to nobody, for the browser tests to assign.
    /// </summary>
    private static async Task SeedResponsibilitiesAsync(
        DanVanDbContext db,
        Unit province,
        IReadOnlyList<Unit> communes,
        IReadOnlyList<Cadre> cadres,
        Random random,
        DateOnly today,
        CancellationToken ct
    )
    {
        var holders = cadres.Where(c => c.UnitId == province.Id).ToList();
        var fronts = await db
            .Organizations.AsNoTracking()
            .Where(o =>
                o.ProvinceId == province.Id && o.VillageId == null && o.Type == OrganizationType.FatherlandFront
            )
            .ToDictionaryAsync(o => o.UnitId, o => o.Id, ct);
        var villages = await db
            .Units.AsNoTracking()
            .Where(u => u.ProvinceId == province.Id && u.Level == UnitLevel.Village && u.ValidTo == null)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var held = new List<(Responsibility Row, bool Silent)>();
        foreach (var (commune, n) in communes.Select((c, n) => (c, n)))
        {
            if (commune.Name is "Kinh Bắc" or "Tiên Du" || n % 9 == 5)
            {
                continue;
            }

            held.Add(
                (
                    new Responsibility
                    {
                        UnitId = commune.Id,
                        ProvinceId = commune.ProvinceId,
                        CommuneId = commune.CommuneId,
                        UnitLevel = commune.Level,
                        HolderCadreId = holders[n % holders.Count].Id,
                        FromOn = new DateOnly(2025, 7, 1).AddDays(random.Next(0, 60)),
                        Note = "Nắm tình hình, dự sinh hoạt chi bộ và hội nghị của xã",
                    },
                    n % 6 == 1
                )
            );
        }

        // "The commune holds the people": each commune's Front committee holds its villages, three in four of them
        // (Kinh Bắc's are left for the browser tests), every fifth holder silent for over a month.
        var kinhBac = communes.FirstOrDefault(c => c.Name == "Kinh Bắc")?.Id;
        var villageNumber = 0;
        foreach (var village in villages.Where(v => v.CommuneId != kinhBac))
        {
            villageNumber++;
            if (villageNumber % 4 == 0 || !fronts.TryGetValue(village.CommuneId!.Value, out var front))
            {
                continue;
            }

            var row = new Responsibility
            {
                UnitLevel = village.Level,
                HolderOrganizationId = front,
                FromOn = new DateOnly(2025, 9, 1).AddDays(random.Next(0, 30)),
                Note = "Nắm tình hình, dự sinh hoạt khu dân cư, vận động nhân dân",
            };
            village.Ref.StampOnto(row);
            held.Add((row, villageNumber % 5 == 2));
        }

        db.Responsibilities.AddRange(held.Select(h => h.Row));
        await HeldUnits.SyncAsync(db, [.. held.Select(h => h.Row.UnitId)], ct);
        await db.SaveChangesAsync(ct);
        foreach (var (row, silent) in held)
        {
            var count = silent ? 1 : 1 + random.Next(3);
            for (var k = 0; k < count; k++)
            {
                var day = silent
                    ? today.AddDays(-45 - random.Next(60))
                    : today.AddDays(-2 - (k * 20) - random.Next(15));
                if (day < row.FromOn)
                {
                    continue;
                }

                db.ResponsibilityVisits.Add(
                    new ResponsibilityVisit
                    {
                        ResponsibilityId = row.Id,
                        UnitId = row.UnitId,
                        ProvinceId = row.ProvinceId,
                        CommuneId = row.CommuneId,
                        VillageId = row.VillageId,
                        UnitLevel = row.UnitLevel,
                        VisitedOn = day,
                        Done = Done[random.Next(Done.Length)],
                        Issues = random.Next(3) == 0 ? Issues[random.Next(Issues.Length)] : null,
                    }
                );
                row.LastVisitOn = row.LastVisitOn is { } last && last > day ? last : day;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
