using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for cadre records. The fixture writes, straight to the database, a cadre of each probed
/// unit with one post in that unit's organization; the erasure acts on a fresh cadre per call.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private readonly Dictionary<int, (int Cadre, int Position)> cadreFixture = [];

    private async Task<(int Cadre, int Position)> CadreOfAsync(Unit unit, bool fresh = false)
    {
        if (!fresh && cadreFixture.TryGetValue(unit.Id, out var known))
        {
            return known;
        }

        var made = await fixture.WithDbAsync(async db =>
        {
            var cadre = new Cadre
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                FullName = "Cán Bộ Ma Trận",
                BirthDate = new DateOnly(1980, 1, 1),
                Sex = Sex.Male,
                SearchText = "can bo ma tran",
                CreatedAt = DateTime.UtcNow,
            };
            db.Cadres.Add(cadre);
            await db.SaveChangesAsync();
            var position = new CadrePosition
            {
                CadreId = cadre.Id,
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                OrganizationId = await db.Organizations.Where(o => o.UnitId == unit.Id).Select(o => o.Id).FirstAsync(),
                Post = CadrePost.Specialist,
                FullTime = true,
                StartOn = new DateOnly(2025, 7, 1),
            };
            db.CadrePositions.Add(position);
            await db.SaveChangesAsync();
            return (cadre.Id, position.Id);
        });
        if (!fresh)
        {
            cadreFixture[unit.Id] = made;
        }

        return made;
    }

    private readonly Dictionary<int, int> responsibilityFixture = [];

    /// <summary>An assignment holding the unit (made once, straight to the database): one of its organizations holds
    /// it.</summary>
    private async Task<int> ResponsibilityOfAsync(Unit unit)
    {
        if (responsibilityFixture.TryGetValue(unit.Id, out var known))
        {
            return known;
        }

        var id = await fixture.WithDbAsync(async db =>
        {
            var row = new Responsibility
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                HolderOrganizationId = await db
                    .Organizations.Where(o => o.UnitId == unit.Id)
                    .Select(o => o.Id)
                    .FirstAsync(),
                FromOn = new DateOnly(2025, 7, 1),
            };
            db.Responsibilities.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        responsibilityFixture[unit.Id] = id;
        return id;
    }

    private readonly Dictionary<int, (int Course, int Enrolment)> trainingFixture = [];

    /// <summary>The unit that offers the probed unit's course: the unit itself, or a village's commune.</summary>
    private Unit CourseUnit(Unit unit) => unit.Level == UnitLevel.Village ? fixture.ParentOf(unit)! : unit;

    /// <summary>A course of the probed unit (or of a village's commune) with the probed unit's cadre enrolled in it
    /// (made once, straight to the database).</summary>
    private async Task<(int Course, int Enrolment)> CourseOfAsync(Unit unit)
    {
        if (trainingFixture.TryGetValue(unit.Id, out var known))
        {
            return known;
        }

        var (cadre, _) = await CadreOfAsync(unit);
        var at = CourseUnit(unit);
        var made = await fixture.WithDbAsync(async db =>
        {
            var course = new TrainingCourse
            {
                UnitId = at.Id,
                ProvinceId = at.ProvinceId,
                CommuneId = at.CommuneId,
                UnitLevel = at.Level,
                Title = "Lớp ma trận",
                Kind = TrainingKind.PoliticalTheory,
                AwardsTheory = TheoryLevel.Intermediate,
                StartsOn = new DateOnly(2026, 3, 2),
                EndsOn = new DateOnly(2026, 6, 30),
                CreatedAt = DateTime.UtcNow,
            };
            db.TrainingCourses.Add(course);
            await db.SaveChangesAsync();
            var enrolment = new TrainingEnrolment
            {
                CourseId = course.Id,
                CadreId = cadre,
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                CourseEndsOn = course.EndsOn,
                Status = EnrolmentStatus.Enrolled,
            };
            db.TrainingEnrolments.Add(enrolment);
            await db.SaveChangesAsync();
            return (course.Id, enrolment.Id);
        });
        trainingFixture[unit.Id] = made;
        return made;
    }

    private IEnumerable<Case> PersonnelCases()
    {
        var t = fixture;
        Func<Role, Relation, bool> read = (role, r) => Has(role, Permission.PersonnelView) && InScope(role, U(r));
        Func<Role, Relation, bool> personal = (role, r) =>
            Has(role, Permission.PersonnelPersonalData) && InScope(role, U(r));
        Func<Role, Relation, bool> edit = (role, r) => personal(role, r) && Has(role, Permission.PersonnelEdit);

        yield return Page("/cadres", (role, _) => Has(role, Permission.PersonnelView), (_, _) => "/cadres");
        yield return PageAsync("/cadres/{Id:int}", read, async (_, r) => $"/cadres/{(await CadreOfAsync(U(r))).Cadre}");
        yield return PageAsync("/cadres/{Id:int}/edit", edit, async (_, r) =>
            $"/cadres/{(await CadreOfAsync(U(r))).Cadre}/edit"
        );
        yield return Page(
            "/cadres/new",
            (role, r) => edit(role, r) && U(r).Level != UnitLevel.Village,
            (_, r) => $"/cadres/new?unitId={U(r).Id}"
        );
        yield return PageAsync("/cadres/{Id:int}/positions/new", edit, async (_, r) =>
            $"/cadres/{(await CadreOfAsync(U(r))).Cadre}/positions/new"
        );
        yield return PageAsync("/cadres/{Id:int}/positions/{PositionId:int}/edit", edit, async (_, r) =>
        {
            var (cadre, position) = await CadreOfAsync(U(r));
            return $"/cadres/{cadre}/positions/{position}/edit";
        });

        // ---- Cadre lists from a spreadsheet: the page, the template, the check (preview, so nothing is written), the copy
        // with problems (a staged file of the caller only: 404 for an unknown one means the handler was reached).
        yield return Page(
            "/cadres/import",
            (role, _) => Has(role, Permission.PersonnelEdit),
            (_, _) => "/cadres/import"
        );
        yield return new Case(
            "GET /cadres/import/template.xlsx",
            (role, _) => Has(role, Permission.PersonnelEdit),
            async (role, _) => Allowed(await t.Pages[role].GetAsync("/cadres/import/template.xlsx"))
        );
        yield return Api(
            "GET /api/v1/cadres/import/template",
            (role, _) => Has(role, Permission.PersonnelEdit),
            (role, _) => t.Api[role].GetAsync("/api/v1/cadres/import/template")
        );
        yield return new Case(
            "GET /cadres/import/problems/{id:guid}",
            (role, _) => Has(role, Permission.PersonnelEdit),
            async (role, _) =>
                (await t.Pages[role].GetAsync($"/cadres/import/problems/{Guid.NewGuid()}")).StatusCode
                == System.Net.HttpStatusCode.NotFound
        );
        yield return Api(
            "POST /api/v1/cadres/import",
            (role, r) => edit(role, r) && U(r).Level != UnitLevel.Village,
            (role, r) =>
                t.Api[role]
                    .PostAsync(
                        "/api/v1/cadres/import",
                        new MultipartFormDataContent
                        {
                            {
                                new ByteArrayContent(
                                    System.Text.Encoding.UTF8.GetBytes(
                                        $"code,ho_ten,ngay_sinh,gioi_tinh,ly_luan_chinh_tri\n{U(r).Code},Cán Bộ Nhập Ma Trận,1980-01-01,Female,Intermediate\n"
                                    )
                                ),
                                "file",
                                "import.csv"
                            },
                        }
                    ),
            async (_, _, response) =>
                response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("problems")
                    .GetArrayLength() == 0
        );

        yield return ApiAsync(
            "GET /api/v1/cadres/",
            read,
            async (role, _) => await t.Api[role].GetAsync("/api/v1/cadres?limit=500"),
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .Any(x => x.GetProperty("id").GetInt32() == CadreOfAsync(U(r)).Result.Cadre)
        );
        yield return ApiAsync("GET /api/v1/cadres/{id:int}", read, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/cadres/{(await CadreOfAsync(U(r))).Cadre}")
        );
        yield return ApiAsync("POST /api/v1/cadres/", edit, async (role, r) =>
            await t.Api[role].PostAsJsonAsync("/api/v1/cadres", new { unitId = U(r).Id })
        );
        yield return ApiAsync("PUT /api/v1/cadres/{id:int}", edit, async (role, r) =>
            await t.Api[role].PutAsJsonAsync($"/api/v1/cadres/{(await CadreOfAsync(U(r))).Cadre}", new { version = 0 })
        );
        yield return ApiAsync("POST /api/v1/cadres/{id:int}/personal-data", personal, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/cadres/{(await CadreOfAsync(U(r))).Cadre}/personal-data", null)
        );
        yield return ApiAsync("POST /api/v1/cadres/{id:int}/personal-data/export", personal, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/cadres/{(await CadreOfAsync(U(r))).Cadre}/personal-data/export", null)
        );
        yield return new Case("POST /cadres/{id:int}/personal-data/export", personal, async (role, r) =>
        {
            var response = await PostWithTokenAsync(
                t.Pages[role],
                $"/cadres/{(await CadreOfAsync(U(r))).Cadre}/personal-data/export",
                []
            );
            return Allowed(response) && response.Content.Headers.ContentType?.MediaType == "application/json";
        });
        yield return ApiAsync("POST /api/v1/cadres/{id:int}/personal-data/erase", edit, async (role, r) =>
        {
            var (cadre, _) = await CadreOfAsync(U(r), fresh: true);
            var version = await t.WithDbAsync(db =>
                db.Cadres.Where(c => c.Id == cadre).Select(c => c.Version).SingleAsync()
            );
            return await t.Api[role].PostAsJsonAsync($"/api/v1/cadres/{cadre}/personal-data/erase", new { version });
        });
        yield return ApiAsync("POST /api/v1/cadres/{id:int}/positions", edit, async (role, r) =>
            await t.Api[role].PostAsJsonAsync($"/api/v1/cadres/{(await CadreOfAsync(U(r))).Cadre}/positions", new { })
        );
        yield return ApiAsync("PUT /api/v1/cadres/{id:int}/positions/{positionId:int}", edit, async (role, r) =>
        {
            var (cadre, position) = await CadreOfAsync(U(r));
            return await t.Api[role]
                .PutAsJsonAsync($"/api/v1/cadres/{cadre}/positions/{position}", new { version = 0 });
        });

        // The staffing plan: head counts for every staff role in scope; a quota is set from the unit above (here only
        // the system administrator holds the parents of the probed units), never for a village.
        var year = StaffingQuota.FirstYear + 1;
        Func<Role, Relation, bool> setsQuota = (role, r) =>
            role == Role.SystemAdministrator && U(r).Level != UnitLevel.Village;
        yield return Page("/staffing", View, (_, r) => $"/staffing?unitId={U(r).Id}&year={year}");
        yield return Page("/staffing/{UnitId:int}/{Year:int}/quota", setsQuota, (_, r) =>
            $"/staffing/{U(r).Id}/{year}/quota"
        );
        yield return Api("GET /api/v1/staffing/", View, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/staffing?unitId={U(r).Id}&year={year}")
        );
        yield return Api("GET /api/v1/staffing/years", View, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/staffing/years?unitId={U(r).Id}")
        );
        yield return Api("GET /api/v1/staffing/report", View, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/staffing/report?unitId={U(r).Id}&year={year}&format=xlsx")
        );
        yield return new Case("GET /staffing/report", View, async (role, r) =>
        {
            var response = await t.Pages[role].GetAsync($"/staffing/report?unitId={U(r).Id}&year={year}&format=docx");
            return Allowed(response) && response.IsSuccessStatusCode;
        });
        yield return Api("PUT /api/v1/staffing/{unitId:int}/{year:int}", setsQuota, (role, r) =>
            t.Api[role].PutAsJsonAsync($"/api/v1/staffing/{U(r).Id}/{year}", new { })
        );

        // Responsibility: seen with the personnel view over the held unit; a unit is assigned from the unit above (the
        // personnel officers of its parent), a group inside it by the unit itself; a visit is reported by the holder's
        // account or the personnel officers over the unit (the fixture's holders are organizations, so the latter).
        Func<Role, Relation, bool> assigns = (role, r) =>
            Has(role, Permission.PersonnelEdit)
            && Has(role, Permission.PersonnelPersonalData)
            && t.ParentOf(U(r)) is { } parent
            && InScope(role, parent);
        Func<Role, Relation, bool> coverage = (role, r) => read(role, r) && U(r).Level != UnitLevel.Village;
        yield return Page("/responsibilities", coverage, (_, r) => $"/responsibilities?unitId={U(r).Id}");
        yield return PageAsync("/responsibilities/{Id:int}", read, async (_, r) =>
            $"/responsibilities/{await ResponsibilityOfAsync(U(r))}"
        );
        yield return PageAsync("/responsibilities/{Id:int}/edit", assigns, async (_, r) =>
            $"/responsibilities/{await ResponsibilityOfAsync(U(r))}/edit"
        );
        yield return Page(
            "/responsibilities/new",
            (role, r) => assigns(role, r) || edit(role, r),
            (_, r) => $"/responsibilities/new?unit={U(r).Id}"
        );
        yield return ApiAsync(
            "GET /api/v1/responsibilities/",
            read,
            async (role, _) => await t.Api[role].GetAsync("/api/v1/responsibilities"),
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.EnumerateArray()
                    .Any(x => x.GetProperty("id").GetInt32() == ResponsibilityOfAsync(U(r)).Result)
        );
        yield return Api("GET /api/v1/responsibilities/coverage", coverage, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/responsibilities/coverage?unitId={U(r).Id}")
        );
        yield return ApiAsync("GET /api/v1/responsibilities/{id:int}", read, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/responsibilities/{await ResponsibilityOfAsync(U(r))}")
        );
        yield return Api("POST /api/v1/responsibilities/", assigns, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/responsibilities", new { unitId = U(r).Id })
        );
        yield return ApiAsync("PUT /api/v1/responsibilities/{id:int}", assigns, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync($"/api/v1/responsibilities/{await ResponsibilityOfAsync(U(r))}", new { version = 0 })
        );
        yield return ApiAsync("POST /api/v1/responsibilities/{id:int}/visits", edit, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync($"/api/v1/responsibilities/{await ResponsibilityOfAsync(U(r))}/visits", new { })
        );

        // Training: a course is read by the personnel view of its unit's subtree and of the units below it (the probed
        // roles sit in C1, so the province P1's course is theirs to read); it is offered and changed by the personnel
        // officers of its unit; a cadre is enrolled by those over the cadre, and so is the result recorded.
        Func<Role, Relation, bool> readsCourse = (role, r) =>
            Has(role, Permission.PersonnelView)
            && (InScope(role, CourseUnit(U(r))) || CourseUnit(U(r)).Id == t.Tree.P1.Id);
        Func<Role, Relation, bool> offers = (role, r) =>
            Has(role, Permission.PersonnelEdit)
            && Has(role, Permission.PersonnelPersonalData)
            && InScope(role, CourseUnit(U(r)));
        Func<Role, Relation, bool> enrols = (role, r) =>
            readsCourse(role, r) && Has(role, Permission.PersonnelEdit) && Has(role, Permission.PersonnelPersonalData);
        yield return Page("/training", (role, _) => Has(role, Permission.PersonnelView), (_, _) => "/training");
        yield return Page(
            "/training/new",
            (role, _) => Has(role, Permission.PersonnelEdit) && Has(role, Permission.PersonnelPersonalData),
            (_, _) => "/training/new"
        );
        yield return PageAsync("/training/{Id:int}", readsCourse, async (_, r) =>
            $"/training/{(await CourseOfAsync(U(r))).Course}"
        );
        yield return PageAsync("/training/{Id:int}/edit", offers, async (_, r) =>
            $"/training/{(await CourseOfAsync(U(r))).Course}/edit"
        );
        yield return PageAsync("/training/{Id:int}/enrolments/{EnrolmentId:int}", edit, async (_, r) =>
        {
            var (course, enrolment) = await CourseOfAsync(U(r));
            return $"/training/{course}/enrolments/{enrolment}";
        });
        yield return Api(
            "GET /api/v1/training/",
            (role, _) => Has(role, Permission.PersonnelView),
            (role, _) => t.Api[role].GetAsync("/api/v1/training")
        );
        yield return Api("POST /api/v1/training/", offers, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/training", new { unitId = CourseUnit(U(r)).Id })
        );
        yield return ApiAsync("GET /api/v1/training/{id:int}", readsCourse, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/training/{(await CourseOfAsync(U(r))).Course}")
        );
        yield return ApiAsync("PUT /api/v1/training/{id:int}", offers, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync($"/api/v1/training/{(await CourseOfAsync(U(r))).Course}", new { version = 0 })
        );
        yield return ApiAsync("POST /api/v1/training/{id:int}/enrolments", enrols, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync($"/api/v1/training/{(await CourseOfAsync(U(r))).Course}/enrolments", new { })
        );
        yield return ApiAsync("PUT /api/v1/training/{id:int}/enrolments/{enrolmentId:int}", edit, async (role, r) =>
        {
            var (course, enrolment) = await CourseOfAsync(U(r));
            return await t.Api[role]
                .PutAsJsonAsync($"/api/v1/training/{course}/enrolments/{enrolment}", new { version = 0 });
        });
    }
}
