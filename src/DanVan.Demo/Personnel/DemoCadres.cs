using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using static DanVan.Demo.DemoActors;

namespace DanVan.Demo;

/// <summary>
/// The mass-mobilization cadres of Bắc Ninh, SYNTHETIC: the province's Ban Tuyên giáo và Dân vận with its head, standing
/// deputy, deputies, office and departments (about 30 people, mostly at advanced political theory), and in every commune
/// three to six cadres of the Party committee's advisory staff and the Front (mostly intermediate or elementary
/// theory, some not yet trained). A few were transferred between communes this year (an ended post in one, a current
/// post in another), some hold a part-time post beside their own, and some communes are short of staff — so the
/// staffing figures have gaps to show. Nobody here exists. Skipped when the province has cadres.
/// </summary>
internal static class DemoCadres
{
    private static readonly (CadrePost Post, int Count, TheoryLevel Theory)[] Commission =
    [
        (CadrePost.Head, 1, TheoryLevel.Advanced),
        (CadrePost.StandingDeputy, 1, TheoryLevel.Advanced),
        (CadrePost.Deputy, 3, TheoryLevel.Advanced),
        (CadrePost.OfficeChief, 1, TheoryLevel.Advanced),
        (CadrePost.DepartmentHead, 4, TheoryLevel.Advanced),
        (CadrePost.DepartmentDeputy, 5, TheoryLevel.Intermediate),
        (CadrePost.PrincipalSpecialist, 6, TheoryLevel.Intermediate),
        (CadrePost.Specialist, 9, TheoryLevel.Elementary),
    ];

    private static readonly string[] Ethnicities =
    [
        "Kinh",
        "Kinh",
        "Kinh",
        "Kinh",
        "Kinh",
        "Kinh",
        "Tày",
        "Nùng",
        "Sán Dìu",
    ];
    private static readonly string[] Degrees =
    [
        "Luật",
        "Quản lý nhà nước",
        "Xây dựng Đảng và chính quyền nhà nước",
        "Công tác xã hội",
        "Kinh tế",
        "Sư phạm Ngữ văn",
        "Chính trị học",
    ];

    public static async Task<int> SeedAsync(DanVanDbContext db, Unit province, DateOnly today, CancellationToken ct)
    {
        if (await db.Cadres.AnyAsync(c => c.ProvinceId == province.Id, ct))
        {
            return 0;
        }

        var random = new Random(2025);
        var people = new DemoPeople(random);
        db.Actor = Staff(province, Role.PersonnelOfficer, "Ban Tổ chức Tỉnh ủy");
        var commission = await db
            .Organizations.AsNoTracking()
            .Where(o => o.UnitId == province.Id && o.Type == OrganizationType.PropagandaMobilizationCommission)
            .Select(o => o.Id)
            .SingleAsync(ct);
        var communes = await db
            .Units.AsNoTracking()
            .Where(u => u.ParentId == province.Id && u.ValidTo == null)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var bodies = await db
            .Organizations.AsNoTracking()
            .Where(o =>
                o.ProvinceId == province.Id
                && o.CommuneId != null
                && o.VillageId == null
                && (o.Type == OrganizationType.PartyCommittee || o.Type == OrganizationType.FatherlandFront)
            )
            .Select(o => new
            {
                o.Id,
                o.UnitId,
                o.Type,
            })
            .ToListAsync(ct);
        var cadres = new List<(Cadre Cadre, List<CadrePosition> Posts)>();
        var merger = new DateOnly(2025, 7, 1);

        (Cadre, List<CadrePosition>) Person(Unit unit, TheoryLevel theory, int minAge, int maxAge)
        {
            var female = random.Next(100) < 45;
            var birth = today.AddYears(-random.Next(minAge, maxAge + 1)).AddDays(-random.Next(365));
            var name = people.Name(female);
            var cadre = new Cadre
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                UnitLevel = unit.Level,
                FullName = name,
                BirthDate = birth,
                Sex = female ? Sex.Female : Sex.Male,
                Ethnicity = Ethnicities[random.Next(Ethnicities.Length)],
                PartyEntryDate =
                    theory == TheoryLevel.None ? null : birth.AddYears(22 + random.Next(8)).AddDays(random.Next(300)),
                Phone = people.Phone(),
                TheoryLevel = theory,
                ProfessionalLevel = random.Next(10) switch
                {
                    0 => ProfessionalLevel.College,
                    1 or 2 => ProfessionalLevel.Master,
                    _ => ProfessionalLevel.University,
                },
                Degree = Degrees[random.Next(Degrees.Length)],
                CivilServiceGrade = theory >= TheoryLevel.Advanced ? "Chuyên viên chính" : "Chuyên viên",
                Awards =
                    random.Next(4) == 0
                        ? $"Bằng khen của Ủy ban nhân dân tỉnh năm {today.Year - 1 - random.Next(3)}"
                        : null,
                SearchText = TextSearch.Normalize(name),
                CreatedAt = db.UtcNow,
            };
            return (cadre, []);
        }

