namespace DanVan.Web.Features.Statistics;

public static partial class StatisticCatalogue
{
    /// <summary>The work programs' and conference commitments' figures, in the catalogue's order (a property, so the
    /// list in <see cref="All"/> never reads it before it exists).</summary>
    private static Statistic[] ProgramFigures =>
        [
            new(
                ProgramsApproved,
                "Chương trình, kế hoạch công tác năm được phê duyệt",
                "Annual programs approved",
                "Beschlossene Jahresprogramme",
                Measure.Count,
                true,
                PeriodRule.Flow
            ),
            new(
                ProgramsApprovedOnTime,
                "Chương trình, kế hoạch phê duyệt đúng hạn",
                "Annual programs approved on time",
                "Fristgerecht beschlossene Jahresprogramme",
                Measure.Count,
                true,
                PeriodRule.Flow
            ),
            new(
                ProgramsOnTimeShare,
                "Tỷ lệ chương trình, kế hoạch phê duyệt đúng hạn",
                "Programs approved on time",
                "Anteil fristgerecht beschlossener Programme",
                Measure.Percent,
                true,
                PeriodRule.Flow,
                Formula: new Share(ProgramsApprovedOnTime, ProgramsApproved)
            ),
            new(
                ProgramParentItems,
                "Nhiệm vụ của chương trình cấp trên cần cụ thể hóa",
                "Items of the programs above to concretize",
                "Zu konkretisierende Punkte übergeordneter Programme",
                Measure.Count,
                null,
                PeriodRule.Stock
            ),
            new(
                ProgramParentItemsCovered,
                "Nhiệm vụ của chương trình cấp trên đã được cụ thể hóa",
                "Items of the programs above concretized",
                "Konkretisierte Punkte übergeordneter Programme",
                Measure.Count,
                true,
                PeriodRule.Stock
            ),
            new(
                ProgramCoverageShare,
                "Tỷ lệ cụ thể hóa chương trình cấp trên",
                "Concretization coverage",
                "Konkretisierungsgrad",
                Measure.Percent,
                true,
                PeriodRule.Stock,
                Formula: new Share(ProgramParentItemsCovered, ProgramParentItems)
            ),
            new(
                ProgramItemsDue,
                "Nhiệm vụ chương trình đến hạn",
                "Program items due",
                "Fällige Programmpunkte",
                Measure.Count,
                null,
                PeriodRule.Flow
            ),
            new(
                ProgramItemsDone,
                "Nhiệm vụ chương trình đã hoàn thành",
                "Program items done",
                "Erledigte Programmpunkte",
                Measure.Count,
                true,
                PeriodRule.Flow
            ),
            new(
                ProgramItemsLate,
                "Nhiệm vụ chương trình chậm tiến độ",
                "Program items late",
                "Verspätete Programmpunkte",
                Measure.Count,
                false,
                PeriodRule.Flow
            ),
            new(
                CommitmentsDue,
                "Cam kết nhân rộng mô hình đến hạn",
                "Replication commitments due",
                "Fällige Übertragungszusagen",
                Measure.Count,
                null,
                PeriodRule.Flow
            ),
            new(
                CommitmentsFulfilled,
                "Cam kết nhân rộng mô hình đã thực hiện",
                "Replication commitments fulfilled",
                "Erfüllte Übertragungszusagen",
                Measure.Count,
                true,
                PeriodRule.Flow
            ),
            new(
                CommitmentsFulfilledByDue,
                "Cam kết nhân rộng thực hiện đúng hạn",
                "Replication commitments fulfilled by their day",
                "Fristgerecht erfüllte Übertragungszusagen",
                Measure.Count,
                true,
                PeriodRule.Flow
            ),
            new(
                CommitmentsShare,
                "Tỷ lệ cam kết nhân rộng thực hiện đúng hạn",
                "Commitments fulfilled by their day",
                "Anteil fristgerecht erfüllter Zusagen",
                Measure.Percent,
                true,
                PeriodRule.Flow,
                Formula: new Share(CommitmentsFulfilledByDue, CommitmentsDue)
            ),
        ];
}
