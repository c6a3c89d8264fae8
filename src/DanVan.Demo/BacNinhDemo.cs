using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Demo;

/// <summary>
/// The demonstration data: Bắc Ninh after the merger of 1 July 2025 (DOMAIN.md §8). The province and its
/// 99 communes and wards carry their official codes and names. The villages and residential groups, the
/// people's names and the e-mail addresses are SYNTHETIC: invented for the demonstration and marked so in
/// the database (<see cref="Unit.IsSynthetic"/>).
/// </summary>
internal static class BacNinhDemo
{
    public const string ProvinceCode = "24";
    public const string ProvinceName = "Bắc Ninh";
    public static readonly DateOnly MergerDate = new(2025, 7, 1);

    private static readonly UnitsFile UnitTables = DemoText.Load<UnitsFile>("units");
    private static readonly OrganizationsFile OrganizationTables = DemoText.Load<OrganizationsFile>("organizations");

    /// <summary>The two provinces merged into the new Bắc Ninh; kept as retired units pointing at it.</summary>
    public static readonly FormerProvince[] FormerProvinces = UnitTables.FormerProvinces;

    public sealed record FormerProvince(string Code, string Name, string NameEn);

    public sealed record CommuneSeed(string Code, string Name, string NameEn, UnitKind Kind);

    public static readonly CommuneSeed[] Communes = UnitTables.Communes;

    /// <summary>The communes that get synthetic villages or residential groups, and how many.</summary>
    public static readonly (string Code, int Villages)[] CommunesWithVillages =
    [
        ("09187", 8), // Phường Kinh Bắc: residential groups
        ("09319", 9), // Xã Tiên Du: villages
        ("07210", 7), // Phường Bắc Giang
        ("07288", 6), // Xã Yên Thế
        ("07582", 6), // Xã Lục Ngạn
        ("09367", 6), // Phường Từ Sơn
        ("09454", 5), // Xã Gia Bình
        ("09496", 5), // Xã Lương Tài
    ];

    public static readonly string[] VillageNames = UnitTables.VillageNames;

    /// <summary>The two communes with demo accounts: a ward and a commune.</summary>
    public const string WardCode = "09187";
    public const string CommuneCode = "09319";

    /// <summary>A commune on the Ring Road 4 route with villages: its officer enters figures for both demo
    /// campaigns.</summary>
    public const string RingRoadCommuneCode = "09454";

    public const string Password = "DanVan-Demo-2026";

    public sealed record AccountSeed(
        string Email,
        string DisplayName,
        Role Role,
        string UnitCode,
        OrganizationType? Organization = null
    );

    public static readonly AccountSeed[] Accounts = DemoText.Load<AccountsFile>("accounts").Accounts;

    public static readonly ProvinceOrganization[] ProvinceOrganizations = OrganizationTables.Province;

    /// <summary>Organizations of a commune-level unit; "{0}" is "xã X" or "phường X".</summary>
    public static readonly CommuneOrganization[] CommuneOrganizations = OrganizationTables.Commune;

    public sealed record ProvinceOrganization(OrganizationType Type, string Name, string? Short);

    public sealed record CommuneOrganization(OrganizationType Type, string Pattern, bool CommuneOnly);

    /// <summary>Data/units.json, Data/accounts.json and Data/organizations.json: the tables above.</summary>
    private sealed record UnitsFile(FormerProvince[] FormerProvinces, CommuneSeed[] Communes, string[] VillageNames);

    private sealed record AccountsFile(AccountSeed[] Accounts);

    private sealed record OrganizationsFile(ProvinceOrganization[] Province, CommuneOrganization[] Commune);
}
