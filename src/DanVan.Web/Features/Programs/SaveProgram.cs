using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Programs;

/// <summary>A document the program cites. A row without a number is no basis (the form's blank rows).</summary>
public sealed class BasisInput
{
    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_BasisNumber), ResourceType = typeof(SharedResource))]
    public string? Number { get; set; }

    public DateOnly? IssuedOn { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_Issuer), ResourceType = typeof(SharedResource))]
    public string? Issuer { get; set; }

    [MaxChars(1000), PlainText]
    [Display(Name = nameof(SharedResource.Field_BasisTitle), ResourceType = typeof(SharedResource))]
    public string? Title { get; set; }
}

/// <summary>A program's heading as entered on the form or sent to the API: the unit and year (when created), kind,
/// title, the parent program it concretizes, purposes and the bases cited.</summary>
public sealed class ProgramInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_Unit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [Display(Name = nameof(SharedResource.Field_Year), ResourceType = typeof(SharedResource))]
    public int? Year { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ProgramKind), ResourceType = typeof(SharedResource))]
    public ProgramKind? Kind { get; set; }

    [MaxChars(WorkProgram.TitleLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Title), ResourceType = typeof(SharedResource))]
    public string? Title { get; set; }

    [MaxChars(WorkProgram.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Purposes), ResourceType = typeof(SharedResource))]
    public string? Purposes { get; set; }

    [Display(Name = nameof(SharedResource.Field_ParentProgram), ResourceType = typeof(SharedResource))]
    public int? ParentProgramId { get; set; }

    public List<BasisInput> Bases
    {
        get;
        set => field = value ?? [];
    } = [];
}

/// <summary>A program a unit may concretize: a published program of a unit above it, of the same year.</summary>
public sealed record ParentOption(int Id, string Title, string UnitName, ProgramKind Kind);

