namespace DanVan.Web.Features.Statistics;

/// <summary>
/// Every figure DanVan reports, in the order dashboards and reports show them. Each is computed by one query over
/// the summary rows (<see cref="ReadStatistics"/>) that <see cref="StatisticSources"/> keeps in the facts' own
/// transactions; nothing else counts these (docs/decisions/ADR-0025).
/// </summary>
public static partial class StatisticCatalogue
{
    public const string ModelsRegistered = "models.registered";
    public const string ModelsImplementing = "models.implementing";
    public const string ModelsRecognized = "models.recognized";
    public const string ModelsRecognizedByLevel = "models.recognized_by_level";
    public const string ModelsCommended = "models.commended";
    public const string ModelsReplicated = "models.replicated";

    public const string CampaignsStarted = "campaigns.started";
    public const string CampaignsRunning = "campaigns.running";

    public const string ProgramsApproved = "programs.approved";
    public const string ProgramsApprovedOnTime = "programs.approved_on_time";
    public const string ProgramsOnTimeShare = "programs.on_time_share";
    public const string ProgramParentItems = "programs.parent_items";
    public const string ProgramParentItemsCovered = "programs.parent_items_covered";
    public const string ProgramCoverageShare = "programs.coverage_share";
    public const string ProgramItemsDue = "programs.items_due";
    public const string ProgramItemsDone = "programs.items_done";
    public const string ProgramItemsLate = "programs.items_late";
    public const string CommitmentsDue = "programs.commitments_due";
    public const string CommitmentsFulfilled = "programs.commitments_fulfilled";
    public const string CommitmentsFulfilledByDue = "programs.commitments_fulfilled_by_due";
    public const string CommitmentsShare = "programs.commitments_share";

    public const string DialogueSessions = "dialogues.sessions";
    public const string ReceptionDays = "dialogues.receptions";
    public const string ReceptionDaysDue = "dialogues.receptions_due";
    public const string ReceptionDaysShare = "dialogues.receptions_share";
    public const string DialogueParticipants = "dialogues.participants";
    public const string ConferencesNoticeLate = "dialogues.notice_late";
    public const string ConferencesResultsLate = "dialogues.results_late";
    public const string ConferencesResultsMissing = "dialogues.results_missing";

    public const string PetitionsReceived = "petitions.received";
    public const string PetitionsAnswered = "petitions.answered";
    public const string PetitionsAnsweredOnTime = "petitions.answered_on_time";
    public const string PetitionsOnTimeShare = "petitions.on_time_share";
    public const string PetitionsDaysToAnswer = "petitions.days_to_answer";
    public const string PetitionsMedianDays = "petitions.median_days";
    public const string PetitionsOpen = "petitions.open";
    public const string PetitionsOverdue = "petitions.overdue";
    public const string PetitionsEscalated = "petitions.escalated";
    public const string PetitionsResolved = "petitions.resolved";
    public const string PetitionsClosedNotResolved = "petitions.closed_not_resolved";
    public const string PetitionsReopened = "petitions.reopened";

