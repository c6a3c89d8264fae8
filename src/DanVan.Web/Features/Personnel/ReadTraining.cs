using System.Text.Json.Serialization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Personnel;

/// <summary>A course on the list, with the enrolments the caller sees (their own cadres only).</summary>
public sealed record CourseRow(
    int Id,
    int UnitId,
    string UnitName,
    string Title,
    TrainingKind Kind,
    TheoryLevel? AwardsTheory,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string? Provider,
    string? Place,
    string? Note,
    int Enrolled,
    int Completed,
    int Version,
    [property: JsonIgnore] UnitRef Unit,
    [property: JsonIgnore] int Participants = 0
);

/// <summary>A unit's cadres in a course, counted.</summary>
public sealed record EnrolmentUnit(int UnitId, string UnitName, int Participants, int Enrolled, int Completed);

/// <summary>A cadre in a course: the name masked, as on every list; the cadre's page has the rest.</summary>
public sealed record EnrolmentRow(
    int Id,
    int CadreId,
    string CadreName,
    int UnitId,
    string UnitName,
    EnrolmentStatus Status,
    DateOnly? CompletedOn,
    string? CertificateNumber,
    bool MayRecord,
    int Version
);

/// <param name="Units">When the participants are many: each unit's counts instead of the participants.</param>
public sealed record CourseView(
    CourseRow Course,
    IReadOnlyList<EnrolmentRow> Enrolments,
    bool MayEdit,
    bool MayEnrol,
    IReadOnlyList<EnrolmentUnit>? Units = null
);

