namespace DanVan.Web.Features.Campaigns;

public static class CampaignRules
{
    public const int NameLength = 300;
    public const int TextLength = 4000;
    public const int NoteLength = 500;

    /// <summary>The longest campaign: a five-year movement (2025–2030).</summary>
    public const int MaxDays = 6 * 366;

    /// <summary>Enough for a province's villages in one list; a larger campaign chooses a subtree.</summary>
    public const int MaxParticipants = 20_000;

    public const int MaxIndicators = 20;

    /// <summary>Cells in one grid save or API call.</summary>
    public const int MaxCells = 20_000;

    /// <summary>Figures in one imported file: a province's villages for a quarter of daily figures; written in bulk
    /// (ADR-0022).</summary>
    public const int MaxImportCells = 100_000;

    /// <summary>The status steps a campaign's owner may take.</summary>
    public static bool CanMove(CampaignStatus from, CampaignStatus to) =>
        (from, to) switch
        {
            (CampaignStatus.Planned, CampaignStatus.Running) => true,
            (CampaignStatus.Running, CampaignStatus.Finished) => true,
            (CampaignStatus.Finished, CampaignStatus.Running) => true,
            (CampaignStatus.Finished, CampaignStatus.Reviewed) => true,
            _ => false,
        };

    public static string MeasureLabel(Indicator indicator, Func<MeasureUnit, string> localized) =>
        indicator.Measure == MeasureUnit.Custom && !string.IsNullOrWhiteSpace(indicator.CustomMeasure)
            ? indicator.CustomMeasure
            : localized(indicator.Measure);

    public static string MeasureLabel(IndicatorRow indicator, Func<MeasureUnit, string> localized) =>
        indicator.Measure == MeasureUnit.Custom && !string.IsNullOrWhiteSpace(indicator.CustomMeasure)
            ? indicator.CustomMeasure
            : localized(indicator.Measure);
}
