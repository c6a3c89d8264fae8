using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Personnel;

/// <summary>What a course teaches (DOMAIN.md §6: đào tạo, bồi dưỡng).</summary>
public enum TrainingKind
{
    /// <summary>Lý luận chính trị: a completion may award a political-theory level.</summary>
    PoliticalTheory = 1,

    /// <summary>Nghiệp vụ công tác dân vận.</summary>
    MassMobilization = 2,

    /// <summary>Chuyên môn, quản lý nhà nước.</summary>
    Professional = 3,
    Other = 4,
}

/// <summary>Where a cadre stands in a course.</summary>
public enum EnrolmentStatus
{
    Enrolled = 1,

    /// <summary>Finished with a pass (hoàn thành): the only status that counts as completed.</summary>
    Completed = 2,

    /// <summary>Attended to the end without a pass, or left midway.</summary>
    NotCompleted = 3,

    /// <summary>Withdrawn before the course began: counted nowhere.</summary>
    Withdrawn = 4,
}

/// <summary>
/// A course offered by a unit (the province's political school, a commune's political centre, the commission): open to
/// the cadres of the offering unit's subtree. A political-theory course may award a level: completing it raises the
/// cadre's level when it is higher, which the staffing figures then count.
/// </summary>
public sealed class TrainingCourse : IUnitStamped, IVersioned
{
    public const int TitleLength = 300;
    public const int TextLength = 2_000;

    public int Id { get; set; }

    /// <summary>The offering unit.</summary>
    public int UnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }
    public string Title { get; set; } = "";
    public TrainingKind Kind { get; set; }

    /// <summary>The political-theory level a completion awards (political-theory courses only).</summary>
    public TheoryLevel? AwardsTheory { get; set; }

    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>Who teaches it (Trường Chính trị tỉnh, Trung tâm chính trị xã…).</summary>
    public string? Provider { get; set; }

    public string? Place { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}

/// <summary>
/// A cadre in a course: stamped with the unit of the cadre's record when enrolled, so the cadre's unit and everything
/// above it see it and the training figures count there; the course's last day is stamped too, so the figures read the
/// row alone (kept by the course's handler).
/// </summary>
public sealed class TrainingEnrolment : IUnitStamped, IVersioned
{
    public const int CertificateLength = 100;

    public int Id { get; set; }
    public int CourseId { get; set; }
    public int CadreId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    /// <summary>The course's last day: the figures count an enrolment in its month.</summary>
    public DateOnly CourseEndsOn { get; set; }

    public EnrolmentStatus Status { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string? CertificateNumber { get; set; }

    /// <summary>The cadre's political-theory level before this completion raised it; null when it raised nothing. A
    /// completion withdrawn puts the level back.</summary>
    public TheoryLevel? RaisedFrom { get; set; }

    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}
