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

/// <summary>An assignment as entered on the form or sent to the API.</summary>
public sealed class ResponsibilityInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_HeldUnit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [MaxChars(Responsibility.GroupLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_HeldGroup), ResourceType = typeof(SharedResource))]
    public string? GroupName { get; set; }

    [Display(Name = nameof(SharedResource.Field_HolderCadre), ResourceType = typeof(SharedResource))]
    public int? HolderCadreId { get; set; }

    [Display(Name = nameof(SharedResource.Field_HolderOrganization), ResourceType = typeof(SharedResource))]
    public int? HolderOrganizationId { get; set; }

    [Display(Name = nameof(SharedResource.Field_FromOn), ResourceType = typeof(SharedResource))]
    public DateOnly? FromOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_ToOn), ResourceType = typeof(SharedResource))]
    public DateOnly? ToOn { get; set; }

    [MaxChars(Responsibility.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Note), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }
}

/// <summary>A visit report as entered on the form or sent to the API.</summary>
public sealed class VisitInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    [Display(Name = nameof(SharedResource.Field_VisitedOn), ResourceType = typeof(SharedResource))]
    public DateOnly? VisitedOn { get; set; }

    [MaxChars(Responsibility.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_VisitDone), ResourceType = typeof(SharedResource))]
    public string? Done { get; set; }

    [MaxChars(Responsibility.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_VisitIssues), ResourceType = typeof(SharedResource))]
    public string? Issues { get; set; }

    [Display(Name = nameof(SharedResource.Field_VisitModel), ResourceType = typeof(SharedResource))]
    public int? ModelId { get; set; }
}

