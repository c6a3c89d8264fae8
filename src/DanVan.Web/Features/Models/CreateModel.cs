using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>
/// Saves a new model of a unit as a draft, or registers it at once when every item of the form is there.
/// Officers of the unit (or above) register; a double-submitted form creates one model.
/// </summary>
internal sealed class CreateModel(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> HandleAsync(ModelInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(MobilizationModel),
            () => CreateAsync(input, ct),
            ct
        );

    private async Task<Result<int>> CreateAsync(ModelInput input, CancellationToken ct)
    {
        var unit = input.UnitId is { } unitId
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
            : null;
        if (unit is null || !user.Can(Permission.ModelsView, unit.Ref))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        if (!user.Can(Permission.ModelsEdit, unit.Ref))
        {
            return new ForbiddenError(L["Models_CannotEdit", unit.Name]);
        }

        var errors = RequestValidation.Validate(input);
        if (!unit.IsActive)
        {
            errors.Add(nameof(ModelInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
        }

        await ModelRules.CheckReferencesAsync(db, input, unit.Id, errors, L, ct);
        var model = new MobilizationModel { CreatedAt = db.UtcNow };
        ModelRules.PlaceIn(model, unit);
        ModelRules.Apply(model, input);
        if (input.Register)
        {
            ModelRules.AddMissing(errors, model, L);
        }

        if (errors.Any)
        {
            return errors.ToError(L[input.Register ? "Models_CannotRegisterYet" : "Val_FixBelow"]);
        }

        // The model and its "registered" event are one change: both or neither.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        if (input.Register)
        {
            model.Status = ModelStatus.Registered;
            model.RegisteredOn = VietnamTime.Today(clock);
        }

        db.Models.Add(model);
        await db.SaveChangesAsync(ct);
        if (input.Register)
        {
            db.ModelEvents.Add(
                TransitionModel.EventOf(
                    model,
                    ModelAction.Register,
                    ModelStatus.Draft,
                    model.RegisteredOn,
                    null,
                    user,
                    db.UtcNow
                )
            );
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);

        return model.Id;
    }
}

/// <summary>
/// Edits the registration items of a model that has not been inspected yet, from the version the editor saw;
/// a draft can be registered on the same save.
/// </summary>
internal sealed class UpdateModel(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, ModelInput input, CancellationToken ct)
    {
        var foundModel = await db
            .Models.Where(m => m.Id == id)
            .LoadScopedAsync(
                user,
                Permission.ModelsView,
                Permission.ModelsEdit,
                L["Models_NotFound"],
                model => L["Models_CannotEdit", model.Name],
                ct
            );
        if (!foundModel.IsOk)
        {
            return foundModel.Error;
        }

        var model = foundModel.Value;

        if (!ModelLifecycle.IsEditable(model.Status))
        {
            return new ConflictError(L["Models_NotEditable", L.Enum(model.Status)]);
        }

        var errors = RequestValidation.Validate(input);
        await ModelRules.CheckReferencesAsync(db, input, model.UnitId, errors, L, ct);
        db.Entry(model).Property(m => m.Version).OriginalValue = input.Version;
        ModelRules.Apply(model, input);

        // Once registered, the items stay complete: an edit cannot empty one. A draft may be registered on save.
        var register = model.Status == ModelStatus.Draft && input.Register;
        if (model.Status != ModelStatus.Draft || register)
        {
            ModelRules.AddMissing(errors, model, L);
        }

        if (errors.Any)
        {
            return errors.ToError(L[register ? "Models_CannotRegisterYet" : "Val_FixBelow"]);
        }

        if (register)
        {
            model.Status = ModelStatus.Registered;
            model.RegisteredOn = VietnamTime.Today(clock);
            db.ModelEvents.Add(
                TransitionModel.EventOf(
                    model,
                    ModelAction.Register,
                    ModelStatus.Draft,
                    model.RegisteredOn,
                    null,
                    user,
                    db.UtcNow
                )
            );
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return model.Id;
    }
}
