using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>One step of the lifecycle with the data it carries (which of them a step needs: <see
/// cref="ModelLifecycle"/>).</summary>
public sealed class ModelStepInput
{
    [DefinedValue]
    public ModelAction Action { get; set; }

    /// <summary>The version of the model the actor saw; a step on a model changed since is a conflict.</summary>
    public int Version { get; set; }

    /// <summary>The date of the act: launch, inspection, decision.</summary>
    [Display(Name = nameof(SharedResource.Field_StepDate), ResourceType = typeof(SharedResource))]
    public DateOnly? On { get; set; }

    /// <summary>Commitments (launch), findings (inspection), reason (not recognized, suspended, withdrawn).</summary>
    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_StepNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_RecognitionLevel), ResourceType = typeof(SharedResource))]
    public RecognitionLevel? Level { get; set; }

    [MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_DecisionNumber), ResourceType = typeof(SharedResource))]
    public string? Decision { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_IssuingBody), ResourceType = typeof(SharedResource))]
    public string? Issuer { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_CommendationForm), ResourceType = typeof(SharedResource))]
    public CommendationForm? Form { get; set; }
}

/// <summary>
/// Moves a model one step through its lifecycle: checks the step is allowed from the current status, that
/// the caller is the one who takes it (own unit, the commission one level up, a leader at the recognizing
/// level), that it carries its data; then records the data and an event. Illegal steps are refused.
/// </summary>
internal sealed class TransitionModel(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, ModelStepInput input, CancellationToken ct)
    {
        var model = await db.Models.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (model is null || !user.Can(Permission.ModelsView, model.Ref))
        {
            return new NotFoundError(L["Models_NotFound"]);
        }

        if (!Enum.IsDefined(input.Action))
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(ModelStepInput.Action), L["Models_UnknownStep"]);
        }

        var step = ModelLifecycle.Of(input.Action);
        if (!ModelLifecycle.MayOffer(user, model, step))
        {
            return new ForbiddenError(L["Models_CannotTakeStep", L.Enum(input.Action)]);
        }

        if (!ModelLifecycle.Allows(model.Status, input.Action))
        {
            return new ConflictError(L["Models_IllegalStep", L.Enum(input.Action), L.Enum(model.Status)]);
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        var on = input.On;
        if (step.Requires.HasFlag(StepData.Date))
        {
            if (on is null)
            {
                errors.Add(nameof(ModelStepInput.On), L["Val_Required", L["Field_StepDate"]]);
            }
            else if (on > today)
            {
                errors.Add(nameof(ModelStepInput.On), L["Models_DateInFuture"]);
            }
            else if (model.RegisteredOn is { } registered && on < registered)
            {
                errors.Add(
                    nameof(ModelStepInput.On),
                    L["Models_DateBeforeRegistration", VietnamTime.Format(registered)]
                );
            }
        }

        if (step.Requires.HasFlag(StepData.Note) && string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(nameof(ModelStepInput.Note), L["Val_Required", L[NoteLabel(input.Action)]]);
        }

        if (step.Requires.HasFlag(StepData.Decision))
        {
            if (string.IsNullOrWhiteSpace(input.Decision))
            {
                errors.Add(nameof(ModelStepInput.Decision), L["Val_Required", L["Field_DecisionNumber"]]);
            }

            if (string.IsNullOrWhiteSpace(input.Issuer))
            {
                errors.Add(nameof(ModelStepInput.Issuer), L["Val_Required", L["Field_IssuingBody"]]);
            }
        }

        if (step.Requires.HasFlag(StepData.Level))
        {
            if (input.Level is not { } level)
            {
                errors.Add(nameof(ModelStepInput.Level), L["Val_Choose", L["Field_RecognitionLevel"]]);
            }
            else if (!ModelLifecycle.LevelsFor(user, model).Contains(level))
            {
                errors.Add(nameof(ModelStepInput.Level), L["Models_LevelNotYours", L.Enum(level)]);
            }
        }

        if (step.Requires.HasFlag(StepData.Form) && input.Form is null)
        {
            errors.Add(nameof(ModelStepInput.Form), L["Val_Choose", L["Field_CommendationForm"]]);
        }

        if (step.Requires.HasFlag(StepData.CompleteItems))
        {
            ModelRules.AddMissing(errors, model, L);
        }

        if (errors.Any)
        {
            return errors.ToError(
                L[step.Requires.HasFlag(StepData.CompleteItems) ? "Models_CannotRegisterYet" : "Val_FixBelow"]
            );
        }

        db.Entry(model).Property(m => m.Version).OriginalValue = input.Version;
        var from = model.Status;
        Apply(model, input, on ?? today);
        db.ModelEvents.Add(EventOf(model, input.Action, from, on ?? today, Clean(input.Note), user, db.UtcNow));
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

    /// <summary>The label of a step's note: commitments, findings or reason.</summary>
    public static string NoteLabel(ModelAction action) =>
        action switch
        {
            ModelAction.Launch => nameof(SharedResource.Field_LaunchCommitments),
            ModelAction.Inspect => nameof(SharedResource.Field_InspectionFindings),
            _ => nameof(SharedResource.Field_Reason),
        };

    internal static void Apply(MobilizationModel model, ModelStepInput input, DateOnly on)
    {
        var note = Clean(input.Note);
        model.Status = ModelLifecycle.Of(input.Action).To;
        switch (input.Action)
        {
            case ModelAction.Register:
                model.RegisteredOn = on;
                break;
            case ModelAction.Launch:
                model.LaunchedOn = on;
                model.LaunchCommitments = note;
                break;
            case ModelAction.Inspect:
                model.InspectedOn = on;
                model.InspectionFindings = note;
                break;
            case ModelAction.Recognize:
                model.RecognitionLevel = input.Level;
                model.RecognitionDecision = Clean(input.Decision);
                model.RecognitionIssuer = Clean(input.Issuer);
                model.RecognizedOn = on;
                model.NotRecognizedReason = null;
                break;
            case ModelAction.Reject:
                model.NotRecognizedReason = note;
                break;
            case ModelAction.Commend:
                model.CommendationForm = input.Form;
                model.CommendationDecision = Clean(input.Decision);
                model.CommendationIssuer = Clean(input.Issuer);
                model.CommendedOn = on;
                break;
            case ModelAction.Suspend or ModelAction.Withdraw:
                model.StatusNote = note;
                break;
            case ModelAction.Resume:
                model.StatusNote = null;
                break;
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public static ModelEvent EventOf(
        MobilizationModel model,
        ModelAction action,
        ModelStatus from,
        DateOnly? on,
        string? note,
        ICurrentUser actor,
        DateTime at
    )
    {
        var e = new ModelEvent
        {
            ModelId = model.Id,
            Action = action,
            From = from,
            To = ModelLifecycle.Of(action).To,
            At = at,
            On = on,
            AccountId = actor.AccountId,
            ActorName = AuditRecorder.ActorName(actor),
            Note = note,
        };
        model.Stamp(e);
        return e;
    }
}
