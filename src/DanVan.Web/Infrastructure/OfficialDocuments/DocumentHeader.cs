using DanVan.Web.Features.Units;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>
/// Who issues a unit's official documents and how they are headed and signed — one definition for its reports and its
/// programs. In the Party's style (mass mobilization is the Party committee's work) a province's documents are issued by
/// its commission for propaganda and mass mobilization under the provincial Party committee, a commune's by its Party
/// committee under the provincial Party organization; in the state's style (Nghị định 30/2020) by the People's
/// Committee, its chair signing for it. Where a document is editable the unit corrects what it starts with.
/// </summary>
public sealed record DocumentHeader(
    DocumentRegime Regime,
    string ParentBody,
    string IssuingBody,
    string Abbreviation,
    string Place,
    string SignerAuthority,
    string? SignerTitle,
    string? Recipients
)
{
    /// <summary>The header of <paramref name="unit"/>'s documents (<paramref name="province"/>: its province, when the
    /// unit is below one).</summary>
    public static DocumentHeader For(Unit unit, Unit? province, DocumentRegime regime = DocumentRegime.Party)
    {
        var d = new Draft();
        var place = BareName(unit.Name);
        var provinceName = BareName(province?.Name ?? unit.Name).ToUpperInvariant();
        d.Place = place;
        d.Regime = regime;
        if (regime == DocumentRegime.State)
        {
            // The People's Committee's report (Nghị định 30/2020): the committee, its chair signing for it.
            var city = (province ?? unit).Kind == UnitKind.City;
            d.Abbreviation = "UBND";
            d.SignerAuthority = "TM. ỦY BAN NHÂN DÂN";
            d.SignerTitle = "CHỦ TỊCH";
            if (unit.Level == UnitLevel.Province)
            {
                d.ParentBody = "ỦY BAN NHÂN DÂN";
                d.IssuingBody = (city ? "THÀNH PHỐ " : "TỈNH ") + provinceName;
                d.Recipients =
                    $"Ban Dân vận Trung ương\nThường trực {(city ? "Thành ủy" : "Tỉnh ủy")}, HĐND {(city ? "thành phố" : "tỉnh")}\nLưu: VT";
            }
            else
            {
                d.ParentBody = (city ? "UBND THÀNH PHỐ " : "UBND TỈNH ") + provinceName;
                d.IssuingBody = "ỦY BAN NHÂN DÂN " + FullName(unit).ToUpperInvariant();
                d.Recipients =
                    $"UBND {(city ? "thành phố" : "tỉnh")}\nBan Tuyên giáo và Dân vận {(city ? "Thành ủy" : "Tỉnh ủy")}\nThường trực Đảng ủy\nLưu: VT";
            }

            return d.ToHeader();
        }

        if (unit.Level == UnitLevel.Province)
        {
            d.ParentBody = (unit.Kind == UnitKind.City ? "THÀNH ỦY " : "TỈNH ỦY ") + provinceName;
            d.IssuingBody = "BAN TUYÊN GIÁO VÀ DÂN VẬN";
            d.Abbreviation = unit.Kind == UnitKind.City ? "BTGDVTHU" : "BTGDVTU";
            d.SignerAuthority = "K/T TRƯỞNG BAN";
            d.SignerTitle = "PHÓ TRƯỞNG BAN";
            d.Recipients =
                $"Ban Dân vận Trung ương\nThường trực {(unit.Kind == UnitKind.City ? "Thành ủy" : "Tỉnh ủy")} {place}\nLưu Văn phòng Ban";
        }
        else
        {
            d.ParentBody = (province?.Kind == UnitKind.City ? "ĐẢNG BỘ THÀNH PHỐ " : "ĐẢNG BỘ TỈNH ") + provinceName;
            d.IssuingBody = "ĐẢNG ỦY " + FullName(unit).ToUpperInvariant();
            d.Abbreviation = "ĐU";
            d.SignerAuthority = "T/M ĐẢNG ỦY";
            d.SignerTitle = "PHÓ BÍ THƯ";
            d.Recipients = "Ban Tuyên giáo và Dân vận Tỉnh ủy\nCác chi bộ trực thuộc\nLưu Văn phòng Đảng ủy";
        }

        return d.ToHeader();
    }

    /// <summary>The name without its kind ("Xã Tiên Du" → "Tiên Du"): the place of the date line.</summary>
    public static string BareName(string name)
    {
        foreach (var prefix in new[] { "Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn " })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    /// <summary>The name with its kind, as documents write it ("Tiên Du" → "Xã Tiên Du"); a name that has it
    /// already stays as it is.</summary>
    public static string FullName(Unit unit)
    {
        var bare = BareName(unit.Name);
        if (bare != unit.Name)
        {
            return unit.Name;
        }

        var kind = unit.Kind switch
        {
            UnitKind.Province => "Tỉnh ",
            UnitKind.City => "Thành phố ",
            UnitKind.Commune => "Xã ",
            UnitKind.Ward => "Phường ",
            UnitKind.SpecialZone => "Đặc khu ",
            _ => "",
        };
        return kind + unit.Name;
    }

    private sealed class Draft
    {
        public DocumentRegime Regime { get; set; }
        public string ParentBody { get; set; } = "";
        public string IssuingBody { get; set; } = "";
        public string Abbreviation { get; set; } = "";
        public string Place { get; set; } = "";
        public string SignerAuthority { get; set; } = "";
        public string? SignerTitle { get; set; }
        public string? Recipients { get; set; }

        public DocumentHeader ToHeader() =>
            new(Regime, ParentBody, IssuingBody, Abbreviation, Place, SignerAuthority, SignerTitle, Recipients);
    }
}
