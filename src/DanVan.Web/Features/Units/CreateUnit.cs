using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

/// <summary>Creates a unit under a parent the caller manages; its kind must sit one level below the parent.</summary>
internal sealed class CreateUnit(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> HandleAsync(UnitInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Unit), () => CreateAsync(input, ct), ct);

    private async Task<Result<int>> CreateAsync(UnitInput input, CancellationToken ct)
    {
        var errors = RequestValidation.Validate(input);
        // A unit is created under a parent the caller manages units of (UnitScope.CanManageUnitUnder).
        var found = await db
            .Units.Where(u => u.Id == input.ParentId)
            .LoadScopedAsync(
                user,
                Permission.UnitsView,
                Permission.UnitsManage,
                L["Units_ParentNotFound"],
                p => L["Units_CannotManageUnder", p.Name],
                ct
            );
        if (!found.IsOk)
        {
            return found.Error;
        }

        var parent = found.Value;

        if (!parent.IsActive)
        {
            errors.Add(nameof(UnitInput.ParentId), L["Units_ParentRetired", parent.Name]);
        }

        if (UnitKinds.LevelOf(input.Kind) != parent.Level + 1)
        {
            errors.Add(nameof(UnitInput.Kind), L["Units_KindNotBelow", L.Enum(input.Kind), L.Enum(parent.Kind)]);
        }

        if (!errors.Any && await UnitRules.CodeInUseAsync(db, input.Code, null, ct))
        {
            errors.Add(nameof(UnitInput.Code), L["Units_CodeInUse", input.Code]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var unit = new Unit
        {
            Code = input.Code.Trim(),
            Name = input.Name,
            NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn,
            Kind = input.Kind,
            ValidFrom = input.ValidFrom ?? VietnamTime.Today(clock),
        };
        unit.SearchText = UnitRules.SearchTextOf(unit.Code, unit.Name, unit.NameEn);
        UnitRules.PlaceUnder(unit, parent);

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        await UnitRules.InsertAsync(db, [unit], ct);
        await transaction.CommitAsync(ct);

        return unit.Id;
    }
}
