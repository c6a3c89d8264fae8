using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.OfficialDocuments;

namespace DanVan.Web.Features.Reports;

/// <summary>Where a unit's report of a round stands (README.md has the diagram).</summary>
public enum ReportStatus
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
    Locked = 5,
}

/// <summary>The steps of a report's life.</summary>
public enum ReportAction
{
    Submit = 1,
    Return = 2,
    Approve = 3,
    Reopen = 4,
}

/// <summary>
/// A reporting round: a unit (a province) asks its reporting units — itself and its communes — for their report of a
/// period, due on a day. One round per unit, kind and period (docs/decisions/ADR-0029).
/// </summary>
public sealed class ReportingRound : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    public PeriodKind Kind { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>The last day to submit, in Vietnam time; a report submitted after its end is late.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The template the reports were opened with (<see cref="ReportTemplates"/>).</summary>
    public string TemplateKey { get; set; } = ReportTemplates.MonthlyKey;

    /// <summary>Mergers during the period, as the round found them when opened: "successor reports for retired"
    /// lines.</summary>
    public string? MergerNote { get; set; }

    /// <summary>The day the level above was told which reports are late (once, the day after the due day).</summary>
    public DateOnly? LateNoticeOn { get; set; }

    /// <summary>Who opened the round; null when it opened on the province's schedule.</summary>
    public int? OpenedById { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public int Version { get; set; }

    public StatisticPeriod Period => new(Kind, From, To);
}

/// <summary>
/// One unit's report in a round: the document's header as the unit will issue it, its state, and — from the submission
/// on — its frozen figures (<see cref="ReportFigure"/>). The narrative is in its <see cref="ReportSection"/>s.
/// </summary>
public sealed class UnitReport : IUnitStamped, IVersioned
{
    public const int HeaderLength = 200;
    public const int RecipientsLength = 2000;

    public int Id { get; set; }
    public int RoundId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    /// <summary>The report of the level above in the same round (null for the round's own unit).</summary>
    public int? ParentReportId { get; set; }

    public ReportStatus Status { get; set; } = ReportStatus.Draft;

    /// <summary>Units merged into this one during the period, which it reports for ("Xã A, Xã B").</summary>
    public string? ReportsFor { get; set; }

    /// <summary>Whose document it is (the template's, when the round opened): the Party committee's or the People's
    /// Committee's; the header's layout and motto follow.</summary>
    public DocumentRegime Regime { get; set; } = DocumentRegime.Party;

    // The document's header and signature, pre-filled from the unit and editable while the report is open.
    public string ParentBody { get; set; } = "";
    public string IssuingBody { get; set; } = "";
    public string Abbreviation { get; set; } = "";
    public string Place { get; set; } = "";

    /// <summary>The number the clerical office gives when issuing; blank until then.</summary>
    public int? Number { get; set; }

    public string SignerAuthority { get; set; } = "";
    public string? SignerTitle { get; set; }
    public string? SignerName { get; set; }

    /// <summary>"Nơi nhận", one recipient per line.</summary>
    public string? Recipients { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }
    public int? SubmittedById { get; set; }

    /// <summary>The day of the submission in Vietnam time (the document's date).</summary>
    public DateOnly? SubmittedOn { get; set; }

    public bool SubmittedLate { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public int? ApprovedById { get; set; }

    /// <summary>Which reminders the unit has had: 1 three days before the due day, 2 on it.</summary>
    public int RemindedStage { get; set; }

    /// <summary>Why it was returned or reopened, the last time.</summary>
    public string? ReturnReason { get; set; }

    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    /// <summary>The unit may edit and submit it.</summary>
    public bool IsOpen => Status is ReportStatus.Draft or ReportStatus.Returned;
}

/// <summary>A section of a report, in the template's order: a heading, the catalogue figures its table shows, and the
/// narrative the unit writes (plain paragraphs, "- " lists; never HTML).</summary>
public sealed class ReportSection : IUnitStamped
{
    public const int TextLength = 100_000;

    public int Id { get; set; }
    public int ReportId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    public int Order { get; set; }
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>The catalogue keys of the section's table, comma separated; empty for a narrative only.</summary>
    public string Figures { get; set; } = "";

    public string? Text { get; set; }

    public IReadOnlyList<string> FigureKeys => Figures.Length == 0 ? [] : Figures.Split(',');
}

/// <summary>A catalogue figure as it stood when the report was submitted: its value for the period, the period before
/// and a year earlier. Written once, in the submission's transaction.</summary>
public sealed class ReportFigure : IUnitStamped
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    public string Key { get; set; } = "";
    public double? Value { get; set; }
    public double? Previous { get; set; }
    public double? YearBefore { get; set; }
}

/// <summary>A step of a report: who took it, when, from which state to which, and why (a return or a reopening).</summary>
public sealed class ReportEvent : IUnitStamped
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    public ReportAction Action { get; set; }
    public ReportStatus From { get; set; }
    public ReportStatus To { get; set; }
    public string? Reason { get; set; }
    public int ById { get; set; }
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
