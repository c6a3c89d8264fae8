using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Personnel;

/// <summary>A cadre's record as entered on the form or sent to the API.</summary>
public sealed class CadreInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    /// <summary>The unit that records the cadre (create only; later the unit of the current post).</summary>
    [Display(Name = nameof(SharedResource.Field_Unit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [MaxChars(Cadre.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_CadreName), ResourceType = typeof(SharedResource))]
    public string? FullName { get; set; }

    [Display(Name = nameof(SharedResource.Field_BirthDate), ResourceType = typeof(SharedResource))]
    public DateOnly? BirthDate { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Sex), ResourceType = typeof(SharedResource))]
    public Sex? Sex { get; set; }

    [MaxChars(50), PlainText]
    [Display(Name = nameof(SharedResource.Field_Ethnicity), ResourceType = typeof(SharedResource))]
    public string? Ethnicity { get; set; }

    [Display(Name = nameof(SharedResource.Field_PartyEntryDate), ResourceType = typeof(SharedResource))]
    public DateOnly? PartyEntryDate { get; set; }

    [MaxChars(30), PlainText]
    [Display(Name = nameof(SharedResource.Field_Phone), ResourceType = typeof(SharedResource))]
    public string? Phone { get; set; }

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_Email), ResourceType = typeof(SharedResource))]
    public string? Email { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_TheoryLevel), ResourceType = typeof(SharedResource))]
    public TheoryLevel? TheoryLevel { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ProfessionalLevel), ResourceType = typeof(SharedResource))]
    public ProfessionalLevel? ProfessionalLevel { get; set; }

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_Degree), ResourceType = typeof(SharedResource))]
    public string? Degree { get; set; }

    [MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_CivilServiceGrade), ResourceType = typeof(SharedResource))]
    public string? CivilServiceGrade { get; set; }

    [MaxChars(Cadre.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Awards), ResourceType = typeof(SharedResource))]
    public string? Awards { get; set; }

    [MaxChars(Cadre.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Discipline), ResourceType = typeof(SharedResource))]
    public string? Discipline { get; set; }

    public static CadreInput From(Cadre c) =>
        new()
        {
            Version = c.Version,
            UnitId = c.UnitId,
            FullName = c.FullName,
            BirthDate = c.BirthDate,
            Sex = c.Sex,
            Ethnicity = c.Ethnicity,
            PartyEntryDate = c.PartyEntryDate,
            Phone = c.Phone,
            Email = c.Email,
            TheoryLevel = c.TheoryLevel,
            ProfessionalLevel = c.ProfessionalLevel,
            Degree = c.Degree,
            CivilServiceGrade = c.CivilServiceGrade,
            Awards = c.Awards,
            Discipline = c.Discipline,
        };
}

