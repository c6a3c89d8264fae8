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

public sealed record TrackingStep(PetitionAction Action, PetitionStatus To, DateOnly On);

/// <summary>What anyone holding the code sees: no petitioner, no content, no names of officials.</summary>
public sealed record TrackingView(
    string Code,
    string Title,
    string CategoryName,
    string UnitName,
    DateOnly ReceivedOn,
    PetitionStatus Status,
    DateOnly? DueOn,
    string? OrganizationName,
    DateOnly? AnsweredOn,
    string? Answer,
    CitizenVerdict? Verdict,
    bool MayGiveVerdict,
    IReadOnlyList<TrackingStep> Steps
);

/// <summary>The citizen's word on the answer, from the tracking page: the code and the PIN of the receipt.</summary>
public sealed class VerdictInput
{
    [Required, MaxLength(20)]
    public string? Code { get; set; }

    /// <summary>The verdict PIN printed on the receipt (<see cref="VerdictPin"/>).</summary>
    [MaxLength(20)]
    [Display(Name = nameof(SharedResource.Field_VerdictPin), ResourceType = typeof(SharedResource))]
    public string? Pin { get; set; }

    [DefinedValue]
    public CitizenVerdict? Verdict { get; set; }

    [MaxChars(2000), PlainText]
    [Display(Name = nameof(SharedResource.Field_CitizenNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }
}

/// <summary>Where a verdict came from, for its audit record.</summary>
public enum VerdictChannel
{
    TrackingPage,
    TrackingApi,
}

/// <summary>
/// Petition tracking for the public (no sign-in): by the unguessable code only, rate-limited per address
/// (AuthSetup). An unknown code and a malformed one get the same answer, so guessing learns nothing. The verdict also
/// needs the receipt's PIN, which the staff never see again (<see cref="VerdictPin"/>); wrong PINs are counted on the
/// petition and lock it at <see cref="VerdictPin.MaxFailures"/>. A citizen who is not satisfied with an answer reopens
/// the petition with a note; the handling unit is told. Every verdict and every refused PIN is audited with the
/// address.
/// </summary>
internal sealed class PublicTracking(
    DanVanDbContext db,
    ICurrentUser citizen,
    PetitionNotices notices,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<TrackingView?> FindAsync(string? typed, CancellationToken ct)
    {
        if (PetitionRules.NormalizeCode(typed) is not { } code)
        {
            return null;
        }

        var row = await db
            .Petitions.AsNoTracking()
            .Where(p => p.TrackingCode == code)
            .Select(p => new
            {
                p.Id,
                p.TrackingCode,
                p.Title,
                p.ReceivedOn,
                p.Status,
                p.DueOn,
                p.AnsweredOn,
                p.Answer,
                p.AnswerPublished,
                p.CitizenVerdict,
                Category = db.PetitionCategories.Single(c => c.Id == p.CategoryId),
                Unit = db.Units.Where(u => u.Id == (p.CommuneId ?? p.UnitId)).Select(u => u.Name).Single(),
                Organization = db
                    .Organizations.Where(o => o.Id == p.AssignedOrganizationId)
                    .Select(o => o.Name)
                    .SingleOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var steps = await db
            .PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == row.Id && e.IsPublic)
            .OrderBy(e => e.Id)
            .Select(e => new TrackingStep(e.Action, e.To, e.On))
            .ToListAsync(ct);
        var answered =
            row.Status is PetitionStatus.Answered or PetitionStatus.Resolved or PetitionStatus.ClosedNotResolved;
        return new TrackingView(
            row.TrackingCode,
            row.Title,
            row.Category.LocalName,
            row.Unit,
            row.ReceivedOn,
            row.Status,
            row.DueOn,
            row.Organization,
            row.AnsweredOn,
            answered && row.AnswerPublished ? row.Answer : null,
            row.CitizenVerdict,
            answered && row.CitizenVerdict is null,
            steps
        );
    }

    public async Task<Result<string>> GiveVerdictAsync(VerdictInput input, VerdictChannel channel, CancellationToken ct)
    {
        var code = PetitionRules.NormalizeCode(input.Code);
        var petition = code is null ? null : await db.Petitions.SingleOrDefaultAsync(p => p.TrackingCode == code, ct);
        if (petition is null)
        {
            return new NotFoundError(L["Tracking_NotFound"]);
        }

        var errors = RequestValidation.Validate(input);
        if (input.Verdict is null)
        {
            errors.Add(nameof(VerdictInput.Verdict), L["Val_Choose", L["Tracking_YourVerdict"]]);
        }
        else if (input.Verdict == CitizenVerdict.NotSatisfied && string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(nameof(VerdictInput.Note), L["Tracking_SayWhy"]);
        }

        if (VerdictPin.Normalize(input.Pin) is null)
        {
            errors.Add(nameof(VerdictInput.Pin), L["Tracking_PinFormat", VerdictPin.Digits]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var source = channel == VerdictChannel.TrackingPage ? "public tracking page" : "public tracking API";
        var id = petition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (petition.VerdictPinHash is null)
        {
            return new ConflictError(L["Tracking_NoPinIssued"]);
        }

        if (petition.VerdictPinFailures >= VerdictPin.MaxFailures)
        {
            return new ConflictError(L["Tracking_PinLocked"]);
        }

        if (!VerdictPin.Verify(petition.VerdictPinHash, input.Pin))
        {
            // Counted in the database, not on the loaded row: guesses in parallel each count.
            await db
                .Petitions.Where(p => p.Id == petition.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.VerdictPinFailures, p => p.VerdictPinFailures + 1), ct);
            db.Audit(AuditAction.VerdictRefused, nameof(Petition), id, petition.Ref, $"wrong PIN, from the {source}");
            await db.SaveChangesAsync(ct);
            var left = VerdictPin.MaxFailures - petition.VerdictPinFailures - 1;
            return left > 0
                ? ValidationError.For(L["Val_FixBelow"], nameof(VerdictInput.Pin), L["Tracking_PinWrong", left])
                : new ConflictError(L["Tracking_PinLocked"]);
        }

        // A grouped petition shares its group's answer: the word goes to the group's petition.
        var target = petition.ParentPetitionId is { } parentId
            ? await db.Petitions.SingleAsync(p => p.Id == parentId, ct)
            : petition;
        var answered =
            target.Status is PetitionStatus.Answered or PetitionStatus.Resolved or PetitionStatus.ClosedNotResolved;
        if (!answered || petition.CitizenVerdict is not null)
        {
            return new ConflictError(L["Tracking_NoVerdictNow"]);
        }

        var today = VietnamTime.Today(clock);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var action =
            input.Verdict == CitizenVerdict.Satisfied
                ? PetitionAction.CitizenSatisfied
                : PetitionAction.CitizenNotSatisfied;
        petition.CitizenVerdict = input.Verdict;
        if (action == PetitionAction.CitizenNotSatisfied)
        {
            var from = target.Status;
            PetitionSteps.Reopen(target);
            db.PetitionEvents.Add(PetitionSteps.EventOf(target, action, from, today, note, citizen, db.UtcNow));
            await PetitionSteps.MirrorToGroupAsync(
                db,
                target,
                action,
                today,
                child => child.Id == petition.Id ? note : null,
                citizen,
                ct
            );

            await notices.AfterStepAsync(target, PetitionAction.Reopen, ct);
        }
        else
        {
            db.PetitionEvents.Add(
                PetitionSteps.EventOf(petition, action, petition.Status, today, note, citizen, db.UtcNow)
            );
        }

        db.Audit(AuditAction.CitizenVerdict, nameof(Petition), id, petition.Ref, $"{input.Verdict}, from the {source}");

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Tracking_NoVerdictNow"]);
        }

        return petition.TrackingCode;
    }
}
