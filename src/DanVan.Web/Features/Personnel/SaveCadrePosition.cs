using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Personnel;

/// <summary>A post as entered on the form or sent to the API.</summary>
public sealed class PositionInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    /// <summary>The body: an organization of a unit the caller keeps cadres for.</summary>
    [Display(Name = nameof(SharedResource.Field_Body), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Post), ResourceType = typeof(SharedResource))]
    public CadrePost? Post { get; set; }

    public bool FullTime { get; set; } = true;

    [Display(Name = nameof(SharedResource.Field_StartOn), ResourceType = typeof(SharedResource))]
    public DateOnly? StartOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_EndOn), ResourceType = typeof(SharedResource))]
    public DateOnly? EndOn { get; set; }

    [MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_DecisionNumber), ResourceType = typeof(SharedResource))]
    public string? DecisionNumber { get; set; }

    [Display(Name = nameof(SharedResource.Field_DecisionDate), ResourceType = typeof(SharedResource))]
    public DateOnly? DecisionDate { get; set; }

    public static PositionInput From(CadrePosition p) =>
        new()
        {
            Version = p.Version,
            OrganizationId = p.OrganizationId,
            Post = p.Post,
            FullTime = p.FullTime,
            StartOn = p.StartOn,
            EndOn = p.EndOn,
            DecisionNumber = p.DecisionNumber,
            DecisionDate = p.DecisionDate,
        };
}

/// <summary>A body a post may be held in, on the form.</summary>
public sealed record BodyOption(int Id, string Name, string UnitName);

/// <summary>A unit whose bodies the form offers.</summary>
public sealed record UnitOption(int Id, string Name);

