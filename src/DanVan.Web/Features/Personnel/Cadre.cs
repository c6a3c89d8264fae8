using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Personnel;

public enum Sex
{
    Female = 1,
    Male = 2,
}

/// <summary>Trình độ lý luận chính trị (DOMAIN.md §6), in ascending order.</summary>
public enum TheoryLevel
{
    None = 0,
    Elementary = 1,
    Intermediate = 2,
    Advanced = 3,
    Bachelor = 4,
}

/// <summary>Trình độ chuyên môn: the highest professional qualification.</summary>
public enum ProfessionalLevel
{
    None = 0,
    Vocational = 1,
    College = 2,
    University = 3,
    Master = 4,
    Doctorate = 5,
}

/// <summary>The posts of a mass-mobilization body (DOMAIN.md §6).</summary>
public enum CadrePost
{
    /// <summary>Trưởng ban: one per body at a time.</summary>
    Head = 1,

    /// <summary>Phó Trưởng ban Thường trực: one per body at a time.</summary>
    StandingDeputy = 2,
    Deputy = 3,
    OfficeChief = 4,
    DepartmentHead = 5,
    DepartmentDeputy = 6,
    PrincipalSpecialist = 7,
    Specialist = 8,
}

/// <summary>
/// A mass-mobilization cadre (the Party CV form 2C-TW, DOMAIN.md §6): the person, their qualifications, awards and
/// discipline. The record belongs to the unit of the cadre's current post (the unit that recorded it until the first
/// post). Name, date of birth, ethnicity, Party entry, contact and discipline are personal data (DOMAIN.md §7): masked by
/// default, revealed to the personnel officers of the subtree (<see cref="CadreRules"/>), never in the audit trail's
/// values, URLs or logs; exported and erased on the data subject's request.
/// </summary>
public sealed class Cadre : IUnitStamped, IVersioned
{
    public const int NameLength = 200;
    public const int TextLength = 4_000;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    /// <summary>The cadre's own account, where they have one.</summary>
    public int? AccountId { get; set; }

    [AuditRedacted]
    public string? FullName { get; set; }

    [AuditRedacted]
    public DateOnly? BirthDate { get; set; }

    public Sex Sex { get; set; }

    [AuditRedacted]
    public string? Ethnicity { get; set; }

    [AuditRedacted]
    public DateOnly? PartyEntryDate { get; set; }

    [AuditRedacted]
    public string? Phone { get; set; }

    [AuditRedacted]
    public string? Email { get; set; }

    public TheoryLevel TheoryLevel { get; set; }
    public ProfessionalLevel ProfessionalLevel { get; set; }

    /// <summary>Chuyên ngành: the field of the degree.</summary>
    public string? Degree { get; set; }

    /// <summary>Ngạch công chức (chuyên viên, chuyên viên chính…).</summary>
    public string? CivilServiceGrade { get; set; }

    public string? Awards { get; set; }

    [AuditRedacted]
    public string? Discipline { get; set; }

    /// <summary>The name without diacritics, for the personnel officers' search only.</summary>
    [AuditRedacted]
    public string SearchText { get; set; } = "";

    /// <summary>When the person's data was erased on their request: the record, posts and figures stay.</summary>
    public DateTime? ErasedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}

/// <summary>
/// A post a cadre held: in a unit, in one of its organizations (the body), full- or part-time, from a day to a day (open
/// while held), by an appointing decision. A cadre transferred between units ends one post and starts another, so each
/// unit counts them for their time.
/// </summary>
public sealed class CadrePosition : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int CadreId { get; set; }

    /// <summary>The unit of the post (not the cadre's record).</summary>
    public int UnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    /// <summary>The body: an organization of the unit.</summary>
    public int OrganizationId { get; set; }

    public CadrePost Post { get; set; }
    public bool FullTime { get; set; }
    public DateOnly StartOn { get; set; }

    /// <summary>The last day held; null while held.</summary>
    public DateOnly? EndOn { get; set; }

    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }

    /// <summary>The cadre's political-theory level, stamped on each post so that the statistics catalogue counts the
    /// staff's quality from the posts alone (kept by <see cref="SaveCadre"/> and <see cref="SaveCadrePosition"/>).</summary>
    public TheoryLevel CadreTheory { get; set; }

    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    /// <summary>Whether the post is held on <paramref name="day"/>.</summary>
    public bool HeldOn(DateOnly day) => StartOn <= day && (EndOn is null || EndOn >= day);
}

/// <summary>
/// A unit's staffing quota (định biên) for a year of the 2025–2030 plan: how many full-time mass-mobilization cadres its
/// bodies may have, and the share of them the plan requires at intermediate political theory or above. Set by the
/// personnel officers of the unit above (the centre for a province), either for the unit as a whole or for each of its
/// bodies (<see cref="OrganizationId"/>), never both in one year (ADR-0031).
/// </summary>
public sealed class StaffingQuota : IUnitStamped, IVersioned
{
    public const int FirstYear = 2025;
    public const int LastYear = 2030;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }
    public int Year { get; set; }

    /// <summary>The body of the unit the quota is for; none for the unit as a whole.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>Full-time staff allowed.</summary>
    public int Quota { get; set; }

    /// <summary>The plan's minimum share, in percent, of the staff at intermediate political theory or above.</summary>
    public int MinTheoryShare { get; set; }

    public string? Note { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}
