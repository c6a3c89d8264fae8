using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Personnel;

/// <summary>A course as entered on the form or sent to the API.</summary>
public sealed class CourseInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_OfferingUnit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [MaxChars(TrainingCourse.TitleLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_CourseTitle), ResourceType = typeof(SharedResource))]
    public string? Title { get; set; }

    [Display(Name = nameof(SharedResource.Field_TrainingKind), ResourceType = typeof(SharedResource))]
    public TrainingKind? Kind { get; set; }

    [Display(Name = nameof(SharedResource.Field_AwardsTheory), ResourceType = typeof(SharedResource))]
    public TheoryLevel? AwardsTheory { get; set; }

    [Display(Name = nameof(SharedResource.Field_StartsOn), ResourceType = typeof(SharedResource))]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_EndsOn), ResourceType = typeof(SharedResource))]
    public DateOnly? EndsOn { get; set; }

    [MaxChars(TrainingCourse.TitleLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_TrainingProvider), ResourceType = typeof(SharedResource))]
    public string? Provider { get; set; }

    [MaxChars(TrainingCourse.TitleLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Place), ResourceType = typeof(SharedResource))]
    public string? Place { get; set; }

    [MaxChars(TrainingCourse.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Note), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }
}

/// <summary>A cadre put in a course.</summary>
public sealed class EnrolInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    [Display(Name = nameof(SharedResource.Field_EnrolCadre), ResourceType = typeof(SharedResource))]
    public int? CadreId { get; set; }
}

/// <summary>Where a cadre stands in a course: the result, its day and the certificate.</summary>
public sealed class EnrolmentResultInput
{
    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_EnrolmentStatus), ResourceType = typeof(SharedResource))]
    public EnrolmentStatus? Status { get; set; }

    [Display(Name = nameof(SharedResource.Field_CompletedOn), ResourceType = typeof(SharedResource))]
    public DateOnly? CompletedOn { get; set; }

    [MaxChars(TrainingEnrolment.CertificateLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_CertificateNumber), ResourceType = typeof(SharedResource))]
    public string? CertificateNumber { get; set; }
}