        CadrePosition Post(
            Unit unit,
            int body,
            CadrePost post,
            DateOnly start,
            DateOnly? end = null,
            bool fullTime = true
        ) =>
            new()
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                UnitLevel = unit.Level,
                OrganizationId = body,
                Post = post,
                FullTime = fullTime,
                StartOn = start,
                EndOn = end,
                DecisionNumber = $"{random.Next(10, 999)}-QĐ/{(unit.Level == UnitLevel.Province ? "TU" : "ĐU")}",
                DecisionDate = start.AddDays(-random.Next(3, 20)),
            };

        // The province's commission: in post since the merger, most of them.
        foreach (var (post, count, theory) in Commission)
        {
            for (var i = 0; i < count; i++)
            {
                var (cadre, posts) = Person(
                    province,
                    random.Next(6) == 0 && theory > TheoryLevel.Elementary ? theory + 1 : theory,
                    post <= CadrePost.Deputy ? 45 : 28,
                    post <= CadrePost.Deputy ? 58 : 52
                );
                var start = random.Next(5) == 0 ? merger.AddMonths(random.Next(2, 14)) : merger;
                posts.Add(Post(province, commission, post, start <= today ? start : merger));
                cadres.Add((cadre, posts));
            }
        }

        // The communes: the Party committee's staff and the Front's; every seventh commune is two short.
        foreach (var (commune, n) in communes.Select((c, n) => (c, n)))
        {
            var party = bodies.First(b => b.UnitId == commune.Id && b.Type == OrganizationType.PartyCommittee).Id;
            var front = bodies.First(b => b.UnitId == commune.Id && b.Type == OrganizationType.FatherlandFront).Id;
            var size = n % 7 == 3 ? 3 : 4 + random.Next(3);
            for (var i = 0; i < size; i++)
            {
                var theory = random.Next(10) switch
                {
                    0 => TheoryLevel.None,
                    1 or 2 or 3 => TheoryLevel.Elementary,
                    9 => TheoryLevel.Advanced,
                    _ => TheoryLevel.Intermediate,
                };
                var (cadre, posts) = Person(commune, theory, 24, 55);
                var post = i switch
                {
                    0 => CadrePost.Deputy,
                    1 => CadrePost.PrincipalSpecialist,
                    _ => CadrePost.Specialist,
                };
                var body = i == size - 1 ? front : party;
                posts.Add(Post(commune, body, post, merger.AddDays(random.Next(0, 90))));
                if (i == 0 && random.Next(3) == 0)
                {
                    // The deputy also sits, part-time, on the Front's committee.
                    posts.Add(Post(commune, front, CadrePost.Deputy, merger.AddMonths(3), fullTime: false));
                }

                cadres.Add((cadre, posts));
            }
        }

        // Transfers this year: a cadre of one commune moved to the next one on the first day of a month.
        var year = new DateOnly(today.Year, 1, 1);
        foreach (var k in Enumerable.Range(0, Math.Min(6, communes.Count / 10)))
        {
            var from = communes[(k * 13) + 1];
            var to = communes[(k * 13) + 2];
            var moved = cadres.First(c =>
                c.Cadre.UnitId == from.Id && c.Posts[0].Post == CadrePost.Specialist && c.Posts.Count == 1
            );
            var day = year.AddMonths(1 + (k % 6));
            if (day > today)
            {
                continue;
            }

            moved.Posts[0].EndOn = day.AddDays(-1);
            var party = bodies.First(b => b.UnitId == to.Id && b.Type == OrganizationType.PartyCommittee).Id;
            moved.Posts.Add(Post(to, party, CadrePost.Specialist, day));
            moved.Cadre.UnitId = to.Id;
            moved.Cadre.CommuneId = to.CommuneId;
        }

        db.Cadres.AddRange(cadres.Select(c => c.Cadre));
        await db.SaveChangesAsync(ct);
        foreach (var (cadre, posts) in cadres)
        {
            foreach (var post in posts)
            {
                post.CadreId = cadre.Id;
                post.CadreTheory = cadre.TheoryLevel;
            }
        }

        db.CadrePositions.AddRange(cadres.SelectMany(c => c.Posts));

        // The 2025–2030 plan's quotas: 32 for the commission, 6 for a commune (5 for a small one), rising by one in
        // 2028 where the commune's population grew; 70 % at intermediate theory or above for the province, 60 % below.
        foreach (
            var planYear in Enumerable.Range(
                StaffingQuota.FirstYear,
                StaffingQuota.LastYear - StaffingQuota.FirstYear + 1
            )
        )
        {
            db.StaffingQuotas.Add(
                new StaffingQuota
                {
                    UnitId = province.Id,
                    ProvinceId = province.ProvinceId,
                    UnitLevel = province.Level,
                    Year = planYear,
                    Quota = 32,
                    MinTheoryShare = 70,
                }
            );
            foreach (var (commune, n) in communes.Select((c, n) => (c, n)))
            {
                db.StaffingQuotas.Add(
                    new StaffingQuota
                    {
                        UnitId = commune.Id,
                        ProvinceId = commune.ProvinceId,
                        CommuneId = commune.CommuneId,
                        UnitLevel = commune.Level,
                        Year = planYear,
                        Quota = (n % 5 == 4 ? 5 : 6) + (planYear >= 2028 && n % 4 == 0 ? 1 : 0),
                        MinTheoryShare = 60,
                    }
                );
            }
        }

        await db.SaveChangesAsync(ct);
        await SeedResponsibilitiesAsync(db, province, communes, [.. cadres.Select(c => c.Cadre)], random, today, ct);
        await SeedTrainingAsync(db, province, communes, [.. cadres.Select(c => c.Cadre)], today, ct);
        db.ChangeTracker.Clear();
        return cadres.Count;
    }

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

    private static readonly string[] Done =
    [
        "Dự sinh hoạt chi bộ, nắm tình hình tư tưởng cán bộ, đảng viên",
        "Đối thoại với hộ dân về giải phóng mặt bằng đường Vành đai 4",
        "Kiểm tra mô hình \"Dân vận khéo\" của xã, gặp tổ tự quản",
        "Dự hội nghị giao ban công tác dân vận quý",
        "Thăm hộ nghèo, gia đình chính sách trước Tết",
        "Nắm tình hình thực hiện quy chế dân chủ ở cơ sở",
    ];

    private static readonly string[] Issues =
    [
        "Người dân đề nghị sớm chi trả tiền bồi thường",
        "Đường ngõ xóm xuống cấp sau mùa mưa",
        "Cần thêm kinh phí cho hoạt động của tổ hòa giải",
        "Ô nhiễm từ cụm công nghiệp làng nghề",
    ];

    /// <summary>
    /// "The province holds the commune": the commission's cadres each hold a few communes, and a Front committee holds
    /// some of its villages, with their visit reports. Every ninth commune is held by nobody and every sixth holder has
    /// not reported for over a month, so the coverage report has gaps; Kinh Bắc (with its villages) and Tiên Du are left
    /// to nobody, for the browser tests to assign.
    /// </summary>
    private static async Task SeedResponsibilitiesAsync(
        DanVanDbContext db,
        Unit province,
        IReadOnlyList<Unit> communes,
        IReadOnlyList<Cadre> cadres,
        Random random,
        DateOnly today,
        CancellationToken ct
    )
    {
        var holders = cadres.Where(c => c.UnitId == province.Id).ToList();
        var fronts = await db
            .Organizations.AsNoTracking()
            .Where(o =>
                o.ProvinceId == province.Id && o.VillageId == null && o.Type == OrganizationType.FatherlandFront
            )
            .ToDictionaryAsync(o => o.UnitId, o => o.Id, ct);
        var villages = await db
            .Units.AsNoTracking()
            .Where(u => u.ProvinceId == province.Id && u.Level == UnitLevel.Village && u.ValidTo == null)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var held = new List<(Responsibility Row, bool Silent)>();
        foreach (var (commune, n) in communes.Select((c, n) => (c, n)))
        {
            if (commune.Name is "Kinh Bắc" or "Tiên Du" || n % 9 == 5)
            {
                continue;
            }

            held.Add(
                (
                    new Responsibility
                    {
                        UnitId = commune.Id,
                        ProvinceId = commune.ProvinceId,
                        CommuneId = commune.CommuneId,
                        UnitLevel = commune.Level,
                        HolderCadreId = holders[n % holders.Count].Id,
                        FromOn = new DateOnly(2025, 7, 1).AddDays(random.Next(0, 60)),
                        Note = "Nắm tình hình, dự sinh hoạt chi bộ và hội nghị của xã",
                    },
                    n % 6 == 1
                )
            );
            if (n % 3 != 0 || !fronts.TryGetValue(commune.Id, out var front))
            {
                continue;
            }

            foreach (var village in villages.Where(v => v.CommuneId == commune.Id).Take(2))
            {
                held.Add(
                    (
                        new Responsibility
                        {
                            UnitId = village.Id,
                            ProvinceId = village.ProvinceId,
                            CommuneId = village.CommuneId,
                            VillageId = village.VillageId,
                            UnitLevel = village.Level,
                            HolderOrganizationId = front,
                            FromOn = new DateOnly(2025, 9, 1),
                        },
                        false
                    )
                );
            }
        }

        db.Responsibilities.AddRange(held.Select(h => h.Row));
        await HeldUnits.SyncAsync(db, [.. held.Select(h => h.Row.UnitId)], ct);
        await db.SaveChangesAsync(ct);
        foreach (var (row, silent) in held)
        {
            var count = silent ? 1 : 1 + random.Next(3);
            for (var k = 0; k < count; k++)
            {
                var day = silent
                    ? today.AddDays(-45 - random.Next(60))
                    : today.AddDays(-2 - (k * 20) - random.Next(15));
                if (day < row.FromOn)
                {
                    continue;
                }

                db.ResponsibilityVisits.Add(
                    new ResponsibilityVisit
                    {
                        ResponsibilityId = row.Id,
                        UnitId = row.UnitId,
                        ProvinceId = row.ProvinceId,
                        CommuneId = row.CommuneId,
                        VillageId = row.VillageId,
                        UnitLevel = row.UnitLevel,
                        VisitedOn = day,
                        Done = Done[random.Next(Done.Length)],
                        Issues = random.Next(3) == 0 ? Issues[random.Next(Issues.Length)] : null,
                    }
                );
                row.LastVisitOn = row.LastVisitOn is { } last && last > day ? last : day;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
