using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using static DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Tests.Statistics;

public sealed partial class CatalogueFigureTests
{
    /// <summary>
    /// Cadres in every non-village unit with posts over the last two years: full- and part-time, some ended (transfers),
    /// some starting ahead; theory levels changed on some records afterwards (the stamp on their posts follows, as
    /// <see cref="SaveCadre"/> does); quotas for the plan's years (half of them a body's), one changed and one removed. The direct count reads
    /// each post's cadre, not the stamp.
    /// </summary>
    private static async Task PersonnelAsync(DanVanDbContext db, Random random, DateOnly today, Unit[] units)
    {
        var keeping = units.Where(u => u.Level != UnitLevel.Village).ToList();
        var bodies = await db.Organizations.ToDictionaryAsync(o => o.UnitId, o => o.Id);
        var cadres = new List<(Cadre Cadre, Unit Unit)>();
        foreach (var (unit, i) in keeping.SelectMany(u => Enumerable.Range(0, 6).Select(i => (u, i))))
        {
            var cadre = new Cadre
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                UnitLevel = unit.Level,
                FullName = $"Cán bộ {unit.Code} {i}",
                BirthDate = today.AddYears(-30 - i),
                Sex = Sex.Female,
                TheoryLevel = (TheoryLevel)random.Next(0, 5),
                SearchText = "can bo",
                CreatedAt = DateTime.UtcNow,
            };
            db.Cadres.Add(cadre);
            cadres.Add((cadre, unit));
        }

        await db.SaveChangesAsync();
        foreach (var (cadre, unit) in cadres)
        {
            var start = today.AddDays(-random.Next(0, 730));
            var ended = random.Next(3) == 0 ? start.AddDays(random.Next(0, 400)) : (DateOnly?)null;
            CadrePosition Post(Unit at, DateOnly from, DateOnly? to, bool fullTime)
            {
                var p = new CadrePosition
                {
                    CadreId = cadre.Id,
                    UnitId = at.Id,
                    ProvinceId = at.ProvinceId,
                    CommuneId = at.CommuneId,
                    UnitLevel = at.Level,
                    OrganizationId = bodies[at.Id],
                    Post = CadrePost.Specialist,
                    FullTime = fullTime,
                    StartOn = from,
                    EndOn = to,
                    CadreTheory = cadre.TheoryLevel,
                };
                db.CadrePositions.Add(p);
                return p;
            }

            Post(unit, start, ended, random.Next(5) != 0);
            if (ended is { } end)
            {
                // Transferred the next day to another unit that keeps cadres (sometimes a day still ahead).
                Post(keeping[random.Next(keeping.Count)], end.AddDays(1), null, true);
            }
        }

        foreach (
            var year in Enumerable
                .Range(today.Year - 1, 3)
                .Where(y => y is >= StaffingQuota.FirstYear and <= StaffingQuota.LastYear)
        )
        {
            foreach (var unit in keeping)
            {
                db.StaffingQuotas.Add(
                    new StaffingQuota
                    {
                        UnitId = unit.Id,
                        ProvinceId = unit.ProvinceId,
                        CommuneId = unit.CommuneId,
                        UnitLevel = unit.Level,
                        Year = year,
                        // Half given to the unit's body rather than the whole unit (the figures' breakdown by body).
                        OrganizationId = random.Next(2) == 0 ? bodies[unit.Id] : null,
                        Quota = random.Next(0, 9),
                        MinTheoryShare = random.Next(0, 101),
                    }
                );
            }
        }

        await db.SaveChangesAsync();

        // Records raised (or lowered) afterwards: their posts' stamp follows in the same save; a quota changed, one gone.
        foreach (var (cadre, _) in cadres.Where((_, i) => i % 4 == 0))
        {
            cadre.TheoryLevel = (TheoryLevel)random.Next(0, 5);
            foreach (var post in await db.CadrePositions.Where(p => p.CadreId == cadre.Id).ToListAsync())
            {
                post.CadreTheory = cadre.TheoryLevel;
            }
        }

        var quotas = await db.StaffingQuotas.OrderBy(q => q.Id).ToListAsync();
        quotas[0].Quota += 3;
        quotas[1].MinTheoryShare = 100 - quotas[1].MinTheoryShare;
        db.StaffingQuotas.Remove(quotas[2]);
        await db.SaveChangesAsync();

