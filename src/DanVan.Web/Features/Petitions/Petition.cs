using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Petitions;

/// <summary>Where a petition (phản ánh, kiến nghị) stands (README.md of this folder has the diagram).</summary>
public enum PetitionStatus
{
    Received = 1,
    Assigned = 2,
    InProgress = 3,
    Answered = 4,
    Resolved = 5,
    ClosedNotResolved = 6,
    Reopened = 7,
    Redirected = 8,
}

/// <summary>How the petition reached the unit.</summary>
public enum PetitionChannel
{
    Dialogue = 1,
    Reception = 2,
    Letter = 3,
    Hotline = 4,
    OnlineForm = 5,
}

public enum PetitionerKind
{
    Citizen = 1,
    Group = 2,
    Business = 3,
}

/// <summary>What a petition was redirected as: it then follows its own law (DOMAIN.md §3).</summary>
public enum RedirectKind
{
    Complaint = 1,
    Denunciation = 2,
}

/// <summary>The citizen's word on the answer, given on the public tracking page.</summary>
public enum CitizenVerdict
{
    Satisfied = 1,
    NotSatisfied = 2,
}

/// <summary>
/// A petition of a citizen, a group or a business, located at a unit down to the village (the row's scope),
/// received by a handling unit that assigns it to a responsible organization with a deadline. The
/// petitioner's personal fields are masked unless revealed (an audited act) and never enter the audit trail.
/// </summary>
public sealed class Petition : IUnitStamped, IVersioned
{
    public int Id { get; set; }

    /// <summary>Where the matter is: a commune or a village (the row's position in the tree).</summary>
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }

    /// <summary>The unit that received the petition and assigns it (commune or province).</summary>
    public int HandlingUnitId { get; set; }

    /// <summary>
    /// An unguessable code the citizen tracks the petition by (no personal data, no sequence). Not in the audit trail:
    /// its readers (administrators among them) may not see codes (ADR-0016).
    /// </summary>
    [AuditRedacted]
    public string TrackingCode { get; set; } = "";

    /// <summary>
    /// The hash of the verdict PIN printed on the citizen's receipt: only who holds it may say whether the answer
    /// satisfied
    /// them (the code alone is known to the staff who recorded it). Null until a receipt is issued.
    /// </summary>
    [AuditRedacted]
    public string? VerdictPinHash { get; set; }

    /// <summary>Wrong PINs given since the receipt was issued; at <see cref="VerdictPin.MaxFailures"/> the verdict is
    /// locked until a new receipt.</summary>
    public int VerdictPinFailures { get; set; }

    public int? DialogueId { get; set; }

    /// <summary>The petition this one repeats: identical petitions are grouped under the first.</summary>
    public int? ParentPetitionId { get; set; }

    public PetitionChannel Channel { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public int CategoryId { get; set; }

    /// <summary>A short subject without personal data: shown on the public tracking page.</summary>
    public string Title { get; set; } = "";

    /// <summary>The petition's text: sensitive data (DOMAIN.md §7), never in the audit trail or public.</summary>
    [AuditRedacted]
    public string Content { get; set; } = "";

    public PetitionerKind PetitionerKind { get; set; }

    [AuditRedacted]
    public string? PetitionerName { get; set; }

    [AuditRedacted]
    public string? PetitionerPhone { get; set; }

    [AuditRedacted]
    public string? PetitionerAddress { get; set; }

    [AuditRedacted]
    public string? PetitionerIdNumber { get; set; }

    /// <summary>When the petitioner's personal data was erased on request (the petition stays).</summary>
    public DateTime? ErasedAt { get; set; }

    public PetitionStatus Status { get; set; } = PetitionStatus.Received;

    public int? AssignedOrganizationId { get; set; }
    public DateOnly? AssignedOn { get; set; }

    /// <summary>The deadline in force (after approved extensions).</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>An extension the agency asked for and the assigning unit has not decided yet.</summary>
    public DateOnly? ExtensionRequestedTo { get; set; }
    public string? ExtensionReason { get; set; }

    [AuditRedacted]
    public string? Answer { get; set; }

    public DateOnly? AnsweredOn { get; set; }

    /// <summary>Calendar days from receipt to answer, kept for the median without reading every row.</summary>
    public int? DaysToAnswer { get; set; }

    /// <summary>Whether the answer came by the deadline in force; null while unanswered.</summary>
    public bool? AnsweredOnTime { get; set; }

    /// <summary>Required when the answer came after the deadline (DOMAIN.md §3: accountability).</summary>
    public string? LateExplanation { get; set; }

    /// <summary>The answer may be shown on the public tracking page (the agency writes it for publication).</summary>
    public bool AnswerPublished { get; set; }

    public DateOnly? ClosedOn { get; set; }
    public string? ClosingNote { get; set; }

    public RedirectKind? RedirectedAs { get; set; }
    public string? RedirectReference { get; set; }

    public CitizenVerdict? CitizenVerdict { get; set; }

    /// <summary>The day the overdue sweep first notified the agency and the assigning unit.</summary>
    public DateOnly? OverdueNotifiedOn { get; set; }

    /// <summary>The unit above the handling unit that the overdue petition was escalated to.</summary>
    public int? EscalatedToUnitId { get; set; }
    public DateOnly? EscalatedOn { get; set; }

    /// <summary>The normalized code and subject word search reads; holds the code, so not in the audit trail.</summary>
    [AuditRedacted]
    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => UnitScope.ScopeOf(this);

    public bool IsOpen => PetitionLifecycle.IsOpen(Status);

    /// <summary>Open, assigned and past its deadline on <paramref name="today"/>.</summary>
    public bool IsOverdueOn(DateOnly today) => PetitionLifecycle.IsRunning(Status) && DueOn is { } due && today > due;

    public void Stamp(IUnitStamped row)
    {
        row.UnitId = UnitId;
        row.ProvinceId = ProvinceId;
        row.CommuneId = CommuneId;
        row.VillageId = VillageId;
    }
}

/// <summary>One step of a petition as it happened. <see cref="IsPublic"/> steps appear on the tracking page (without
/// names).</summary>
public sealed class PetitionEvent : IUnitStamped
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public PetitionAction Action { get; set; }
    public PetitionStatus From { get; set; }
    public PetitionStatus To { get; set; }
    public DateTime At { get; set; }
    public DateOnly On { get; set; }
    public int? AccountId { get; set; }
    public string ActorName { get; set; } = "";
    public int? OrganizationId { get; set; }
    public DateOnly? DueOn { get; set; }

    /// <summary>The answer, reason or note of the step: may hold sensitive data, so not in the audit trail.</summary>
    [AuditRedacted]
    public string? Note { get; set; }

    public bool IsPublic { get; set; }
}

/// <summary>A category of petitions with its deadline rule, configurable by system administrators.</summary>
public sealed class PetitionCategory : ReferenceEntry
{
    /// <summary>Working days the responsible organization has to answer, counted from the assignment.</summary>
    public int ResponseDays { get; set; } = PetitionRules.DefaultResponseDays;
}

/// <summary>A day that breaks the Monday–Friday rule: a public holiday, or a Saturday/Sunday worked in
/// exchange.</summary>
public sealed class CalendarDay
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public string Name { get; set; } = "";
}
