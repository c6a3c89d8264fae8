using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>A petition as recorded by an officer: where, what, from whom (personal data), how it came.</summary>
public sealed class PetitionInput
{
    /// <summary>Makes a double-submitted form or a retried API call create one petition.</summary>
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    /// <summary>Where the matter is: a commune or a village.</summary>
    [Display(Name = nameof(SharedResource.Field_PetitionLocation), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    /// <summary>The unit that handles it; by default the dialogue's unit, else the location's commune.</summary>
    public int? HandlingUnitId { get; set; }

    public int? DialogueId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_PetitionChannel), ResourceType = typeof(SharedResource))]
    public PetitionChannel? Channel { get; set; }

    [Display(Name = nameof(SharedResource.Field_ReceivedOn), ResourceType = typeof(SharedResource))]
    public DateOnly? ReceivedOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_PetitionCategory), ResourceType = typeof(SharedResource))]
    public int? CategoryId { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_PetitionTitle), ResourceType = typeof(SharedResource))]
    public string? Title { get; set; }

    [MaxChars(PetitionRules.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_PetitionContent), ResourceType = typeof(SharedResource))]
    public string? Content { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_PetitionerKind), ResourceType = typeof(SharedResource))]
    public PetitionerKind? PetitionerKind { get; set; }

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_PetitionerName), ResourceType = typeof(SharedResource))]
    public string? PetitionerName { get; set; }

    [MaxChars(30)]
    [Display(Name = nameof(SharedResource.Field_PetitionerPhone), ResourceType = typeof(SharedResource))]
    public string? PetitionerPhone { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_PetitionerAddress), ResourceType = typeof(SharedResource))]
    public string? PetitionerAddress { get; set; }

    [MaxChars(20)]
    [Display(Name = nameof(SharedResource.Field_PetitionerIdNumber), ResourceType = typeof(SharedResource))]
    public string? PetitionerIdNumber { get; set; }

    /// <summary>An identical petition this one is grouped under.</summary>
    public int? ParentPetitionId { get; set; }

    /// <summary>Where the matter was raised outside the petitions (an <see cref="IPetitionOrigin.Kind"/>, with the
    /// record's id), linked back to the petition.</summary>
    [MaxLength(20)]
    public string? OriginKind { get; set; }

    public int? OriginId { get; set; }
}

