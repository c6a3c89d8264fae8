using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

public sealed class RetireUnitInput
{
    [Display(Name = nameof(SharedResource.Field_ValidTo), ResourceType = typeof(SharedResource))]
    public DateOnly? ValidTo { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// Retires a unit that is dissolved without a successor (a merger is <see cref="MergeUnits"/>). Its history
/// stays; its active child units must be retired or merged first; the features above end what was current at it
/// (<see cref="IUnitRetireStep"/>) in the same save.
/// </summary>
internal sealed class RetireUnit(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L,
    IEnumerable<IUnitRetireStep> steps
)
{
    public async Task<Result<int>> HandleAsync(int id, RetireUnitInput input, CancellationToken ct)
    {
        var loaded = await UnitRules.LoadToManageAsync(db, user, L, id, ct);
        if (!loaded.IsOk)
        {
            return loaded.Error;
        }

        var unit = loaded.Value;

        if (!unit.IsActive)
        {
            return new ConflictError(L["Units_AlreadyRetired", unit.Name]);
        }

        var errors = new ValidationErrors();
        var today = VietnamTime.Today(clock);
        if (input.ValidTo is not { } validTo)
        {
            errors.Add(nameof(RetireUnitInput.ValidTo), L["Val_Required", L["Field_ValidTo"]]);
        }
        else if (validTo > today || validTo < unit.ValidFrom)
        {
            errors.Add(
                nameof(RetireUnitInput.ValidTo),
                L["Units_ValidToRange", VietnamTime.Format(unit.ValidFrom), VietnamTime.Format(today)]
            );
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (await db.Units.AnyAsync(u => u.ParentId == id && u.ValidTo == null, ct))
        {
            return new ConflictError(L["Units_HasActiveChildren", unit.Name]);
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = input.Version;
        unit.ValidTo = input.ValidTo;
        var lines = new List<string>();
        foreach (var step in steps)
        {
            if (await step.RetireAsync(unit, input.ValidTo!.Value, ct) is { } line)
            {
                lines.Add(line);
            }
        }

        db.Audit(
            AuditAction.UnitRetired,
            nameof(Unit),
            unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            unit.Ref,
            string.Join("; ", [$"{unit.Code} {unit.Name}", .. lines])
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return unit.Id;
    }
}
