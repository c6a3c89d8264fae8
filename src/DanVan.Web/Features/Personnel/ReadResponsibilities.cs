using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Personnel;

/// <summary>An assignment on a list: the holder's name is masked unless the caller may see the cadre's personal data;
/// the holder's current post says who they are without it.</summary>
public sealed record ResponsibilityRow(
    int Id,
    int UnitId,
    string UnitName,
    string? GroupName,
    int? HolderCadreId,
    int? HolderOrganizationId,
    string Holder,
    CadrePost? HolderPost,
    string? HolderBody,
    DateOnly FromOn,
    DateOnly? ToOn,
    DateOnly? LastVisitOn,
    bool Current,
    string? Note,
    int Version
);

public sealed record VisitRow(
    int Id,
    DateOnly VisitedOn,
    string Done,
    string? Issues,
    int? ModelId,
    string? ModelName,
    int? PetitionId
);

public sealed record ResponsibilityView(
    ResponsibilityRow Row,
    IReadOnlyList<VisitRow> Visits,
    bool MayEdit,
    bool MayReport,
    bool MayRecordPetition
);

public enum CoverageState
{
    /// <summary>Nobody holds the unit today.</summary>
    Unheld = 1,

    /// <summary>Held, but no holder has reported within the days asked (counted from the start when none has).</summary>
    Silent = 2,

    Held = 3,
}

public sealed record CoverageRow(
    int UnitId,
    string UnitName,
    UnitLevel Level,
    string? ParentName,
    int Holders,
    DateOnly? LastVisitOn,
    CoverageState State
);

/// <summary>The coverage of a unit's subtree on a day: every unit below it, and those left to nobody or silent.</summary>
public sealed record CoverageReport(
    int UnitId,
    string UnitName,
    DateOnly Day,
    int Days,
    int Units,
    int Unheld,
    int Silent,
    IReadOnlyList<CoverageRow> Gaps
);