/// <summary>
/// Assigns a cadre or an organization to hold a unit or a group inside it for a period, edits or ends the assignment,
/// and files the holder's visit reports. A unit is assigned by the personnel officers of the unit above (the province
/// holds the commune, the commune holds the village); a group inside a unit by those of the unit itself or above.
/// Reports are filed by the holder's own account or by the personnel officers over the held unit.
/// </summary>
internal sealed class SaveResponsibility(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>The rule for assigning: the unit above for a whole unit, the unit itself for a group in it.</summary>
    public static bool MayAssign(ICurrentUser user, UnitRef unit, UnitRef? parent, bool group) =>
        group ? CadreRules.MayEdit(user, unit) : parent is { } above && CadreRules.MayEdit(user, above);

    /// <summary>
    /// The unit above a held unit, from its ancestor columns alone: containment reads only those, so the centre's id is
    /// not needed (none above the centre).
    /// </summary>
    public static UnitRef? ParentOf(UnitRef unit) =>
        unit.Level switch
        {
            UnitLevel.Village => new(unit.CommuneId ?? 0, UnitLevel.Commune, unit.ProvinceId, unit.CommuneId, null),
            UnitLevel.Commune => new(unit.ProvinceId ?? 0, UnitLevel.Province, unit.ProvinceId, null, null),
            UnitLevel.Province => new(0, UnitLevel.Central, null, null, null),
            _ => null,
        };

    /// <summary>The rule for reporting a visit: the holder's own account, or the personnel officers over the unit.</summary>
    public static bool MayReport(ICurrentUser user, UnitRef unit, int? holderAccountId) =>
        (holderAccountId is { } own && own == user.AccountId) || CadreRules.MayEdit(user, unit);

    public Task<Result<int>> CreateAsync(ResponsibilityInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(Responsibility),
            () => SaveAsync(null, input, ct),
            ct
        );

    public Task<Result<int>> UpdateAsync(int id, ResponsibilityInput input, CancellationToken ct) =>
        SaveAsync(id, input, ct);

    private async Task<Result<int>> SaveAsync(int? id, ResponsibilityInput input, CancellationToken ct)
    {
        Responsibility? row = null;
        if (id is { } existing)
        {
            row = await db.Responsibilities.SingleOrDefaultAsync(r => r.Id == existing, ct);
            if (row is null || !user.Can(Permission.PersonnelView, row.Ref))
            {
                return new NotFoundError(L["Responsibilities_NotFound"]);
            }

            // The held unit and the holder are what the assignment is; a change of either is a new assignment.
            input.UnitId = row.UnitId;
            input.HolderCadreId = row.HolderCadreId;
            input.HolderOrganizationId = row.HolderOrganizationId;
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        var group = CadreRules.Clean(input.GroupName);
        Unit? unit = null;
        UnitRef? parent = null;
        if (input.UnitId is not { } unitId)
        {
            errors.Add(nameof(ResponsibilityInput.UnitId), L["Val_Choose", L["Field_HeldUnit"]]);
        }
        else
        {
            (unit, parent) = await UnitRules.WithParentAsync(db, unitId, ct) ?? (null!, null);
            if (unit is null || !user.Can(Permission.PersonnelView, unit.Ref))
            {
                return new NotFoundError(row is null ? L["Units_NotFound"] : L["Responsibilities_NotFound"]);
            }

            // Both what the assignment is and what it becomes must be the caller's to assign: a commune's officer
            // cannot take over the province's assignment of the commune by turning it into a group.
            if (
                !MayAssign(user, unit.Ref, parent, group is not null)
                || (row is not null && !MayAssign(user, unit.Ref, parent, row.GroupName is not null))
            )
            {
                return new ForbiddenError(L["Responsibilities_CannotAssign"]);
            }

            if (!unit.IsActive && row is null)
            {
                errors.Add(nameof(ResponsibilityInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
            }
        }

        if ((input.HolderCadreId is null) == (input.HolderOrganizationId is null))
        {
            errors.Add(nameof(ResponsibilityInput.HolderCadreId), L["Responsibilities_OneHolder"]);
        }
        else if (row is null && input.HolderCadreId is { } cadreId)
        {
            var cadre = await db.Cadres.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cadreId, ct);
            if (cadre is null || !CadreRules.Sees(user, cadre) || cadre.ErasedAt is not null)
            {
                errors.Add(nameof(ResponsibilityInput.HolderCadreId), L["Responsibilities_HolderInvalid"]);
            }
        }
        else if (row is null && input.HolderOrganizationId is { } organizationId)
        {
            var body = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct);
            if (body is null || !body.IsActive || !user.Can(Permission.PersonnelView, UnitScope.ScopeOf(body)))
            {
                errors.Add(nameof(ResponsibilityInput.HolderOrganizationId), L["Responsibilities_HolderInvalid"]);
            }
        }

        if (input.FromOn is not { } from)
        {
            errors.Add(nameof(ResponsibilityInput.FromOn), L["Val_Required", L["Field_FromOn"]]);
        }
        else
        {
            if (from > today.AddYears(1))
            {
                errors.Add(nameof(ResponsibilityInput.FromOn), L["Cadres_StartTooLate"]);
            }

            if (input.ToOn is { } to && to < from)
            {
                errors.Add(nameof(ResponsibilityInput.ToOn), L["Cadres_EndBeforeStart"]);
            }
        }

        if (!errors.Any)
        {
            // The same holder cannot hold the same unit or group twice at once.
            var start = input.FromOn!.Value;
            var end = input.ToOn ?? DateOnly.MaxValue;
            var twice = await db
                .Responsibilities.Where(r =>
                    r.Id != (id ?? 0)
                    && r.UnitId == unit!.Id
                    && r.GroupName == group
                    && r.HolderCadreId == input.HolderCadreId
                    && r.HolderOrganizationId == input.HolderOrganizationId
                    && r.FromOn <= end
                    && (r.ToOn == null || r.ToOn >= start)
                )
                .AnyAsync(ct);
            if (twice)
            {
                errors.Add(nameof(ResponsibilityInput.FromOn), L["Responsibilities_Twice"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (row is null)
        {
            row = new Responsibility
            {
                UnitId = unit!.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                HolderCadreId = input.HolderCadreId,
                HolderOrganizationId = input.HolderOrganizationId,
            };
            db.Responsibilities.Add(row);
        }
        else
        {
            db.Entry(row).Property(r => r.Version).OriginalValue = input.Version;
        }

        row.GroupName = group;
        row.FromOn = input.FromOn!.Value;
        row.ToOn = input.ToOn;
        row.Note = CadreRules.Clean(input.Note);
        await HeldUnits.SyncAsync(db, [row.UnitId], ct);
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

    /// <summary>Files a visit report; the assignment's latest visit day moves with it in the same transaction.</summary>
    public Task<Result<int>> ReportAsync(int id, VisitInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(ResponsibilityVisit),
            () => ReportOnceAsync(id, input, ct),
            ct
        );

    private async Task<Result<int>> ReportOnceAsync(int id, VisitInput input, CancellationToken ct)
    {
        var row = await db.Responsibilities.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (row is null || !user.Can(Permission.PersonnelView, row.Ref))
        {
            return new NotFoundError(L["Responsibilities_NotFound"]);
        }

        var holderAccount = row.HolderCadreId is { } cadreId
            ? await db.Cadres.Where(c => c.Id == cadreId).Select(c => c.AccountId).SingleOrDefaultAsync(ct)
            : null;
        if (!MayReport(user, row.Ref, holderAccount))
        {
            return new ForbiddenError(L["Responsibilities_CannotReport"]);
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        if (input.VisitedOn is not { } day)
        {
            errors.Add(nameof(VisitInput.VisitedOn), L["Val_Required", L["Field_VisitedOn"]]);
        }
        else if (day > today)
        {
            errors.Add(nameof(VisitInput.VisitedOn), L["Responsibilities_VisitFuture"]);
        }
        else if (!row.HeldOn(day))
        {
            errors.Add(nameof(VisitInput.VisitedOn), L["Responsibilities_VisitOutside"]);
        }

        var done = CadreRules.Clean(input.Done);
        if (done is null)
        {
            errors.Add(nameof(VisitInput.Done), L["Val_Required", L["Field_VisitDone"]]);
        }

        if (
            input.ModelId is { } modelId
            && !await db
                .Models.Where(UnitScope.Rows<Models.MobilizationModel>(user, Permission.ModelsView))
                .AnyAsync(m => m.Id == modelId, ct)
        )
        {
            errors.Add(nameof(VisitInput.ModelId), L["Responsibilities_ModelInvalid"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var visit = new ResponsibilityVisit
        {
            ResponsibilityId = row.Id,
            UnitId = row.UnitId,
            ProvinceId = row.ProvinceId,
            CommuneId = row.CommuneId,
            VillageId = row.VillageId,
            UnitLevel = row.UnitLevel,
            VisitedOn = input.VisitedOn!.Value,
            Done = done!,
            Issues = CadreRules.Clean(input.Issues),
            ModelId = input.ModelId,
            FiledById = user.AccountId,
        };
        db.ResponsibilityVisits.Add(visit);
        if (row.LastVisitOn is null || row.LastVisitOn < visit.VisitedOn)
        {
            row.LastVisitOn = visit.VisitedOn;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return visit.Id;
    }
}