    public static readonly IReadOnlyList<Statistic> All =
    [
        new(
            ModelsRegistered,
            "Mô hình đăng ký",
            "Models registered",
            "Registrierte Modelle",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.ModelField
        ),
        new(
            ModelsImplementing,
            "Mô hình đang triển khai",
            "Models being implemented",
            "Modelle in Umsetzung",
            Measure.Count,
            true,
            PeriodRule.Stock
        ),
        new(
            ModelsRecognized,
            "Mô hình được công nhận",
            "Models recognized",
            "Anerkannte Modelle",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.ModelField,
            Visibility.Public
        ),
        new(
            ModelsRecognizedByLevel,
            "Mô hình được công nhận theo cấp",
            "Models recognized by level",
            "Anerkannte Modelle nach Ebene",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.RecognitionLevel
        ),
        new(
            ModelsCommended,
            "Mô hình được khen thưởng",
            "Models commended",
            "Ausgezeichnete Modelle",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.ModelField
        ),
        new(
            ModelsReplicated,
            "Lượt nhân rộng mô hình",
            "Model replications started",
            "Begonnene Übertragungen",
            Measure.Count,
            true,
            PeriodRule.Flow
        ),
        new(
            CampaignsStarted,
            "Phong trào, chiến dịch được phát động",
            "Campaigns launched",
            "Gestartete Kampagnen",
            Measure.Count,
            true,
            PeriodRule.Flow
        ),
        new(
            CampaignsRunning,
            "Phong trào, chiến dịch đang triển khai",
            "Campaigns under way",
            "Laufende Kampagnen",
            Measure.Count,
            true,
            PeriodRule.Stock
        ),
        .. ProgramFigures,
        .. PersonnelFigures,
        new(
            DialogueSessions,
            "Buổi đối thoại, tiếp dân",
            "Dialogue sessions",
            "Dialogsitzungen",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.DialogueType,
            Visibility.Public
        ),
        new(
            ReceptionDays,
            "Ngày tiếp dân định kỳ của người đứng đầu cấp ủy",
            "Reception days held by Party committee heads",
            "Bürgersprechtage der Leitungen der Parteikomitees",
            Measure.Count,
            true,
            PeriodRule.Flow
        ),
        new(
            ReceptionDaysDue,
            "Ngày tiếp dân định kỳ phải tổ chức",
            "Reception days due",
            "Fällige Bürgersprechtage",
            Measure.Count,
            null,
            PeriodRule.PerMonth,
            Breakdown.Month
        ),
        new(
            ReceptionDaysShare,
            "Tỷ lệ ngày tiếp dân đã tổ chức so với quy định",
            "Reception days held of those due",
            "Anteil abgehaltener Bürgersprechtage",
            Measure.Percent,
            true,
            PeriodRule.Flow,
            Formula: new Share(ReceptionDays, ReceptionDaysDue)
        ),
        new(
            DialogueParticipants,
            "Lượt người tham dự đối thoại",
            "Dialogue participants",
            "Teilnehmende an Dialogen",
            Measure.People,
            true,
            PeriodRule.Flow
        ),
        new(
            ConferencesNoticeLate,
            "Hội nghị đối thoại thông báo muộn",
            "Conferences with late notice",
            "Konferenzen mit verspäteter Ankündigung",
            Measure.Count,
            false,
            PeriodRule.Flow
        ),
        new(
            ConferencesResultsLate,
            "Hội nghị đối thoại công khai kết quả muộn",
            "Conferences with results published late",
            "Konferenzen mit verspätet veröffentlichten Ergebnissen",
            Measure.Count,
            false,
            PeriodRule.Flow
        ),
        new(
            ConferencesResultsMissing,
            "Hội nghị đối thoại chưa công khai kết quả",
            "Conferences without published results",
            "Konferenzen ohne veröffentlichte Ergebnisse",
            Measure.Count,
            false,
            PeriodRule.Flow
        ),
        new(
            PetitionsReceived,
            "Phản ánh, kiến nghị tiếp nhận",
            "Petitions received",
            "Eingegangene Eingaben",
            Measure.Count,
            null,
            PeriodRule.Flow,
            Breakdown.PetitionCategory,
            Visibility.Public
        ),
        new(
            PetitionsAnswered,
            "Phản ánh, kiến nghị đã trả lời",
            "Petitions answered",
            "Beantwortete Eingaben",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.PetitionCategory,
            Visibility.Public
        ),
        new(
            PetitionsAnsweredOnTime,
            "Trả lời đúng hạn",
            "Answered on time",
            "Fristgerecht beantwortet",
            Measure.Count,
            true,
            PeriodRule.Flow,
            Breakdown.PetitionCategory,
            Visibility.Public
        ),
        new(
            PetitionsOnTimeShare,
            "Tỷ lệ trả lời đúng hạn",
            "Answered on time",
            "Anteil fristgerecht beantwortet",
            Measure.Percent,
            true,
            PeriodRule.Flow,
            Visibility: Visibility.Public,
            Formula: new Share(PetitionsAnsweredOnTime, PetitionsAnswered)
        ),
        new(
            PetitionsDaysToAnswer,
            "Phản ánh đã trả lời theo số ngày",
            "Petitions answered by days taken",
            "Beantwortete Eingaben nach Dauer",
            Measure.Count,
            null,
            PeriodRule.Flow,
            Breakdown.Days
        ),
        new(
            PetitionsMedianDays,
            "Số ngày trả lời (trung vị)",
            "Median days to answer",
            "Median der Tage bis zur Antwort",
            Measure.Days,
            false,
            PeriodRule.Flow,
            Formula: new Median(PetitionsDaysToAnswer)
        ),
        new(
            PetitionsOpen,
            "Phản ánh đang xử lý",
            "Petitions open",
            "Offene Eingaben",
            Measure.Count,
            false,
            PeriodRule.Stock
        ),
        new(
            PetitionsOverdue,
            "Phản ánh quá hạn",
            "Petitions overdue",
            "Überfällige Eingaben",
            Measure.Count,
            false,
            PeriodRule.Stock
        ),
        new(
            PetitionsEscalated,
            "Phản ánh chuyển cấp trên",
            "Petitions escalated",
            "Eskalierte Eingaben",
            Measure.Count,
            false,
            PeriodRule.Flow
        ),
        new(
            PetitionsResolved,
            "Phản ánh đã giải quyết xong",
            "Petitions resolved",
            "Erledigte Eingaben",
            Measure.Count,
            true,
            PeriodRule.Flow
        ),
        new(
            PetitionsClosedNotResolved,
            "Phản ánh kết thúc chưa giải quyết",
            "Petitions closed not resolved",
            "Ohne Lösung geschlossene Eingaben",
            Measure.Count,
            false,
            PeriodRule.Flow
        ),
        new(
            PetitionsReopened,
            "Phản ánh mở lại",
            "Petitions reopened",
            "Wieder geöffnete Eingaben",
            Measure.Count,
            false,
            PeriodRule.Flow
        ),
    ];

