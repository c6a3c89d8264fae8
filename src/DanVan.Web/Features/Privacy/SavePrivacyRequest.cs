using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Privacy;

/// <summary>A data subject's request as entered on the form or sent to the API.</summary>
public sealed class PrivacyRequestInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    [Display(Name = nameof(SharedResource.Field_ReceivingUnit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [Display(Name = nameof(SharedResource.Field_RequestKind), ResourceType = typeof(SharedResource))]
    public RequestKind? Kind { get; set; }

    [MaxChars(DataSubjectRequest.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_SubjectName), ResourceType = typeof(SharedResource))]
    public string? SubjectName { get; set; }

    [MaxChars(DataSubjectRequest.ContactLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_PetitionerPhone), ResourceType = typeof(SharedResource))]
    public string? SubjectPhone { get; set; }

    [MaxChars(DataSubjectRequest.ContactLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_PetitionerIdNumber), ResourceType = typeof(SharedResource))]
    public string? SubjectIdNumber { get; set; }

    [MaxChars(DataSubjectRequest.ContactLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Email), ResourceType = typeof(SharedResource))]
    public string? SubjectEmail { get; set; }

    [Display(Name = nameof(SharedResource.Field_ReceivedOn), ResourceType = typeof(SharedResource))]
    public DateOnly? ReceivedOn { get; set; }

    [MaxChars(DataSubjectRequest.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_RequestDetails), ResourceType = typeof(SharedResource))]
    public string? Details { get; set; }
}

/// <summary>A step on a request: acknowledge it, or close it as fulfilled or refused with what was done.</summary>
public sealed class PrivacyStepInput
{
    public int Version { get; set; }

    /// <summary>Fulfilled or Refused when closing; ignored when acknowledging.</summary>
    [Display(Name = nameof(SharedResource.Field_RequestOutcome), ResourceType = typeof(SharedResource))]
    public RequestStatus? Status { get; set; }

    [MaxChars(DataSubjectRequest.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_OutcomeText), ResourceType = typeof(SharedResource))]
    public string? Outcome { get; set; }
}

