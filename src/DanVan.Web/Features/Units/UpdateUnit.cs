using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

/// <summary>Edits a unit's code, names, kind (within its level) and start date, from the version the editor
/// saw.</summary>
internal sealed class UpdateUnit(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, UnitInput input, CancellationToken ct)
    {
        var loaded = await UnitRules.LoadToManageAsync(db, user, L, id, ct);
        if (!loaded.IsOk)
        {
            return loaded.Error;
        }

        var unit = loaded.Value;

        if (!unit.IsActive)
        {
            return new ConflictError(L["Units_RetiredReadOnly", unit.Name]);
        }

        var errors = RequestValidation.Validate(input);
        if (UnitKinds.LevelOf(input.Kind) != unit.Level)
        {
            errors.Add(nameof(UnitInput.Kind), L["Units_KindLevelFixed", L.Enum(unit.Kind)]);
        }

        if (input.ValidFrom is null)
        {
            errors.Add(nameof(UnitInput.ValidFrom), L["Val_Required", L["Field_ValidFrom"]]);
        }

        if (!errors.Any && await UnitRules.CodeInUseAsync(db, input.Code, unit.Id, ct))
        {
            errors.Add(nameof(UnitInput.Code), L["Units_CodeInUse", input.Code]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = input.Version;
        unit.Code = input.Code.Trim();
        unit.Name = input.Name;
        unit.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn;
        unit.Kind = input.Kind;
        unit.ValidFrom = input.ValidFrom!.Value;
        unit.SearchText = UnitRules.SearchTextOf(unit.Code, unit.Name, unit.NameEn);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db
                .Units.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new
                {
                    u.Code,
                    u.Name,
                    u.NameEn,
                    u.Kind,
                    u.ValidFrom,
                    u.Version,
                })
                .SingleAsync(ct);
            return new ConflictError(L["Conflict_ChangedMeanwhile"], current);
        }

        return unit.Id;
    }
}
