using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Campaigns;

/// <summary>Where a campaign (phong trào, đợt cao điểm) stands. Figures are entered while it is planned or
/// running.</summary>
public enum CampaignStatus
{
    Planned = 1,
    Running = 2,
    Finished = 3,
    Reviewed = 4,
}

/// <summary>What an indicator counts. <see cref="Custom"/> carries its own label.</summary>
public enum MeasureUnit
{
    Graves = 1,
    SquareMetres = 2,
    Households = 3,
    Vnd = 4,
    Kilometres = 5,
    Workdays = 6,
    People = 7,
    Custom = 99,
}

/// <summary>
/// How figures add up over time. Across units they always add up (a commune's stock is the sum of its villages').
/// </summary>
public enum Aggregation
{
    /// <summary>Flows: each period's figure is what happened in that period; progress is their running total.</summary>
    Sum = 1,

    /// <summary>Stocks: each figure is the level reached; a unit counts with its latest figure until it reports
    /// again.</summary>
    Latest = 2,
}

public enum IndicatorDirection
{
    HigherIsBetter = 1,
    LowerIsBetter = 2,
}

public enum ReportingFrequency
{
    Daily = 1,
    Weekly = 2,
    Monthly = 3,
    Once = 4,
}

/// <summary>
/// A campaign of a unit: a movement or a peak drive with a period, an owning organization, the units that
/// take part (they enter figures), the models it is served by, and numeric indicators with targets per unit.
/// Figures roll up from the participants through their ancestors to the campaign's unit (<see cref="CampaignRollup"/>).
/// </summary>
public sealed class Campaign : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    public string Name { get; set; } = "";
    public string? Purpose { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public int? OrganizationId { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Planned;

    /// <summary>The level whose units enter figures: communes (a province campaign) or villages.</summary>
    public UnitLevel ReportingLevel { get; set; } = UnitLevel.Village;

    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => UnitScope.ScopeOf(this);

    /// <summary>Figures can be entered or imported.</summary>
    public bool AcceptsFigures => Status is CampaignStatus.Planned or CampaignStatus.Running;
}

/// <summary>
/// A unit that takes part and enters figures. Its node in the roll-up is its ancestor at the campaign's
/// reporting level, so a participant merged into another unit counts towards the successor.
/// </summary>
public sealed class CampaignParticipant : IUnitStamped
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
}

/// <summary>A "Dân vận khéo" model that serves the campaign.</summary>
public sealed class CampaignModel
{
    public int CampaignId { get; set; }
    public int ModelId { get; set; }
}

/// <summary>A numeric indicator of a campaign: what is counted, how it adds up, how often it is reported.</summary>
public sealed class Indicator : IVersioned
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public string Name { get; set; } = "";
    public MeasureUnit Measure { get; set; }

    /// <summary>The label of a <see cref="MeasureUnit.Custom"/> measure ("cây", "tấn").</summary>
    public string? CustomMeasure { get; set; }

    public Aggregation Aggregation { get; set; } = Aggregation.Sum;
    public IndicatorDirection Direction { get; set; } = IndicatorDirection.HigherIsBetter;
    public ReportingFrequency Frequency { get; set; } = ReportingFrequency.Daily;

    /// <summary>Decimal places a figure may have (0–3): graves are whole, km are not.</summary>
    public int Decimals { get; set; }

    /// <summary>Corrections of a flow may be negative (graves counted twice yesterday); most indicators are
    /// not.</summary>
    public bool AllowNegative { get; set; }

    public int SortOrder { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// An explicit target of a unit for an indicator. A unit without one has the sum of its children's targets;
/// with one, the difference to that sum is shown.
/// </summary>
public sealed class IndicatorTarget : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int IndicatorId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public decimal Value { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One figure: a participating unit's value of an indicator for a period (the period's first day). One row per
/// cell; a correction updates it (with a version, so two people on one cell get a conflict) and leaves a
/// <see cref="FigureRevision"/>. Carries its ancestors like every fact row (STYLE.md 12).
/// </summary>
public sealed class CampaignFigure : IUnitStamped, IVersioned, IOwnHistory
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int IndicatorId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public DateOnly Period { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string ActorName { get; set; } = "";
    public int Version { get; set; }

    public UnitRef Ref => UnitScope.ScopeOf(this);
}

public enum FigureSource
{
    Grid = 1,
    Api = 2,
    Import = 3,
}

/// <summary>A figure as it was entered or corrected: the history shown on a cell.</summary>
public sealed class FigureRevision : IUnitStamped, IOwnHistory
{
    public long Id { get; set; }
    public long FigureId { get; set; }
    public int CampaignId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int IndicatorId { get; set; }
    public DateOnly Period { get; set; }

    /// <summary>Null: the cell was empty before.</summary>
    public decimal? OldValue { get; set; }

    /// <summary>Null: the figure was removed.</summary>
    public decimal? NewValue { get; set; }
    public FigureSource Source { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public string ActorName { get; set; } = "";
}

/// <summary>A period closed by the campaign's owner: its figures can no longer be entered or corrected.</summary>
public sealed class CampaignPeriodLock
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public ReportingFrequency Frequency { get; set; }
    public DateOnly Period { get; set; }
    public DateTime LockedAt { get; set; }
    public string ActorName { get; set; } = "";
}

/// <summary>
/// Summary row: one node of a campaign's tree (a participant or an ancestor up to the campaign's unit) and one
/// indicator — the actual value, the explicit and derived targets, the number of figures. Kept in the same
/// transaction as the figures (STYLE.md 12) by atomic increments; carries the node's ancestors for scoping.
/// </summary>
public sealed class CampaignTotal : IUnitScoped, IDerivedRow
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int IndicatorId { get; set; }
    public int UnitId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    /// <summary>The node above in the campaign's tree (null for the campaign's own unit).</summary>
    public int? ParentUnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public decimal Actual { get; set; }
    public decimal? ExplicitTarget { get; set; }

    /// <summary>The sum of the children's targets (a participant: 0).</summary>
    public decimal ChildTarget { get; set; }

    /// <summary>The target in force: the explicit one if set, else <see cref="ChildTarget"/>.</summary>
    public decimal Target { get; set; }

    public int FigureCount { get; set; }
}

/// <summary>
/// Summary row: a node's change in one period. The running sum of <see cref="Delta"/> is the node's cumulative
/// series (a flow's running total, or a stock's level), whatever the aggregation.
/// </summary>
public sealed class CampaignSeries : IDerivedRow
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int IndicatorId { get; set; }
    public int UnitId { get; set; }
    public DateOnly Period { get; set; }
    public decimal Delta { get; set; }
}