/// <summary>
/// Records a cadre and edits the record: the personnel officers of the subtree only (<see cref="CadreRules.MayEdit"/>),
/// since the form holds the person's data in clear. A date of birth must make the cadre 18 to 80 years old today; the
/// Party entry lies between their eighteenth birthday and today.
/// </summary>
internal sealed partial class SaveCadre(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>The person's own checks, for the form, the API and the import alike: a name, an age of 18 to 80, a
    /// sex, a Party entry between the 18th birthday and today, a phone and an e-mail that are one.</summary>
    public static void CheckPerson(
        CadreInput input,
        DateOnly today,
        ValidationErrors errors,
        IStringLocalizer<SharedResource> L
    )
    {
        if (string.IsNullOrWhiteSpace(input.FullName))
        {
            errors.Add(nameof(CadreInput.FullName), L["Val_Required", L["Field_CadreName"]]);
        }

        if (input.BirthDate is not { } birth)
        {
            errors.Add(nameof(CadreInput.BirthDate), L["Val_Required", L["Field_BirthDate"]]);
        }
        else if (CadreRules.AgeOn(birth, today) is < CadreRules.MinimumAge or > CadreRules.MaximumAge)
        {
            errors.Add(
                nameof(CadreInput.BirthDate),
                L["Cadres_AgeRange", CadreRules.MinimumAge, CadreRules.MaximumAge]
            );
        }

        if (input.Sex is null)
        {
            errors.Add(nameof(CadreInput.Sex), L["Val_Choose", L["Field_Sex"]]);
        }

        if (input.PartyEntryDate is { } entry)
        {
            if (entry > today)
            {
                errors.Add(nameof(CadreInput.PartyEntryDate), L["Cadres_PartyEntryFuture"]);
            }
            else if (input.BirthDate is { } born && entry < born.AddYears(CadreRules.MinimumAge))
            {
                errors.Add(nameof(CadreInput.PartyEntryDate), L["Cadres_PartyEntryAge", CadreRules.MinimumAge]);
            }
        }

        if (!string.IsNullOrWhiteSpace(input.Phone) && !Infrastructure.Security.PersonalData.IsPhone(input.Phone))
        {
            errors.Add(nameof(CadreInput.Phone), L["Petitions_PhoneInvalid"]);
        }

        if (!string.IsNullOrWhiteSpace(input.Email) && !Infrastructure.Security.PersonalData.IsEmail(input.Email))
        {
            errors.Add(nameof(CadreInput.Email), L["Val_Email", L["Field_Email"]]);
        }
    }

    public Task<Result<int>> CreateAsync(CadreInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Cadre), () => SaveAsync(null, input, ct), ct);

    public Task<Result<int>> UpdateAsync(int id, CadreInput input, CancellationToken ct) => SaveAsync(id, input, ct);

    private async Task<Result<int>> SaveAsync(int? id, CadreInput input, CancellationToken ct)
    {
        Cadre? cadre = null;
        if (id is { } existing)
        {
            cadre = await db.Cadres.SingleOrDefaultAsync(c => c.Id == existing, ct);
            if (cadre is null || !CadreRules.Sees(user, cadre))
            {
                return new NotFoundError(L["Cadres_NotFound"]);
            }

            if (!CadreRules.MayEdit(user, cadre.Ref))
            {
                return new ForbiddenError(L["Cadres_CannotEdit"]);
            }

            if (cadre.ErasedAt is not null)
            {
                return new ForbiddenError(L["Cadres_Erased"]);
            }
        }
        else
        {
            if (input.UnitId is not { } unitId)
            {
                return ValidationError.For(
                    L["Val_FixBelow"],
                    nameof(CadreInput.UnitId),
                    L["Val_Choose", L["Field_Unit"]]
                );
            }

            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null || !user.Can(Permission.PersonnelView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }

            if (!CadreRules.MayEdit(user, unit.Ref))
            {
                return new ForbiddenError(L["Cadres_CannotEdit"]);
            }

            if (!unit.IsActive || !CadreRules.KeepsCadres(unit.Level))
            {
                return ValidationError.For(
                    L["Val_FixBelow"],
                    nameof(CadreInput.UnitId),
                    unit.IsActive ? L["Cadres_UnitLevel"] : L["Units_RetiredReadOnly", unit.Name]
                );
            }

            cadre = new Cadre { UnitLevel = unit.Level };
            unit.Ref.StampOnto(cadre);
        }

        var errors = RequestValidation.Validate(input);
        CheckPerson(input, VietnamTime.Today(clock), errors, L);
        if (
            id is not null
            && input.BirthDate is { } newBirth
            && await db.CadrePositions.AnyAsync(
                p => p.CadreId == id && p.StartOn < newBirth.AddYears(CadreRules.MinimumAge),
                ct
            )
        )
        {
            errors.Add(nameof(CadreInput.BirthDate), L["Cadres_PostBeforeAdult", CadreRules.MinimumAge]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (id is null)
        {
            cadre.CreatedAt = db.UtcNow;
            db.Cadres.Add(cadre);
        }
        else
        {
            db.Entry(cadre).Property(c => c.Version).OriginalValue = input.Version;
        }

        Apply(cadre, input);
        if (id is null)
        {
            cadre.TheoryLevel = input.TheoryLevel ?? TheoryLevel.None;
        }
        else
        {
            await SetTheoryAsync(db, cadre, input.TheoryLevel ?? TheoryLevel.None, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return cadre.Id;
    }

    /// <summary>The record's fields from a checked input (the form, the API, the import); the political-theory level,
    /// whose stamp on the posts must follow, is set apart (<see cref="SetTheoryAsync"/>).</summary>
    internal static void Apply(Cadre cadre, CadreInput input)
    {
        cadre.FullName = CadreRules.Clean(input.FullName)!;
        cadre.BirthDate = input.BirthDate;
        cadre.Sex = input.Sex!.Value;
        cadre.Ethnicity = CadreRules.Clean(input.Ethnicity);
        cadre.PartyEntryDate = input.PartyEntryDate;
        cadre.Phone = CadreRules.Clean(input.Phone);
        cadre.Email = CadreRules.Clean(input.Email);
        cadre.ProfessionalLevel = input.ProfessionalLevel ?? ProfessionalLevel.None;
        cadre.Degree = CadreRules.Clean(input.Degree);
        cadre.CivilServiceGrade = CadreRules.Clean(input.CivilServiceGrade);
        cadre.Awards = CadreRules.Clean(input.Awards);
        cadre.Discipline = CadreRules.Clean(input.Discipline);
        cadre.SearchText = TextSearch.Normalize(cadre.FullName);
    }

    /// <summary>Sets a cadre's political-theory level with its stamp on every post of theirs, for the same save: the
    /// catalogue counts the staff's quality from the posts.</summary>
    internal static async Task SetTheoryAsync(DanVanDbContext db, Cadre cadre, TheoryLevel level, CancellationToken ct)
    {
        cadre.TheoryLevel = level;
        foreach (
            var post in await db
                .CadrePositions.Where(p => p.CadreId == cadre.Id && p.CadreTheory != level)
                .ToListAsync(ct)
        )
        {
            post.CadreTheory = level;
        }
    }
}
