using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>One step on a petition with the data it carries (which of them a step needs: <see
/// cref="PetitionSteps"/>).</summary>
public sealed class PetitionStepInput
{
    [DefinedValue]
    public PetitionAction Action { get; set; }

    /// <summary>The version of the petition the actor saw; a step on a petition changed since is a conflict.</summary>
    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_ResponsibleOrganization), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    /// <summary>An explicit deadline; by default the category's rule in working days from the assignment.</summary>
    [Display(Name = nameof(SharedResource.Field_DueOn), ResourceType = typeof(SharedResource))]
    public DateOnly? DueOn { get; set; }

    /// <summary>The day of the act (answer, assignment); today by default.</summary>
    [Display(Name = nameof(SharedResource.Field_StepDate), ResourceType = typeof(SharedResource))]
    public DateOnly? On { get; set; }

    /// <summary>Reason (extension, refusal, closing, reopening) or note.</summary>
    [MaxChars(PetitionRules.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_StepNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }

    [MaxChars(PetitionRules.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Answer), ResourceType = typeof(SharedResource))]
    public string? Answer { get; set; }

    public bool PublishAnswer { get; set; }

    [MaxChars(PetitionRules.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_LateExplanation), ResourceType = typeof(SharedResource))]
    public string? LateExplanation { get; set; }

    [Display(Name = nameof(SharedResource.Field_ExtendTo), ResourceType = typeof(SharedResource))]
    public DateOnly? ExtendTo { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_RedirectAs), ResourceType = typeof(SharedResource))]
    public RedirectKind? RedirectAs { get; set; }

    [MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_RedirectReference), ResourceType = typeof(SharedResource))]
    public string? Reference { get; set; }
}

