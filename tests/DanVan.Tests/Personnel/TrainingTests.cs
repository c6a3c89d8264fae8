using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Personnel;

/// <summary>
/// Training (ADR-0031 step 4): who offers, reads and fills a course; a completed political-theory course raises the
/// cadre's level and so the staffing figures, and a completion withdrawn puts it back; what is refused writes nothing;
/// the training figures equal their recompute.
/// </summary>
public sealed class TrainingTests(TrainingTests.Fixture f) : IClassFixture<TrainingTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient P1Personnel { get; private set; } = default!;
        public HttpClient C1Personnel { get; private set; } = default!;
        public HttpClient C2Personnel { get; private set; } = default!;
        public HttpClient C1Leader { get; private set; } = default!;
        public int C1Body { get; private set; }
        public int C2Body { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            P1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.P1));
            C1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C1));
            C2Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C2));
            C1Leader = await ApiClientAsync(await CreateAccountAsync(Role.Leader, Tree.C1));
            (C1Body, C2Body) = await WithDbAsync(async db =>
                (
                    await db.Organizations.Where(o => o.UnitId == Tree.C1.Id).Select(o => o.Id).FirstAsync(),
                    await db.Organizations.Where(o => o.UnitId == Tree.C2.Id).Select(o => o.Id).FirstAsync()
                )
            );
        }
    }

    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly day) =>
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A cadre with a full-time post in the body since two years.</summary>
    private async Task<int> CadreAsync(string name, Web.Features.Units.Unit unit, int body, string theory)
    {
        var created = await f.P1Personnel.PostAsJsonAsync(
            "/api/v1/cadres",
            new
            {
                unitId = unit.Id,
                fullName = name,
                birthDate = Iso(Today.AddYears(-35)),
                sex = "Female",
                theoryLevel = theory,
            }
        );
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
        var post = await f.P1Personnel.PostAsJsonAsync(
            $"/api/v1/cadres/{id}/positions",
            new
            {
                organizationId = body,
                post = "Specialist",
                fullTime = true,
                startOn = Iso(Today.AddYears(-2)),
            }
        );
        Assert.True(post.StatusCode == HttpStatusCode.Created, await post.Content.ReadAsStringAsync());
        return id;
    }

    private static object Course(
        int unitId,
        string title,
        string kind = "PoliticalTheory",
        string? awards = "Intermediate"
    ) =>
        new
        {
            unitId,
            title,
            kind,
            awardsTheory = awards,
            startsOn = Iso(Today.AddMonths(-6)),
            endsOn = Iso(Today.AddDays(-10)),
            provider = "Trường Chính trị tỉnh",
        };

    private async Task<int> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode == HttpStatusCode.Created,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()} {string.Join("\n", f.Log.Errors)}"
        );
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiJson.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{field}: {errors}");
    }

    private Task<int> CountAsync() =>
        f.WithDbAsync(async db => await db.TrainingCourses.CountAsync() + await db.TrainingEnrolments.CountAsync());

    private async Task<double> QualifiedAsync(Web.Features.Units.Unit unit)
    {
        var plan = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/staffing?unitId={unit.Id}&year={Today.Year}")
        );
        return plan.GetProperty("total").GetProperty("qualified").GetDouble();
    }

    private async Task<JsonElement> EnrolmentAsync(HttpClient client, int course, int cadre)
    {
        var view = await ApiJson.OkAsync(await client.GetAsync($"/api/v1/training/{course}"));
        return view.GetProperty("enrolments")
            .EnumerateArray()
            .Single(e => e.GetProperty("cadreId").GetInt32() == cadre);
    }

    [Fact]
    public async Task A_province_course_is_filled_by_each_commune_with_its_own_cadres_and_a_completion_raises_the_staffing_figures()
    {
        var t = f.Tree;
        var lan = await CadreAsync("Nguyễn Thị Lan", t.C1, f.C1Body, "Elementary");
        var hoa = await CadreAsync("Trần Thị Hoa", t.C2, f.C2Body, "None");
        var course = await CreatedAsync(
            await f.P1Personnel.PostAsJsonAsync("/api/v1/training", Course(t.P1.Id, "Trung cấp lý luận chính trị K12"))
        );

        // The communes read the province's course and put their own cadres in it; each sees only its own.
        Assert.Contains((await ApiJson.OkAsync(await f.C1Leader.GetAsync("/api/v1/training"))).EnumerateArray(), c =>
            c.GetProperty("id").GetInt32() == course
        );
        var lanIn = await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = lan })
        );
        await CreatedAsync(
            await f.C2Personnel.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = hoa })
        );
        var seenByC1 = await ApiJson.OkAsync(await f.C1Personnel.GetAsync($"/api/v1/training/{course}"));
        Assert.Equal(
            [lan],
            seenByC1.GetProperty("enrolments").EnumerateArray().Select(e => e.GetProperty("cadreId").GetInt32())
        );
        Assert.Equal("N••• T••• L•••", seenByC1.GetProperty("enrolments")[0].GetProperty("cadreName").GetString());
        var seenByP1 = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/training/{course}"));
        Assert.Equal(2, seenByP1.GetProperty("enrolments").GetArrayLength());
        Assert.Equal(2, seenByP1.GetProperty("course").GetProperty("enrolled").GetInt32());

        // A commune cannot enrol another commune's cadre (it cannot see them), nor the same cadre twice; a leader cannot
        // enrol at all.
        var before = await CountAsync();
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = hoa }),
            "CadreId"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = lan }),
            "CadreId"
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.C1Leader.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = lan })
            ).StatusCode
        );
        Assert.Equal(before, await CountAsync());

        // Lan completes: intermediate theory, so C1's qualified staff and the province's move by one.
        var c1Before = await QualifiedAsync(t.C1);
        var p1Before = await QualifiedAsync(t.P1);
        var enrolment = await EnrolmentAsync(f.C1Personnel, course, lan);
        var saved = await f.C1Personnel.PutAsJsonAsync(
            $"/api/v1/training/{course}/enrolments/{lanIn}",
            new
            {
                version = enrolment.GetProperty("version").GetInt32(),
                status = "Completed",
                completedOn = Iso(Today.AddDays(-10)),
                certificateNumber = "TC-2026/118",
            }
        );
        await ApiJson.OkAsync(saved);
        var cadre = await ApiJson.OkAsync(await f.C1Personnel.GetAsync($"/api/v1/cadres/{lan}"));
        Assert.Equal("Intermediate", cadre.GetProperty("theoryLevel").GetString());
        Assert.Equal("TC-2026/118", cadre.GetProperty("training")[0].GetProperty("certificateNumber").GetString());
        Assert.Equal(c1Before + 1, await QualifiedAsync(t.C1));
        Assert.Equal(p1Before + 1, await QualifiedAsync(t.P1));
        Assert.All(await f.WithDbAsync(db => db.CadrePositions.Where(p => p.CadreId == lan).ToListAsync()), p =>
            Assert.Equal(TheoryLevel.Intermediate, p.CadreTheory)
        );

        // The completion withdrawn: the level goes back, and the figures with it.
        enrolment = await EnrolmentAsync(f.C1Personnel, course, lan);
        await ApiJson.OkAsync(
            await f.C1Personnel.PutAsJsonAsync(
                $"/api/v1/training/{course}/enrolments/{lanIn}",
                new { version = enrolment.GetProperty("version").GetInt32(), status = "NotCompleted" }
            )
        );
        Assert.Equal(
            TheoryLevel.Elementary,
            await f.WithDbAsync(db => db.Cadres.Where(c => c.Id == lan).Select(c => c.TheoryLevel).SingleAsync())
        );
        Assert.Equal(c1Before, await QualifiedAsync(t.C1));

        // Completed again, by the province's officer (the offering unit is above the cadre).
        enrolment = await EnrolmentAsync(f.P1Personnel, course, lan);
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/training/{course}/enrolments/{lanIn}",
                new
                {
                    version = enrolment.GetProperty("version").GetInt32(),
                    status = "Completed",
                    completedOn = Iso(Today.AddDays(-9)),
                }
            )
        );

        // What a course awards is fixed once a cadre completed it; the figures equal their recompute.
        await AssertRefusedAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/training/{course}",
                new
                {
                    version = seenByP1.GetProperty("course").GetProperty("version").GetInt32(),
                    title = "Trung cấp lý luận chính trị K12",
                    kind = "PoliticalTheory",
                    awardsTheory = "Advanced",
                    startsOn = Iso(Today.AddMonths(-6)),
                    endsOn = Iso(Today.AddDays(-10)),
                }
            ),
            "AwardsTheory"
        );
        await using var scope = f.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
        var values = await scope
            .ServiceProvider.GetRequiredService<ReadStatistics>()
            .ValuesAsync(
                t.P1.Ref,
                StatisticPeriod.Of(PeriodKind.Year, Today.AddDays(-10).Year),
                Today,
                [
                    StatisticCatalogue.Get(StatisticCatalogue.TrainingEnrolled),
                    StatisticCatalogue.Get(StatisticCatalogue.TrainingCompleted),
                ],
                CancellationToken.None
            );
        Assert.True(values[StatisticCatalogue.TrainingEnrolled].Value >= 2);
        Assert.True(values[StatisticCatalogue.TrainingCompleted].Value >= 1);
    }

    [Fact]
    public async Task A_unit_offers_only_its_own_courses_and_bad_input_writes_nothing()
    {
        var t = f.Tree;
        var before = await CountAsync();

        // A commune cannot offer the province's course (the province is not its to see), nor a leader any course.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C1Personnel.PostAsJsonAsync("/api/v1/training", Course(t.P1.Id, "Lớp của tỉnh"))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Leader.PostAsJsonAsync("/api/v1/training", Course(t.C1.Id, "Lớp của xã"))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C1Personnel.PostAsJsonAsync("/api/v1/training", Course(t.C3.Id, "Lớp tỉnh khác"))).StatusCode
        );

        // A course ending before it starts; a level awarded by a course that is not political theory; no title.
        var backwards = await f.C1Personnel.PostAsJsonAsync(
            "/api/v1/training",
            new
            {
                unitId = t.C1.Id,
                title = "Lớp ngược",
                kind = "MassMobilization",
                startsOn = Iso(Today),
                endsOn = Iso(Today.AddDays(-1)),
            }
        );
        await AssertRefusedAsync(backwards, "EndsOn");
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/training", Course(t.C1.Id, "Lớp dân vận", "MassMobilization")),
            "AwardsTheory"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/training", Course(t.C1.Id, "  ")),
            "Title"
        );
        Assert.Equal(before, await CountAsync());

        // The commune's own course, sent twice with one key: one course. Another commune neither reads nor fills it.
        var key = Guid.NewGuid().ToString("N");
        HttpRequestMessage Request() =>
            new(HttpMethod.Post, "/api/v1/training")
            {
                Content = JsonContent.Create(Course(t.C1.Id, "Bồi dưỡng nghiệp vụ dân vận", "MassMobilization", null)),
                Headers = { { "Idempotency-Key", key } },
            };
        var course = await CreatedAsync(await f.C1Personnel.SendAsync(Request()));
        Assert.Equal(course, await CreatedAsync(await f.C1Personnel.SendAsync(Request())));
        Assert.Equal(before + 1, await CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await f.C2Personnel.GetAsync($"/api/v1/training/{course}")).StatusCode);
        Assert.DoesNotContain(
            (await ApiJson.OkAsync(await f.C2Personnel.GetAsync("/api/v1/training"))).EnumerateArray(),
            c => c.GetProperty("id").GetInt32() == course
        );

        // A cadre of C2 cannot join C1's course even through the province, which sees both.
        var hai = await CadreAsync("Lê Văn Hải", t.C2, f.C2Body, "None");
        await AssertRefusedAsync(
            await f.P1Personnel.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = hai }),
            "CadreId"
        );

        // A completion dated before the course began.
        var minh = await CadreAsync("Phạm Văn Minh", t.C1, f.C1Body, "None");
        var enrolled = await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync($"/api/v1/training/{course}/enrolments", new { cadreId = minh })
        );
        var row = await EnrolmentAsync(f.C1Personnel, course, minh);
        await AssertRefusedAsync(
            await f.C1Personnel.PutAsJsonAsync(
                $"/api/v1/training/{course}/enrolments/{enrolled}",
                new
                {
                    version = row.GetProperty("version").GetInt32(),
                    status = "Completed",
                    completedOn = Iso(Today.AddYears(-1)),
                }
            ),
            "CompletedOn"
        );
        Assert.Equal(
            EnrolmentStatus.Enrolled,
            await f.WithDbAsync(db =>
                db.TrainingEnrolments.Where(e => e.Id == enrolled).Select(e => e.Status).SingleAsync()
            )
        );

        // The course's last day moves: the enrolment's stamp follows, so the figures count it in its new month.
        var view = await ApiJson.OkAsync(await f.C1Personnel.GetAsync($"/api/v1/training/{course}"));
        var newEnd = Today.AddMonths(-2);
        await ApiJson.OkAsync(
            await f.C1Personnel.PutAsJsonAsync(
                $"/api/v1/training/{course}",
                new
                {
                    version = view.GetProperty("course").GetProperty("version").GetInt32(),
                    title = "Bồi dưỡng nghiệp vụ dân vận",
                    kind = "MassMobilization",
                    startsOn = Iso(Today.AddMonths(-6)),
                    endsOn = Iso(newEnd),
                }
            )
        );
        Assert.Equal(
            newEnd,
            await f.WithDbAsync(db =>
                db.TrainingEnrolments.Where(e => e.Id == enrolled).Select(e => e.CourseEndsOn).SingleAsync()
            )
        );
        await using var scope = f.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }

    [Fact]
    public async Task A_course_of_many_participants_shows_each_units_counts_first_and_one_units_participants_on_request()
    {
        var t = f.Tree;
        var course = await CreatedAsync(
            await f.P1Personnel.PostAsJsonAsync("/api/v1/training", Course(t.P1.Id, "Bồi dưỡng kỹ năng dân vận 2026"))
        );
        var ends = await f.WithDbAsync(db =>
            db.TrainingCourses.Where(c => c.Id == course).Select(c => c.EndsOn).SingleAsync()
        );
        // 30 cadres of the first commune (3 completed, 2 withdrawn) and 15 of the second, written as the handlers would.
        await f.WithDbAsync(async db =>
        {
            var cadres = new List<(Cadre Cadre, Web.Features.Units.Unit Unit, int Index)>();
            foreach (var (unit, count) in new[] { (t.C1, 30), (t.C2, 15) })
            {
                for (var i = 0; i < count; i++)
                {
                    var cadre = new Cadre
                    {
                        FullName = $"Học viên {unit.Code} {i}",
                        BirthDate = Today.AddYears(-30),
                        Sex = Sex.Male,
                        SearchText = "hoc vien",
                        CreatedAt = DateTime.UtcNow,
                        UnitLevel = unit.Level,
                    };
                    unit.Ref.StampOnto(cadre);
                    db.Cadres.Add(cadre);
                    cadres.Add((cadre, unit, i));
                }
            }

            await db.SaveChangesAsync();
            foreach (var (cadre, unit, i) in cadres)
            {
                var enrolment = new TrainingEnrolment
                {
                    CourseId = course,
                    CadreId = cadre.Id,
                    UnitLevel = unit.Level,
                    CourseEndsOn = ends,
                    Status =
                        unit.Id == t.C1.Id && i < 3 ? EnrolmentStatus.Completed
                        : unit.Id == t.C1.Id && i < 5 ? EnrolmentStatus.Withdrawn
                        : EnrolmentStatus.Enrolled,
                };
                unit.Ref.StampOnto(enrolment);
                db.TrainingEnrolments.Add(enrolment);
            }

            await db.SaveChangesAsync();
        });

        using var province = await f.SignInAsync(await f.CreateAccountAsync(Role.PersonnelOfficer, t.P1));
        var (_, page) = await province.GetPageAsync($"/training/{course}");
        var units = page.QuerySelectorAll("li[data-enrolment-unit]").ToList();
        Assert.Equal(2, units.Count);
        Assert.Empty(page.QuerySelectorAll("li[data-enrolment]"));
        var first = units.Single(u =>
            u.GetAttribute("data-enrolment-unit") == t.C1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        // 30 in C1, two of them withdrawn: 28 counted, 3 completed.
        Assert.Equal("Học viên: 28 · Hoàn thành: 3", first.QuerySelector("p")!.TextContent.Trim());
        var (_, one) = await province.GetPageAsync($"/training/{course}?unit={t.C2.Id}");
        Assert.Equal(15, one.QuerySelectorAll("li[data-enrolment]").Length);

        // The commune's officer sees only its own 30: few enough to be listed at once.
        using var commune = await f.SignInAsync(await f.CreateAccountAsync(Role.PersonnelOfficer, t.C1));
        var (_, own) = await commune.GetPageAsync($"/training/{course}");
        Assert.Empty(own.QuerySelectorAll("li[data-enrolment-unit]"));
        Assert.Equal(30, own.QuerySelectorAll("li[data-enrolment]").Length);
    }
}
