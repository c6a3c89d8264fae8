using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Models;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Programs;

/// <summary>A commitment as entered on the conference's page or sent to the API.</summary>
public sealed class CommitmentInput
{
    public int Version { get; set; }

    /// <summary>The committing unit: one of the conference's participants (create only).</summary>
    [Display(Name = nameof(SharedResource.Field_CommittingUnit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [Display(Name = nameof(SharedResource.Field_CommitmentModel), ResourceType = typeof(SharedResource))]
    public int? ModelId { get; set; }

    [Display(Name = nameof(SharedResource.Field_CommitmentDue), ResourceType = typeof(SharedResource))]
    public DateOnly? DueOn { get; set; }

    [MaxChars(ConferenceCommitment.NoteLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_CommitmentNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }

    /// <summary>Pending, or withdrawn (with the reason as the note).</summary>
    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_CommitmentStatus), ResourceType = typeof(SharedResource))]
    public CommitmentStatus? Status { get; set; }
}

/// <summary>What the replication a commitment becomes needs: the adopting organization, the start, the adaptations.</summary>
public sealed class CommitmentReplicationInput
{
    /// <summary>The version of the commitment the caller saw.</summary>
    public int Version { get; set; }

    public int? OrganizationId { get; set; }
    public DateOnly? StartDate { get; set; }
    public string Adaptations { get; set; } = "";
}

/// <summary>
/// Records the commitments made at a conference and changes them while pending: the host's own officers and leaders
/// write them; the committing unit takes part in the conference; the model is a recognized model the writer reads; the
/// day lies after the conference and within three years of it.
/// </summary>
internal sealed class SaveCommitment(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public const int MaxYears = 3;

    public async Task<Result<int>> CreateAsync(int conferenceId, CommitmentInput input, CancellationToken ct)
    {
        var found = await WritableAsync(conferenceId, ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var conference = found.Value;
        var errors = RequestValidation.Validate(input);
        var unit = input.UnitId is { } unitId
            ? await db
                .ConferenceUnits.Where(x => x.ConferenceId == conferenceId && x.ParticipantId == unitId)
                .Select(x => db.Units.Single(u => u.Id == x.ParticipantId))
                .AsNoTracking()
                .SingleOrDefaultAsync(ct)
            : null;
        if (unit is null)
        {
            errors.Add(nameof(CommitmentInput.UnitId), L["Conferences_CommitmentUnit"]);
        }

        await CheckAsync(conference, input, unit?.Id, errors, ct);
        if (
            unit is not null
            && input.ModelId is { } modelId
            && await db.ConferenceCommitments.AnyAsync(
                c =>
                    c.ConferenceId == conferenceId
                    && c.UnitId == unit.Id
                    && c.ModelId == modelId
                    && c.Status != CommitmentStatus.Withdrawn,
                ct
            )
        )
        {
            errors.Add(nameof(CommitmentInput.ModelId), L["Conferences_CommitmentExists"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var commitment = new ConferenceCommitment
        {
            ConferenceId = conferenceId,
            UnitId = unit!.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            UnitLevel = unit.Level,
            ModelId = input.ModelId!.Value,
            DueOn = input.DueOn!.Value,
            Note = ProgramRules.Clean(input.Note),
        };
        db.ConferenceCommitments.Add(commitment);
        await db.SaveChangesAsync(ct);
        return commitment.Id;
    }

    /// <summary>Changes a pending commitment's model, day or note, or withdraws it (a reason required).</summary>
    public async Task<Result<int>> UpdateAsync(
        int conferenceId,
        int commitmentId,
        CommitmentInput input,
        CancellationToken ct
    )
    {
        var found = await WritableAsync(conferenceId, ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var commitment = await db.ConferenceCommitments.SingleOrDefaultAsync(
            c => c.Id == commitmentId && c.ConferenceId == conferenceId,
            ct
        );
        if (commitment is null)
        {
            return new NotFoundError(L["Conferences_CommitmentNotFound"]);
        }

        if (commitment.Status != CommitmentStatus.Pending)
        {
            return new ConflictError(L["Conferences_CommitmentClosed", L.Enum(commitment.Status)]);
        }

        var errors = RequestValidation.Validate(input);
        await CheckAsync(found.Value, input, commitment.UnitId, errors, ct);
        if (input.Status == CommitmentStatus.Replicated)
        {
            errors.Add(nameof(CommitmentInput.Status), L["Conferences_ReplicateByAction"]);
        }
        else if (input.Status == CommitmentStatus.Withdrawn && string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(nameof(CommitmentInput.Note), L["Val_Required", L["Field_Reason"]]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(commitment).Property(c => c.Version).OriginalValue = input.Version;
        commitment.ModelId = input.ModelId!.Value;
        commitment.DueOn = input.DueOn!.Value;
        commitment.Note = ProgramRules.Clean(input.Note);
        commitment.Status = input.Status ?? CommitmentStatus.Pending;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return commitment.Id;
    }

    private async Task<Result<ThematicConference>> WritableAsync(int conferenceId, CancellationToken ct)
    {
        var conference = await db.Conferences.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conferenceId, ct);
        if (conference is null || !ConferenceAccess.Sees(user, conference))
        {
            return new NotFoundError(L["Conferences_NotFound"]);
        }

        if (!ProgramRules.MayWrite(user, conference.UnitId))
        {
            return new ForbiddenError(L["Conferences_CannotEdit"]);
        }

        return conference;
    }

    private async Task CheckAsync(
        ThematicConference conference,
        CommitmentInput input,
        int? unitId,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        if (input.ModelId is not { } modelId)
        {
            errors.Add(nameof(CommitmentInput.ModelId), L["Val_Choose", L["Field_CommitmentModel"]]);
        }
        else
        {
            var model = await db
                .Models.AsNoTracking()
                .Where(m => m.Id == modelId)
                .Where(SaveConference.ModelAccess(user))
                .Select(m => new { m.UnitId, m.Status })
                .SingleOrDefaultAsync(ct);
            if (model is null || model.Status is not (ModelStatus.Recognized or ModelStatus.Commended))
            {
                errors.Add(nameof(CommitmentInput.ModelId), L["Conferences_ModelNotRecognized"]);
            }
            else if (model.UnitId == unitId)
            {
                errors.Add(nameof(CommitmentInput.ModelId), L["Models_ReplicateOwnUnit"]);
            }
        }

        if (input.DueOn is not { } due)
        {
            errors.Add(nameof(CommitmentInput.DueOn), L["Val_Required", L["Field_CommitmentDue"]]);
        }
        else if (due < conference.HeldOn || due > conference.HeldOn.AddYears(MaxYears))
        {
            errors.Add(nameof(CommitmentInput.DueOn), L["Conferences_DueRange", MaxYears]);
        }
    }
}

/// <summary>
/// "Chuyển thành nhân rộng": a pending commitment becomes a replication in the registry, recorded by the registry's own
/// handler (<see cref="ReplicateModel"/>: who may, which organization, which start), and linked to the commitment in the
/// same transaction; the day counts as the commitment fulfilled. Whoever may record the replication at the committing
/// unit and reads the conference may take the step.
/// </summary>
internal sealed class ReplicateCommitment(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    ReplicateModel replicate,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(
        int conferenceId,
        int commitmentId,
        CommitmentReplicationInput input,
        CancellationToken ct
    )
    {
        var conference = await db.Conferences.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conferenceId, ct);
        if (conference is null || !ConferenceAccess.Sees(user, conference))
        {
            return new NotFoundError(L["Conferences_NotFound"]);
        }

        var commitment = await db.ConferenceCommitments.SingleOrDefaultAsync(
            c => c.Id == commitmentId && c.ConferenceId == conferenceId,
            ct
        );
        if (commitment is null)
        {
            return new NotFoundError(L["Conferences_CommitmentNotFound"]);
        }

        if (!user.Can(Permission.ModelsEdit, commitment.Ref))
        {
            return new ForbiddenError(L["Conferences_CannotReplicate"]);
        }

        if (commitment.Status != CommitmentStatus.Pending)
        {
            return new ConflictError(L["Conferences_CommitmentClosed", L.Enum(commitment.Status)]);
        }

        if (input.Version != commitment.Version)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var made = await replicate.HandleAsync(
            commitment.ModelId,
            new ReplicationInput
            {
                UnitId = commitment.UnitId,
                OrganizationId = input.OrganizationId,
                StartDate = input.StartDate,
                Adaptations = input.Adaptations ?? "",
                Status = ReplicationStatus.Implementing,
            },
            ct
        );
        if (!made.IsOk)
        {
            return made.Error;
        }

        commitment.ReplicationId = made.Value;
        commitment.Status = CommitmentStatus.Replicated;
        commitment.FulfilledOn = VietnamTime.Today(clock);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return made.Value;
    }
}
