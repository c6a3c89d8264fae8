using System.Globalization;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Generate;

/// <summary>
/// The national data set of QUALITY.md, generated deterministically from a seed: per commune (national scale)
/// 30 villages, ~12 organizations, 7 accounts, 60 models, 150 dialogue sessions, 1,505 petitions, ~3,000
/// campaign figures, 8 cadres with their posts and quotas and ~30 responsibility assignments, so that 3,321 communes
/// give 200,000 models, 500,000 dialogues, 5,000,000 petitions, 10,000,000 figures and 27,000 cadres. A smaller scale keeps fewer communes, each as full as at national scale.
/// Rows are the app's own entity classes, filled by the app's own rules where it has them (ancestor stamping,
/// search text, petition steps, the campaign roll-up).
/// </summary>
internal sealed partial class NationalData(DanVanDbContext db, BulkWriter writer, int seed, TextWriter output)
{
    /// <summary>The generated data's "today": fixed, so two runs with one seed give the same rows.</summary>
    public static readonly DateOnly Today = new(2026, 12, 1);

    public static readonly DateOnly Start = new(2025, 7, 1);

    public const int VillagesPerCommune = 30;
    public const int ModelsPerCommune = 60;
    public const int DialoguesPerCommune = 150;
    public const int PetitionsPerCommune = 1_505;

    public const string Password = "DanVan-Bench-2026";

    private readonly List<Unit> provinces = [];
    private readonly List<Unit> communes = [];
    private readonly Dictionary<int, List<Unit>> villagesOf = [];
    private readonly Dictionary<int, Unit> unitById = [];
    private readonly Dictionary<int, List<int>> agenciesOf = [];
    private readonly Dictionary<int, List<int>> organizationsOf = [];
    private readonly Dictionary<int, List<int>> dialoguesOf = [];
    private Unit root = null!;

    public async Task RunAsync(double scale, CancellationToken ct)
    {
        root = await db.Units.AsNoTracking().SingleAsync(u => u.Level == UnitLevel.Central, ct);
        await WriteUnitsAsync(scale, ct);
        await WriteOrganizationsAsync(ct);
        await WriteAccountsAsync(ct);
        await WriteModelsAsync(ct);
        await WriteDialoguesAsync(ct);
        await WritePetitionsAsync(ct);
        await WriteCampaignsAsync(ct);
        await WriteProgramsAsync(ct);
        await WritePersonnelAsync(ct);
        await WriteHoldingsAsync(ct);
    }

