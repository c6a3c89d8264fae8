using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Personnel;

/// <summary>A unit's quota for a year as entered on the form or sent to the API.</summary>
public sealed class QuotaInput
{
    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_Quota), ResourceType = typeof(SharedResource))]
    public int? Quota { get; set; }

    [Display(Name = nameof(SharedResource.Field_MinTheoryShare), ResourceType = typeof(SharedResource))]
    public int? MinTheoryShare { get; set; }

    [MaxChars(1_000), PlainText]
    [Display(Name = nameof(SharedResource.Field_Note), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }
}

/// <summary>A unit's quota for a year, with whether the caller may set it.</summary>
public sealed record QuotaView(int UnitId, string UnitName, int Year, StaffingQuota? Quota, bool MaySet);

/// <summary>
/// Sets a unit's staffing quota for a year of the 2025–2030 plan: the personnel officers of the unit above set it (the
/// centre's for a province), never the unit for itself. A quota lower than the staff in post is allowed: the plan then
/// shows the unit over its quota.
/// </summary>
internal sealed class SaveStaffingQuota(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    /// <summary>The rule: the caller keeps the cadres of the unit's parent (a system administrator sets the centre's).</summary>
    public static bool MaySet(ICurrentUser user, UnitRef unit, UnitRef? parent) =>
        CadreRules.KeepsCadres(unit.Level)
        && (
            parent is { } above
                ? CadreRules.MayEdit(user, above)
                : CadreRules.MayEdit(user, unit) && user.Grants.Any(g => g.Role == Role.SystemAdministrator)
        );

    public async Task<QuotaView?> ReadAsync(int unitId, int year, CancellationToken ct)
    {
        var found = await LoadAsync(unitId, ct);
        if (found is not { } f)
        {
            return null;
        }

        var quota = await db
            .StaffingQuotas.AsNoTracking()
            .SingleOrDefaultAsync(q => q.UnitId == unitId && q.Year == year, ct);
        return new QuotaView(
            f.Unit.Id,
            f.Unit.Name,
            year,
            quota,
            MaySet(user, f.Unit.Ref, f.Parent) && f.Unit.IsActive
        );
    }

    public async Task<Result<int>> HandleAsync(int unitId, int year, QuotaInput input, CancellationToken ct)
    {
        var found = await LoadAsync(unitId, ct);
        if (found is not { } f)
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        if (!MaySet(user, f.Unit.Ref, f.Parent))
        {
            return new ForbiddenError(L["Staffing_CannotSet"]);
        }

        var errors = RequestValidation.Validate(input);
        if (year is < StaffingQuota.FirstYear or > StaffingQuota.LastYear)
        {
            errors.Add("Year", L["Staffing_YearRange", StaffingQuota.FirstYear, StaffingQuota.LastYear]);
        }

        if (!f.Unit.IsActive)
        {
            errors.Add("Year", L["Units_RetiredReadOnly", f.Unit.Name]);
        }

        if (input.Quota is not { } quota)
        {
            errors.Add(nameof(QuotaInput.Quota), L["Val_Required", L["Field_Quota"]]);
        }
        else if (quota is < 0 or > 10_000)
        {
            errors.Add(nameof(QuotaInput.Quota), L["Val_Range", L["Field_Quota"], 0, 10_000]);
        }

        if (input.MinTheoryShare is not { } share)
        {
            errors.Add(nameof(QuotaInput.MinTheoryShare), L["Val_Required", L["Field_MinTheoryShare"]]);
        }
        else if (share is < 0 or > 100)
        {
            errors.Add(nameof(QuotaInput.MinTheoryShare), L["Val_Range", L["Field_MinTheoryShare"], 0, 100]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var row = await db.StaffingQuotas.SingleOrDefaultAsync(q => q.UnitId == unitId && q.Year == year, ct);
        if (row is null)
        {
            row = new StaffingQuota
            {
                UnitId = f.Unit.Id,
                ProvinceId = f.Unit.ProvinceId,
                CommuneId = f.Unit.CommuneId,
                VillageId = f.Unit.VillageId,
                UnitLevel = f.Unit.Level,
                Year = year,
            };
            db.StaffingQuotas.Add(row);
        }
        else
        {
            db.Entry(row).Property(q => q.Version).OriginalValue = input.Version;
        }

        row.Quota = input.Quota!.Value;
        row.MinTheoryShare = input.MinTheoryShare!.Value;
        row.Note = CadreRules.Clean(input.Note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }
        catch (DbUpdateException) when (row.Id == 0)
        {
            // Another writer created the year's row meanwhile.
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return row.Id;
    }

    private async Task<(Unit Unit, UnitRef? Parent)?> LoadAsync(int unitId, CancellationToken ct) =>
        await UnitRules.WithParentAsync(db, unitId, ct) is { } found && user.Can(Permission.UnitsView, found.Unit.Ref)
            ? found
            : null;
}
