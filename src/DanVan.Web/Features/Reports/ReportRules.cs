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
    public static string BareName(string name) => DocumentHeader.BareName(name);

    /// <summary>The header a report starts with: its unit's (<see cref="DocumentHeader.For"/>), which the unit corrects
    /// while the report is open.</summary>
    public static void Prefill(
        UnitReport report,
        Unit unit,
        Unit? province,
        DocumentRegime regime = DocumentRegime.Party
    )
    {
        var h = DocumentHeader.For(unit, province, regime);
        report.Regime = h.Regime;
        report.ParentBody = h.ParentBody;
        report.IssuingBody = h.IssuingBody;
        report.Abbreviation = h.Abbreviation;
        report.Place = h.Place;
        report.SignerAuthority = h.SignerAuthority;
        report.SignerTitle = h.SignerTitle;
        report.Recipients = h.Recipients;
    }
}
