using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Models;

/// <summary>The acts that move a model through its lifecycle.</summary>
public enum ModelAction
{
    Register = 1,
    Launch = 2,
    Implement = 3,
    Inspect = 4,
    Recognize = 5,
    Reject = 6,
    Commend = 7,
    Suspend = 8,
    Resume = 9,
    Withdraw = 10,
}

/// <summary>Who may take a step: the model's own unit, the commission one level up, or a leader.</summary>
public enum ActorRule
{
    /// <summary><see cref="Permission.ModelsEdit"/> on the model's unit.</summary>
    OwnUnit,

    /// <summary><see cref="Permission.ModelsInspect"/> on the unit above the model's unit.</summary>
    UnitAbove,

    /// <summary><see cref="Permission.ModelsRecognize"/> at the level that recognizes (or above).</summary>
    Recognizer,
}

/// <summary>What a step must carry besides the act itself.</summary>
[Flags]
public enum StepData
{
    None = 0,
    Date = 1,
    Note = 2,
    Decision = 4,
    Level = 8,
    Form = 16,
    CompleteItems = 32,
}

public sealed record ModelTransition(
    ModelAction Action,
    ModelStatus[] From,
    ModelStatus To,
    ActorRule Actor,
    StepData Requires
);

/// <summary>
/// The lifecycle as a table (the diagram in README.md is drawn from it). Pure: the handler looks up the step,
/// checks the actor and the data, then applies it.
/// </summary>
public static class ModelLifecycle
{
    private static readonly ModelStatus[] Running = [ModelStatus.Launched, ModelStatus.Implementing];

    public static readonly IReadOnlyList<ModelTransition> Transitions =
    [
        new(
            ModelAction.Register,
            [ModelStatus.Draft],
            ModelStatus.Registered,
            ActorRule.OwnUnit,
            StepData.CompleteItems
        ),
        new(
            ModelAction.Launch,
            [ModelStatus.Registered],
            ModelStatus.Launched,
            ActorRule.OwnUnit,
            StepData.Date | StepData.Note
        ),
        new(ModelAction.Implement, [ModelStatus.Launched], ModelStatus.Implementing, ActorRule.OwnUnit, StepData.None),
        new(
            ModelAction.Inspect,
            [ModelStatus.Implementing],
            ModelStatus.Inspected,
            ActorRule.UnitAbove,
            StepData.Date | StepData.Note
        ),
        new(
            ModelAction.Recognize,
            [ModelStatus.Inspected],
            ModelStatus.Recognized,
            ActorRule.Recognizer,
            StepData.Date | StepData.Decision | StepData.Level
        ),
        new(
            ModelAction.Reject,
            [ModelStatus.Inspected],
            ModelStatus.NotRecognized,
            ActorRule.Recognizer,
            StepData.Note
        ),
        new(
            ModelAction.Commend,
            [ModelStatus.Recognized],
            ModelStatus.Commended,
            ActorRule.Recognizer,
            StepData.Date | StepData.Decision | StepData.Form
        ),
        new(ModelAction.Suspend, Running, ModelStatus.Suspended, ActorRule.OwnUnit, StepData.Note),
        new(
            ModelAction.Resume,
            [ModelStatus.Suspended, ModelStatus.NotRecognized],
            ModelStatus.Implementing,
            ActorRule.OwnUnit,
            StepData.None
        ),
        new(
            ModelAction.Withdraw,
            [ModelStatus.Draft, ModelStatus.Registered, .. Running, ModelStatus.Suspended, ModelStatus.NotRecognized],
            ModelStatus.Withdrawn,
            ActorRule.OwnUnit,
            StepData.Note
        ),
    ];

    public static ModelTransition Of(ModelAction action) => Transitions.Single(t => t.Action == action);

    /// <summary>The steps the model's current status allows, whoever asks.</summary>
    public static IEnumerable<ModelTransition> From(ModelStatus status) =>
        Transitions.Where(t => t.From.Contains(status));

    public static bool Allows(ModelStatus status, ModelAction action) => Of(action).From.Contains(status);

    /// <summary>The ten items and the plan can still be edited (before the commission's inspection).</summary>
    public static bool IsEditable(ModelStatus status) =>
        status
            is ModelStatus.Draft
                or ModelStatus.Registered
                or ModelStatus.Launched
                or ModelStatus.Implementing
                or ModelStatus.Suspended;

    /// <summary>Results can be reported once registered, until withdrawn.</summary>
    public static bool TakesResults(ModelStatus status) => status is not (ModelStatus.Draft or ModelStatus.Withdrawn);

    /// <summary>Resource keys of a step's button text and help text.</summary>
    public static string StepKey(ModelAction action) => "Models_Step_" + action;

    public static string StepHelpKey(ModelAction action) => "Models_StepHelp_" + action;

    public static UnitLevel UnitLevelOf(RecognitionLevel level) => (UnitLevel)(int)level;

    /// <summary>
    /// Whether <paramref name="user"/> may take <paramref name="transition"/> on <paramref name="model"/>.
    /// A recognizer needs a leader's grant that contains the model and sits at the recognizing level or
    /// above: a commune's leader recognizes at commune level, the province's at province level.
    /// </summary>
    public static bool MayAct(
        ICurrentUser user,
        MobilizationModel model,
        ModelTransition transition,
        RecognitionLevel? level
    ) =>
        transition.Actor switch
        {
            ActorRule.OwnUnit => user.Can(Permission.ModelsEdit, model.Ref),
            ActorRule.UnitAbove => user.Can(Permission.ModelsInspect, model.InspectingScope),
            _ => user.Grants.Any(g =>
                RolePermissions.Grants(g.Role, Permission.ModelsRecognize)
                && UnitScope.Contains(g, model.Ref)
                && (level is not { } l || g.Level <= UnitLevelOf(l))
            ),
        };

    /// <summary>Whether the caller may take any step of this kind at all, for showing the button.</summary>
    public static bool MayOffer(ICurrentUser user, MobilizationModel model, ModelTransition transition) =>
        MayAct(user, model, transition, transition.Action == ModelAction.Commend ? model.RecognitionLevel : null);

    /// <summary>The recognition levels this caller may grant for this model (never below the model's own
    /// level).</summary>
    public static IReadOnlyList<RecognitionLevel> LevelsFor(ICurrentUser user, MobilizationModel model) =>
        [
            .. Enum.GetValues<RecognitionLevel>()
                .Where(l => UnitLevelOf(l) <= model.UnitLevel && MayAct(user, model, Of(ModelAction.Recognize), l))
                .OrderByDescending(l => (int)l),
        ];
}