/// <summary>
/// Creates a unit's program for a year and edits its heading and bases while it is a draft. A program concretizes a
/// published program of a unit above it, of the same year; changing the parent once items implement the old one's
/// items is refused (the items would point across programs).
/// </summary>
internal sealed class SaveProgram(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> CreateAsync(ProgramInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(WorkProgram), () => SaveAsync(null, input, ct), ct);

    public Task<Result<int>> UpdateAsync(int id, ProgramInput input, CancellationToken ct) => SaveAsync(id, input, ct);

    /// <summary>The published programs of the units above <paramref name="unit"/> for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<ParentOption>> ParentOptionsAsync(UnitRef unit, int year, CancellationToken ct)
    {
        var above = AncestorIds(unit);
        return await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Year == year && p.PublishedOn != null)
            .Where(p => above.Contains(p.UnitId) || p.UnitLevel == UnitLevel.Central)
            .Where(p => p.UnitLevel < unit.Level)
            .OrderBy(p => p.UnitLevel)
            .ThenBy(p => p.Kind)
            .Select(p => new ParentOption(
                p.Id,
                p.Title,
                db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                p.Kind
            ))
            .ToListAsync(ct);
    }

    private static List<int> AncestorIds(UnitRef unit) =>
        new[]
        {
            unit.Level > UnitLevel.Province ? unit.ProvinceId : null,
            unit.Level > UnitLevel.Commune ? unit.CommuneId : null,
        }
            .OfType<int>()
            .ToList();

    private async Task<Result<int>> SaveAsync(int? id, ProgramInput input, CancellationToken ct)
    {
        WorkProgram? program = null;
        Unit? unit = null;
        if (id is { } existing)
        {
            program = await db.WorkPrograms.SingleOrDefaultAsync(p => p.Id == existing, ct);
            if (program is null || !ProgramAccess.Sees(user, program))
            {
                return new NotFoundError(L["Programs_NotFound"]);
            }

            if (!ProgramRules.MayWrite(user, program))
            {
                return new ForbiddenError(L["Programs_CannotEdit"]);
            }

            if (!program.IsEditable)
            {
                return new ConflictError(L["Programs_Locked", L.Enum(program.Status)]);
            }
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        if (program is null)
        {
            unit = input.UnitId is { } unitId
                ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
                : null;
            if (input.UnitId is null)
            {
                errors.Add(nameof(ProgramInput.UnitId), L["Val_Choose", L["Field_Unit"]]);
            }
            else if (unit is null || !user.Can(Permission.ProgramsView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }
            else if (
                !user.Grants.Any(g => RolePermissions.Grants(g.Role, Permission.ProgramsWrite) && g.UnitId == unit.Id)
            )
            {
                return new ForbiddenError(L["Programs_CannotEdit"]);
            }
            else if (!unit.IsActive)
            {
                errors.Add(nameof(ProgramInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
            }
            else if (!ProgramRules.KeepsPrograms(unit.Level))
            {
                errors.Add(nameof(ProgramInput.UnitId), L["Programs_UnitLevel"]);
            }

            if (input.Year is not { } year)
            {
                errors.Add(nameof(ProgramInput.Year), L["Val_Required", L["Field_Year"]]);
            }
            else if (year < today.Year - 1 || year > today.Year + 1)
            {
                errors.Add(nameof(ProgramInput.Year), L["Programs_YearRange", today.Year - 1, today.Year + 1]);
            }

            if (input.Kind is null)
            {
                errors.Add(nameof(ProgramInput.Kind), L["Val_Choose", L["Field_ProgramKind"]]);
            }
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(nameof(ProgramInput.Title), L["Val_Required", L["Field_Title"]]);
        }

        var bases = Bases(input, errors);
        var unitRef = program?.Ref ?? unit?.Ref;
        var programYear = program?.Year ?? input.Year;
        if (input.ParentProgramId is { } parentId && unitRef is { } at && programYear is { } y)
        {
            var parent = await db.WorkPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == parentId, ct);
            var above = AncestorIds(at);
            if (
                parent is null
                || parent.PublishedOn is null
                || parent.Year != y
                || parent.UnitLevel >= at.Level
                || !(above.Contains(parent.UnitId) || parent.UnitLevel == UnitLevel.Central)
            )
            {
                errors.Add(nameof(ProgramInput.ParentProgramId), L["Programs_ParentInvalid"]);
            }
        }

        if (
            program is not null
            && program.ParentProgramId != input.ParentProgramId
            && await db.ProgramItems.AnyAsync(i => i.ProgramId == program.Id && i.ParentItemId != null, ct)
        )
        {
            errors.Add(nameof(ProgramInput.ParentProgramId), L["Programs_ParentInUse"]);
        }

        if (
            program is null
            && unit is not null
            && input is { Year: { } newYear, Kind: { } kind }
            && await db.WorkPrograms.AnyAsync(p => p.UnitId == unit.Id && p.Year == newYear && p.Kind == kind, ct)
        )
        {
            errors.Add(nameof(ProgramInput.Year), L["Programs_Exists", L.Enum(kind), newYear]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (program is null)
        {
            program = new WorkProgram
            {
                CreatedAt = db.UtcNow,
                UnitId = unit!.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                Year = input.Year!.Value,
                Kind = input.Kind!.Value,
            };
            db.WorkPrograms.Add(program);
        }
        else
        {
            db.Entry(program).Property(p => p.Version).OriginalValue = input.Version;
            // The cited documents are rewritten with the program: the version moves even when only they change.
            db.Entry(program).Property(p => p.Version).IsModified = true;
            db.ProgramBases.RemoveRange(await db.ProgramBases.Where(b => b.ProgramId == program.Id).ToListAsync(ct));
        }

        program.Title = ProgramRules.Clean(input.Title)!;
        program.Purposes = ProgramRules.Clean(input.Purposes);
        if (program.Id == 0 || program.ParentProgramId != input.ParentProgramId)
        {
            program.ParentItemCount = await ProgramStamps.ParentItemCountAsync(db, input.ParentProgramId, ct);
        }

        program.ParentProgramId = input.ParentProgramId;
        program.SearchText = TextSearch.Normalize(program.Title);
        try
        {
            await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
            await db.SaveChangesAsync(ct);
            foreach (var basis in bases)
            {
                basis.ProgramId = program.Id;
                program.StampOnto(basis);
                db.ProgramBases.Add(basis);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }
        catch (DbUpdateException) when (id is null)
        {
            // A twin created the same unit, year and kind between the check and the insert.
            return ValidationError.For(
                L["Val_FixBelow"],
                nameof(ProgramInput.Year),
                L["Programs_Exists", L.Enum(input.Kind!.Value), input.Year!.Value]
            );
        }

        return program.Id;
    }

    private List<ProgramBasis> Bases(ProgramInput input, ValidationErrors errors)
    {
        var bases = new List<ProgramBasis>();
        for (var i = 0; i < input.Bases.Count; i++)
        {
            var row = input.Bases[i];
            var number = ProgramRules.Clean(row.Number);
            if (string.IsNullOrEmpty(number))
            {
                if (!string.IsNullOrWhiteSpace(row.Title) || !string.IsNullOrWhiteSpace(row.Issuer))
                {
                    errors.Add($"Bases[{i}].Number", L["Val_Required", L["Field_BasisNumber"]]);
                }

                continue;
            }

            foreach (var problem in RequestValidation.Validate(row).ToError("").Fields)
            {
                foreach (var message in problem.Value)
                {
                    errors.Add($"Bases[{i}].{(problem.Key == "" ? "Number" : problem.Key)}", message);
                }
            }

            if (row.IssuedOn is { } on && (on.Year < 1945 || on > VietnamTime.Today(clock)))
            {
                errors.Add($"Bases[{i}].IssuedOn", L["Val_Invalid"]);
            }

            bases.Add(
                new ProgramBasis
                {
                    Order = bases.Count + 1,
                    Number = number,
                    IssuedOn = row.IssuedOn,
                    Issuer = ProgramRules.Clean(row.Issuer),
                    Title = ProgramRules.Clean(row.Title),
                }
            );
        }

        if (bases.Count > ProgramRules.MaxBases)
        {
            errors.Add(nameof(ProgramInput.Bases), L["Programs_TooManyBases", ProgramRules.MaxBases]);
        }

        return bases;
    }

    public static ProgramInput InputOf(WorkProgram p, IEnumerable<ProgramBasis> bases) =>
        new()
        {
            Version = p.Version,
            UnitId = p.UnitId,
            Year = p.Year,
            Kind = p.Kind,
            Title = p.Title,
            Purposes = p.Purposes,
            ParentProgramId = p.ParentProgramId,
            Bases =
            [
                .. bases
                    .OrderBy(b => b.Order)
                    .Select(b => new BasisInput
                    {
                        Number = b.Number,
                        IssuedOn = b.IssuedOn,
                        Issuer = b.Issuer,
                        Title = b.Title,
                    }),
            ],
        };
}
