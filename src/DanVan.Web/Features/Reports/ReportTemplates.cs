using DanVan.Web.Features.Statistics;
using S = DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Web.Features.Reports;

/// <summary>A section of a template: its key, its heading as the document prints it, the catalogue figures of its table
/// (none for a narrative only) and what the unit is asked to write.</summary>
public sealed record TemplateSection(string Key, string Title, IReadOnlyList<string> Figures);

/// <summary>The sections of a report of a kind, in order.</summary>
public sealed record ReportTemplate(string Key, IReadOnlyList<TemplateSection> Sections);

/// <summary>
/// The report templates. The default follows the common skeleton of a mass-mobilization report (DOMAIN.md §5):
/// leadership, the "Dân vận khéo" movement, the campaigns, reception and dialogue, petitions — each with the catalogue's figures —
/// then the assessment, the next period's tasks and the proposals. Every figure is a catalogue key; a template
/// without sections or with an unknown figure is refused by <see cref="Check"/>.
/// </summary>
public static class ReportTemplates
{
    public const string MonthlyKey = "mass-mobilization";

    /// <summary>The kinds of period a round is opened for, each with its template.</summary>
    public static readonly IReadOnlyList<PeriodKind> Kinds =
    [
        PeriodKind.Month,
        PeriodKind.Quarter,
        PeriodKind.SixMonths,
        PeriodKind.NineMonths,
        PeriodKind.Year,
    ];

    /// <summary>How a stored template's sections are written (<see cref="ReportTemplateSetting.Sections"/>).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(
        System.Text.Json.JsonSerializerDefaults.Web
    );

    public static readonly ReportTemplate Default = new(
        MonthlyKey,
        [
            new("leadership", "Công tác tham mưu, lãnh đạo, chỉ đạo", []),
            new(
                "models",
                "Phong trào thi đua “Dân vận khéo”",
                [S.ModelsRegistered, S.ModelsImplementing, S.ModelsRecognized, S.ModelsCommended, S.ModelsReplicated]
            ),
            new(
                "campaigns",
                "Các phong trào thi đua, chiến dịch, cuộc vận động",
                [S.CampaignsStarted, S.CampaignsRunning]
            ),
            new(
                "programs",
                "Thực hiện chương trình, kế hoạch công tác dân vận năm",
                [
                    S.ProgramsApproved,
                    S.ProgramsOnTimeShare,
                    S.ProgramCoverageShare,
                    S.ProgramItemsDue,
                    S.ProgramItemsDone,
                    S.ProgramItemsLate,
                    S.CommitmentsDue,
                    S.CommitmentsFulfilled,
                ]
            ),
            new(
                "dialogues",
                "Tiếp công dân, đối thoại với Nhân dân",
                [S.DialogueSessions, S.ReceptionDays, S.ReceptionDaysDue, S.ReceptionDaysShare, S.DialogueParticipants]
            ),
            new(
                "petitions",
                "Tiếp nhận, giải quyết kiến nghị của Nhân dân",
                [
                    S.PetitionsReceived,
                    S.PetitionsAnswered,
                    S.PetitionsAnsweredOnTime,
                    S.PetitionsOnTimeShare,
                    S.PetitionsOpen,
                    S.PetitionsOverdue,
                ]
            ),
            new("assessment", "Đánh giá chung (ưu điểm; hạn chế, nguyên nhân)", []),
            new("next", "Nhiệm vụ trọng tâm kỳ tới", []),
            new("proposals", "Đề xuất, kiến nghị", []),
        ]
    );

    public static ReportTemplate? Find(string key) => key == MonthlyKey ? Default : null;

    /// <summary>Why a template cannot be used: no sections, a section without a key or title, a key twice, an unknown
    /// figure; null when it can.</summary>
    public static string? Check(ReportTemplate template)
    {
        if (template.Sections.Count == 0)
        {
            return "Reports_TemplateEmpty";
        }

        if (template.Sections.Any(s => string.IsNullOrWhiteSpace(s.Key) || string.IsNullOrWhiteSpace(s.Title)))
        {
            return "Reports_TemplateSectionIncomplete";
        }

        if (template.Sections.Select(s => s.Key).Distinct().Count() != template.Sections.Count)
        {
            return "Reports_TemplateSectionTwice";
        }

        return template.Sections.SelectMany(s => s.Figures).Any(k => S.All.All(f => f.Key != k))
            ? "Reports_TemplateUnknownFigure"
            : null;
    }

    /// <summary>The report's subject (trích yếu), lower case as a Party document has it: "kết quả công tác dân vận
    /// tháng 11 năm 2026".</summary>
    public static string Subject(StatisticPeriod period) =>
        "kết quả công tác dân vận "
        + period.Kind switch
        {
            PeriodKind.Month => $"tháng {period.From.Month} năm {period.From.Year}",
            PeriodKind.Quarter => $"quý {Roman((period.From.Month + 2) / 3)} năm {period.From.Year}",
            PeriodKind.SixMonths => $"6 tháng đầu năm {period.From.Year}",
            PeriodKind.NineMonths => $"9 tháng đầu năm {period.From.Year}",
            _ => $"năm {period.From.Year}",
        };

    private static string Roman(int quarter) =>
        quarter switch
        {
            1 => "I",
            2 => "II",
            3 => "III",
            _ => "IV",
        };
}
