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

    /// <summary>The body of the unit the quota is for; none for the unit as a whole.</summary>
    [Display(Name = nameof(SharedResource.Field_Body), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    [Display(Name = nameof(SharedResource.Field_Quota), ResourceType = typeof(SharedResource))]
    public int? Quota { get; set; }

    [Display(Name = nameof(SharedResource.Field_MinTheoryShare), ResourceType = typeof(SharedResource))]
    public int? MinTheoryShare { get; set; }

    [MaxChars(1_000), PlainText]
    [Display(Name = nameof(SharedResource.Field_Note), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }
}

/// <summary>A body of the unit a quota may be given to.</summary>
public sealed record QuotaBody(int Id, string Name);

/// <summary>How a unit's quota for a year is given: not yet, for the unit as a whole, or body by body.</summary>
public enum QuotaSplit
{
    None,
    WholeUnit,
    PerBody,
}

/// <summary>A unit's quota for a year (the whole unit's, or one body's), with whether the caller may set it, the unit's
/// bodies and how the year's quota is given.</summary>
public sealed record QuotaView(
    int UnitId,
    string UnitName,
    int Year,
    int? OrganizationId,
    StaffingQuota? Quota,
    bool MaySet,
    IReadOnlyList<QuotaBody> Bodies,
    QuotaSplit Split
);

/// <summary>
/// Sets a unit's staffing quota for a year of the 2025–2030 plan: the personnel officers of the unit above set it (the
/// centre's for a province), never the unit for itself. A quota lower than the staff in post is allowed: the plan then
/// shows the unit over its quota. A year's quota is given either for the unit as a whole or body by body (one of the
/// unit's organizations each), never both: the figures would count it twice.
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

    /// <summary>The quota of the unit (<paramref name="body"/> null) or of one of its bodies for a year; null when the
    /// caller may not see the unit or the body is not the unit's.</summary>
    public async Task<QuotaView?> ReadAsync(int unitId, int year, CancellationToken ct, int? body = null)
    {
        var found = await LoadAsync(unitId, ct);
        if (found is not { } f)
        {
            return null;
        }

        var rows = await YearAsync(unitId, year, ct);
        // The unit's active bodies, and a retired one that still has a quota this year (it may be lowered).
        List<QuotaBody> offered =
        [
            .. (await BodiesAsync(unitId, ct))
                .Where(x => x.IsActive || rows.Any(q => q.OrganizationId == x.Body.Id))
                .Select(x => x.Body),
        ];
        if (body is { } b && offered.All(x => x.Id != b))
        {
            return null;
        }

        return new QuotaView(
            f.Unit.Id,
            f.Unit.Name,
            year,
            body,
            rows.SingleOrDefault(q => q.OrganizationId == body),
            MaySet(user, f.Unit.Ref, f.Parent) && f.Unit.IsActive,
            offered,
            SplitOf(rows)
        );
    }

    /// <summary>How the year's quota is given, from its rows (a quota of 0 gives nothing).</summary>
    public static QuotaSplit SplitOf(IEnumerable<StaffingQuota> rows) =>
        rows.Where(q => q.Quota > 0).Select(q => q.OrganizationId is null).Distinct().ToList() switch
        {
            [] => QuotaSplit.None,
            [true] => QuotaSplit.WholeUnit,
            _ => QuotaSplit.PerBody,
        };

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

        var rows = await db.StaffingQuotas.Where(q => q.UnitId == unitId && q.Year == year).ToListAsync(ct);
        var row = rows.SingleOrDefault(q => q.OrganizationId == input.OrganizationId);
        if (input.OrganizationId is { } body)
        {
            // One of the unit's own bodies, active (a retired one keeps the quota it has, which may be lowered).
            var bodies = await BodiesAsync(unitId, ct);
            if (!bodies.Any(x => x.Body.Id == body && (x.IsActive || row is not null)))
            {
                errors.Add(nameof(QuotaInput.OrganizationId), L["Staffing_BodyInvalid"]);
            }
        }

        if (input.Quota is > 0)
        {
            // A year is given for the unit as a whole or body by body, never both.
            var others = rows.Where(q => q != row && q.Quota > 0).ToList();
            if (input.OrganizationId is not null && others.Any(q => q.OrganizationId is null))
            {
                errors.Add(nameof(QuotaInput.Quota), L["Staffing_QuotaWholeUnitSet", year]);
            }
            else if (input.OrganizationId is null && others.Any(q => q.OrganizationId is not null))
            {
                errors.Add(nameof(QuotaInput.Quota), L["Staffing_QuotaPerBodySet", year]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

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
                OrganizationId = input.OrganizationId,
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

    private async Task<List<StaffingQuota>> YearAsync(int unitId, int year, CancellationToken ct) =>
        await db.StaffingQuotas.AsNoTracking().Where(q => q.UnitId == unitId && q.Year == year).ToListAsync(ct);

    private async Task<List<(QuotaBody Body, bool IsActive)>> BodiesAsync(int unitId, CancellationToken ct) =>
        [
            .. (
                await db
                    .Organizations.AsNoTracking()
                    .Where(o => o.UnitId == unitId)
                    .OrderBy(o => o.Name)
                    .Select(o => new
                    {
                        o.Id,
                        o.Name,
                        o.IsActive,
                    })
                    .ToListAsync(ct)
            ).Select(o => (new QuotaBody(o.Id, o.Name), o.IsActive)),
        ];

    private async Task<(Unit Unit, UnitRef? Parent)?> LoadAsync(int unitId, CancellationToken ct) =>
        await UnitRules.WithParentAsync(db, unitId, ct) is { } found && user.Can(Permission.UnitsView, found.Unit.Ref)
            ? found
            : null;
}