        // Courses at the provinces and communes over the last 14 months and a little ahead, each with some of the
        // cadres open to it, in every result; then some results changed and one course's last day moved (the stamp on
        // its enrolments follows, as SaveTraining does).
        var courses = new List<TrainingCourse>();
        foreach (var unit in keeping.Where(u => u.Level != UnitLevel.Central))
        {
            for (var i = 0; i < 3; i++)
            {
                var starts = today.AddDays(-random.Next(0, 420));
                var course = new TrainingCourse
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    UnitLevel = unit.Level,
                    Title = $"Lớp {unit.Code} {i}",
                    Kind = TrainingKind.MassMobilization,
                    StartsOn = starts,
                    EndsOn = starts.AddDays(random.Next(0, 90)),
                    CreatedAt = DateTime.UtcNow,
                };
                db.TrainingCourses.Add(course);
                courses.Add(course);
            }
        }

        await db.SaveChangesAsync();
        var enrolments = new List<TrainingEnrolment>();
        foreach (var course in courses)
        {
            foreach (
                var (cadre, _) in cadres.Where(c => TrainingRules.OpenTo(course, c.Cadre.Ref) && random.Next(3) == 0)
            )
            {
                var e = new TrainingEnrolment
                {
                    CourseId = course.Id,
                    CadreId = cadre.Id,
                    UnitId = cadre.UnitId,
                    ProvinceId = cadre.ProvinceId,
                    CommuneId = cadre.CommuneId,
                    UnitLevel = cadre.UnitLevel,
                    CourseEndsOn = course.EndsOn,
                    Status = (EnrolmentStatus)random.Next(1, 5),
                };
                e.CompletedOn = e.Status == EnrolmentStatus.Completed ? course.EndsOn : null;
                db.TrainingEnrolments.Add(e);
                enrolments.Add(e);
            }
        }

        await db.SaveChangesAsync();
        foreach (var e in enrolments.Where((_, i) => i % 5 == 0))
        {
            e.Status = e.Status == EnrolmentStatus.Completed ? EnrolmentStatus.NotCompleted : EnrolmentStatus.Completed;
        }

        var moved = courses.First(c => enrolments.Any(e => e.CourseId == c.Id));
        moved.EndsOn = moved.EndsOn.AddDays(-40);
        foreach (var e in enrolments.Where(e => e.CourseId == moved.Id))
        {
            e.CourseEndsOn = moved.EndsOn;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The training figures counted from the enrolments and their courses' last day.</summary>
    private static void DirectTraining(
        Dictionary<string, double?> figures,
        Facts f,
        Func<IUnitScoped, bool> inUnit,
        Func<DateOnly?, bool> during
    )
    {
        var ends = f.Courses.ToDictionary(c => c.Id, c => c.EndsOn);
        var ended = f
            .Enrolments.Where(e => inUnit(e) && e.Status != EnrolmentStatus.Withdrawn && during(ends[e.CourseId]))
            .ToList();
        var completed = ended.Count(e => e.Status == EnrolmentStatus.Completed);
        figures[TrainingEnrolled] = ended.Count;
        figures[TrainingCompleted] = completed;
        figures[TrainingCompletionShare] = ended.Count == 0 ? null : Math.Round(100.0 * completed / ended.Count, 1);
    }

    /// <summary>The staffing plan's figures counted from the posts, their cadres and the quotas.</summary>
    private static void DirectPersonnel(
        Dictionary<string, double?> figures,
        Facts f,
        Func<IUnitScoped, bool> inUnit,
        DateOnly at
    )
    {
        var theory = f.Cadres.ToDictionary(c => c.Id, c => c.TheoryLevel);
        var held = f
            .Posts.Where(p => inUnit(p))
            .Where(p => p.FullTime && p.StartOn <= at && (p.EndOn is null || p.EndOn >= at))
            .ToList();
        var staff = held.Count;
        var qualified = held.Count(p => theory[p.CadreId] >= TheoryLevel.Intermediate);
        var quotas = f.Quotas.Where(q => inUnit(q)).Where(q => q.Year == at.Year).ToList();
        var quota = quotas.Sum(q => q.Quota);
        var required = quotas.Sum(q => (int)Math.Ceiling(q.Quota * q.MinTheoryShare / 100m));
        figures[StaffInPost] = staff;
        figures[StaffQualified] = qualified;
        figures[StaffQuota] = quota;
        figures[StaffQualifiedRequired] = required;
        figures[StaffingShare] = quota == 0 ? null : Math.Round(100.0 * staff / quota, 1);
        // The breakdown by body (the whole unit's quota as 0), compared with the figures' parts.
        foreach (var body in held.GroupBy(p => p.OrganizationId))
        {
            figures[$"{StaffInPost}#{body.Key}"] = body.Count();
            figures[$"{StaffQualified}#{body.Key}"] = body.Count(p => theory[p.CadreId] >= TheoryLevel.Intermediate);
        }

        foreach (var body in quotas.GroupBy(q => q.OrganizationId ?? 0))
        {
            figures[$"{StaffQuota}#{body.Key}"] = body.Sum(q => q.Quota);
            figures[$"{StaffQualifiedRequired}#{body.Key}"] = body.Sum(q =>
                (int)Math.Ceiling(q.Quota * q.MinTheoryShare / 100m)
            );
        }
        figures[StaffQualifiedShare] = staff == 0 ? null : Math.Round(100.0 * qualified / staff, 1);
    }

    /// <summary>
    /// Assignments to hold the communes and villages (and the provinces, which are nobody's to hold in these figures)
    /// over the last two years: several holders of one unit at once, periods that overlap, touch or leave gaps, groups
    /// inside a unit (which do not hold it), some starting ahead; then some ended, moved or removed. Each save brings
    /// the holdings in line as the assignment's handler does (<see cref="HeldUnits.SyncAsync"/>); the direct count reads
    /// the assignments.
    /// </summary>
    private static async Task ResponsibilitiesAsync(DanVanDbContext db, Random random, DateOnly today, Unit[] units)
    {
        var bodies = await db.Organizations.ToDictionaryAsync(o => o.UnitId, o => o.Id);
        var rows = new List<Responsibility>();
        foreach (var unit in units.Where(u => u.Level != UnitLevel.Central))
        {
            var holder = bodies.GetValueOrDefault(unit.ParentId ?? 0, bodies.Values.First());
            for (var i = 0; i < random.Next(3, 7); i++)
            {
                var from = today.AddDays(-random.Next(-20, 730));
                var row = new Responsibility
                {
                    UnitLevel = unit.Level,
                    GroupName = random.Next(4) == 0 ? $"Nhóm {i}" : null,
                    HolderOrganizationId = holder,
                    FromOn = from,
                    ToOn = random.Next(3) == 0 ? from.AddDays(random.Next(0, 300)) : null,
                };
                unit.Ref.StampOnto(row);
                db.Responsibilities.Add(row);
                rows.Add(row);
            }
        }

        await HeldUnits.SyncAsync(db, [.. rows.Select(r => r.UnitId)], CancellationToken.None);
        await db.SaveChangesAsync();
        foreach (var row in rows.Where((_, i) => i % 3 == 0).ToList())
        {
            switch (random.Next(3))
            {
                case 0:
                    row.ToOn = today.AddDays(-random.Next(0, 60));
                    row.FromOn = row.FromOn > row.ToOn ? row.ToOn.Value : row.FromOn;
                    break;
                case 1:
                    row.FromOn = row.FromOn.AddDays(random.Next(-100, 100));
                    row.ToOn = row.ToOn < row.FromOn ? row.FromOn : row.ToOn;
                    break;
                default:
                    db.Responsibilities.Remove(row);
                    break;
            }

            await HeldUnits.SyncAsync(db, [row.UnitId], CancellationToken.None);
            await db.SaveChangesAsync();
        }

        // Every commune held today, so a merger must end the merged one's holding.
        foreach (var commune in units.Where(u => u.Level == UnitLevel.Commune))
        {
            var row = new Responsibility
            {
                UnitLevel = commune.Level,
                HolderOrganizationId = bodies[commune.ParentId!.Value],
                FromOn = today.AddDays(-100),
            };
            commune.Ref.StampOnto(row);
            db.Responsibilities.Add(row);
        }

        await HeldUnits.SyncAsync(db, [.. units.Where(u => u.Level == UnitLevel.Commune).Select(u => u.Id)], default);
        await db.SaveChangesAsync();
    }

    /// <summary>The coverage figures counted from the units and the assignments: the communes and villages standing on
    /// the day (a merged one until its merger's day), and those of them held as a whole by at least one assignment.</summary>
    private static void DirectCoverage(
        Dictionary<string, double?> figures,
        Facts f,
        Func<IUnitScoped, bool> inUnit,
        DateOnly at
    )
    {
        var toHold = f.Units.Count(u =>
            u.Level is UnitLevel.Commune or UnitLevel.Village
            && inUnit(Web.Features.Statistics.UnitStanding.Of(u))
            && u.ValidFrom <= at
            && (u.ValidTo is null || u.ValidTo > at)
        );
        var held = f
            .Responsibilities.Where(r =>
                r.GroupName is null
                && r.UnitLevel is UnitLevel.Commune or UnitLevel.Village
                && inUnit(r)
                && r.FromOn <= at
                && (r.ToOn is null || r.ToOn >= at)
            )
            .Select(r => r.UnitId)
            .Distinct()
            .Count();
        figures[UnitsToHold] = toHold;
        figures[UnitsHeld] = held;
        figures[HoldingShare] = toHold == 0 ? null : Math.Round(100.0 * held / toHold, 1);
    }
}
