using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Units;

/// <summary>Kinds of administrative unit. The tens digit is the level in the tree.</summary>
public enum UnitKind
{
    Central = 0,
    Province = 10,
    City = 11,
    Commune = 20,
    Ward = 21,
    SpecialZone = 22,
    Village = 30,
    ResidentialGroup = 31,
}

public enum UnitLevel
{
    Central = 0,
    Province = 1,
    Commune = 2,
    Village = 3,
}

public static class UnitKinds
{
    public static UnitLevel LevelOf(UnitKind kind) => (UnitLevel)((int)kind / 10);

    public static IReadOnlyList<UnitKind> OfLevel(UnitLevel level) =>
        [.. Enum.GetValues<UnitKind>().Where(k => LevelOf(k) == level)];
}

/// <summary>
/// A node of the administrative tree: the central root, provinces and centrally-run cities, communes,
/// wards and special zones, villages and residential groups. Units are never deleted: a merger retires
/// them (<see cref="ValidTo"/>) and points them at their <see cref="SuccessorId"/>; the successor's
/// subtree then includes them, so their history counts towards it.
/// </summary>
public sealed class Unit : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }

    /// <summary>Lower-case name, English name and code without diacritics, for accent-insensitive search.</summary>
    public string SearchText { get; set; } = "";

    public UnitKind Kind { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }

    /// <summary>Inclusive province ancestor (null only for the central root).</summary>
    public int? ProvinceId { get; set; }

    /// <summary>Inclusive commune ancestor (null above commune level).</summary>
    public int? CommuneId { get; set; }

    /// <summary>The village itself, for villages and residential groups (null above).</summary>
    public int? VillageId { get; set; }

    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? SuccessorId { get; set; }

    /// <summary>True for demonstration units whose names are invented (villages of the demo data).</summary>
    public bool IsSynthetic { get; set; }

    public int Version { get; set; }

    public bool IsActive => ValidTo is null;

    public UnitRef Ref => new(Id, Level, ProvinceId, CommuneId, VillageId);
}

/// <summary>The position of a unit in the tree: enough to decide whether a scope contains it.</summary>
public readonly record struct UnitRef(int Id, UnitLevel Level, int? ProvinceId, int? CommuneId, int? VillageId);
