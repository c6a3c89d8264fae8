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
internal static partial class DemoCadres
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
        // 2028 where the commune's population grew; 70 % at intermediate theory or above for the province, 60 % below
        // (50 % for the Front's one where a commune's quota is given body by body).
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
                StaffingQuota Quota(int quota, int share, int? body) =>
                    new()
                    {
                        UnitId = commune.Id,
                        ProvinceId = commune.ProvinceId,
                        CommuneId = commune.CommuneId,
                        UnitLevel = commune.Level,
                        Year = planYear,
                        OrganizationId = body,
                        Quota = quota,
                        MinTheoryShare = share,
                    };
                var total = (n % 5 == 4 ? 5 : 6) + (planYear >= 2028 && n % 4 == 0 ? 1 : 0);
                if (n % 3 == 1)
                {
                    // Every third commune's quota is given body by body: the Front's one, the Party committee's the rest.
                    db.StaffingQuotas.Add(
                        Quota(
                            total - 1,
                            60,
                            bodies.First(b => b.UnitId == commune.Id && b.Type == OrganizationType.PartyCommittee).Id
                        )
                    );
                    db.StaffingQuotas.Add(
                        Quota(
                            1,
                            50,
                            bodies.First(b => b.UnitId == commune.Id && b.Type == OrganizationType.FatherlandFront).Id
                        )
                    );
                }
                else
                {
                    db.StaffingQuotas.Add(Quota(total, 60, null));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await SeedResponsibilitiesAsync(db, province, communes, [.. cadres.Select(c => c.Cadre)], random, today, ct);
        await SeedTrainingAsync(db, province, communes, [.. cadres.Select(c => c.Cadre)], today, ct);
        db.ChangeTracker.Clear();
        return cadres.Count;
    }
}