    private static readonly Dictionary<string, Statistic> ByKey = All.ToDictionary(s => s.Key);

    public static Statistic Get(string key) => ByKey[key];

    /// <summary>The figure of a key, or null for a key the catalogue does not have.</summary>
    public static Statistic? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>The catalogue's sections, in order, with the figures a dashboard leads with.</summary>
    public static readonly IReadOnlyList<(string Section, string[] Keys)> Sections =
    [
        ("models", [ModelsRegistered, ModelsImplementing, ModelsRecognized, ModelsCommended, ModelsReplicated]),
        ("campaigns", [CampaignsStarted, CampaignsRunning]),
        (
            "programs",
            [
                ProgramsApproved,
                ProgramsOnTimeShare,
                ProgramCoverageShare,
                ProgramParentItemsCovered,
                ProgramParentItems,
                ProgramItemsDue,
                ProgramItemsDone,
                ProgramItemsLate,
                CommitmentsDue,
                CommitmentsFulfilled,
                CommitmentsShare,
            ]
        ),
        ("personnel", [StaffInPost, StaffQuota, StaffingShare, StaffQualified, StaffQualifiedShare]),
        (
            "dialogues",
            [
                DialogueSessions,
                ReceptionDays,
                ReceptionDaysDue,
                ReceptionDaysShare,
                DialogueParticipants,
                ConferencesNoticeLate,
                ConferencesResultsLate,
                ConferencesResultsMissing,
            ]
        ),
        (
            "petitions",
            [
                PetitionsReceived,
                PetitionsAnswered,
                PetitionsOnTimeShare,
                PetitionsMedianDays,
                PetitionsOpen,
                PetitionsOverdue,
                PetitionsEscalated,
                PetitionsResolved,
                PetitionsClosedNotResolved,
                PetitionsReopened,
            ]
        ),
    ];

    /// <summary>The figures of the child comparison and the heat table: one per concern, each with a direction.</summary>
    public static readonly IReadOnlyList<string> KeyFigures =
    [
        ModelsRecognized,
        DialogueSessions,
        PetitionsReceived,
        PetitionsOnTimeShare,
        PetitionsOverdue,
        PetitionsMedianDays,
        ProgramCoverageShare,
    ];
}