/// <summary>
/// Records a data subject's request with its two deadlines (working days from the petitions' calendar), acknowledges
/// it, and closes it. Handling it across the features is <see cref="FulfilPrivacyRequest"/>.
/// </summary>
internal sealed class SavePrivacyRequest(
    DanVanDbContext db,
    ICurrentUser user,
    WorkingCalendar calendar,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> CreateAsync(PrivacyRequestInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(DataSubjectRequest),
            () => CreateOnceAsync(input, ct),
            ct
        );

    private async Task<Result<int>> CreateOnceAsync(PrivacyRequestInput input, CancellationToken ct)
    {
        var errors = RequestValidation.Validate(input);
        Unit? unit = null;
        if (input.UnitId is not { } unitId)
        {
            errors.Add(nameof(PrivacyRequestInput.UnitId), L["Val_Choose", L["Field_ReceivingUnit"]]);
        }
        else
        {
            unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }

            if (!PrivacyRules.MayRecordAt(user, unit.Ref))
            {
                return new ForbiddenError(L["Privacy_CannotRecord"]);
            }

            if (!unit.IsActive)
            {
                errors.Add(nameof(PrivacyRequestInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
            }
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(PrivacyRequestInput.Kind), L["Val_Choose", L["Field_RequestKind"]]);
        }

        var name = PrivacyRules.Clean(input.SubjectName);
        if (name is null)
        {
            errors.Add(nameof(PrivacyRequestInput.SubjectName), L["Val_Required", L["Field_SubjectName"]]);
        }

        var phone = PrivacyRules.Clean(input.SubjectPhone);
        if (
            phone is not null
            && (!Infrastructure.Security.PersonalData.IsPhone(phone) || PrivacyRules.Phone(phone) is null)
        )
        {
            errors.Add(nameof(PrivacyRequestInput.SubjectPhone), L["Petitions_PhoneInvalid"]);
        }

        var email = PrivacyRules.Clean(input.SubjectEmail);
        if (email is not null && !Infrastructure.Security.PersonalData.IsEmail(email))
        {
            errors.Add(nameof(PrivacyRequestInput.SubjectEmail), L["Val_Email", L["Field_Email"]]);
        }

        var idNumber = PrivacyRules.Clean(input.SubjectIdNumber);
        if (idNumber is not null && !PrivacyRules.IsIdNumber(idNumber))
        {
            errors.Add(nameof(PrivacyRequestInput.SubjectIdNumber), L["Petitions_IdNumberInvalid"]);
        }

        if (phone is null && email is null && idNumber is null)
        {
            // A name alone does not tell one Nguyễn Văn An from another: the finder needs one identifier.
            errors.Add(nameof(PrivacyRequestInput.SubjectIdNumber), L["Privacy_IdentifierRequired"]);
        }

        var today = VietnamTime.Today(clock);
        if (input.ReceivedOn is not { } received)
        {
            errors.Add(nameof(PrivacyRequestInput.ReceivedOn), L["Val_Required", L["Field_ReceivedOn"]]);
        }
        else if (received > today || received < today.AddYears(-1))
        {
            errors.Add(nameof(PrivacyRequestInput.ReceivedOn), L["Privacy_ReceivedRange"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var on = input.ReceivedOn!.Value;
        var days = await calendar.AroundAsync(on, ct);
        var request = new DataSubjectRequest
        {
            UnitLevel = unit!.Level,
            Kind = input.Kind!.Value,
            SubjectName = name!,
            SubjectPhone = phone,
            SubjectIdNumber = idNumber,
            SubjectEmail = email,
            Details = PrivacyRules.Clean(input.Details),
            ReceivedOn = on,
            AcknowledgeBy = days.Add(on, PrivacyRules.AcknowledgeWorkingDays),
            DueOn = on.AddDays(PrivacyRules.HandleDays),
            CreatedById = user.AccountId ?? 0,
            CreatedAt = db.UtcNow,
        };
        unit.Ref.StampOnto(request);
        db.DataSubjectRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request.Id;
    }

    public Task<Result<int>> AcknowledgeAsync(int id, PrivacyStepInput input, CancellationToken ct) =>
        StepAsync(
            id,
            input,
            (request, errors) =>
            {
                if (request.Status != RequestStatus.Received)
                {
                    errors.Add(nameof(PrivacyStepInput.Status), L["Privacy_NotReceived"]);
                    return;
                }

                request.Status = RequestStatus.Acknowledged;
                request.AcknowledgedOn = VietnamTime.Today(clock);
            },
            ct
        );

    public Task<Result<int>> CloseAsync(int id, PrivacyStepInput input, CancellationToken ct) =>
        StepAsync(
            id,
            input,
            (request, errors) =>
            {
                var outcome = PrivacyRules.Clean(input.Outcome);
                if (!request.IsOpen)
                {
                    errors.Add(nameof(PrivacyStepInput.Status), L["Privacy_AlreadyClosed"]);
                    return;
                }

                if (input.Status is not (RequestStatus.Fulfilled or RequestStatus.Refused))
                {
                    errors.Add(nameof(PrivacyStepInput.Status), L["Val_Choose", L["Field_RequestOutcome"]]);
                }

                if (outcome is null)
                {
                    // The person is told what was done, or the legal ground for not doing it.
                    errors.Add(nameof(PrivacyStepInput.Outcome), L["Val_Required", L["Field_OutcomeText"]]);
                }

                if (errors.Any)
                {
                    return;
                }

                var today = VietnamTime.Today(clock);
                request.Status = input.Status!.Value;
                request.Outcome = outcome;
                request.ClosedOn = today;
                request.AcknowledgedOn ??= today;
            },
            ct
        );

    private async Task<Result<int>> StepAsync(
        int id,
        PrivacyStepInput input,
        Action<DataSubjectRequest, ValidationErrors> apply,
        CancellationToken ct
    )
    {
        var request = await db
            .DataSubjectRequests.Where(PrivacyRules.Visible(user))
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return new NotFoundError(L["Privacy_NotFound"]);
        }

        if (request.Version != input.Version)
        {
            // A step taken from an old reading: the caller sees what was done meanwhile before deciding again.
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        var errors = RequestValidation.Validate(input);
        if (!errors.Any)
        {
            apply(request, errors);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(request).Property(r => r.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The 409 carries the request as it is now, read through this context.
            db.ChangeTracker.Clear();
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return request.Id;
    }
}
