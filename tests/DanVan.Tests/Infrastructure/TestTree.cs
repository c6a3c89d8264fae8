using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// The standard tree every test starts from. Seen from the commune C1: its own unit (C1), a child (V1),
/// a sibling (C2, same province), its parent (P1) and a unit in another province (C3).
/// <code>
/// VN ─┬─ P1 ─┬─ C1 ─┬─ V1
///     │      │      └─ V2
///     │      └─ C2 ─── V3
///     └─ P2 ─── C3 ─── V4
/// </code>
/// </summary>
public sealed record TestTree(
    Unit Root,
    Unit P1,
    Unit C1,
    Unit V1,
    Unit V2,
    Unit C2,
    Unit V3,
    Unit P2,
    Unit C3,
    Unit V4
)
{
    public static async Task<TestTree> SeedAsync(DanVanApp app) =>
        await app.WithDbAsync(async db =>
        {
            var root = await db.Units.SingleAsync(u => u.Level == UnitLevel.Central);
            var p1 = await AddAsync(db, "T91", "Tỉnh Thử Nghiệm", UnitKind.Province, root);
            var p2 = await AddAsync(db, "T92", "Tỉnh Láng Giềng", UnitKind.Province, root);
            var c1 = await AddAsync(db, "T91001", "Xã Đông Hòa", UnitKind.Commune, p1);
            var c2 = await AddAsync(db, "T91002", "Phường Tây Sơn", UnitKind.Ward, p1);
            var c3 = await AddAsync(db, "T92001", "Xã Bắc Lý", UnitKind.Commune, p2);
            var v1 = await AddAsync(db, "T91001-01", "Thôn Thượng", UnitKind.Village, c1);
            var v2 = await AddAsync(db, "T91001-02", "Thôn Hạ", UnitKind.Village, c1);
            var v3 = await AddAsync(db, "T91002-01", "Tổ dân phố số 1", UnitKind.ResidentialGroup, c2);
            var v4 = await AddAsync(db, "T92001-01", "Thôn Nam", UnitKind.Village, c3);
            foreach (var unit in new[] { p1, p2, c1, c2, c3, v1, v2, v3, v4 })
            {
                db.Organizations.Add(
                    new Organization
                    {
                        UnitId = unit.Id,
                        ProvinceId = unit.ProvinceId,
                        CommuneId = unit.CommuneId,
                        VillageId = unit.VillageId,
                        Type =
                            unit.Level == UnitLevel.Village
                                ? OrganizationType.PartyCell
                                : OrganizationType.PeoplesCommittee,
                        Name = $"Ủy ban nhân dân {unit.Name}",
                    }
                );
            }

            await db.SaveChangesAsync();
            return new TestTree(root, p1, c1, v1, v2, c2, v3, p2, c3, v4);
        });

    private static async Task<Unit> AddAsync(DanVanDbContext db, string code, string name, UnitKind kind, Unit parent)
    {
        var unit = new Unit
        {
            Code = code,
            Name = name,
            Kind = kind,
            ValidFrom = new DateOnly(2025, 7, 1),
        };
        unit.SearchText = TextSearch.Normalize($"{name} {code}");
        UnitRules.PlaceUnder(unit, parent);
        await UnitRules.InsertAsync(db, [unit], CancellationToken.None);
        return unit;
    }
}
