using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Programs;

/// <summary>Whose program it is: the Party committee's work program or the People's Committee's plan.</summary>
public enum ProgramKind
{
    /// <summary>Chương trình công tác dân vận năm (Party committee, "CHƯƠNG TRÌNH", CTr).</summary>
    WorkProgram = 1,

    /// <summary>Kế hoạch công tác dân vận chính quyền (People's Committee, "KẾ HOẠCH", KH).</summary>
    GovernmentPlan = 2,
}

/// <summary>Where a program stands (docs/decisions/ADR-0030). An amendment takes an approved or published program back
/// to <see cref="Draft"/> with the next version number; the approved versions stay readable.</summary>
public enum ProgramStatus
{
    Draft = 1,
    Submitted = 2,
    Approved = 3,
    Published = 4,
}

/// <summary>A step on a program.</summary>
public enum ProgramAction
{
    Submit = 1,
    Return = 2,
    Approve = 3,
    Publish = 4,
    Amend = 5,
}

/// <summary>How far an item of a program has got.</summary>
public enum ItemStatus
{
    NotStarted = 1,
    InProgress = 2,
    Done = 3,
    Late = 4,
    Dropped = 5,
}

/// <summary>
/// A unit's annual program of mass-mobilization work (chương trình công tác năm) or the People's Committee's plan: its
/// bases, purposes and items. A lower unit's program concretizes (cụ thể hóa) a program of a unit above it
/// (<see cref="ParentProgramId"/>), and each of its items may implement an item of that program.
/// </summary>
public sealed class WorkProgram : IUnitStamped, IVersioned
{
    public const int TitleLength = 500;
    public const int TextLength = 20_000;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    public int Year { get; set; }
    public ProgramKind Kind { get; set; } = ProgramKind.WorkProgram;
    public string Title { get; set; } = "";

    /// <summary>Mục đích, yêu cầu: plain text, a paragraph per line.</summary>
    public string? Purposes { get; set; }

    /// <summary>The program of a unit above that this one concretizes (null at the top).</summary>
    public int? ParentProgramId { get; set; }

    public ProgramStatus Status { get; set; } = ProgramStatus.Draft;

    /// <summary>The version being drafted or in force: 1 until the first amendment.</summary>
    public int Edition { get; set; } = 1;

    /// <summary>Why the current edition amends the one before (null for the first).</summary>
    public string? AmendmentReason { get; set; }

    public DateOnly? SubmittedOn { get; set; }

    /// <summary>The committee's resolution or decision approving the current edition.</summary>
    public string? DecisionNumber { get; set; }

    public DateOnly? DecisionDate { get; set; }
    public string? ApprovingBody { get; set; }
    public int? ApprovedById { get; set; }

    /// <summary>When the first edition was approved (the on-time figure reads it; amendments keep it).</summary>
    public DateOnly? FirstApprovedOn { get; set; }

    /// <summary>Whether the first approval's decision came by the approval deadline of the program's year
    /// (<c>Programs:ApprovalDeadline</c>), stamped at that approval so the catalogue's figure reads the row alone.</summary>
    public bool? ApprovedOnTime { get; set; }

    /// <summary>How many items the parent program has (0 without one), kept by the item handlers: the denominator of the
    /// concretization coverage figure.</summary>
    public int ParentItemCount { get; set; }

    /// <summary>How many of the parent program's items this program's items implement, kept by the item handlers.</summary>
    public int ParentItemsCovered { get; set; }

    public DateOnly? PublishedOn { get; set; }

    /// <summary>Why the program was returned to its drafters (cleared when it is submitted again).</summary>
    public string? ReturnReason { get; set; }

    /// <summary>The unit the program was recorded for, when a merger carried it to its successor.</summary>
    public string? CarriedFrom { get; set; }

    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    /// <summary>Only a draft is edited; anything later changes through an amendment.</summary>
    public bool IsEditable => Status == ProgramStatus.Draft;
}

/// <summary>A document the program cites as its basis (căn cứ): kind and number, date, issuer, title.</summary>
public sealed class ProgramBasis : IUnitStamped
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int Order { get; set; }

    /// <summary>"Chỉ thị số 49-CT/TW", "Kế hoạch số 12-KH/TU".</summary>
    public string Number { get; set; } = "";

    public DateOnly? IssuedOn { get; set; }
    public string? Issuer { get; set; }
    public string? Title { get; set; }
}

/// <summary>
/// A task of a program: what, who leads, who coordinates, by when (a month or a quarter of the program's year), what
/// comes out of it, and how far it has got. <see cref="ParentItemId"/> names the item of the parent program it
/// implements; the pair (<see cref="ParentProgramId"/>, <see cref="ParentItemId"/>) is a foreign key to the parent's
/// (ProgramId, Id), so an item of another program cannot be named even by a write that bypasses the handler.
/// </summary>
public sealed class ProgramItem : IUnitStamped, IVersioned
{
    public const int TaskLength = 2000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int Order { get; set; }

    public string Task { get; set; } = "";
    public string? LeadOrganization { get; set; }
    public string? Coordinating { get; set; }

    /// <summary>Due by the end of this month (1–12), or of <see cref="DueQuarter"/>, or the year's end.</summary>
    public int? DueMonth { get; set; }

    public int? DueQuarter { get; set; }
    public string? ExpectedOutput { get; set; }
    public ItemStatus Status { get; set; } = ItemStatus.NotStarted;

    /// <summary>The parent program (copied from the program, so the pair below can be a foreign key).</summary>
    public int? ParentProgramId { get; set; }

    public int? ParentItemId { get; set; }

    /// <summary>The day the item is due (<see cref="ProgramRules.DueOn"/>), set once its program has been approved:
    /// the items of a program never approved owe nothing yet, and the catalogue reads this column.</summary>
    public DateOnly? DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }
    public int Version { get; set; }
}

/// <summary>A dated progress note on an item: the status it reached and what was done (evidence as text or a link).</summary>
public sealed class ProgramItemProgress : IUnitStamped
{
    public const int NoteLength = 4000;

    public int Id { get; set; }
    public int ItemId { get; set; }
    public int ProgramId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public DateOnly On { get; set; }
    public ItemStatus Status { get; set; }
    public string Note { get; set; } = "";
    public string? Evidence { get; set; }
    public int? ById { get; set; }
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// An approved edition of a program, frozen as JSON at its approval (<see cref="ProgramSnapshot"/>): what the committee
/// approved stays readable whatever the amendments after it.
/// </summary>
public sealed class ProgramVersion : IUnitStamped
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int Edition { get; set; }
    public string DecisionNumber { get; set; } = "";
    public DateOnly DecisionDate { get; set; }
    public string ApprovingBody { get; set; } = "";
    public string? AmendmentReason { get; set; }
    public string Snapshot { get; set; } = "{}";
    public int? ApprovedById { get; set; }
    public string ApprovedByName { get; set; } = "";
    public DateTimeOffset ApprovedAt { get; set; }
}

/// <summary>A step taken on a program: who moved it from which status to which, when, and why.</summary>
public sealed class ProgramEvent : IUnitStamped
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public ProgramAction Action { get; set; }
    public ProgramStatus From { get; set; }
    public ProgramStatus To { get; set; }
    public int Edition { get; set; }
    public string? Reason { get; set; }
    public int? ById { get; set; }
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
