using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

/// <summary>Facts about units that several use cases share.</summary>
internal static class UnitRules
{
    public static string SearchTextOf(string code, string name, string? nameEn) =>
        TextSearch.Normalize($"{name} {nameEn} {code}");

    /// <summary>
    /// A unit and the unit above it, in one statement: the unit above is who assigns a unit's quota and its holders.
    /// Null when there is no such unit; the parent is null for the centre.
    /// </summary>
    public static async Task<(Unit Unit, UnitRef? Parent)?> WithParentAsync(
        DanVanDbContext db,
        int unitId,
        CancellationToken ct
    )
    {
        var units = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.Id == unitId || u.Id == db.Units.Where(x => x.Id == unitId).Select(x => x.ParentId).FirstOrDefault()
            )
            .ToListAsync(ct);
        var unit = units.SingleOrDefault(u => u.Id == unitId);
        return unit is null ? null : (unit, units.SingleOrDefault(u => u.Id == unit.ParentId)?.Ref);
    }

    /// <summary>Fills the inclusive ancestor columns of a unit placed under <paramref name="parent"/>.</summary>
    public static void PlaceUnder(Unit unit, Unit? parent)
    {
        unit.Level = UnitKinds.LevelOf(unit.Kind);
        unit.ParentId = parent?.Id;
        unit.ProvinceId = parent?.ProvinceId;
        unit.CommuneId = parent?.CommuneId;
        unit.VillageId = null;
    }

    /// <summary>
    /// Inserts units and makes each a province, commune or village its own ancestor at its level. The ids
    /// exist only after the insert, so the self-reference is one set-based statement per level for however
    /// many units were inserted, mirrored into the tracked entities without a second round of updates.
    /// </summary>
    public static async Task InsertAsync(DanVanDbContext db, IReadOnlyList<Unit> units, CancellationToken ct)
    {
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);
        await db
            .Units.Where(u => u.Level == UnitLevel.Province && u.ProvinceId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ProvinceId, u => u.Id), ct);
        await db
            .Units.Where(u => u.Level == UnitLevel.Commune && u.CommuneId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CommuneId, u => u.Id), ct);
        await db
            .Units.Where(u => u.Level == UnitLevel.Village && u.VillageId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.VillageId, u => u.Id), ct);
        foreach (var unit in units)
        {
            var entry = db.Entry(unit);
            var column = unit.Level switch
            {
                UnitLevel.Province => nameof(Unit.ProvinceId),
                UnitLevel.Commune => nameof(Unit.CommuneId),
                UnitLevel.Village => nameof(Unit.VillageId),
                _ => null,
            };
            if (column is not null)
            {
                entry.Property(column).CurrentValue = unit.Id;
                entry.Property(column).OriginalValue = unit.Id;
                entry.Property(column).IsModified = false;
            }
        }
    }

    /// <summary>
    /// Loads a unit (tracked) for an act on its own record, checking that the caller sees it (else not found)
    /// and manages its parent (else forbidden).
    /// </summary>
    public static async Task<Result<Unit>> LoadToManageAsync(
        DanVanDbContext db,
        ICurrentUser user,
        IStringLocalizer L,
        int id,
        CancellationToken ct
    )
    {
        var loaded = await db
            .Units.Where(u => u.Id == id)
            .LoadScopedAsync(user, Permission.UnitsView, L["Units_NotFound"], ct);
        if (!loaded.IsOk)
        {
            return loaded;
        }

        var unit = loaded.Value;
        var parent = unit.ParentId is { } parentId
            ? await db
                .Units.AsNoTracking()
                .Where(u => u.Id == parentId)
                .Select(u => new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .SingleAsync(ct)
            : (UnitRef?)null;
        return user.CanManageUnitUnder(parent) ? unit : new ForbiddenError(L["Units_CannotManage", unit.Name]);
    }

    public static Task<bool> CodeInUseAsync(DanVanDbContext db, string code, int? exceptId, CancellationToken ct) =>
        db.Units.AnyAsync(u => u.Code == code && u.ValidTo == null && u.Id != exceptId, ct);
}
