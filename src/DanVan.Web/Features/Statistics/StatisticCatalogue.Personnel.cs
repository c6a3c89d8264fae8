namespace DanVan.Web.Features.Statistics;

public static partial class StatisticCatalogue
{
    public const string StaffInPost = "personnel.staff";
    public const string StaffQuota = "personnel.quota";
    public const string StaffingShare = "personnel.staffing_share";
    public const string StaffQualified = "personnel.staff_qualified";
    public const string StaffQualifiedRequired = "personnel.qualified_required";
    public const string StaffQualifiedShare = "personnel.qualified_share";
    public const string TrainingEnrolled = "personnel.training_enrolled";
    public const string TrainingCompleted = "personnel.training_completed";
    public const string TrainingCompletionShare = "personnel.training_completion_share";
    public const string UnitsToHold = "personnel.units_to_hold";
    public const string UnitsHeld = "personnel.units_held";
    public const string HoldingShare = "personnel.holding_share";

    /// <summary>The staffing plan's figures (ADR-0031), in the catalogue's order.</summary>
    private static Statistic[] PersonnelFigures =>
        [
            new(
                StaffInPost,
                "Cán bộ chuyên trách công tác dân vận",
                "Full-time mass-mobilization staff",
                "Hauptamtliche Kader der Massenmobilisierung",
                Measure.People,
                true,
                PeriodRule.Stock,
                Breakdown.Organization
            ),
            new(
                StaffQuota,
                "Định biên được giao",
                "Staffing quota",
                "Stellenplan",
                Measure.People,
                null,
                PeriodRule.Stock,
                Breakdown.Organization
            ),
            new(
                StaffingShare,
                "Tỷ lệ cán bộ so với định biên",
                "Staff against quota",
                "Besetzung des Stellenplans",
                Measure.Percent,
                true,
                PeriodRule.Stock,
                Formula: new Share(StaffInPost, StaffQuota)
            ),
            new(
                StaffQualified,
                "Cán bộ có trình độ lý luận chính trị trung cấp trở lên",
                "Staff at intermediate political theory or above",
                "Kader mit mittlerer politischer Theorieausbildung oder höher",
                Measure.People,
                true,
                PeriodRule.Stock,
                Breakdown.Organization
            ),
            new(
                StaffQualifiedRequired,
                "Số cán bộ trung cấp lý luận trở lên theo kế hoạch",
                "Staff at intermediate theory or above required by the plan",
                "Laut Plan erforderliche Kader mit mittlerer Theorieausbildung",
                Measure.People,
                null,
                PeriodRule.Stock,
                Breakdown.Organization
            ),
            new(
                StaffQualifiedShare,
                "Tỷ lệ cán bộ trung cấp lý luận chính trị trở lên",
                "Share of staff at intermediate theory or above",
                "Anteil der Kader mit mittlerer Theorieausbildung oder höher",
                Measure.Percent,
                true,
                PeriodRule.Stock,
                Formula: new Share(StaffQualified, StaffInPost)
            ),
            new(
                TrainingEnrolled,
                "Lượt cán bộ được cử đi đào tạo, bồi dưỡng",
                "Cadres enrolled in courses that ended",
                "Kader in abgeschlossenen Lehrgängen",
                Measure.People,
                null,
                PeriodRule.Flow
            ),
            new(
                TrainingCompleted,
                "Lượt cán bộ hoàn thành đào tạo, bồi dưỡng",
                "Cadres who completed a course",
                "Kader mit abgeschlossenem Lehrgang",
                Measure.People,
                true,
                PeriodRule.Flow
            ),
            new(
                TrainingCompletionShare,
                "Tỷ lệ hoàn thành đào tạo, bồi dưỡng",
                "Training completion",
                "Abschlussquote der Schulungen",
                Measure.Percent,
                true,
                PeriodRule.Flow,
                Formula: new Share(TrainingCompleted, TrainingEnrolled)
            ),
            new(
                UnitsToHold,
                "Xã, thôn cần có người phụ trách",
                "Communes and villages to be held",
                "Zu betreuende Gemeinden und Dörfer",
                Measure.Count,
                null,
                PeriodRule.Stock
            ),
            new(
                UnitsHeld,
                "Xã, thôn có người phụ trách",
                "Communes and villages held by someone",
                "Betreute Gemeinden und Dörfer",
                Measure.Count,
                true,
                PeriodRule.Stock
            ),
            new(
                HoldingShare,
                "Tỷ lệ xã, thôn có người phụ trách",
                "Share of communes and villages held",
                "Anteil der betreuten Gemeinden und Dörfer",
                Measure.Percent,
                true,
                PeriodRule.Stock,
                Formula: new Share(UnitsHeld, UnitsToHold)
            ),
        ];
}
