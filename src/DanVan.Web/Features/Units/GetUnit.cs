using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Units;

/// <summary>A unit named on another unit's page; <see cref="CanView"/> says whether to link to it.</summary>
public sealed record UnitLink(int Id, string Code, string Name, UnitKind Kind, bool CanView);

/// <summary>An organization of the unit, as the Organizations feature gives it (<see
/// cref="IUnitOrganizations"/>).</summary>
/// <param name="Type">The organization's type by name (the Organizations feature's <c>OrganizationType</c>).</param>
public sealed record UnitOrganization(
    int Id,
    int UnitId,
    string Type,
    string Name,
    string? ShortName,
    bool IsActive,
    int Version
);

/// <summary>The organizations of a unit, answered by the Organizations feature (which stands above this one).</summary>
public interface IUnitOrganizations
{
    /// <summary>By type, then name.</summary>
    Task<IReadOnlyList<UnitOrganization>> OfAsync(int unitId, CancellationToken ct);
}

public sealed record UnitDetail(
    int Id,
    string Code,
    string Name,
    string? NameEn,
    UnitKind Kind,
    UnitLevel Level,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool IsSynthetic,
    int Version,
    UnitLink? Parent,
    UnitLink? Successor,
    IReadOnlyList<UnitLink> Ancestors,
    IReadOnlyList<UnitRow> Children,
    IReadOnlyList<UnitRow> FormerUnits,
    IReadOnlyList<UnitOrganization> Organizations,
    bool CanManage,
    bool CanManageChildren,
    bool CanManageOrganizations
)
{
    public bool IsActive => ValidTo is null;

    /// <summary>The unit's place in the tree, for rules over it (what the page's sections may offer).</summary>
    public UnitRef Ref { get; init; }
}

/// <summary>
/// One unit with its place in the tree (ancestors for the breadcrumbs, successor if merged), its child
/// units, the units merged into it and its organizations. Three statements.
/// </summary>
internal sealed class GetUnit(DanVanDbContext db, ICurrentUser user, IUnitOrganizations unitOrganizations)
{
    public async Task<UnitDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return null;
        }

        // Its ancestors, successor, children and the units merged into it, in one statement.
        var related = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.Level == UnitLevel.Central
                || u.Id == unit.ParentId
                || u.Id == unit.ProvinceId
                || u.Id == unit.CommuneId
                || u.Id == unit.SuccessorId
                || u.ParentId == id
                || u.SuccessorId == id
            )
            .OrderBy(u => u.SearchText)
            .Select(u => new UnitRow(
                u.Id,
                u.Code,
                u.Name,
                u.NameEn,
                u.Kind,
                u.Level,
                u.ParentId,
                u.ValidFrom,
                u.ValidTo,
                u.SuccessorId,
                u.IsSynthetic,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId
            ))
            .ToListAsync(ct);
        var ancestors = related
            .Where(a =>
                a.Level < unit.Level
                && a.Id != unit.Id
                && (
                    a.Level == UnitLevel.Central
                    || a.Id == unit.ParentId
                    || a.Id == unit.ProvinceId
                    || a.Id == unit.CommuneId
                )
            )
            .OrderBy(a => a.Level)
            .Select(Link)
            .ToList();
        var parent = related.FirstOrDefault(a => a.Id == unit.ParentId);

        var organizations = await unitOrganizations.OfAsync(id, ct);

        return new UnitDetail(
            unit.Id,
            unit.Code,
            unit.Name,
            unit.NameEn,
            unit.Kind,
            unit.Level,
            unit.ValidFrom,
            unit.ValidTo,
            unit.IsSynthetic,
            unit.Version,
            parent is null ? null : Link(parent),
            related.FirstOrDefault(a => a.Id == unit.SuccessorId) is { } successor ? Link(successor) : null,
            ancestors,
            [.. related.Where(r => r.ParentId == id && r.SuccessorId != id && r.Id != id)],
            [.. related.Where(r => r.SuccessorId == id)],
            organizations,
            CanManage: unit.IsActive && user.CanManageUnitUnder(parent?.Ref),
            CanManageChildren: unit.IsActive && unit.Level < UnitLevel.Village && user.CanManageUnitUnder(unit.Ref),
            CanManageOrganizations: unit.IsActive && user.Can(Permission.OrganizationsManage, unit.Ref)
        )
        {
            Ref = unit.Ref,
        };
    }

    /// <summary>Just the unit's place and name, in one statement, for pages that only need to check and name
    /// it.</summary>
    public async Task<UnitRow?> SummaryAsync(int id, CancellationToken ct)
    {
        var unit = await db
            .Units.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new UnitRow(
                u.Id,
                u.Code,
                u.Name,
                u.NameEn,
                u.Kind,
                u.Level,
                u.ParentId,
                u.ValidFrom,
                u.ValidTo,
                u.SuccessorId,
                u.IsSynthetic,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId
            ))
            .SingleOrDefaultAsync(ct);
        return unit is not null && user.Can(Permission.UnitsView, unit.Ref) ? unit : null;
    }

    private UnitLink Link(UnitRow row) =>
        new(row.Id, row.Code, row.Name, row.Kind, user.Can(Permission.UnitsView, row.Ref));
}
