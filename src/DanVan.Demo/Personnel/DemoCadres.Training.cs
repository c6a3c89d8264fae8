using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Demo;

internal static partial class DemoCadres
{
    /// <summary>
    /// Training: the province's intermediate political-theory course of last year, which most of the communes' cadres at
    /// intermediate level completed there (a few did not finish); the province's mass-mobilization course running now,
    /// with cadres of every other commune enrolled; and a course the demo commune (Tiên Du) gave its own cadres.
    /// </summary>
    private static async Task SeedTrainingAsync(
        DanVanDbContext db,
        Unit province,
        IReadOnlyList<Unit> communes,
        IReadOnlyList<Cadre> cadres,
        DateOnly today,
        CancellationToken ct
    )
    {
        TrainingCourse Course(Unit at, string title, TrainingKind kind, TheoryLevel? awards, DateOnly from, DateOnly to)
        {
            var course = new TrainingCourse
            {
                UnitLevel = at.Level,
                Title = title,
                Kind = kind,
                AwardsTheory = awards,
                StartsOn = from,
                EndsOn = to,
                Provider = at.Level == UnitLevel.Province ? "Trường Chính trị tỉnh Bắc Ninh" : "Trung tâm chính trị",
                Place = at.Level == UnitLevel.Province ? "Trường Chính trị tỉnh" : "Hội trường Đảng ủy",
                CreatedAt = db.UtcNow,
            };
            at.Ref.StampOnto(course);
            db.TrainingCourses.Add(course);
            return course;
        }

        var theory = Course(
            province,
            $"Trung cấp lý luận chính trị – hành chính khóa {today.AddMonths(-14).Year}",
            TrainingKind.PoliticalTheory,
            TheoryLevel.Intermediate,
            today.AddMonths(-14),
            today.AddMonths(-5)
        );
        var skills = Course(
            province,
            $"Bồi dưỡng nghiệp vụ công tác dân vận năm {today.Year}",
            TrainingKind.MassMobilization,
            null,
            today.AddDays(-20),
            today.AddDays(25)
        );
        var demoCommune = communes.FirstOrDefault(c => c.Code == BacNinhDemo.CommuneCode);
        var own = demoCommune is null
            ? null
            : Course(
                demoCommune,
                "Kỹ năng \"Dân vận khéo\" cho cán bộ thôn, khu phố",
                TrainingKind.MassMobilization,
                null,
                today.AddMonths(-7),
                today.AddMonths(-7).AddDays(2)
            );
        await db.SaveChangesAsync(ct);

        TrainingEnrolment Enrol(TrainingCourse course, Cadre cadre, EnrolmentStatus status, int n)
        {
            var row = new TrainingEnrolment
            {
                CourseId = course.Id,
                CadreId = cadre.Id,
                UnitLevel = cadre.UnitLevel,
                CourseEndsOn = course.EndsOn,
                Status = status,
                CompletedOn = status == EnrolmentStatus.Completed ? course.EndsOn : null,
                CertificateNumber = status == EnrolmentStatus.Completed ? $"{course.Id:D2}-{n:D4}" : null,
            };
            cadre.StampOnto(row);
            db.TrainingEnrolments.Add(row);
            return row;
        }

        var inCommunes = cadres.Where(c => c.UnitLevel == UnitLevel.Commune).ToList();
        foreach (var (cadre, n) in inCommunes.Select((c, n) => (c, n)))
        {
            if (cadre.TheoryLevel == TheoryLevel.Intermediate && n % 3 != 0)
            {
                // Their level is this course's: it raised them from elementary.
                Enrol(theory, cadre, EnrolmentStatus.Completed, n).RaisedFrom = TheoryLevel.Elementary;
            }
            else if (cadre.TheoryLevel == TheoryLevel.Elementary && n % 7 == 0)
            {
                Enrol(theory, cadre, EnrolmentStatus.NotCompleted, n);
            }

            if (n % 2 == 0)
            {
                Enrol(skills, cadre, EnrolmentStatus.Enrolled, n);
            }

            if (own is not null && cadre.CommuneId == demoCommune!.Id)
            {
                Enrol(own, cadre, EnrolmentStatus.Completed, n);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
