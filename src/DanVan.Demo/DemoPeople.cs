using System.Globalization;
using DanVan.Web.Features.Units;

namespace DanVan.Demo;

/// <summary>
/// SYNTHETIC people of the demonstration: Vietnamese names drawn from common family, middle and given names,
/// telephone numbers, 12-digit identity numbers and addresses. Nobody here exists; the identity numbers start
/// with "000", a province code no real card carries.
/// </summary>
internal sealed class DemoPeople(Random random)
{
    // Weighted roughly like the population: Nguyễn first by far; Thân and Giáp are typical of the Bắc Giang side.
    private static readonly (string Name, int Weight)[] Families =
    [
        ("Nguyễn", 30), ("Trần", 10), ("Lê", 8), ("Phạm", 6), ("Hoàng", 4), ("Vũ", 4), ("Đỗ", 3), ("Ngô", 3), ("Đặng", 2), ("Bùi", 2),
        ("Dương", 2), ("Đào", 2), ("Trịnh", 1), ("Lương", 1), ("Phan", 1), ("Đinh", 1), ("Nghiêm", 1), ("Chu", 1), ("Thân", 2), ("Giáp", 1),
    ];

    private static readonly int FamilyTotal = Families.Sum(f => f.Weight);

    private static readonly string[] MaleMiddle = ["Văn", "Văn", "Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân", "Công", "Thế", "Ngọc", "Mạnh"];
    private static readonly string[] FemaleMiddle = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim"];

    private static readonly string[] MaleGiven =
    [
        "Hùng", "Dũng", "Tuấn", "Long", "Hải", "Nam", "Sơn", "Thắng", "Toàn", "Cường", "Hiếu", "Khánh", "Phong", "Quân", "Trung", "Việt",
        "Bình", "Hòa", "Thành", "Tùng", "Đạt", "Huy", "Lâm", "Nghĩa", "Phúc", "Tiến", "Vinh", "Chiến", "Định", "Kiên",
    ];

    private static readonly string[] FemaleGiven =
    [
        "Lan", "Hoa", "Hương", "Mai", "Nga", "Hạnh", "Thủy", "Yến", "Linh", "Huyền", "Trang", "Thảo", "Hà", "Dung", "Liên", "Oanh",
        "Nhung", "Loan", "Hằng", "Vân", "Tâm", "Hiền", "Quyên", "Chi",
    ];

    private static readonly string[] CompanyKinds = ["Công ty TNHH", "Công ty TNHH", "Công ty cổ phần", "Hợp tác xã"];
    private static readonly string[] CompanyTrades =
    [
        "Cơ khí chính xác", "Điện tử", "May mặc", "Gỗ mỹ nghệ", "Vật liệu xây dựng", "Thực phẩm", "Bao bì", "Logistics", "Dịch vụ nông nghiệp",
        "Chế biến nông sản", "Thép", "Nhựa kỹ thuật",
    ];

    private static readonly string[] CompanyNames =
    [
        "Hưng Phát An", "Thành Đạt Lộc", "Minh Khang Phú", "Tân Việt Hòa", "Phúc Long Thịnh", "An Bình Tiến", "Đông Sơn Hưng", "Hòa Phong Mỹ",
        "Trường Hải Nam", "Quang Minh Lợi", "Bảo Ngọc Tín", "Vạn Xuân Đức",
    ];

    public string Name(bool? female = null)
    {
        var isFemale = female ?? random.Next(2) == 0;
        var roll = random.Next(FamilyTotal);
        var family = Families[^1].Name;
        foreach (var (name, weight) in Families)
        {
            if (roll < weight)
            {
                family = name;
                break;
            }

            roll -= weight;
        }

        return isFemale
            ? $"{family} {FemaleMiddle[random.Next(FemaleMiddle.Length)]} {FemaleGiven[random.Next(FemaleGiven.Length)]}"
            : $"{family} {MaleMiddle[random.Next(MaleMiddle.Length)]} {MaleGiven[random.Next(MaleGiven.Length)]}";
    }

    public string Company() =>
        $"{CompanyKinds[random.Next(CompanyKinds.Length)]} {CompanyTrades[random.Next(CompanyTrades.Length)]} {CompanyNames[random.Next(CompanyNames.Length)]}";

    /// <summary>A mobile number written as people write it: 09xx xxx xxx.</summary>
    public string Phone() => string.Create(CultureInfo.InvariantCulture,
        $"09{random.Next(10, 100)} {random.Next(0, 1000):000} {random.Next(0, 1000):000}");

    /// <summary>Twelve digits like a citizen identity card, but with the non-existent province code 000.</summary>
    public string IdNumber() => string.Create(CultureInfo.InvariantCulture,
        $"000{random.Next(0, 4)}{random.Next(40, 100):00}{random.Next(0, 1_000_000):000000}");

    /// <summary>"Xóm 3, Thôn Đông, xã Tiên Du" or, in a ward, "Số 12, Tổ dân phố số 4, phường Kinh Bắc".</summary>
    public string Address(Unit place, Unit commune)
    {
        var title = DemoDialogues.Title(commune);
        var ward = commune.Kind == UnitKind.Ward;
        var house = ward ? $"Số {random.Next(1, 180)}" : $"Xóm {random.Next(1, 9)}";
        return place.Level == UnitLevel.Village ? $"{house}, {place.Name}, {title}" : $"{house}, {title}";
    }
}

/// <summary>The officials of one unit as they appear on its dialogue records (synthetic, except the demo accounts' names).</summary>
internal sealed record Officials(
    string Secretary, string DeputySecretary, string Chair, string ViceChair, string CouncilChair, bool SecretaryChairsCouncil);