/// <summary>
/// Offers a course and edits it, enrols cadres, and records each cadre's result. A completed political-theory course
/// raises the cadre's level when it awards a higher one (and a completion withdrawn puts it back), with the level's
/// stamp on the cadre's posts in the same save, so the staffing figures move with it.
/// </summary>
internal sealed class SaveTraining(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>The longest course (a bachelor's programme in political theory).</summary>
    public const int MaxYears = 5;

    public Task<Result<int>> CreateAsync(CourseInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(TrainingCourse),
            () => SaveAsync(null, input, ct),
            ct
        );

    public Task<Result<int>> UpdateAsync(int id, CourseInput input, CancellationToken ct) => SaveAsync(id, input, ct);

    private async Task<Result<int>> SaveAsync(int? id, CourseInput input, CancellationToken ct)
    {
        TrainingCourse? course = null;
        if (id is { } existing)
        {
            course = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == existing, ct);
            if (course is null || !TrainingRules.Sees(user, course))
            {
                return new NotFoundError(L["Training_NotFound"]);
            }

            // The offering unit is what the course is.
            input.UnitId = course.UnitId;
        }

        var errors = RequestValidation.Validate(input);
        Unit? unit = null;
        if (input.UnitId is not { } unitId)
        {
            errors.Add(nameof(CourseInput.UnitId), L["Val_Choose", L["Field_OfferingUnit"]]);
        }
        else
        {
            unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null || !(user.Can(Permission.PersonnelView, unit.Ref) || course is not null))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }

            if (!TrainingRules.MayOffer(user, unit.Ref))
            {
                return new ForbiddenError(L["Training_CannotOffer"]);
            }

            if (!unit.IsActive && course is null)
            {
                errors.Add(nameof(CourseInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
            }
        }

        var title = CadreRules.Clean(input.Title);
        if (title is null)
        {
            errors.Add(nameof(CourseInput.Title), L["Val_Required", L["Field_CourseTitle"]]);
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(CourseInput.Kind), L["Val_Choose", L["Field_TrainingKind"]]);
        }
        else if (input.AwardsTheory is { } award)
        {
            if (kind != TrainingKind.PoliticalTheory)
            {
                errors.Add(nameof(CourseInput.AwardsTheory), L["Training_AwardOnlyTheory"]);
            }
            else if (!Enum.IsDefined(award) || award == TheoryLevel.None)
            {
                errors.Add(nameof(CourseInput.AwardsTheory), L["Val_Choose", L["Field_AwardsTheory"]]);
            }
        }

        var today = VietnamTime.Today(clock);
        if (input.StartsOn is not { } starts)
        {
            errors.Add(nameof(CourseInput.StartsOn), L["Val_Required", L["Field_StartsOn"]]);
        }
        else if (starts > today.AddYears(2) || starts < today.AddYears(-30))
        {
            errors.Add(nameof(CourseInput.StartsOn), L["Training_StartRange"]);
        }
        else if (input.EndsOn is not { } ends)
        {
            errors.Add(nameof(CourseInput.EndsOn), L["Val_Required", L["Field_EndsOn"]]);
        }
        else if (ends < starts)
        {
            errors.Add(nameof(CourseInput.EndsOn), L["Cadres_EndBeforeStart"]);
        }
        else if (ends > starts.AddYears(MaxYears))
        {
            errors.Add(nameof(CourseInput.EndsOn), L["Training_TooLong", MaxYears]);
        }

        // What a completion awarded stays what the course awards: its results have moved cadres' levels.
        if (
            course is not null
            && (course.Kind != input.Kind || course.AwardsTheory != input.AwardsTheory)
            && await db.TrainingEnrolments.AnyAsync(
                e => e.CourseId == course.Id && e.Status == EnrolmentStatus.Completed,
                ct
            )
        )
        {
            errors.Add(nameof(CourseInput.AwardsTheory), L["Training_AwardFixed"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (course is null)
        {
            course = new TrainingCourse { CreatedAt = db.UtcNow, UnitLevel = unit!.Level };
            unit.Ref.StampOnto(course);
            db.TrainingCourses.Add(course);
        }
        else
        {
            db.Entry(course).Property(c => c.Version).OriginalValue = input.Version;
            if (course.EndsOn != input.EndsOn)
            {
                // The figures count an enrolment in its course's last month: the stamp follows the course.
                foreach (var e in await db.TrainingEnrolments.Where(e => e.CourseId == course.Id).ToListAsync(ct))
                {
                    e.CourseEndsOn = input.EndsOn!.Value;
                }
            }
        }

        course.Title = title!;
        course.Kind = input.Kind!.Value;
        course.AwardsTheory = input.AwardsTheory;
        course.StartsOn = input.StartsOn!.Value;
        course.EndsOn = input.EndsOn!.Value;
        course.Provider = CadreRules.Clean(input.Provider);
        course.Place = CadreRules.Clean(input.Place);
        course.Note = CadreRules.Clean(input.Note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return course.Id;
    }

    /// <summary>Puts a cadre of the caller's in a course open to the cadre's unit, once.</summary>
    public Task<Result<int>> EnrolAsync(int courseId, EnrolInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(TrainingEnrolment),
            () => EnrolOnceAsync(courseId, input, ct),
            ct
        );

    private async Task<Result<int>> EnrolOnceAsync(int courseId, EnrolInput input, CancellationToken ct)
    {
        var course = await db.TrainingCourses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null || !TrainingRules.Sees(user, course))
        {
            return new NotFoundError(L["Training_NotFound"]);
        }

        if (!user.Grants.Any(g => TrainingRules.MayEnrol(user, g.Unit)))
        {
            return new ForbiddenError(L["Training_CannotEnrol"]);
        }

        var errors = RequestValidation.Validate(input);
        Cadre? cadre = null;
        if (input.CadreId is not { } cadreId)
        {
            errors.Add(nameof(EnrolInput.CadreId), L["Val_Choose", L["Field_EnrolCadre"]]);
        }
        else
        {
            cadre = await db.Cadres.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cadreId, ct);
            if (cadre is null || !CadreRules.Sees(user, cadre) || cadre.ErasedAt is not null)
            {
                errors.Add(nameof(EnrolInput.CadreId), L["Training_CadreInvalid"]);
            }
            else if (!TrainingRules.MayEnrol(user, cadre.Ref))
            {
                return new ForbiddenError(L["Training_CannotEnrol"]);
            }
            else if (!TrainingRules.OpenTo(course, cadre.Ref))
            {
                errors.Add(nameof(EnrolInput.CadreId), L["Training_NotOpen"]);
            }
            else if (await db.TrainingEnrolments.AnyAsync(e => e.CourseId == courseId && e.CadreId == cadreId, ct))
            {
                errors.Add(nameof(EnrolInput.CadreId), L["Training_AlreadyEnrolled"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var row = new TrainingEnrolment
        {
            CourseId = course.Id,
            CadreId = cadre!.Id,
            UnitLevel = cadre.UnitLevel,
            CourseEndsOn = course.EndsOn,
            Status = EnrolmentStatus.Enrolled,
        };
        cadre.StampOnto(row);
        db.TrainingEnrolments.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same cadre enrolled meanwhile (the unique index).
            return new ConflictError(L["Training_AlreadyEnrolled"]);
        }

        return row.Id;
    }

    /// <summary>Records a cadre's result; a completion of a course that awards a higher political-theory level raises
    /// the cadre's level (a withdrawn completion puts it back), in the same save.</summary>
    public async Task<Result<int>> RecordResultAsync(
        int courseId,
        int enrolmentId,
        EnrolmentResultInput input,
        CancellationToken ct
    )
    {
        var row = await db.TrainingEnrolments.SingleOrDefaultAsync(
            e => e.Id == enrolmentId && e.CourseId == courseId,
            ct
        );
        if (row is null || !user.Can(Permission.PersonnelView, row.Ref))
        {
            return new NotFoundError(L["Training_EnrolmentNotFound"]);
        }

        if (!TrainingRules.MayRecordResult(user, row))
        {
            return new ForbiddenError(L["Training_CannotEnrol"]);
        }

        var course = await db.TrainingCourses.AsNoTracking().SingleAsync(c => c.Id == courseId, ct);
        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        if (input.Status is not { } status || !Enum.IsDefined(status))
        {
            errors.Add(nameof(EnrolmentResultInput.Status), L["Val_Choose", L["Field_EnrolmentStatus"]]);
        }
        else if (status == EnrolmentStatus.Completed)
        {
            if (input.CompletedOn is not { } on)
            {
                errors.Add(nameof(EnrolmentResultInput.CompletedOn), L["Val_Required", L["Field_CompletedOn"]]);
            }
            else if (on < course.StartsOn || on > today)
            {
                errors.Add(nameof(EnrolmentResultInput.CompletedOn), L["Training_CompletedRange"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(row).Property(e => e.Version).OriginalValue = input.Version;
        var completed = input.Status == EnrolmentStatus.Completed;
        row.Status = input.Status!.Value;
        row.CompletedOn = completed ? input.CompletedOn : null;
        row.CertificateNumber = completed ? CadreRules.Clean(input.CertificateNumber) : null;
        if (course.AwardsTheory is { } award)
        {
            var cadre = await db.Cadres.SingleAsync(c => c.Id == row.CadreId, ct);
            if (completed && row.RaisedFrom is null && award > cadre.TheoryLevel)
            {
                row.RaisedFrom = cadre.TheoryLevel;
                await SaveCadre.SetTheoryAsync(db, cadre, award, ct);
            }
            else if (!completed && row.RaisedFrom is { } before)
            {
                // Put the level back only if nothing has moved it since.
                if (cadre.TheoryLevel == award)
                {
                    await SaveCadre.SetTheoryAsync(db, cadre, before, ct);
                }

                row.RaisedFrom = null;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return row.Id;
    }
}