/// <summary>
/// Reads courses and their enrolments. A course is read by the personnel view of its unit's subtree and of the units
/// below it (<see cref="TrainingRules.Visible"/>); its enrolments only over each cadre's unit.
/// </summary>
internal sealed class ReadTraining(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int ListLimit = 200;

    public DateOnly Today => VietnamTime.Today(clock);

    /// <summary>The courses the caller reads that run in a year (every year without one), latest first, at most 200;
    /// one statement.</summary>
    public async Task<IReadOnlyList<CourseRow>> ListAsync(int? year, CancellationToken ct)
    {
        var query = db.TrainingCourses.AsNoTracking().Where(TrainingRules.Visible(user));
        if (year is { } y)
        {
            var first = new DateOnly(y, 1, 1);
            var last = new DateOnly(y, 12, 31);
            query = query.Where(c => c.StartsOn <= last && c.EndsOn >= first);
        }

        return await Rows(query.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).Take(ListLimit))
            .ToListAsync(ct);
    }

    /// <summary>A course with the enrolments the caller sees (one unit's, with <paramref name="unitId"/>); when they
    /// are more than <paramref name="listAtMost"/>, each unit's counts instead (counted in the database, so a course of
    /// thousands is never loaded). Two statements.</summary>
    public async Task<CourseView?> GetAsync(int id, CancellationToken ct, int? unitId = null, int? listAtMost = null)
    {
        var course = await Rows(
                db.TrainingCourses.AsNoTracking().Where(TrainingRules.Visible(user)).Where(c => c.Id == id)
            )
            .SingleOrDefaultAsync(ct);
        if (course is null)
        {
            return null;
        }

        var visible = db
            .TrainingEnrolments.AsNoTracking()
            .Where(UnitScope.Rows<TrainingEnrolment>(user, Permission.PersonnelView))
            .Where(e => e.CourseId == id);
        var mayEdit = TrainingRules.MayOffer(user, course.Unit);
        var mayEnrol = user.Grants.Any(g => TrainingRules.MayEnrol(user, g.Unit));
        if (unitId is null && course.Participants > listAtMost)
        {
            var units = await visible
                .GroupBy(e => e.UnitId)
                .Select(g => new
                {
                    UnitId = g.Key,
                    Name = db.Units.Where(u => u.Id == g.Key).Select(u => u.Name).FirstOrDefault(),
                    Participants = g.Count(),
                    Enrolled = g.Count(e => e.Status != EnrolmentStatus.Withdrawn),
                    Completed = g.Count(e => e.Status == EnrolmentStatus.Completed),
                })
                .ToListAsync(ct);
            return new CourseView(
                course,
                [],
                mayEdit,
                mayEnrol,
                [
                    .. units
                        .Select(u => new EnrolmentUnit(u.UnitId, u.Name ?? "", u.Participants, u.Enrolled, u.Completed))
                        .OrderBy(u => u.UnitName, StringComparer.Ordinal),
                ]
            );
        }

        if (unitId is { } only)
        {
            visible = visible.Where(e => e.UnitId == only);
        }

        var enrolments = await visible
            .Select(e => new
            {
                e,
                Name = db.Cadres.Where(c => c.Id == e.CadreId).Select(c => c.FullName).FirstOrDefault(),
                UnitName = db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Name).FirstOrDefault(),
            })
            .OrderBy(x => x.UnitName)
            .ThenBy(x => x.e.Id)
            .ToListAsync(ct);
        return new CourseView(
            course,
            [
                .. enrolments.Select(x => new EnrolmentRow(
                    x.e.Id,
                    x.e.CadreId,
                    CadreRules.Mask(x.Name),
                    x.e.UnitId,
                    x.UnitName ?? "",
                    x.e.Status,
                    x.e.CompletedOn,
                    x.e.CertificateNumber,
                    TrainingRules.MayRecordResult(user, x.e),
                    x.e.Version
                )),
            ],
            mayEdit,
            mayEnrol
        );
    }

    /// <summary>The cadres the caller may put in a course: theirs, in the course's subtree, not yet in it, the names in
    /// clear (only the personnel officers, who see them, enrol).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> EnrolOptionsAsync(CourseRow course, CancellationToken ct)
    {
        var courseId = course.Id;
        var cadres = db
            .Cadres.AsNoTracking()
            .Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelEdit))
            .Where(c =>
                c.ErasedAt == null && !db.TrainingEnrolments.Any(e => e.CourseId == courseId && e.CadreId == c.Id)
            );
        var unit = course.Unit;
        cadres = unit.Level switch
        {
            UnitLevel.Central => cadres,
            UnitLevel.Province => cadres.Where(c => c.ProvinceId == unit.ProvinceId),
            _ => cadres.Where(c => c.CommuneId == unit.CommuneId),
        };
        var found = await cadres
            .OrderBy(c => c.FullName)
            .Take(500)
            .Select(c => new
            {
                c,
                UnitName = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return
        [
            .. found
                .Where(x => TrainingRules.MayEnrol(user, x.c.Ref))
                .Select(x => (x.c.Id, $"{x.c.FullName} – {x.UnitName}")),
        ];
    }

    /// <summary>The units the caller may offer a course at: the units of their grants that keep cadres.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> OfferingUnitsAsync(CancellationToken ct)
    {
        var ids = user
            .Grants.Where(g => TrainingRules.MayOffer(user, g.Unit))
            .Select(g => g.UnitId)
            .Distinct()
            .ToList();
        return ids.Count == 0
            ? []
            :
            [
                .. (
                    await db
                        .Units.AsNoTracking()
                        .Where(u => ids.Contains(u.Id) && u.ValidTo == null)
                        .OrderBy(u => u.Level)
                        .ThenBy(u => u.Name)
                        .Select(u => new { u.Id, u.Name })
                        .ToListAsync(ct)
                ).Select(u => (u.Id, u.Name)),
            ];
    }

    private IQueryable<CourseRow> Rows(IQueryable<TrainingCourse> query)
    {
        var mine = UnitScope.Rows<TrainingEnrolment>(user, Permission.PersonnelView);
        var enrolments = db.TrainingEnrolments.Where(mine);
        return query.Select(c => new CourseRow(
            c.Id,
            c.UnitId,
            db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).FirstOrDefault() ?? "",
            c.Title,
            c.Kind,
            c.AwardsTheory,
            c.StartsOn,
            c.EndsOn,
            c.Provider,
            c.Place,
            c.Note,
            enrolments.Count(e => e.CourseId == c.Id && e.Status != EnrolmentStatus.Withdrawn),
            enrolments.Count(e => e.CourseId == c.Id && e.Status == EnrolmentStatus.Completed),
            c.Version,
            new UnitRef(c.UnitId, c.UnitLevel, c.ProvinceId, c.CommuneId, c.VillageId),
            enrolments.Count(e => e.CourseId == c.Id)
        ));
    }
}