    private static string Code(int n, string format = "00000") => n.ToString(format, CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- units

    private async Task WriteUnitsAsync(double scale, CancellationToken ct)
    {
        var (tree, source) = UnitTree.Load(scale);
        await output.WriteLineAsync($"Units from {source}.");
        var id = Math.Max(root.Id, 1);
        var byCode = new Dictionary<string, Unit>();
        var validFrom = new DateOnly(2025, 7, 1);
        foreach (var t in tree)
        {
            var parent = t.ParentCode is null ? root : byCode[t.ParentCode];
            var unit = new Unit
            {
                Id = ++id,
                Code = t.Code,
                Name = t.Name,
                NameEn = t.NameEn,
                Kind = t.Kind,
                ValidFrom = validFrom,
            };
            PlaceUnder(unit, parent);
            byCode[t.Code] = unit;
            (unit.Level == UnitLevel.Province ? provinces : communes).Add(unit);
        }

        var villageNames = new[] { "Đông", "Đoài", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "An", "Phú", "Hòa" };
        foreach (var commune in communes)
        {
            var list = new List<Unit>(VillagesPerCommune);
            for (var i = 1; i <= VillagesPerCommune; i++)
            {
                var ward = commune.Kind == UnitKind.Ward;
                var village = new Unit
                {
                    Id = ++id,
                    Code = $"{commune.Code}-{i:00}",
                    Name = ward ? $"Tổ dân phố số {i}" : $"Thôn {villageNames[(i - 1) % villageNames.Length]} {i}",
                    Kind = ward ? UnitKind.ResidentialGroup : UnitKind.Village,
                    ValidFrom = validFrom,
                    IsSynthetic = true,
                };
                PlaceUnder(village, commune);
                list.Add(village);
            }

            villagesOf[commune.Id] = list;
        }

        foreach (var u in provinces.Concat(communes).Concat(villagesOf.Values.SelectMany(v => v)))
        {
            unitById[u.Id] = u;
        }

        await writer.WriteAsync(provinces.Concat(communes).Concat(villagesOf.Values.SelectMany(v => v)), ct);
    }

    /// <summary>The app's own placing (level and ancestors from the parent), then the unit's own column at its
    /// level, as <c>UnitRules.InsertAsync</c> stamps it.</summary>
    private static void PlaceUnder(Unit unit, Unit parent)
    {
        UnitRules.PlaceUnder(unit, parent);
        switch (unit.Level)
        {
            case UnitLevel.Province:
                unit.ProvinceId = unit.Id;
                break;
            case UnitLevel.Commune:
                unit.CommuneId = unit.Id;
                break;
            case UnitLevel.Village:
                unit.VillageId = unit.Id;
                break;
        }

        unit.SearchText = UnitRules.SearchTextOf(unit.Code, unit.Name, unit.NameEn);
    }

    // ---------------------------------------------------------------- organizations

    private static readonly (OrganizationType Type, string Name)[] ProvinceOrganizations =
    [
        (OrganizationType.PartyCommittee, "Tỉnh ủy"),
        (OrganizationType.PropagandaMobilizationCommission, "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        (OrganizationType.PeoplesCommittee, "Ủy ban nhân dân tỉnh"),
        (OrganizationType.PeoplesCouncil, "Hội đồng nhân dân tỉnh"),
        (OrganizationType.FatherlandFront, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        (OrganizationType.Agency, "Sở Nông nghiệp và Môi trường"),
        (OrganizationType.Agency, "Sở Xây dựng"),
        (OrganizationType.Agency, "Sở Y tế"),
        (OrganizationType.Agency, "Công an tỉnh"),
    ];

    private static readonly (OrganizationType Type, string Name)[] CommuneOrganizations =
    [
        (OrganizationType.PartyCommittee, "Đảng ủy"),
        (OrganizationType.PeoplesCommittee, "Ủy ban nhân dân"),
        (OrganizationType.PeoplesCouncil, "Hội đồng nhân dân"),
        (OrganizationType.FatherlandFront, "Ủy ban Mặt trận Tổ quốc"),
        (OrganizationType.WomensUnion, "Hội Liên hiệp Phụ nữ"),
        (OrganizationType.YouthUnion, "Đoàn Thanh niên"),
        (OrganizationType.FarmersAssociation, "Hội Nông dân"),
        (OrganizationType.VeteransAssociation, "Hội Cựu chiến binh"),
        (OrganizationType.Agency, "Phòng Kinh tế"),
        (OrganizationType.Agency, "Phòng Văn hóa - Xã hội"),
        (OrganizationType.Agency, "Công an"),
        (OrganizationType.Agency, "Trung tâm Phục vụ hành chính công"),
    ];

    private Task WriteOrganizationsAsync(CancellationToken ct)
    {
        var id = 0;
        var rows = new List<Organization>();
        foreach (var unit in provinces.Concat(communes))
        {
            var list = unit.Level == UnitLevel.Province ? ProvinceOrganizations : CommuneOrganizations;
            var all = new List<int>();
            var agencies = new List<int>();
            foreach (var (type, name) in list)
            {
                var o = new Organization
                {
                    Id = ++id,
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    Type = type,
                    Name = unit.Level == UnitLevel.Province ? name.Replace("tỉnh", unit.Name) : $"{name} {unit.Name}",
                };
                rows.Add(o);
                all.Add(o.Id);
                if (type == OrganizationType.Agency)
                {
                    agencies.Add(o.Id);
                }
            }

            organizationsOf[unit.Id] = all;
            agenciesOf[unit.Id] = agencies;
        }

        return writer.WriteAsync(rows, ct);
    }

    // ---------------------------------------------------------------- accounts

    /// <summary>The e-mail of a generated account: <c>bench.{role}.{unit code}@danvan.bench</c>.</summary>
    public static string EmailOf(string role, string unitCode) =>
        $"bench.{role}.{unitCode.ToLowerInvariant()}@danvan.bench";

    private async Task WriteAccountsAsync(CancellationToken ct)
    {
        // One hash for every account (hashing 20,000 passwords would take minutes and prove nothing).
        var hash = new PasswordHasher<Account>().HashPassword(new Account(), Password);
        var accounts = new List<Account>();
        var assignments = new List<Assignment>();
        var created = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        void Add(Unit unit, string role, Role r, int? organization)
        {
            var rng = Rng.For(seed, 1, accounts.Count);
            var email = EmailOf(role, unit.Code);
            var a = new Account
            {
                Id = accounts.Count + 1,
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = new Guid(
                    BitConverter.GetBytes(rng.Next()).Concat(BitConverter.GetBytes(rng.Next())).ToArray()
                )
                    .ToString("N")
                    .ToUpperInvariant(),
                ConcurrencyStamp = new Guid(
                    BitConverter.GetBytes(rng.Next()).Concat(BitConverter.GetBytes(rng.Next())).ToArray()
                ).ToString(),
                LockoutEnabled = true,
                DisplayName = $"{role} {unit.Name}",
                HomeUnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                CreatedAt = created,
            };
            accounts.Add(a);
            assignments.Add(
                new Assignment
                {
                    Id = assignments.Count + 1,
                    AccountId = a.Id,
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    Role = r,
                    OrganizationId = organization,
                    CreatedAt = created,
                }
            );
        }

        Add(root, "officer", Role.Officer, null);
        Add(root, "viewer", Role.Viewer, null);
        foreach (var p in provinces)
        {
            Add(p, "admin", Role.UnitAdministrator, null);
            Add(p, "leader", Role.Leader, null);
            Add(p, "officer", Role.Officer, null);
            Add(p, "viewer", Role.Viewer, null);
            Add(p, "agency", Role.AgencyHandler, agenciesOf[p.Id][0]);
        }

        foreach (var c in communes)
        {
            Add(c, "admin", Role.UnitAdministrator, null);
            Add(c, "leader", Role.Leader, null);
            Add(c, "officer", Role.Officer, null);
            Add(c, "viewer", Role.Viewer, null);
            Add(c, "agency", Role.AgencyHandler, agenciesOf[c.Id][0]);
            Add(c, "agency2", Role.AgencyHandler, agenciesOf[c.Id][1]);
        }

        // The personnel officers last, so the accounts above keep their keys: one per unit that keeps cadres.
        foreach (var unit in new[] { root }.Concat(provinces).Concat(communes))
        {
            Add(unit, "personnel", Role.PersonnelOfficer, null);
            personnelOfficerOf[unit.Id] = accounts[^1].Id;
        }

        await writer.WriteAsync(accounts, ct);
        await writer.WriteAsync(assignments, ct);
    }

    private static DateTime UtcAt(DateOnly day, int minute) =>
        day.ToDateTime(new TimeOnly(1, 0).AddMinutes(minute % 600), DateTimeKind.Utc);

    private int VillageOrCommune(ref Rng rng, Unit commune, double villageShare, out Unit unit)
    {
        unit = rng.Chance(villageShare) ? rng.Pick(villagesOf[commune.Id]) : commune;
        return unit.Id;
    }

    private static void Stamp(IUnitStamped row, Unit unit)
    {
        row.UnitId = unit.Id;
        row.ProvinceId = unit.ProvinceId;
        row.CommuneId = unit.CommuneId;
        row.VillageId = unit.VillageId;
    }

    private static DateOnly DayBetween(ref Rng rng, DateOnly from, DateOnly to) =>
        from.AddDays(rng.Below(Math.Max(1, to.DayNumber - from.DayNumber + 1)));

    private static string Sentence(ref Rng rng, string[] words, int count)
    {
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = words[rng.Below(words.Length)];
        }

        var text = string.Join(' ', parts);
        return char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] + ".";
    }

    private static readonly string[] Words =
    [
        "nhân dân",
        "cán bộ",
        "thôn",
        "xã",
        "đường",
        "giải phóng mặt bằng",
        "hỗ trợ",
        "vận động",
        "hộ gia đình",
        "đất đai",
        "môi trường",
        "nước sạch",
        "chiếu sáng",
        "an ninh",
        "trật tự",
        "bảo hiểm",
        "y tế",
        "trường học",
        "hiến đất",
        "kênh mương",
        "nông thôn mới",
        "cải cách hành chính",
        "thủ tục",
        "giấy chứng nhận",
        "đền bù",
        "tái định cư",
        "vệ sinh",
        "rác thải",
        "giao thông",
        "phụ nữ",
        "thanh niên",
        "nông dân",
        "cựu chiến binh",
    ];
}
