using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// "The province holds the commune, the commune holds the people": a cadre or an organization is made responsible for
/// a unit (a commune, a village) or for a group inside it (households, a union branch) for a period. The row is stamped
/// with the held unit's ancestors, so the held unit and everything above it see who holds it. A unit is assigned from
/// the unit above it; a group inside a unit is assigned by the unit itself or above.
/// </summary>
public sealed class Responsibility : IUnitStamped, IVersioned
{
    public const int GroupLength = 200;
    public const int TextLength = 2_000;

    public int Id { get; set; }

    /// <summary>The unit held (or the unit the group lives in).</summary>
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    /// <summary>A group inside the unit ("hộ số 1–20", "Chi hội Phụ nữ thôn Đông"); none: the unit as a whole.</summary>
    public string? GroupName { get; set; }

    /// <summary>The cadre who holds it, or else <see cref="HolderOrganizationId"/>: exactly one of the two.</summary>
    public int? HolderCadreId { get; set; }

    public int? HolderOrganizationId { get; set; }

    public DateOnly FromOn { get; set; }

    /// <summary>The last day held; none: until further notice.</summary>
    public DateOnly? ToOn { get; set; }

    /// <summary>What the holder is to do (the assignment's decision or brief).</summary>
    public string? Note { get; set; }

    /// <summary>The day of the latest visit report, kept with each report so lists and the coverage report read one
    /// column.</summary>
    public DateOnly? LastVisitOn { get; set; }

    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    public bool HeldOn(DateOnly day) => FromOn <= day && (ToOn is null || ToOn >= day);
}

/// <summary>A visit the holder made and reported: the day, what was done, the issues raised (which may become a
/// petition), and a model it concerns.</summary>
public sealed class ResponsibilityVisit : IUnitStamped
{
    public int Id { get; set; }
    public int ResponsibilityId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }
    public DateOnly VisitedOn { get; set; }
    public string Done { get; set; } = "";
    public string? Issues { get; set; }

    /// <summary>The petition the issues became, once recorded.</summary>
    public int? PetitionId { get; set; }

    /// <summary>A model of the registry the visit concerns.</summary>
    public int? ModelId { get; set; }

    /// <summary>The account that filed the report.</summary>
    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    public int? FiledById { get; set; }
}
