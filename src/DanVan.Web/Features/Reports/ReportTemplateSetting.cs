using System.Text.Json;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.OfficialDocuments;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Reports;

/// <summary>
/// A province's own template for the reports of one kind (month, quarter, 6 or 9 months, year), set by its
/// administrator in place of <see cref="ReportTemplates.Default"/>: the sections with their catalogue figures, the due
/// day, and whether the round of each period opens by itself (<see cref="ScheduledRounds"/>). Rounds copy the
/// sections when they open, so a change reaches only the rounds opened after it.
/// </summary>
public sealed class ReportTemplateSetting : IVersioned
{
    public const string StoredKey = "province";
    public const int SectionsLength = 40_000;
    public const int MaxSections = 20;

    public int Id { get; set; }

    /// <summary>The province the template is for.</summary>
    public int UnitId { get; set; }

    public PeriodKind Kind { get; set; }

    /// <summary>The sections as JSON: key, title, figures (<see cref="TemplateSection"/>).</summary>
    public string Sections { get; set; } = "[]";

    /// <summary>The day of the month after the period by which reports are due (1–28).</summary>
    public int DueDay { get; set; } = ReportRules.DefaultDueDay;

    /// <summary>The round of each period opens by itself the day after the period ends.</summary>
    public bool OpensOnSchedule { get; set; }

    /// <summary>Whose documents the reports are: the Party committee's (its mass-mobilization board, "ĐẢNG CỘNG SẢN VIỆT
    /// NAM") or the People's Committee's (the national motto); the header each report is pre-filled with follows.</summary>
    public DocumentRegime Regime { get; set; } = DocumentRegime.Party;

    public int UpdatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public ReportTemplate Template() =>
        new(StoredKey, JsonSerializer.Deserialize<List<TemplateSection>>(Sections, ReportTemplates.Json) ?? []);
}

/// <summary>The template a province's round of a kind opens with: its own, else the default.</summary>
public sealed record TemplateInForce(
    PeriodKind Kind,
    ReportTemplate Template,
    int DueDay,
    bool OpensOnSchedule,
    DocumentRegime Regime,
    ReportTemplateSetting? Setting
)
{
    public bool IsOwn => Setting is not null;

    public static async Task<TemplateInForce> ForAsync(
        DanVanDbContext db,
        int unitId,
        PeriodKind kind,
        CancellationToken ct
    ) =>
        Of(
            kind,
            await db
                .ReportTemplateSettings.AsNoTracking()
                .SingleOrDefaultAsync(t => t.UnitId == unitId && t.Kind == kind, ct)
        );

    public static TemplateInForce Of(PeriodKind kind, ReportTemplateSetting? setting) =>
        setting is null
            ? new(kind, ReportTemplates.Default, ReportRules.DefaultDueDay, false, DocumentRegime.Party, null)
            : new(kind, setting.Template(), setting.DueDay, setting.OpensOnSchedule, setting.Regime, setting);

    /// <summary>The due day of a period under this template: the <see cref="DueDay"/> of the month after it.</summary>
    public DateOnly DueOn(StatisticPeriod period) => ReportRules.DefaultDue(period, DueDay);
}
