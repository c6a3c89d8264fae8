using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Models;

/// <summary>A model (mô hình) or an exemplar (điển hình) of a collective or an individual (DOMAIN.md §2).</summary>
public enum ModelKind
{
    Model = 1,
    CollectiveExemplar = 2,
    IndividualExemplar = 3,
}

/// <summary>Where a model stands in its lifecycle (README.md of this folder has the diagram).</summary>
public enum ModelStatus
{
    Draft = 1,
    Registered = 2,
    Launched = 3,
    Implementing = 4,
    Inspected = 5,
    Recognized = 6,
    NotRecognized = 7,
    Commended = 8,
    Suspended = 9,
    Withdrawn = 10,
}

/// <summary>The level whose steering committee or People's Committee recognized the model.</summary>
public enum RecognitionLevel
{
    Central = 0,
    Province = 1,
    Commune = 2,
}

/// <summary>The form of a commendation: Bằng khen (certificate of merit), Giấy khen (commendation), other.</summary>
public enum CommendationForm
{
    CertificateOfMerit = 1,
    Commendation = 2,
    Other = 9,
}

/// <summary>
/// A registered "Dân vận khéo" model or exemplar of a unit, owned by one of its organizations, with the ten
/// items of the registration form, its lifecycle and the data each step recorded. Carries its unit's
/// ancestors (<see cref="IUnitScoped"/>), so a model of a merged unit stays on that unit and counts towards
/// the successor.
/// </summary>
public sealed class MobilizationModel : IUnitScoped, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    /// <summary>The level of the unit the model was registered at (the commission one level up inspects).</summary>
    public UnitLevel UnitLevel { get; set; }

    public int OrganizationId { get; set; }
    public ModelKind Kind { get; set; }
    public int FieldId { get; set; }
    public ModelStatus Status { get; set; } = ModelStatus.Draft;

    // The ten items of the registration form.
    public string Name { get; set; } = "";
    public string? Situation { get; set; }
    public string? Goals { get; set; }
    public string? Content { get; set; }
    public string? AreaAndBeneficiaries { get; set; }
    public string? Forces { get; set; }
    public string? Resources { get; set; }
    public string? Timeline { get; set; }
    public string? Outputs { get; set; }
    public string? Sustainability { get; set; }

    public DateOnly? StartDate { get; set; }
    public DateOnly? EvaluationDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? TargetGroup { get; set; }
    public string? Tags { get; set; }

    /// <summary>The person of an individual exemplar: personal data, published only when <see
    /// cref="PublishPersonName"/>.</summary>
    public string? PersonName { get; set; }

    public bool PublishPersonName { get; set; }

    /// <summary>Shown in the public library once recognized.</summary>
    public bool IsPublic { get; set; }

    /// <summary>Name, items and tags in lower case without diacritics, for accent-insensitive search.</summary>
    public string SearchText { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public DateOnly? LaunchedOn { get; set; }
    public string? LaunchCommitments { get; set; }
    public DateOnly? InspectedOn { get; set; }
    public string? InspectionFindings { get; set; }
    public RecognitionLevel? RecognitionLevel { get; set; }
    public string? RecognitionDecision { get; set; }
    public DateOnly? RecognizedOn { get; set; }
    public string? RecognitionIssuer { get; set; }
    public string? NotRecognizedReason { get; set; }
    public CommendationForm? CommendationForm { get; set; }
    public string? CommendationDecision { get; set; }
    public DateOnly? CommendedOn { get; set; }
    public string? CommendationIssuer { get; set; }
    public string? StatusNote { get; set; }

    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    /// <summary>The position of the unit above the model's unit, whose commission inspects it.</summary>
    public UnitRef InspectingScope =>
        UnitLevel switch
        {
            UnitLevel.Village => new(CommuneId ?? 0, UnitLevel.Commune, ProvinceId, CommuneId, null),
            UnitLevel.Commune => new(ProvinceId ?? 0, UnitLevel.Province, ProvinceId, null, null),
            _ => new(0, UnitLevel.Central, null, null, null),
        };

    public bool IsIndividual => Kind == ModelKind.IndividualExemplar;

    /// <summary>Recognized at some level, whether commended since or not.</summary>
    public bool IsRecognized => Status is ModelStatus.Recognized or ModelStatus.Commended;

    /// <summary>Copies this model's unit and ancestors onto a row that belongs to it.</summary>
    public void Stamp(IUnitStamped row) => this.StampOnto(row);
}

/// <summary>One step of a model's lifecycle as it happened: from, to, who, when, with what note.</summary>
public sealed class ModelEvent : IUnitStamped
{
    public long Id { get; set; }
    public int ModelId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public ModelAction Action { get; set; }
    public ModelStatus From { get; set; }
    public ModelStatus To { get; set; }
    public DateTime At { get; set; }
    public DateOnly? On { get; set; }
    public int? AccountId { get; set; }
    public string ActorName { get; set; } = "";
    public string? Note { get; set; }
}