/// <summary>
/// Records a cadre's post and edits it (an end day closes it). The rules: the post ends on or after its start; it starts
/// once the cadre is 18; a body has one head and one standing deputy at a time; a cadre holds one full-time post at a
/// time (part-time posts may overlap). The cadre's record follows the unit of their current post, so a transfer moves it.
/// </summary>
internal sealed class SaveCadrePosition(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> CreateAsync(int cadreId, PositionInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(CadrePosition),
            () => SaveAsync(cadreId, null, input, ct),
            ct
        );

    public Task<Result<int>> UpdateAsync(int cadreId, int positionId, PositionInput input, CancellationToken ct) =>
        SaveAsync(cadreId, positionId, input, ct);

    /// <summary>
    /// The units (provinces and communes, not villages) the caller keeps cadres for, by level then name: the first step
    /// of choosing a body, so a province's hundred communes are each reachable.
    /// </summary>
    public async Task<IReadOnlyList<UnitOption>> UnitOptionsAsync(CancellationToken ct) =>
        await db
            .Units.AsNoTracking()
            .Where(UnitScope.Units(user, Permission.PersonnelEdit))
            .Where(u => u.ValidTo == null && u.Level != Units.UnitLevel.Village)
            .OrderBy(u => u.Level)
            .ThenBy(u => u.Name)
            .Select(u => new UnitOption(u.Id, u.Name))
            .ToListAsync(ct);

    /// <summary>The active bodies of one unit the caller keeps cadres for, by name (none outside the scope).</summary>
    public async Task<IReadOnlyList<BodyOption>> BodyOptionsAsync(int unitId, CancellationToken ct) =>
        await db
            .Organizations.AsNoTracking()
            .Where(UnitScope.Rows<Organizations.Organization>(user, Permission.PersonnelEdit))
            .Where(o => o.UnitId == unitId && o.IsActive && o.VillageId == null)
            .Join(db.Units.Where(u => u.ValidTo == null), o => o.UnitId, u => u.Id, (o, u) => new { o, u })
            .OrderBy(x => x.o.Name)
            .Select(x => new BodyOption(x.o.Id, x.o.Name, x.u.Name))
            .ToListAsync(ct);

    private async Task<Result<int>> SaveAsync(int cadreId, int? positionId, PositionInput input, CancellationToken ct)
    {
        var cadre = await db.Cadres.SingleOrDefaultAsync(c => c.Id == cadreId, ct);
        if (cadre is null || !CadreRules.Sees(user, cadre))
        {
            return new NotFoundError(L["Cadres_NotFound"]);
        }

        if (!CadreRules.MayEdit(user, cadre.Ref))
        {
            return new ForbiddenError(L["Cadres_CannotEdit"]);
        }

        CadrePosition? position = null;
        if (positionId is { } pid)
        {
            position = await db.CadrePositions.SingleOrDefaultAsync(p => p.Id == pid && p.CadreId == cadreId, ct);
            if (position is null)
            {
                return new NotFoundError(L["Cadres_PositionNotFound"]);
            }
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        Organizations.Organization? body = null;
        Units.Unit? unit = null;
        if (input.OrganizationId is not { } organizationId)
        {
            errors.Add(nameof(PositionInput.OrganizationId), L["Val_Choose", L["Field_Body"]]);
        }
        else
        {
            body = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct);
            unit = body is null
                ? null
                : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == body.UnitId, ct);
            if (
                body is null
                || unit is null
                || !CadreRules.MayEdit(user, unit.Ref)
                || !CadreRules.KeepsCadres(unit.Level)
                || ((!body.IsActive || !unit.IsActive) && body.Id != position?.OrganizationId)
            )
            {
                errors.Add(nameof(PositionInput.OrganizationId), L["Cadres_BodyInvalid"]);
            }
        }

        if (input.Post is null)
        {
            errors.Add(nameof(PositionInput.Post), L["Val_Choose", L["Field_Post"]]);
        }

        if (input.StartOn is not { } start)
        {
            errors.Add(nameof(PositionInput.StartOn), L["Val_Required", L["Field_StartOn"]]);
        }
        else
        {
            if (start > today.AddYears(1))
            {
                errors.Add(nameof(PositionInput.StartOn), L["Cadres_StartTooLate"]);
            }
            else if (cadre.BirthDate is { } birth && start < birth.AddYears(CadreRules.MinimumAge))
            {
                errors.Add(nameof(PositionInput.StartOn), L["Cadres_PostBeforeAdult", CadreRules.MinimumAge]);
            }

            if (input.EndOn is { } end && end < start)
            {
                errors.Add(nameof(PositionInput.EndOn), L["Cadres_EndBeforeStart"]);
            }
        }

        if (input.DecisionDate is { } decided && decided > today)
        {
            errors.Add(nameof(PositionInput.DecisionDate), L["Cadres_DecisionFuture"]);
        }

        if (!errors.Any)
        {
            var from = input.StartOn!.Value;
            var to = input.EndOn ?? DateOnly.MaxValue;
            var overlapping = db.CadrePositions.Where(p =>
                p.Id != (positionId ?? 0) && p.StartOn <= to && (p.EndOn == null || p.EndOn >= from)
            );
            if (
                CadreRules.IsSingleHolder(input.Post!.Value)
                && await overlapping
                    .Where(p => p.OrganizationId == body!.Id && p.Post == input.Post && p.CadreId != cadreId)
                    .AnyAsync(ct)
            )
            {
                errors.Add(nameof(PositionInput.Post), L["Cadres_PostTaken", L.Enum(input.Post!.Value), body!.Name]);
            }

            if (input.FullTime && await overlapping.AnyAsync(p => p.CadreId == cadreId && p.FullTime, ct))
            {
                errors.Add(nameof(PositionInput.StartOn), L["Cadres_FullTimeOverlap"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        if (position is null)
        {
            position = new CadrePosition { CadreId = cadre.Id };
            db.CadrePositions.Add(position);
        }
        else
        {
            db.Entry(position).Property(p => p.Version).OriginalValue = input.Version;
        }

        position.OrganizationId = body!.Id;
        position.UnitId = unit!.Id;
        position.ProvinceId = unit.ProvinceId;
        position.CommuneId = unit.CommuneId;
        position.VillageId = unit.VillageId;
        position.UnitLevel = unit.Level;
        position.Post = input.Post!.Value;
        position.FullTime = input.FullTime;
        position.StartOn = input.StartOn!.Value;
        position.EndOn = input.EndOn;
        position.DecisionNumber = CadreRules.Clean(input.DecisionNumber);
        position.DecisionDate = input.DecisionDate;
        position.CadreTheory = cadre.TheoryLevel;
        try
        {
            await db.SaveChangesAsync(ct);
            await FollowCurrentPostAsync(cadre, today, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return position.Id;
    }

    /// <summary>The record belongs to the unit of the cadre's current post (full-time first, then the latest).</summary>
    private async Task FollowCurrentPostAsync(Cadre cadre, DateOnly today, CancellationToken ct)
    {
        var current = await db
            .CadrePositions.AsNoTracking()
            .Where(p => p.CadreId == cadre.Id && p.StartOn <= today && (p.EndOn == null || p.EndOn >= today))
            .OrderByDescending(p => p.FullTime)
            .ThenByDescending(p => p.StartOn)
            .FirstOrDefaultAsync(ct);
        if (current is not null && current.UnitId != cadre.UnitId)
        {
            cadre.UnitId = current.UnitId;
            cadre.ProvinceId = current.ProvinceId;
            cadre.CommuneId = current.CommuneId;
            cadre.VillageId = current.VillageId;
            cadre.UnitLevel = current.UnitLevel;
        }
    }
}
