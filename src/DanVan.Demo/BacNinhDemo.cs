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

    /// <summary>The two provinces merged into the new Bắc Ninh; kept as retired units pointing at it.</summary>
    public static readonly (string Code, string Name, string NameEn)[] FormerProvinces =
    [
        ("27", "Bắc Ninh (trước 01/7/2025)", "Bac Ninh (before 1 July 2025)"),
        ("24", "Bắc Giang (trước 01/7/2025)", "Bac Giang (before 1 July 2025)"),
    ];

    public sealed record CommuneSeed(string Code, string Name, string NameEn, UnitKind Kind);

    public static readonly CommuneSeed[] Communes =
    [
        new("07210", "Bắc Giang", "Bac Giang", UnitKind.Ward),
        new("07228", "Đa Mai", "Da Mai", UnitKind.Ward),
        new("07246", "Xuân Lương", "Xuan Luong", UnitKind.Commune),
        new("07264", "Tam Tiến", "Tam Tien", UnitKind.Commune),
        new("07282", "Đồng Kỳ", "Dong Ky", UnitKind.Commune),
        new("07288", "Yên Thế", "Yen The", UnitKind.Commune),
        new("07294", "Bố Hạ", "Bo Ha", UnitKind.Commune),
        new("07306", "Nhã Nam", "Nha Nam", UnitKind.Commune),
        new("07330", "Phúc Hoà", "Phuc Hoa", UnitKind.Commune),
        new("07333", "Quang Trung", "Quang Trung", UnitKind.Commune),
        new("07339", "Tân Yên", "Tan Yen", UnitKind.Commune),
        new("07351", "Ngọc Thiện", "Ngoc Thien", UnitKind.Commune),
        new("07375", "Lạng Giang", "Lang Giang", UnitKind.Commune),
        new("07381", "Tiên Lục", "Tien Luc", UnitKind.Commune),
        new("07399", "Kép", "Kep", UnitKind.Commune),
        new("07420", "Mỹ Thái", "My Thai", UnitKind.Commune),
        new("07432", "Tân Dĩnh", "Tan Dinh", UnitKind.Commune),
        new("07444", "Lục Nam", "Luc Nam", UnitKind.Commune),
        new("07450", "Đông Phú", "Dong Phu", UnitKind.Commune),
        new("07462", "Bảo Đài", "Bao Dai", UnitKind.Commune),
        new("07486", "Nghĩa Phương", "Nghia Phuong", UnitKind.Commune),
        new("07489", "Trường Sơn", "Truong Son", UnitKind.Commune),
        new("07492", "Lục Sơn", "Luc Son", UnitKind.Commune),
        new("07498", "Bắc Lũng", "Bac Lung", UnitKind.Commune),
        new("07519", "Cẩm Lý", "Cam Ly", UnitKind.Commune),
        new("07525", "Chũ", "Chu", UnitKind.Ward),
        new("07531", "Tân Sơn", "Tan Son", UnitKind.Commune),
        new("07534", "Sa Lý", "Sa Ly", UnitKind.Commune),
        new("07537", "Biên Sơn", "Bien Son", UnitKind.Commune),
        new("07543", "Sơn Hải", "Son Hai", UnitKind.Commune),
        new("07552", "Kiên Lao", "Kien Lao", UnitKind.Commune),
        new("07573", "Biển Động", "Bien Dong", UnitKind.Commune),
        new("07582", "Lục Ngạn", "Luc Ngan", UnitKind.Commune),
        new("07594", "Đèo Gia", "Deo Gia", UnitKind.Commune),
        new("07603", "Nam Dương", "Nam Duong", UnitKind.Commune),
        new("07612", "Phượng Sơn", "Phuong Son", UnitKind.Ward),
        new("07615", "Sơn Động", "Son Dong", UnitKind.Commune),
        new("07616", "Tây Yên Tử", "Tay Yen Tu", UnitKind.Commune),
        new("07621", "Vân Sơn", "Van Son", UnitKind.Commune),
        new("07627", "Đại Sơn", "Dai Son", UnitKind.Commune),
        new("07642", "Yên Định", "Yen Dinh", UnitKind.Commune),
        new("07654", "An Lạc", "An Lac", UnitKind.Commune),
        new("07663", "Tuấn Đạo", "Tuan Dao", UnitKind.Commune),
        new("07672", "Dương Hưu", "Duong Huu", UnitKind.Commune),
        new("07681", "Yên Dũng", "Yen Dung", UnitKind.Ward),
        new("07682", "Tân An", "Tan An", UnitKind.Ward),
        new("07696", "Tiền Phong", "Tien Phong", UnitKind.Ward),
        new("07699", "Tân Tiến", "Tan Tien", UnitKind.Ward),
        new("07735", "Đồng Việt", "Dong Viet", UnitKind.Commune),
        new("07738", "Cảnh Thuỵ", "Canh Thuy", UnitKind.Ward),
        new("07774", "Tự Lạn", "Tu Lan", UnitKind.Ward),
        new("07777", "Việt Yên", "Viet Yen", UnitKind.Ward),
        new("07795", "Nếnh", "Nenh", UnitKind.Ward),
        new("07798", "Vân Hà", "Van Ha", UnitKind.Ward),
        new("07822", "Hoàng Vân", "Hoang Van", UnitKind.Commune),
        new("07840", "Hiệp Hoà", "Hiep Hoa", UnitKind.Commune),
        new("07864", "Hợp Thịnh", "Hop Thinh", UnitKind.Commune),
        new("07870", "Xuân Cẩm", "Xuan Cam", UnitKind.Commune),
        new("09169", "Vũ Ninh", "Vu Ninh", UnitKind.Ward),
        new("09187", "Kinh Bắc", "Kinh Bac", UnitKind.Ward),
        new("09190", "Võ Cường", "Vo Cuong", UnitKind.Ward),
        new("09193", "Yên Phong", "Yen Phong", UnitKind.Commune),
        new("09202", "Tam Giang", "Tam Giang", UnitKind.Commune),
        new("09205", "Yên Trung", "Yen Trung", UnitKind.Commune),
        new("09208", "Tam Đa", "Tam Da", UnitKind.Commune),
        new("09238", "Văn Môn", "Van Mon", UnitKind.Commune),
        new("09247", "Quế Võ", "Que Vo", UnitKind.Ward),
        new("09253", "Nhân Hoà", "Nhan Hoa", UnitKind.Ward),
        new("09265", "Phương Liễu", "Phuong Lieu", UnitKind.Ward),
        new("09286", "Nam Sơn", "Nam Son", UnitKind.Ward),
        new("09292", "Phù Lãng", "Phu Lang", UnitKind.Commune),
        new("09295", "Bồng Lai", "Bong Lai", UnitKind.Ward),
        new("09301", "Đào Viên", "Dao Vien", UnitKind.Ward),
        new("09313", "Chi Lăng", "Chi Lang", UnitKind.Commune),
        new("09319", "Tiên Du", "Tien Du", UnitKind.Commune),
        new("09325", "Hạp Lĩnh", "Hap Linh", UnitKind.Ward),
        new("09334", "Liên Bão", "Lien Bao", UnitKind.Commune),
        new("09340", "Đại Đồng", "Dai Dong", UnitKind.Commune),
        new("09343", "Tân Chi", "Tan Chi", UnitKind.Commune),
        new("09349", "Phật Tích", "Phat Tich", UnitKind.Commune),
        new("09367", "Từ Sơn", "Tu Son", UnitKind.Ward),
        new("09370", "Tam Sơn", "Tam Son", UnitKind.Ward),
        new("09379", "Phù Khê", "Phu Khe", UnitKind.Ward),
        new("09385", "Đồng Nguyên", "Dong Nguyen", UnitKind.Ward),
        new("09400", "Thuận Thành", "Thuan Thanh", UnitKind.Ward),
        new("09409", "Mão Điền", "Mao Dien", UnitKind.Ward),
        new("09427", "Trí Quả", "Tri Qua", UnitKind.Ward),
        new("09430", "Trạm Lộ", "Tram Lo", UnitKind.Ward),
        new("09433", "Song Liễu", "Song Lieu", UnitKind.Ward),
        new("09445", "Ninh Xá", "Ninh Xa", UnitKind.Ward),
        new("09454", "Gia Bình", "Gia Binh", UnitKind.Commune),
        new("09466", "Cao Đức", "Cao Duc", UnitKind.Commune),
        new("09469", "Đại Lai", "Dai Lai", UnitKind.Commune),
        new("09475", "Nhân Thắng", "Nhan Thang", UnitKind.Commune),
        new("09487", "Đông Cứu", "Dong Cuu", UnitKind.Commune),
        new("09496", "Lương Tài", "Luong Tai", UnitKind.Commune),
        new("09499", "Trung Kênh", "Trung Kenh", UnitKind.Commune),
        new("09523", "Trung Chính", "Trung Chinh", UnitKind.Commune),
        new("09529", "Lâm Thao", "Lam Thao", UnitKind.Commune),
    ];

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

    public static readonly string[] VillageNames =
    [
        "Đông", "Đoài", "Trung", "Thượng", "Hạ", "Nam", "Bắc", "Tiền", "Hậu", "Phúc Lộc", "An Ninh", "Tân Lập",
    ];

    /// <summary>The two communes with demo accounts: a ward and a commune.</summary>
    public const string WardCode = "09187";
    public const string CommuneCode = "09319";

    /// <summary>A commune on the Ring Road 4 route with villages: its officer enters figures for both demo campaigns.</summary>
    public const string RingRoadCommuneCode = "09454";

    public const string Password = "DanVan-Demo-2026";

    public sealed record AccountSeed(string Email, string DisplayName, Role Role, string UnitCode, OrganizationType? Organization = null);

    public static readonly AccountSeed[] Accounts =
    [
        new("admin@danvan.demo", "Quản trị hệ thống", Role.SystemAdministrator, "VN"),
        new("tinh.quantri@danvan.demo", "Trần Thị Hà", Role.UnitAdministrator, ProvinceCode),
        new("tinh.lanhdao@danvan.demo", "Nguyễn Văn Thắng", Role.Leader, ProvinceCode),
        new("tinh.canbo@danvan.demo", "Lê Thị Mai", Role.Officer, ProvinceCode),
        new("tinh.xuly@danvan.demo", "Phạm Quốc Bảo", Role.AgencyHandler, ProvinceCode, OrganizationType.Agency),
        new("tinh.xem@danvan.demo", "Đỗ Minh Châu", Role.Viewer, ProvinceCode),
        new("kinhbac.quantri@danvan.demo", "Hoàng Văn Nam", Role.UnitAdministrator, WardCode),
        new("kinhbac.lanhdao@danvan.demo", "Vũ Thị Lan", Role.Leader, WardCode),
        new("kinhbac.canbo@danvan.demo", "Ngô Đức Anh", Role.Officer, WardCode),
        new("kinhbac.xuly@danvan.demo", "Bùi Thị Hằng", Role.AgencyHandler, WardCode, OrganizationType.PeoplesCommittee),
        new("kinhbac.xem@danvan.demo", "Đặng Văn Hùng", Role.Viewer, WardCode),
        new("tiendu.quantri@danvan.demo", "Nguyễn Thị Thu", Role.UnitAdministrator, CommuneCode),
        new("tiendu.lanhdao@danvan.demo", "Trịnh Văn Long", Role.Leader, CommuneCode),
        new("tiendu.canbo@danvan.demo", "Phan Thị Ngọc", Role.Officer, CommuneCode),
        new("tiendu.xuly@danvan.demo", "Lý Văn Tuấn", Role.AgencyHandler, CommuneCode, OrganizationType.PeoplesCommittee),
        new("tiendu.xem@danvan.demo", "Cao Thị Hoa", Role.Viewer, CommuneCode),
        new("giabinh.canbo@danvan.demo", "Đào Văn Khải", Role.Officer, RingRoadCommuneCode),
    ];

    public static readonly (OrganizationType Type, string Name, string? Short)[] ProvinceOrganizations =
    [
        (OrganizationType.PartyCommittee, "Tỉnh ủy Bắc Ninh", "Tỉnh ủy"),
        (OrganizationType.PropagandaMobilizationCommission, "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh", "Ban TG&DV"),
        (OrganizationType.PeoplesCommittee, "Ủy ban nhân dân tỉnh Bắc Ninh", "UBND tỉnh"),
        (OrganizationType.PeoplesCouncil, "Hội đồng nhân dân tỉnh Bắc Ninh", "HĐND tỉnh"),
        (OrganizationType.FatherlandFront, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh", "MTTQ tỉnh"),
        (OrganizationType.TradeUnion, "Liên đoàn Lao động tỉnh Bắc Ninh", "LĐLĐ tỉnh"),
        (OrganizationType.WomensUnion, "Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh", "Hội LHPN tỉnh"),
        (OrganizationType.YouthUnion, "Tỉnh đoàn Bắc Ninh", "Tỉnh đoàn"),
        (OrganizationType.FarmersAssociation, "Hội Nông dân tỉnh Bắc Ninh", "Hội ND tỉnh"),
        (OrganizationType.VeteransAssociation, "Hội Cựu chiến binh tỉnh Bắc Ninh", "Hội CCB tỉnh"),
        (OrganizationType.Agency, "Sở Xây dựng tỉnh Bắc Ninh", "Sở XD"),
        (OrganizationType.Agency, "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh", "Sở NN&MT"),
        (OrganizationType.Agency, "Công an tỉnh Bắc Ninh", "CA tỉnh"),
    ];

    /// <summary>Organizations of a commune-level unit; "{0}" is "xã X" or "phường X".</summary>
    public static readonly (OrganizationType Type, string Pattern, bool CommuneOnly)[] CommuneOrganizations =
    [
        (OrganizationType.PartyCommittee, "Đảng ủy {0}", false),
        (OrganizationType.PeoplesCommittee, "Ủy ban nhân dân {0}", false),
        (OrganizationType.PeoplesCouncil, "Hội đồng nhân dân {0}", false),
        (OrganizationType.FatherlandFront, "Ủy ban Mặt trận Tổ quốc Việt Nam {0}", false),
        (OrganizationType.WomensUnion, "Hội Liên hiệp Phụ nữ {0}", false),
        (OrganizationType.YouthUnion, "Đoàn Thanh niên Cộng sản Hồ Chí Minh {0}", false),
        (OrganizationType.FarmersAssociation, "Hội Nông dân {0}", true),
        (OrganizationType.VeteransAssociation, "Hội Cựu chiến binh {0}", false),
    ];
}