/// <summary>
/// Moves a petition one step: checks the step is allowed from the status, that the caller is the one who takes
/// it (the handling unit, or a handler of the assigned organization), that it carries its data; then applies it
/// to the petition and every petition grouped under it, records an event each, and tells who must act next.
/// </summary>
internal sealed class PetitionSteps(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    WorkingCalendar calendar,
    PetitionNotices notices,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, PetitionStepInput input, CancellationToken ct)
    {
        var petition = await db
            .Petitions.Where(p => p.Id == id)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .SingleOrDefaultAsync(ct);
        if (petition is null)
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (!Enum.IsDefined(input.Action) || !PetitionLifecycle.Offered.Contains(input.Action))
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(PetitionStepInput.Action), L["Petitions_UnknownStep"]);
        }

        var step = PetitionLifecycle.Of(input.Action);
        if (petition.ParentPetitionId is not null)
        {
            return new ConflictError(L["Petitions_GroupedTakesNoSteps"]);
        }

        if (!PetitionLifecycle.MayAct(user, petition, step))
        {
            return new ForbiddenError(
                L[
                    step.Actor == PetitionActor.AssignedAgency
                        ? "Petitions_OnlyAssignedAgency"
                        : "Petitions_CannotTakeStep",
                    L.Enum(input.Action)
                ]
            );
        }

        if (input.Version != petition.Version)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        if (!PetitionLifecycle.Allows(petition.Status, input.Action))
        {
            return new ConflictError(L["Petitions_IllegalStep", L.Enum(input.Action), L.Enum(petition.Status)]);
        }

        var today = VietnamTime.Today(clock);
        var errors = RequestValidation.Validate(input);
        var on = input.On ?? today;
        if (on > today)
        {
            errors.Add(nameof(PetitionStepInput.On), L["Petitions_DateInFuture"]);
        }
        else if (on < petition.ReceivedOn)
        {
            errors.Add(
                nameof(PetitionStepInput.On),
                L["Petitions_DateBeforeReceived", VietnamTime.Format(petition.ReceivedOn)]
            );
        }

        if (step.NeedsNote && string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(nameof(PetitionStepInput.Note), L["Val_Required", L[NoteLabel(input.Action)]]);
        }

        string? eventNote = Clean(input.Note);
        int? organization = null;
        DateOnly? due = null;
        switch (input.Action)
        {
            case PetitionAction.Assign:
                (organization, due) = await CheckAssignmentAsync(petition, input, on, errors, ct);
                break;
            case PetitionAction.RequestExtension:
                if (input.ExtendTo is not { } extendTo)
                {
                    errors.Add(nameof(PetitionStepInput.ExtendTo), L["Val_Required", L["Field_ExtendTo"]]);
                }
                else if (petition.DueOn is { } current && extendTo <= current)
                {
                    errors.Add(
                        nameof(PetitionStepInput.ExtendTo),
                        L["Petitions_ExtensionNotLater", VietnamTime.Format(current)]
                    );
                }

                break;
            case PetitionAction.Answer:
                if (string.IsNullOrWhiteSpace(input.Answer))
                {
                    errors.Add(nameof(PetitionStepInput.Answer), L["Val_Required", L["Field_Answer"]]);
                }

                if (petition.DueOn is { } deadline && on > deadline && string.IsNullOrWhiteSpace(input.LateExplanation))
                {
                    errors.Add(
                        nameof(PetitionStepInput.LateExplanation),
                        L["Petitions_LateNeedsExplanation", VietnamTime.Format(deadline)]
                    );
                }

                eventNote = Clean(input.Answer);
                break;
            case PetitionAction.Redirect:
                if (input.RedirectAs is null)
                {
                    errors.Add(nameof(PetitionStepInput.RedirectAs), L["Val_Choose", L["Field_RedirectAs"]]);
                }

                if (string.IsNullOrWhiteSpace(input.Reference))
                {
                    errors.Add(nameof(PetitionStepInput.Reference), L["Val_Required", L["Field_RedirectReference"]]);
                }

                eventNote = Clean(input.Reference);
                break;
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var from = petition.Status;
        db.Entry(petition).Property(p => p.Version).OriginalValue = input.Version;
        Apply(petition, input, on, organization, due);
        db.PetitionEvents.Add(
            EventOf(
                petition,
                input.Action,
                from,
                on,
                eventNote,
                user,
                db.UtcNow,
                input.Action == PetitionAction.Assign ? organization : null
            )
        );
        await MirrorToGroupAsync(db, petition, input.Action, on, _ => eventNote, user, ct);
        await notices.AfterStepAsync(petition, input.Action, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return petition.Id;
    }

    private async Task<(int? Organization, DateOnly? Due)> CheckAssignmentAsync(
        Petition petition,
        PetitionStepInput input,
        DateOnly on,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        if (input.OrganizationId is not { } orgId)
        {
            errors.Add(nameof(PetitionStepInput.OrganizationId), L["Val_Choose", L["Field_ResponsibleOrganization"]]);
            return (null, null);
        }

        var org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || !org.IsActive || !user.Can(Permission.PetitionsEdit, UnitScope.ScopeOf(org)))
        {
            errors.Add(nameof(PetitionStepInput.OrganizationId), L["Petitions_OrganizationOutOfScope"]);
            return (null, null);
        }

        if (!PetitionAccess.AssignableUnits(petition).Contains(org.UnitId))
        {
            errors.Add(nameof(PetitionStepInput.OrganizationId), L["Petitions_OrganizationNotOnPath", org.Name]);
            return (null, null);
        }

        if (input.DueOn is { } explicitDue)
        {
            if (explicitDue < petition.ReceivedOn)
            {
                errors.Add(
                    nameof(PetitionStepInput.DueOn),
                    L["Petitions_DueBeforeReceived", VietnamTime.Format(petition.ReceivedOn)]
                );
            }
            else if (explicitDue < on)
            {
                errors.Add(nameof(PetitionStepInput.DueOn), L["Petitions_DueBeforeAssignment"]);
            }

            return (org.Id, explicitDue);
        }

        var days = await db
            .PetitionCategories.Where(c => c.Id == petition.CategoryId)
            .Select(c => c.ResponseDays)
            .SingleAsync(ct);
        return (org.Id, (await calendar.AroundAsync(on, ct)).Add(on, days));
    }

    /// <summary>What a step does to the petition's fields (the demo data walks petitions through the same
    /// code).</summary>
    internal static void Apply(Petition p, PetitionStepInput input, DateOnly on, int? organization, DateOnly? due)
    {
        if (PetitionLifecycle.Of(input.Action).To is { } to)
        {
            p.Status = to;
        }

        switch (input.Action)
        {
            case PetitionAction.Assign:
                p.AssignedOrganizationId = organization;
                p.AssignedOn = on;
                p.DueOn = due;
                p.ExtensionRequestedTo = null;
                p.ExtensionReason = null;
                p.OverdueNotifiedOn = null;
                break;
            case PetitionAction.RequestExtension:
                p.ExtensionRequestedTo = input.ExtendTo;
                p.ExtensionReason = Clean(input.Note);
                break;
            case PetitionAction.ApproveExtension:
                p.DueOn = p.ExtensionRequestedTo;
                p.ExtensionRequestedTo = null;
                p.ExtensionReason = null;
                p.OverdueNotifiedOn = null;
                break;
            case PetitionAction.RefuseExtension:
                p.ExtensionRequestedTo = null;
                p.ExtensionReason = null;
                break;
            case PetitionAction.Answer:
                p.Answer = input.Answer;
                p.AnswerPublished = input.PublishAnswer;
                p.AnsweredOn = on;
                p.DaysToAnswer = on.DayNumber - p.ReceivedOn.DayNumber;
                p.AnsweredOnTime = p.DueOn is not { } d || on <= d;
                p.LateExplanation = p.AnsweredOnTime == true ? null : Clean(input.LateExplanation);
                p.ExtensionRequestedTo = null;
                p.ExtensionReason = null;
                p.CitizenVerdict = null;
                break;
            case PetitionAction.Resolve or PetitionAction.CloseNotResolved:
                p.ClosedOn = on;
                p.ClosingNote = Clean(input.Note);
                break;
            case PetitionAction.Reopen:
                Reopen(p);
                break;
            case PetitionAction.Redirect:
                p.RedirectedAs = input.RedirectAs;
                p.RedirectReference = Clean(input.Reference);
                p.ClosedOn = on;
                p.DueOn = null;
                break;
        }
    }

    /// <summary>Back to the handling unit: the answer's figures are withdrawn (the event history keeps the
    /// answer).</summary>
    public static void Reopen(Petition p)
    {
        p.Status = PetitionStatus.Reopened;
        p.AnsweredOn = null;
        p.DaysToAnswer = null;
        p.AnsweredOnTime = null;
        p.AnswerPublished = false;
        p.ClosedOn = null;
        p.DueOn = null;
        p.OverdueNotifiedOn = null;
    }

    /// <summary>
    /// Petitions grouped under <paramref name="parent"/> follow it: same status, assignment, deadline and answer, and
    /// an event each for the step (one place for the step handler, the sweep and the citizen's verdict).
    /// </summary>
    public static async Task MirrorToGroupAsync(
        DanVanDbContext db,
        Petition parent,
        PetitionAction action,
        DateOnly on,
        Func<Petition, string?> note,
        ICurrentUser? actor,
        CancellationToken ct
    )
    {
        foreach (var child in await db.Petitions.Where(p => p.ParentPetitionId == parent.Id).ToListAsync(ct))
        {
            var from = child.Status;
            JoinGroup(child, parent);
            if (action == PetitionAction.Answer)
            {
                child.CitizenVerdict = null;
            }

            db.PetitionEvents.Add(EventOf(child, action, from, on, note(child), actor, db.UtcNow));
        }
    }

    /// <summary>Makes <paramref name="child"/> follow <paramref name="parent"/> (its own receipt date and code
    /// stay).</summary>
    public static void JoinGroup(Petition child, Petition parent)
    {
        child.ParentPetitionId = parent.Id;
        child.Status = parent.Status;
        child.AssignedOrganizationId = parent.AssignedOrganizationId;
        child.AssignedOn = parent.AssignedOn;
        child.DueOn = parent.DueOn;
        child.ExtensionRequestedTo = parent.ExtensionRequestedTo;
        child.ExtensionReason = parent.ExtensionReason;
        child.Answer = parent.Answer;
        child.AnswerPublished = parent.AnswerPublished;
        child.AnsweredOn = parent.AnsweredOn;
        child.DaysToAnswer = parent.AnsweredOn is { } answered ? answered.DayNumber - child.ReceivedOn.DayNumber : null;
        child.AnsweredOnTime = parent.AnsweredOnTime;
        child.LateExplanation = parent.LateExplanation;
        child.ClosedOn = parent.ClosedOn;
        child.ClosingNote = parent.ClosingNote;
        child.RedirectedAs = parent.RedirectedAs;
        child.RedirectReference = parent.RedirectReference;
        child.OverdueNotifiedOn = parent.OverdueNotifiedOn;
        child.EscalatedToUnitId = parent.EscalatedToUnitId;
        child.EscalatedOn = parent.EscalatedOn;
    }

    public static string NoteLabel(PetitionAction action) =>
        action switch
        {
            PetitionAction.RequestExtension => nameof(SharedResource.Field_ExtensionReason),
            PetitionAction.CloseNotResolved => nameof(SharedResource.Field_ClosingReason),
            _ => nameof(SharedResource.Field_Reason),
        };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Steps the citizen can see on the tracking page (the dates and states, never who or what was said
    /// inside).</summary>
    public static bool IsPublic(PetitionAction action) =>
        action is not (PetitionAction.RequestExtension or PetitionAction.RefuseExtension or PetitionAction.Group);

    public static PetitionEvent EventOf(
        Petition petition,
        PetitionAction action,
        PetitionStatus from,
        DateOnly on,
        string? note,
        ICurrentUser? actor,
        DateTime at,
        int? organization = null
    )
    {
        var e = new PetitionEvent
        {
            PetitionId = petition.Id,
            Action = action,
            From = from,
            To = petition.Status,
            At = at,
            On = on,
            AccountId = actor?.AccountId,
            ActorName = AuditRecorder.ActorName(actor),
            Note = note,
            OrganizationId = organization ?? (action is PetitionAction.Answer ? petition.AssignedOrganizationId : null),
            DueOn = petition.DueOn,
            IsPublic = IsPublic(action),
        };
        petition.Stamp(e);
        return e;
    }
}
