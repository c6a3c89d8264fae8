namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// A row that belongs to one unit of the administrative tree. It carries the unit's ancestors so that a
/// subtree filter is an indexed equality on one column, never a recursive walk (STYLE.md 12).
/// The ancestors are inclusive (a row of a commune has CommuneId = that commune) and follow mergers: when a
/// unit is merged into its successor they are re-pointed at the successor, while <see cref="UnitId"/> keeps
/// the unit the row was recorded for. So history stays attached to the old unit and counts towards the new.
/// </summary>
public interface IUnitScoped
{
    int UnitId { get; }
    int? ProvinceId { get; }
    int? CommuneId { get; }
    int? VillageId { get; }
}

/// <summary>
/// A row that takes its unit and ancestors from the record it belongs to (a model's events, a petition's steps, a
/// campaign's figures, a document of any of them).
/// </summary>
public interface IUnitStamped : IUnitScoped
{
    new int UnitId { get; set; }
    new int? ProvinceId { get; set; }
    new int? CommuneId { get; set; }
    new int? VillageId { get; set; }
}

public static class UnitStamping
{
    /// <summary>Copies the owner's unit and ancestors onto a row that belongs to it.</summary>
    public static void StampOnto(this IUnitScoped owner, IUnitStamped row)
    {
        row.UnitId = owner.UnitId;
        row.ProvinceId = owner.ProvinceId;
        row.CommuneId = owner.CommuneId;
        row.VillageId = owner.VillageId;
    }

    /// <summary>Copies a unit's place in the tree onto a row that belongs to it (the unit's own level's column holds
    /// its own id).</summary>
    public static void StampOnto(this Features.Units.UnitRef unit, IUnitStamped row)
    {
        row.UnitId = unit.Id;
        row.ProvinceId = unit.ProvinceId;
        row.CommuneId = unit.CommuneId;
        row.VillageId = unit.VillageId;
    }
}

/// <summary>An editable row with an optimistic-concurrency version, incremented on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>Properties whose values never enter the audit trail (secrets, hashes, key material).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute;

/// <summary>
/// Summary rows derived from audited facts, kept by increments and rebuilt by a recompute: the audit trail records
/// the facts, not these.
/// </summary>
public interface IDerivedRow;

/// <summary>
/// Rows whose every change is recorded by their own history, written in the same transaction by the only code that
/// changes them (a campaign's figures and their revisions: who, when, the old and new value, from where), with one
/// audit entry for the whole save. The generic audit trail does not copy them row by row (ADR-0022); versions are
/// still incremented.
/// </summary>
public interface IOwnHistory;