/// <summary>
/// Reads assignments: a unit's holders (its page), one assignment with its visit reports, the assignments under a unit,
/// and the coverage report. Everything is scoped by <see cref="Permission.PersonnelView"/> over the held unit.
/// </summary>
internal sealed class ReadResponsibilities(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int ListLimit = 200;

    public DateOnly Today => VietnamTime.Today(clock);

    /// <summary>The assignments of one unit (itself and the groups in it), current first.</summary>
    public async Task<IReadOnlyList<ResponsibilityRow>> OfUnitAsync(int unitId, CancellationToken ct)
    {
        var rows = await RowsAsync(
            db.Responsibilities.Where(UnitScope.Rows<Responsibility>(user, Permission.PersonnelView))
                .Where(r => r.UnitId == unitId),
            ct
        );
        return
        [
            .. rows.Select(r => r.Row)
                .OrderByDescending(r => r.Current)
                .ThenBy(r => r.GroupName)
                .ThenByDescending(r => r.FromOn),
        ];
    }

    /// <summary>The assignments under a unit (the caller's whole scope without one), newest first, at most 200.</summary>
    public async Task<IReadOnlyList<ResponsibilityRow>> ListAsync(int? unitId, bool currentOnly, CancellationToken ct)
    {
        var today = Today;
        var query = db.Responsibilities.Where(UnitScope.Rows<Responsibility>(user, Permission.PersonnelView));
        query = await query.InSubtreeOfAsync(db.Units, unitId, ct);

        if (currentOnly)
        {
            query = query.Where(r => r.FromOn <= today && (r.ToOn == null || r.ToOn >= today));
        }

        return
        [
            .. (
                await RowsAsync(query.OrderByDescending(r => r.FromOn).ThenByDescending(r => r.Id).Take(ListLimit), ct)
            ).Select(r => r.Row),
        ];
    }

    public async Task<ResponsibilityView?> GetAsync(int id, CancellationToken ct)
    {
        var found = (
            await RowsAsync(
                db.Responsibilities.Where(UnitScope.Rows<Responsibility>(user, Permission.PersonnelView))
                    .Where(r => r.Id == id),
                ct
            )
        ).SingleOrDefault();
        if (found.Row is not { } row)
        {
            return null;
        }

        var holderAccount = row.HolderCadreId is { } cadreId
            ? await db.Cadres.Where(c => c.Id == cadreId).Select(c => c.AccountId).FirstOrDefaultAsync(ct)
            : null;
        // The model a visit names is shown only to whom the model registry shows it.
        var models = db.Models.Where(UnitScope.Rows<Models.MobilizationModel>(user, Permission.ModelsView));
        var visits = await db
            .ResponsibilityVisits.AsNoTracking()
            .Where(v => v.ResponsibilityId == id)
            .OrderByDescending(v => v.VisitedOn)
            .ThenByDescending(v => v.Id)
            .Select(v => new VisitRow(
                v.Id,
                v.VisitedOn,
                v.Done,
                v.Issues,
                models.Where(m => m.Id == v.ModelId).Select(m => (int?)m.Id).FirstOrDefault(),
                models.Where(m => m.Id == v.ModelId).Select(m => m.Name).FirstOrDefault(),
                v.PetitionId
            ))
            .ToListAsync(ct);
        return new ResponsibilityView(
            row,
            visits,
            SaveResponsibility.MayAssign(
                user,
                found.Held,
                SaveResponsibility.ParentOf(found.Held),
                row.GroupName is not null
            ),
            SaveResponsibility.MayReport(user, found.Held, holderAccount),
            // Petitions are handled by the commune: the held commune itself, or the held village's.
            found.Held.Level switch
            {
                UnitLevel.Commune => user.Can(Permission.PetitionsEdit, found.Held),
                UnitLevel.Village => SaveResponsibility.ParentOf(found.Held) is { } commune
                    && user.Can(Permission.PetitionsEdit, commune),
                _ => false,
            }
        );
    }

    /// <summary>
    /// The units below <paramref name="unitId"/> (a province's communes and villages, a commune's villages) that nobody
    /// holds on the day, or whose holders have not reported within <paramref name="days"/> days. A group held inside a
    /// unit does not hold the unit. Two statements whatever the size of the subtree: the unit with its parent's name, and
    /// the units below joined to the subtree's current whole-unit assignments grouped by unit (one pass over the
    /// assignments on their ancestor column rather than a subquery per unit).
    /// </summary>
    public async Task<CoverageReport?> CoverageAsync(int unitId, int days, CancellationToken ct)
    {
        var today = Today;
        var found = await db
            .Units.AsNoTracking()
            .Where(u => u.Id == unitId)
            .Select(u => new
            {
                Unit = u,
                ParentName = db.Units.Where(p => p.Id == u.ParentId).Select(p => p.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        var unit = found?.Unit;
        if (unit is null || !user.Can(Permission.PersonnelView, unit.Ref) || unit.Level is UnitLevel.Village)
        {
            return null;
        }

        var below = db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.Level > unit.Level);
        var held = db
            .Responsibilities.AsNoTracking()
            .Where(r => r.GroupName == null && r.FromOn <= today && (r.ToOn == null || r.ToOn >= today));
        (below, held) = unit.Level switch
        {
            UnitLevel.Central => (
                below.Where(u => u.Level == UnitLevel.Province),
                held.Where(r => r.UnitLevel == UnitLevel.Province)
            ),
            UnitLevel.Province => (below.Where(u => u.ProvinceId == unit.Id), held.Where(r => r.ProvinceId == unit.Id)),
            // A commune is held by the province above, and its own officers see whether it is: it is one of its units
            // to hold, as the coverage figures count it.
            _ => (
                db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.CommuneId == unit.Id),
                held.Where(r => r.CommuneId == unit.Id)
            ),
        };
        // The unit's current holders, their latest report, and when any was last heard from (the latest report, or the
        // start when none): the subtree's assignments grouped by unit in one pass, joined to the units below.
        var holdings = held.GroupBy(r => r.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Holders = g.Count(),
                LastVisitOn = g.Max(r => r.LastVisitOn),
                Heard = g.Max(r => (DateOnly?)(r.LastVisitOn ?? r.FromOn)),
            });
        var list = await (
            from u in below
            join h in holdings on u.Id equals h.UnitId into hs
            from h in hs.DefaultIfEmpty()
            orderby u.Level, u.Name
            select new
            {
                u.Id,
                u.Name,
                u.Level,
                u.ParentId,
                Holders = (int?)h.Holders ?? 0,
                h.LastVisitOn,
                h.Heard,
            }
        ).ToListAsync(ct);
        // A unit's parent is the report's unit, another unit listed, or (for a commune's own row) the unit's parent.
        var names = list.ToDictionary(u => u.Id, u => u.Name);
        names[unit.Id] = unit.Name;
        if (unit.ParentId is { } parentId && found!.ParentName is { } parentName)
        {
            names.TryAdd(parentId, parentName);
        }

        var units = list.Select(u => new
            {
                u.Id,
                u.Name,
                u.Level,
                ParentName = u.ParentId is { } p ? names.GetValueOrDefault(p) : null,
                u.Holders,
                u.LastVisitOn,
                u.Heard,
            })
            .ToList();
        var since = today.AddDays(-days);
        var rows = units
            .Select(u =>
            {
                var state =
                    u.Holders == 0 ? CoverageState.Unheld
                    : u.Heard < since ? CoverageState.Silent
                    : CoverageState.Held;
                return new CoverageRow(u.Id, u.Name, u.Level, u.ParentName, u.Holders, u.LastVisitOn, state);
            })
            .ToList();
        return new CoverageReport(
            unit.Id,
            unit.Name,
            today,
            days,
            rows.Count,
            rows.Count(r => r.State == CoverageState.Unheld),
            rows.Count(r => r.State == CoverageState.Silent),
            [.. rows.Where(r => r.State != CoverageState.Held)]
        );
    }

    /// <summary>A unit to assign: its name, and whether the caller may assign the unit as a whole or a group in it.</summary>
    public async Task<(string Name, bool Unit, bool Group)?> TargetAsync(int unitId, CancellationToken ct)
    {
        if (
            await UnitRules.WithParentAsync(db, unitId, ct) is not var (unit, parent)
            || !unit.IsActive
            || !user.Can(Permission.PersonnelView, unit.Ref)
        )
        {
            return null;
        }

        return (
            unit.Name,
            SaveResponsibility.MayAssign(user, unit.Ref, parent, group: false),
            SaveResponsibility.MayAssign(user, unit.Ref, parent, group: true)
        );
    }

    /// <summary>The cadres and bodies that may hold a unit: those of the unit and of the unit above it.</summary>
    public async Task<(
        IReadOnlyList<(int Id, string Name)> Cadres,
        IReadOnlyList<(int Id, string Name)> Bodies
    )> HolderOptionsAsync(int unitId, CancellationToken ct)
    {
        var parentId = await db.Units.Where(u => u.Id == unitId).Select(u => u.ParentId).SingleOrDefaultAsync(ct);
        var cadres = await db
            .Cadres.AsNoTracking()
            .Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelEdit))
            .Where(c => (c.UnitId == unitId || c.UnitId == parentId) && c.ErasedAt == null)
            .OrderBy(c => c.FullName)
            .Take(500)
            .Select(c => new { c.Id, c.FullName })
            .ToListAsync(ct);
        var bodies = await db
            .Organizations.AsNoTracking()
            .Where(UnitScope.Rows<Organizations.Organization>(user, Permission.PersonnelView))
            .Where(o => (o.UnitId == unitId || o.UnitId == parentId) && o.IsActive)
            .OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name })
            .ToListAsync(ct);
        return ([.. cadres.Select(c => (c.Id, c.FullName ?? "—"))], [.. bodies.Select(b => (b.Id, b.Name))]);
    }

    private async Task<List<(ResponsibilityRow Row, UnitRef Held)>> RowsAsync(
        IQueryable<Responsibility> query,
        CancellationToken ct
    )
    {
        var today = Today;
        var found = await query
            .AsNoTracking()
            .Select(r => new
            {
                r,
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).FirstOrDefault(),
                // Scalar subqueries only: SQLite has no APPLY for a row-valued one.
                CadreName = db.Cadres.Where(c => c.Id == r.HolderCadreId).Select(c => c.FullName).FirstOrDefault(),
                CadreUnitId = db
                    .Cadres.Where(c => c.Id == r.HolderCadreId)
                    .Select(c => (int?)c.UnitId)
                    .FirstOrDefault(),
                CadreLevel = db
                    .Cadres.Where(c => c.Id == r.HolderCadreId)
                    .Select(c => (UnitLevel?)c.UnitLevel)
                    .FirstOrDefault(),
                CadreProvinceId = db
                    .Cadres.Where(c => c.Id == r.HolderCadreId)
                    .Select(c => c.ProvinceId)
                    .FirstOrDefault(),
                CadreCommuneId = db
                    .Cadres.Where(c => c.Id == r.HolderCadreId)
                    .Select(c => c.CommuneId)
                    .FirstOrDefault(),
                CadreVillageId = db
                    .Cadres.Where(c => c.Id == r.HolderCadreId)
                    .Select(c => c.VillageId)
                    .FirstOrDefault(),
                CadreErased = db.Cadres.Any(c => c.Id == r.HolderCadreId && c.ErasedAt != null),
                Post = db
                    .CadrePositions.Where(p =>
                        p.CadreId == r.HolderCadreId && p.StartOn <= today && (p.EndOn == null || p.EndOn >= today)
                    )
                    .OrderByDescending(p => p.FullTime)
                    .ThenByDescending(p => p.StartOn)
                    .Select(p => (CadrePost?)p.Post)
                    .FirstOrDefault(),
                PostBody = db
                    .CadrePositions.Where(p =>
                        p.CadreId == r.HolderCadreId && p.StartOn <= today && (p.EndOn == null || p.EndOn >= today)
                    )
                    .OrderByDescending(p => p.FullTime)
                    .ThenByDescending(p => p.StartOn)
                    .Select(p =>
                        db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.Name).FirstOrDefault()
                    )
                    .FirstOrDefault(),
                Organization = db
                    .Organizations.Where(o => o.Id == r.HolderOrganizationId)
                    .Select(o => o.Name)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return
        [
            .. found.Select(f =>
            {
                var holder = f.Organization ?? "—";
                if (f.CadreUnitId is { } cadreUnit)
                {
                    var reveal =
                        !f.CadreErased
                        && FieldRules.Sees(
                            user,
                            SensitiveField.CadrePersonal,
                            new RecordPosition(
                                new UnitRef(
                                    cadreUnit,
                                    f.CadreLevel ?? UnitLevel.Village,
                                    f.CadreProvinceId,
                                    f.CadreCommuneId,
                                    f.CadreVillageId
                                )
                            )
                        );
                    holder = reveal ? f.CadreName ?? "—" : CadreRules.Mask(f.CadreName);
                }

                return (
                    new ResponsibilityRow(
                        f.r.Id,
                        f.r.UnitId,
                        f.UnitName ?? "",
                        f.r.GroupName,
                        f.r.HolderCadreId,
                        f.r.HolderOrganizationId,
                        holder,
                        f.Post,
                        f.PostBody,
                        f.r.FromOn,
                        f.r.ToOn,
                        f.r.LastVisitOn,
                        f.r.HeldOn(today),
                        f.r.Note,
                        f.r.Version
                    ),
                    f.r.Ref
                );
            }),
        ];
    }
}
