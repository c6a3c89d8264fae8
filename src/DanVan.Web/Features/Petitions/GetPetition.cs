using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>The petitioner as shown: masked unless the caller revealed it (an audited act).</summary>
public sealed record PetitionerView(
    PetitionerKind Kind,
    string? Name,
    string? Phone,
    string? Address,
    string? IdNumber,
    bool Masked,
    bool Erased
);

/// <summary>A step of the history; who took it and what was written are part of the case, cleared for register
/// readers.</summary>
public sealed record PetitionEventRow(
    PetitionAction Action,
    PetitionStatus From,
    PetitionStatus To,
    DateTime At,
    DateOnly On,
    string? ActorName,
    string? OrganizationName,
    DateOnly? DueOn,
    string? Note
);

/// <summary>A petition grouped with this one; its code only for those who may see codes.</summary>
public sealed record GroupedPetition(int Id, string? TrackingCode, string Title);

/// <summary>
/// One petition as the caller may see it (<see cref="PetitionAccess"/>): <see cref="Petition"/> is a detached copy
/// whose
/// fields outside the caller's reach are cleared (the citizen's letter and its handling for register readers, the
/// code for all but the handling unit, the petitioner's fields always: <see cref="Petitioner"/> holds them masked).
/// The page and the API both read this, so they show the same fields to the same role.
/// </summary>
public sealed record PetitionDetail(
    Petition Petition,
    string UnitName,
    string HandlingUnitName,
    string CategoryName,
    string? OrganizationName,
    string? EscalatedToName,
    string? DialogueTopic,
    GroupedPetition? Parent,
    PetitionerView? Petitioner,
    IReadOnlyList<PetitionEventRow> Events,
    IReadOnlyList<GroupedPetition> Grouped,
    IReadOnlyList<PetitionAction> Steps,
    bool MayReveal,
    bool IsOverdue,
    bool SeesCase,
    bool SeesCode
)
{
    /// <summary>A verdict PIN has been issued (for those who issue receipts).</summary>
    public bool HasPin { get; init; }

    /// <summary>Wrong PINs have locked the citizen's verdict until a new receipt.</summary>
    public bool PinLocked { get; init; }
}

public sealed record PetitionApiDetail(
    int Id,
    string? TrackingCode,
    int UnitId,
    string UnitName,
    int HandlingUnitId,
    string HandlingUnitName,
    int? DialogueId,
    int? ParentPetitionId,
    PetitionChannel Channel,
    DateOnly ReceivedOn,
    int CategoryId,
    string CategoryName,
    string Title,
    string? Content,
    PetitionerView? Petitioner,
    PetitionStatus Status,
    int? AssignedOrganizationId,
    string? AssignedOrganizationName,
    DateOnly? AssignedOn,
    DateOnly? DueOn,
    bool IsOverdue,
    DateOnly? ExtensionRequestedTo,
    string? ExtensionReason,
    string? Answer,
    DateOnly? AnsweredOn,
    bool? AnsweredOnTime,
    string? LateExplanation,
    bool AnswerPublished,
    DateOnly? ClosedOn,
    string? ClosingNote,
    RedirectKind? RedirectedAs,
    string? RedirectReference,
    CitizenVerdict? CitizenVerdict,
    int? EscalatedToUnitId,
    DateOnly? EscalatedOn,
    int Version,
    IReadOnlyList<PetitionEventRow> Events,
    IReadOnlyList<GroupedPetition> Grouped,
    IReadOnlyList<PetitionAction> AllowedSteps
)
{
    /// <summary>The receipt (code and verdict PIN), only in the answer that recorded the petition or issued a new
    /// receipt.</summary>
    public PetitionReceipt? Receipt { get; init; }

    public static PetitionApiDetail From(PetitionDetail d)
    {
        var p = d.Petition;
        return new(
            p.Id,
            d.SeesCode ? p.TrackingCode : null,
            p.UnitId,
            d.UnitName,
            p.HandlingUnitId,
            d.HandlingUnitName,
            p.DialogueId,
            p.ParentPetitionId,
            p.Channel,
            p.ReceivedOn,
            p.CategoryId,
            d.CategoryName,
            p.Title,
            d.SeesCase ? p.Content : null,
            d.Petitioner,
            p.Status,
            p.AssignedOrganizationId,
            d.OrganizationName,
            p.AssignedOn,
            p.DueOn,
            d.IsOverdue,
            p.ExtensionRequestedTo,
            p.ExtensionReason,
            p.Answer,
            p.AnsweredOn,
            p.AnsweredOnTime,
            p.LateExplanation,
            p.AnswerPublished,
            p.ClosedOn,
            p.ClosingNote,
            p.RedirectedAs,
            p.RedirectReference,
            p.CitizenVerdict,
            p.EscalatedToUnitId,
            p.EscalatedOn,
            p.Version,
            d.Events,
            d.Grouped,
            d.Steps
        );
    }
}

