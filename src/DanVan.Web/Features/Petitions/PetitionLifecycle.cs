using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Petitions;

/// <summary>The acts that move a petition (the table below says from where, to where, and who).</summary>
public enum PetitionAction
{
    Receive = 1,
    Assign = 2,
    Start = 3,
    RequestExtension = 4,
    ApproveExtension = 5,
    RefuseExtension = 6,
    Answer = 7,
    Resolve = 8,
    CloseNotResolved = 9,
    Reopen = 10,
    Redirect = 11,
    MarkOverdue = 12,
    Escalate = 13,
    CitizenSatisfied = 14,
    CitizenNotSatisfied = 15,
    Group = 16,
}

/// <summary>Who takes a step: the unit that handles the petition, or the organization it is assigned to.</summary>
public enum PetitionActor
{
    /// <summary><see cref="Permission.PetitionsEdit"/> over the unit that handles the petition (the same rule as
    /// recording it).</summary>
    HandlingUnit,

    /// <summary><see cref="Permission.PetitionsAnswer"/> through an assignment to the assigned organization.</summary>
    AssignedAgency,

    /// <summary>The background sweep or the citizen on the public page: never offered as a button.</summary>
    System,
}

public sealed record PetitionTransition(
    PetitionAction Action,
    PetitionStatus[] From,
    PetitionStatus? To,
    PetitionActor Actor,
    bool NeedsNote
);

/// <summary>The petition lifecycle as a table. Pure: handlers look up the step, check the actor and data, apply
/// it.</summary>
public static class PetitionLifecycle
{
    private static readonly PetitionStatus[] Running = [PetitionStatus.Assigned, PetitionStatus.InProgress];
    private static readonly PetitionStatus[] Assignable =
    [
        PetitionStatus.Received,
        PetitionStatus.Reopened,
        .. Running,
    ];
    private static readonly PetitionStatus[] Finished =
    [
        PetitionStatus.Answered,
        PetitionStatus.Resolved,
        PetitionStatus.ClosedNotResolved,
    ];

    public static readonly IReadOnlyList<PetitionTransition> Transitions =
    [
        new(PetitionAction.Assign, Assignable, PetitionStatus.Assigned, PetitionActor.HandlingUnit, false),
        new(
            PetitionAction.Start,
            [PetitionStatus.Assigned],
            PetitionStatus.InProgress,
            PetitionActor.AssignedAgency,
            false
        ),
        new(PetitionAction.RequestExtension, Running, null, PetitionActor.AssignedAgency, true),
        new(PetitionAction.ApproveExtension, Running, null, PetitionActor.HandlingUnit, false),
        new(PetitionAction.RefuseExtension, Running, null, PetitionActor.HandlingUnit, true),
        new(PetitionAction.Answer, Running, PetitionStatus.Answered, PetitionActor.AssignedAgency, false),
        new(
            PetitionAction.Resolve,
            [PetitionStatus.Answered],
            PetitionStatus.Resolved,
            PetitionActor.HandlingUnit,
            false
        ),
        new(
            PetitionAction.CloseNotResolved,
            [PetitionStatus.Answered],
            PetitionStatus.ClosedNotResolved,
            PetitionActor.HandlingUnit,
            true
        ),
        new(PetitionAction.Reopen, Finished, PetitionStatus.Reopened, PetitionActor.HandlingUnit, true),
        new(PetitionAction.Redirect, Assignable, PetitionStatus.Redirected, PetitionActor.HandlingUnit, false),
        new(PetitionAction.MarkOverdue, Running, null, PetitionActor.System, false),
        new(PetitionAction.Escalate, Running, null, PetitionActor.System, false),
        new(PetitionAction.CitizenSatisfied, Finished, null, PetitionActor.System, false),
        new(PetitionAction.CitizenNotSatisfied, Finished, PetitionStatus.Reopened, PetitionActor.System, true),
    ];

    /// <summary>Steps people take on the petition page, in the order their buttons appear.</summary>
    public static readonly IReadOnlyList<PetitionAction> Offered =
    [
        PetitionAction.Assign,
        PetitionAction.Start,
        PetitionAction.Answer,
        PetitionAction.RequestExtension,
        PetitionAction.ApproveExtension,
        PetitionAction.RefuseExtension,
        PetitionAction.Resolve,
        PetitionAction.CloseNotResolved,
        PetitionAction.Reopen,
        PetitionAction.Redirect,
    ];

    public static PetitionTransition Of(PetitionAction action) => Transitions.Single(t => t.Action == action);

    public static bool Allows(PetitionStatus status, PetitionAction action) => Of(action).From.Contains(status);

    /// <summary>Not yet answered, resolved, closed or redirected.</summary>
    public static bool IsOpen(PetitionStatus status) =>
        status
            is PetitionStatus.Received
                or PetitionStatus.Assigned
                or PetitionStatus.InProgress
                or PetitionStatus.Reopened;

    /// <summary>With an agency, against a deadline.</summary>
    public static bool IsRunning(PetitionStatus status) =>
        status is PetitionStatus.Assigned or PetitionStatus.InProgress;

    public static string StepKey(PetitionAction action) => "Petitions_Step_" + action;

    public static string StepHelpKey(PetitionAction action) => "Petitions_StepHelp_" + action;

    /// <summary>Whether the caller is the one who takes this step on this petition (status aside).</summary>
    public static bool MayAct(ICurrentUser user, Petition petition, PetitionTransition step) =>
        step.Actor switch
        {
            PetitionActor.HandlingUnit => PetitionAccess.Handles(user, petition),
            PetitionActor.AssignedAgency => IsAssignedAgency(user, petition),
            _ => false,
        };

    /// <summary>An agency handler of the organization the petition is assigned to, whose subtree holds the
    /// petition.</summary>
    public static bool IsAssignedAgency(ICurrentUser user, Petition petition) =>
        petition.AssignedOrganizationId is { } org
        && user.Grants.Any(g =>
            g.OrganizationId == org
            && RolePermissions.Grants(g.Role, Permission.PetitionsAnswer)
            && UnitScope.Contains(g, petition.Ref)
        );

    /// <summary>The steps this caller may take now, for the petition page's buttons.</summary>
    public static IReadOnlyList<PetitionAction> StepsFor(ICurrentUser user, Petition petition) =>
        [
            .. Offered.Where(a =>
                Allows(petition.Status, a)
                && MayAct(user, petition, Of(a))
                && (
                    a is not (PetitionAction.ApproveExtension or PetitionAction.RefuseExtension)
                    || petition.ExtensionRequestedTo is not null
                )
                && (a is not PetitionAction.RequestExtension || petition.ExtensionRequestedTo is null)
            ),
        ];
}
