using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.OfficialDocuments;

namespace DanVan.Web.Features.Reports;

/// <summary>
/// The rules of reports in one place: who writes, who reviews, which steps a state allows, when a report is late, and
/// the header a unit's report starts with (docs/decisions/ADR-0029).
/// </summary>
public static class ReportRules
{
    public const int ReasonLength = 2000;

    /// <summary>The day of the following month a report is due by default (one province uses the 18th).</summary>
    public const int DefaultDueDay = 18;

    /// <summary>The <paramref name="day"/> (the 18th unless a template says otherwise) of the month after the
    /// period.</summary>
    public static DateOnly DefaultDue(StatisticPeriod period, int day = DefaultDueDay) =>
        new DateOnly(period.To.Year, period.To.Month, 1).AddMonths(1).AddDays(Math.Clamp(day, 1, 28) - 1);

    /// <summary>The levels that open rounds: a province (its communes report to it).</summary>
    public static bool OpensRounds(UnitLevel level) => level == UnitLevel.Province;

    /// <summary>The unit's own officers and leaders write and submit its report (nobody above writes it for
    /// them).</summary>
    public static bool MayWrite(ICurrentUser user, UnitReport report) =>
        user.Grants.Any(g => RolePermissions.Grants(g.Role, Permission.ReportsWrite) && g.UnitId == report.UnitId);

    /// <summary>
    /// The level above reviews (returns, approves, reopens): a reviewer whose subtree holds the unit from above. The
    /// round's own unit has no level above in the round: its leader approves it, once every report below is approved.
    /// </summary>
    public static bool MayReview(ICurrentUser user, UnitReport report) =>
        user.Grants.Any(g =>
            RolePermissions.Grants(g.Role, Permission.ReportsReview)
            && UnitScope.Contains(g, report.Ref)
            && (g.UnitId != report.UnitId || (report.ParentReportId is null && g.Role == Role.Leader))
        );

    public static IReadOnlyList<ReportStatus> From(ReportAction action) =>
        action switch
        {
            ReportAction.Submit => [ReportStatus.Draft, ReportStatus.Returned],
            ReportAction.Return => [ReportStatus.Submitted],
            ReportAction.Approve => [ReportStatus.Submitted],
            _ => [ReportStatus.Approved, ReportStatus.Locked],
        };

    public static ReportStatus To(ReportAction action) =>
        action switch
        {
            ReportAction.Submit => ReportStatus.Submitted,
            ReportAction.Approve => ReportStatus.Approved,
            _ => ReportStatus.Returned,
        };

    public static bool NeedsReason(ReportAction action) => action is ReportAction.Return or ReportAction.Reopen;

    /// <summary>The steps the caller may take on the report now.</summary>
    public static IReadOnlyList<ReportAction> Steps(ICurrentUser user, UnitReport report) =>
        [
            .. Enum.GetValues<ReportAction>()
                .Where(a => From(a).Contains(report.Status))
                .Where(a => a == ReportAction.Submit ? MayWrite(user, report) : MayReview(user, report)),
        ];

    /// <summary>Late: submitted after the due day, or not yet submitted once the due day has passed (Vietnam
    /// time).</summary>
    public static bool IsLate(UnitReport report, DateOnly dueOn, DateOnly today) =>
        report.SubmittedOn is { } on ? report.SubmittedLate || on > dueOn : today > dueOn;

    /// <summary>Missing: not submitted (a draft, or returned and not sent again).</summary>
    public static bool IsMissing(UnitReport report) => report.IsOpen;

    /// <summary>Stamps a row with a unit and its ancestors.</summary>
    public static void Stamp(UnitRef unit, IUnitStamped row)
    {
        row.UnitId = unit.Id;
        row.ProvinceId = unit.ProvinceId;
        row.CommuneId = unit.CommuneId;
        row.VillageId = unit.VillageId;
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

    /// <summary>
    /// The header a report starts with, in the Party's style (mass mobilization is the Party committee's work): a
    /// province's report is issued by its commission for propaganda and mass mobilization under the provincial Party
    /// committee; a commune's by its Party committee under the provincial Party organization. The unit corrects it while
    /// the report is open.
    /// </summary>
    public static void Prefill(
        UnitReport report,
        Unit unit,
        Unit? province,
        DocumentRegime regime = DocumentRegime.Party
    )
    {
        var place = BareName(unit.Name);
        var provinceName = BareName(province?.Name ?? unit.Name).ToUpperInvariant();
        report.Place = place;
        report.Regime = regime;
        if (regime == DocumentRegime.State)
        {
            // The People's Committee's report (Nghị định 30/2020): the committee, its chair signing for it.
            var city = (province ?? unit).Kind == UnitKind.City;
            report.Abbreviation = "UBND";
            report.SignerAuthority = "TM. ỦY BAN NHÂN DÂN";
            report.SignerTitle = "CHỦ TỊCH";
            if (unit.Level == UnitLevel.Province)
            {
                report.ParentBody = "ỦY BAN NHÂN DÂN";
                report.IssuingBody = (city ? "THÀNH PHỐ " : "TỈNH ") + provinceName;
                report.Recipients =
                    $"Ban Dân vận Trung ương\nThường trực {(city ? "Thành ủy" : "Tỉnh ủy")}, HĐND {(city ? "thành phố" : "tỉnh")}\nLưu: VT";
            }
            else
            {
                report.ParentBody = (city ? "UBND THÀNH PHỐ " : "UBND TỈNH ") + provinceName;
                report.IssuingBody = "ỦY BAN NHÂN DÂN " + FullName(unit).ToUpperInvariant();
                report.Recipients =
                    $"UBND {(city ? "thành phố" : "tỉnh")}\nBan Tuyên giáo và Dân vận {(city ? "Thành ủy" : "Tỉnh ủy")}\nThường trực Đảng ủy\nLưu: VT";
            }

            return;
        }

        if (unit.Level == UnitLevel.Province)
        {
            report.ParentBody = (unit.Kind == UnitKind.City ? "THÀNH ỦY " : "TỈNH ỦY ") + provinceName;
            report.IssuingBody = "BAN TUYÊN GIÁO VÀ DÂN VẬN";
            report.Abbreviation = unit.Kind == UnitKind.City ? "BTGDVTHU" : "BTGDVTU";
            report.SignerAuthority = "K/T TRƯỞNG BAN";
            report.SignerTitle = "PHÓ TRƯỞNG BAN";
            report.Recipients =
                $"Ban Dân vận Trung ương\nThường trực {(unit.Kind == UnitKind.City ? "Thành ủy" : "Tỉnh ủy")} {place}\nLưu Văn phòng Ban";
        }
        else
        {
            report.ParentBody =
                (province?.Kind == UnitKind.City ? "ĐẢNG BỘ THÀNH PHỐ " : "ĐẢNG BỘ TỈNH ") + provinceName;
            report.IssuingBody = "ĐẢNG ỦY " + FullName(unit).ToUpperInvariant();
            report.Abbreviation = "ĐU";
            report.SignerAuthority = "T/M ĐẢNG ỦY";
            report.SignerTitle = "PHÓ BÍ THƯ";
            report.Recipients = "Ban Tuyên giáo và Dân vận Tỉnh ủy\nCác chi bộ trực thuộc\nLưu Văn phòng Đảng ủy";
        }
    }
}