/// <summary>One petition with its names, history and group, if the caller sees it, with only the fields the caller may
/// see.</summary>
internal sealed class GetPetition(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<PetitionDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var row = await db
            .Petitions.AsNoTracking()
            .Where(p => p.Id == id)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .Select(p => new
            {
                Petition = p,
                Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                Handling = db.Units.Where(u => u.Id == p.HandlingUnitId).Select(u => u.Name).Single(),
                Category = db.PetitionCategories.Single(c => c.Id == p.CategoryId),
                Organization = db
                    .Organizations.Where(o => o.Id == p.AssignedOrganizationId)
                    .Select(o => o.Name)
                    .SingleOrDefault(),
                Escalated = db.Units.Where(u => u.Id == p.EscalatedToUnitId).Select(u => u.Name).SingleOrDefault(),
                Dialogue = db.Dialogues.Where(d => d.Id == p.DialogueId).Select(d => d.Topic).SingleOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var p = row.Petition;
        var events = await db
            .PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == id)
            .OrderBy(e => e.Id)
            .Select(e => new
            {
                Row = new PetitionEventRow(
                    e.Action,
                    e.From,
                    e.To,
                    e.At,
                    e.On,
                    e.ActorName,
                    db.Organizations.Where(o => o.Id == e.OrganizationId).Select(o => o.Name).SingleOrDefault(),
                    e.DueOn,
                    e.Note
                ),
                e.OrganizationId,
            })
            .ToListAsync(ct);
        var answeredBy = events
            .Where(e => e.Row.Action == PetitionAction.Answer && e.OrganizationId is not null)
            .Select(e => e.OrganizationId!.Value)
            .ToHashSet();
        var seesCase = PetitionAccess.Sees(user, SensitiveField.PetitionCase, p, answeredBy);
        var seesCode = PetitionAccess.Sees(user, SensitiveField.TrackingCode, p, answeredBy);
        var seesPetitioner = PetitionAccess.Sees(user, SensitiveField.Petitioner, p, answeredBy);
        var mayReveal =
            p.ErasedAt is null && PetitionAccess.Sees(user, SensitiveField.PetitionerRevealed, p, answeredBy);

        // The parent and the grouped petitions, each as far as the caller sees it (a group may span units): their
        // subjects
        // are the register's, their codes each petition's own rule.
        var visible = PetitionAccess.Where(db, user, SensitiveField.PetitionRegister);
        var related = await db
            .Petitions.AsNoTracking()
            .Where(x => x.ParentPetitionId == id || x.Id == p.ParentPetitionId)
            .Where(visible)
            .OrderBy(x => x.Id)
            .Select(x => new
            {
                Petition = x,
                AnsweredBy = db
                    .PetitionEvents.Where(e =>
                        e.PetitionId == x.Id && e.Action == PetitionAction.Answer && e.OrganizationId != null
                    )
                    .Select(e => e.OrganizationId!.Value)
                    .ToList(),
            })
            .ToListAsync(ct);
        GroupedPetition Show(Petition x, IReadOnlyCollection<int> answered) =>
            new(
                x.Id,
                PetitionAccess.Sees(user, SensitiveField.TrackingCode, x, answered) ? x.TrackingCode : null,
                x.Title
            );
        var parent = related
            .Where(x => x.Petition.Id == p.ParentPetitionId)
            .Select(x => Show(x.Petition, x.AnsweredBy))
            .SingleOrDefault();
        var grouped = related
            .Where(x => x.Petition.ParentPetitionId == id)
            .Select(x => Show(x.Petition, x.AnsweredBy))
            .ToList();

        var steps = p.ParentPetitionId is null ? PetitionLifecycle.StepsFor(user, p) : [];
        var petitioner = seesPetitioner ? PersonalData.Masked(p) : null;
        var (hasPin, pinLocked) = (p.VerdictPinHash is not null, p.VerdictPinFailures >= VerdictPin.MaxFailures);
        Clear(p, seesCase, seesCode);
        return new PetitionDetail(
            p,
            row.Unit,
            row.Handling,
            row.Category.LocalName,
            row.Organization,
            row.Escalated,
            row.Dialogue,
            parent,
            petitioner,
            // A grouping step's note held the parent's code before ADR-0016: the group is shown by Parent, within
            // scope.
            [
                .. events.Select(e =>
                    seesCase && e.Row.Action != PetitionAction.Group
                        ? e.Row
                        : e.Row with
                        {
                            ActorName = seesCase ? e.Row.ActorName : null,
                            Note = null,
                        }
                ),
            ],
            grouped,
            steps,
            mayReveal,
            p.IsOverdueOn(VietnamTime.Today(clock)),
            seesCase,
            seesCode
        )
        {
            HasPin = seesCode && hasPin,
            PinLocked = seesCode && pinLocked,
        };
    }

    /// <summary>Clears, on the detached copy, what the caller may not see: nothing downstream can show it by
    /// mistake.</summary>
    private static void Clear(Petition p, bool seesCase, bool seesCode)
    {
        p.PetitionerName = p.PetitionerPhone = p.PetitionerAddress = p.PetitionerIdNumber = null;
        p.VerdictPinHash = null;
        p.SearchText = "";
        if (!seesCode)
        {
            p.TrackingCode = "";
        }

        if (!seesCase)
        {
            p.Content = "";
            p.Answer = p.LateExplanation = p.ClosingNote = p.ExtensionReason = p.RedirectReference = null;
        }
    }
}