/// <summary>
/// Records a petition received in a dialogue or otherwise, with a fresh tracking code and verdict PIN (the receipt).
/// Those who take the handling unit's steps record (<see cref="PetitionAccess.Handles"/>: PetitionsEdit over the
/// handling
/// unit); a double-submitted form creates one petition, and only the first answer carries the receipt.
/// </summary>
internal sealed partial class RecordPetition(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IEnumerable<IPetitionOrigin> origins,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>The receipt of the petition this call recorded; null when the call found one recorded before (a
    /// repeated submission).</summary>
    public PetitionReceipt? Receipt { get; private set; }

    public async Task<Result<int>> HandleAsync(PetitionInput input, CancellationToken ct)
    {
        Receipt = null;
        var result = await Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(Petition),
            () => CreateAsync(input, ct),
            ct
        );
        if (!result.IsOk || Receipt?.PetitionId != result.Value)
        {
            Receipt = null;
        }

        return result;
    }

    private async Task<Result<int>> CreateAsync(PetitionInput input, CancellationToken ct)
    {
        var dialogue = input.DialogueId is { } dialogueId
            ? await db.Dialogues.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dialogueId, ct)
            : null;
        if (input.DialogueId is not null && (dialogue is null || !user.Can(Permission.DialoguesView, dialogue.Ref)))
        {
            return new NotFoundError(L["Dialogues_NotFound"]);
        }

        // The record the matter was raised in: one the caller sees, of a kind that exists.
        var origin = input.OriginKind is { } kind ? origins.FirstOrDefault(o => o.Kind == kind) : null;
        if (
            (input.OriginKind is not null || input.OriginId is not null)
            && (origin is null || input.OriginId is not { } originId || await origin.DraftAsync(originId, ct) is null)
        )
        {
            return new NotFoundError(L["Petitions_OriginNotFound"]);
        }

        var errors = RequestValidation.Validate(input);
        var location = input.UnitId is { } unitId
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
            : null;
        if (input.UnitId is null)
        {
            errors.Add(nameof(PetitionInput.UnitId), L["Val_Choose", L["Field_PetitionLocation"]]);
        }
        else if (location is null || !user.Can(Permission.UnitsView, location.Ref))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        var handlingId = input.HandlingUnitId
            ?? dialogue?.UnitId
            ?? (location is null ? null : location.CommuneId ?? location.Id);
        var handling = handlingId is { } h
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == h, ct)
            : null;
        if (location is not null && (handling is null || !Contains(handling, location)))
        {
            errors.Add(nameof(PetitionInput.UnitId), L["Petitions_LocationOutsideHandlingUnit"]);
        }
        else if (handling is not null && !user.Can(Permission.PetitionsEdit, handling.Ref))
        {
            return new ForbiddenError(L["Petitions_CannotRecord", handling.Name]);
        }

        if (location is not null && !location.IsActive)
        {
            var successor = location.SuccessorId is { } s
                ? await db.Units.AsNoTracking().Where(u => u.Id == s).Select(u => u.Name).SingleOrDefaultAsync(ct)
                : null;
            errors.Add(
                nameof(PetitionInput.UnitId),
                successor is null
                    ? L["Units_RetiredReadOnly", location.Name]
                    : L["Petitions_UnitMerged", location.Name, successor]
            );
        }

        CheckItems(input, dialogue?.HeldOn, VietnamTime.Today(clock), errors, L);
        if (
            input.CategoryId is { } categoryId
            && !await db.PetitionCategories.AnyAsync(c => c.Id == categoryId && c.IsActive, ct)
        )
        {
            errors.Add(nameof(PetitionInput.CategoryId), L["Val_Invalid"]);
        }

        Petition? parent = null;
        if (input.ParentPetitionId is { } parentId)
        {
            parent = await db.Petitions.SingleOrDefaultAsync(p => p.Id == parentId, ct);
            if (parent is null || !PetitionAccess.Sees(user, SensitiveField.PetitionCase, parent))
            {
                errors.Add(nameof(PetitionInput.ParentPetitionId), L["Petitions_NotFound"]);
            }
            else if (parent.ParentPetitionId is not null)
            {
                errors.Add(nameof(PetitionInput.ParentPetitionId), L["Petitions_ParentIsGrouped"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var (petition, pin) = NewPetition(input, handling!.Id, dialogue?.Id, location!, db.UtcNow);
        if (parent is not null)
        {
            PetitionSteps.JoinGroup(petition, parent);
        }

        // The petition and its "received" event are one change: both or neither.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync(ct);
        db.PetitionEvents.Add(
            PetitionSteps.EventOf(
                petition,
                PetitionAction.Receive,
                PetitionStatus.Received,
                petition.ReceivedOn,
                null,
                user,
                db.UtcNow
            )
        );
        if (origin is not null)
        {
            await origin.LinkAsync(input.OriginId!.Value, petition.Id, ct);
        }

        if (parent is not null)
        {
            // No note: the group is the petition's ParentPetitionId, shown under the reader's own scope (not the
            // parent's code).
            db.PetitionEvents.Add(
                PetitionSteps.EventOf(
                    petition,
                    PetitionAction.Group,
                    PetitionStatus.Received,
                    petition.ReceivedOn,
                    null,
                    user,
                    db.UtcNow
                )
            );
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Receipt = new PetitionReceipt(petition.Id, petition.TrackingCode, pin, petition.Title, petition.ReceivedOn);
        return petition.Id;
    }

    /// <summary>The items every recorded petition must have, checked alike on the form, the API and the import: channel,
    /// date received (not in the future, not before its dialogue), category chosen, subject, content, the petitioner's
    /// kind, and a phone and an identity number that look like one.</summary>
    public static void CheckItems(
        PetitionInput input,
        DateOnly? dialogueHeldOn,
        DateOnly today,
        ValidationErrors errors,
        IStringLocalizer L
    )
    {
        if (input.Channel is null)
        {
            errors.Add(nameof(PetitionInput.Channel), L["Val_Choose", L["Field_PetitionChannel"]]);
        }
        else if (input.Channel == PetitionChannel.Dialogue && dialogueHeldOn is null)
        {
            errors.Add(nameof(PetitionInput.Channel), L["Petitions_DialogueChannelNeedsDialogue"]);
        }

        if (input.ReceivedOn is not { } received)
        {
            errors.Add(nameof(PetitionInput.ReceivedOn), L["Val_Required", L["Field_ReceivedOn"]]);
        }
        else if (received > today)
        {
            errors.Add(nameof(PetitionInput.ReceivedOn), L["Petitions_DateInFuture"]);
        }
        else if (dialogueHeldOn is { } heldOn && received < heldOn)
        {
            errors.Add(
                nameof(PetitionInput.ReceivedOn),
                L["Petitions_ReceivedBeforeDialogue", VietnamTime.Format(heldOn)]
            );
        }

        if (input.CategoryId is null)
        {
            errors.Add(nameof(PetitionInput.CategoryId), L["Val_Choose", L["Field_PetitionCategory"]]);
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(nameof(PetitionInput.Title), L["Val_Required", L["Field_PetitionTitle"]]);
        }

        if (string.IsNullOrWhiteSpace(input.Content))
        {
            errors.Add(nameof(PetitionInput.Content), L["Val_Required", L["Field_PetitionContent"]]);
        }

        if (input.PetitionerKind is null)
        {
            errors.Add(nameof(PetitionInput.PetitionerKind), L["Val_Choose", L["Field_PetitionerKind"]]);
        }

        if (
            !string.IsNullOrWhiteSpace(input.PetitionerPhone)
            && !Infrastructure.Security.PersonalData.IsPhone(input.PetitionerPhone)
        )
        {
            errors.Add(nameof(PetitionInput.PetitionerPhone), L["Petitions_PhoneInvalid"]);
        }

        if (
            !string.IsNullOrWhiteSpace(input.PetitionerIdNumber)
            && !IdNumberPattern().IsMatch(input.PetitionerIdNumber.Trim())
        )
        {
            errors.Add(nameof(PetitionInput.PetitionerIdNumber), L["Petitions_IdNumberInvalid"]);
        }
    }

    /// <summary>A checked input as a new petition of the handling unit, with its tracking code and the PIN of its
    /// receipt (only the hash is kept).</summary>
    public static (Petition Petition, string Pin) NewPetition(
        PetitionInput input,
        int handlingUnitId,
        int? dialogueId,
        Unit location,
        DateTime now
    )
    {
        var petition = new Petition
        {
            HandlingUnitId = handlingUnitId,
            DialogueId = dialogueId,
            Channel = input.Channel!.Value,
            ReceivedOn = input.ReceivedOn!.Value,
            CategoryId = input.CategoryId!.Value,
            Title = input.Title!,
            Content = input.Content!,
            PetitionerKind = input.PetitionerKind!.Value,
            PetitionerName = Clean(input.PetitionerName),
            PetitionerPhone = Clean(input.PetitionerPhone)?.Trim(),
            PetitionerAddress = Clean(input.PetitionerAddress),
            PetitionerIdNumber = Clean(input.PetitionerIdNumber)?.Trim(),
            TrackingCode = PetitionRules.NewTrackingCode(),
            CreatedAt = now,
        };
        var pin = VerdictPin.New();
        petition.VerdictPinHash = VerdictPin.Hash(pin);
        PlaceIn(petition, location);
        petition.SearchText = SearchTextOf(petition);
        return (petition, pin);
    }

    public static bool Contains(Unit ancestor, Unit unit) =>
        ancestor.Level switch
        {
            UnitLevel.Central => true,
            UnitLevel.Province => unit.ProvinceId == ancestor.Id,
            UnitLevel.Commune => unit.CommuneId == ancestor.Id,
            _ => unit.VillageId == ancestor.Id,
        };

    public static void PlaceIn(Petition petition, Unit unit)
    {
        petition.UnitId = unit.Id;
        petition.ProvinceId = unit.ProvinceId;
        petition.CommuneId = unit.CommuneId;
        petition.VillageId = unit.VillageId;
    }

    /// <summary>Where the subject starts in <see cref="Petition.SearchText"/>: after the code's 11 characters and a
    /// space.</summary>
    public const int SubjectStart = 12;

    /// <summary>What word search reads: the code and the subject, never the petitioner's data.</summary>
    public static string SearchTextOf(Petition p) => TextSearch.Normalize($"{p.TrackingCode} {p.Title}");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    // The 9-digit identity card or the 12-digit citizen identity card.
    [GeneratedRegex(@"^([0-9]{9}|[0-9]{12})$")]
    private static partial Regex IdNumberPattern();
}
