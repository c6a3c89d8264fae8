using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Programs;

/// <summary>What a thematic conference is about.</summary>
public enum ConferenceType
{
    /// <summary>Hội nghị chuyên đề "Dân vận khéo".</summary>
    SkilledMobilization = 1,

    /// <summary>Hội nghị chuyên đề công tác dân vận chính quyền.</summary>
    GovernmentMobilization = 2,

    /// <summary>Hội nghị sơ kết, tổng kết.</summary>
    Review = 3,

    Other = 4,
}

/// <summary>Where a commitment stands: pending until the unit replicates the model (one action makes the replication),
/// or withdrawn with a reason.</summary>
public enum CommitmentStatus
{
    Pending = 1,
    Replicated = 2,
    Withdrawn = 3,
}

/// <summary>
/// A thematic conference (hội nghị chuyên đề) a unit holds so that the units below learn from each other: its type, day,
/// place, agenda, the units taking part, the models presented (links to the registry), its conclusions, and the
/// commitments units make there (<see cref="ConferenceCommitment"/>).
/// </summary>
public sealed class ThematicConference : IUnitStamped, IVersioned
{
    public const int TitleLength = 500;
    public const int TextLength = 20_000;
    public const int MaxUnits = 500;
    public const int MaxModels = 50;

    public int Id { get; set; }

    /// <summary>The host unit.</summary>
    public int UnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    public ConferenceType Type { get; set; }
    public string Title { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public string? Place { get; set; }

    /// <summary>Chương trình hội nghị: plain text, an item per line.</summary>
    public string? Agenda { get; set; }

    /// <summary>Kết luận hội nghị.</summary>
    public string? Conclusions { get; set; }

    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}

/// <summary>A unit taking part in a conference.</summary>
public sealed class ConferenceUnit : IUnitStamped
{
    public int Id { get; set; }
    public int ConferenceId { get; set; }

    /// <summary>The host's unit and ancestors (the row belongs to the conference).</summary>
    public int UnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    /// <summary>The unit taking part.</summary>
    public int ParticipantId { get; set; }
}

/// <summary>A model of the registry presented at a conference.</summary>
public sealed class ConferenceModel : IUnitStamped
{
    public int Id { get; set; }
    public int ConferenceId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int ModelId { get; set; }
}

/// <summary>
/// A commitment made at a conference: the committing unit replicates the model by the day. "Chuyển thành nhân rộng"
/// records the replication in the registry through the registry's own handler and links it here
/// (<see cref="ReplicationId"/>), the day it did so (<see cref="FulfilledOn"/>) counting as the commitment fulfilled.
/// Belongs to the committing unit (its ancestors), so the commune's own figures count it.
/// </summary>
public sealed class ConferenceCommitment : IUnitStamped, IVersioned
{
    public const int NoteLength = 2000;

    public int Id { get; set; }
    public int ConferenceId { get; set; }

    /// <summary>The committing unit.</summary>
    public int UnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    public int ModelId { get; set; }
    public DateOnly DueOn { get; set; }
    public string? Note { get; set; }
    public CommitmentStatus Status { get; set; } = CommitmentStatus.Pending;

    /// <summary>The replication that fulfils it.</summary>
    public int? ReplicationId { get; set; }

    /// <summary>The day it became a replication.</summary>
    public DateOnly? FulfilledOn { get; set; }

    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}
