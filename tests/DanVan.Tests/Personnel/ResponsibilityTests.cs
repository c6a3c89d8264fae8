using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Personnel;

/// <summary>
/// "The province holds the commune, the commune holds the people": who may assign whom, what is refused (nothing
/// written), the visit reports and who files them, the masked holder on the unit's page, and the coverage report.
/// </summary>
public sealed class ResponsibilityTests(ResponsibilityTests.Fixture f) : IClassFixture<ResponsibilityTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient P1Personnel { get; private set; } = default!;
        public HttpClient C1Personnel { get; private set; } = default!;
        public HttpClient C2Personnel { get; private set; } = default!;
        public HttpClient C1Leader { get; private set; } = default!;
        public HttpClient C1Officer { get; private set; } = default!;
        public TestAccount C1LeaderAccount { get; private set; } = default!;
        public TestAccount HolderAccount { get; private set; } = default!;
        public HttpClient Holder { get; private set; } = default!;
        public int P1Body { get; private set; }
        public int C1Body { get; private set; }
        public int C3Body { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            P1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.P1));
            C1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C1));
            C2Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C2));
            C1LeaderAccount = await CreateAccountAsync(Role.Leader, Tree.C1);
            C1Leader = await ApiClientAsync(C1LeaderAccount);
            C1Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            // The holder: a province officer whose account is linked to their cadre record.
            HolderAccount = await CreateAccountAsync(Role.Officer, Tree.P1);
            Holder = await ApiClientAsync(HolderAccount);
            (P1Body, C1Body, C3Body) = await WithDbAsync(async db =>
                (
                    await db.Organizations.Where(o => o.UnitId == Tree.P1.Id).Select(o => o.Id).FirstAsync(),
                    await db.Organizations.Where(o => o.UnitId == Tree.C1.Id).Select(o => o.Id).FirstAsync(),
                    await db.Organizations.Where(o => o.UnitId == Tree.C3.Id).Select(o => o.Id).FirstAsync()
                )
            );
        }
    }

    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly day) =>
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> CadreAsync(string name, Web.Features.Units.Unit unit, int? accountId = null)
    {
        var created = await f.P1Personnel.PostAsJsonAsync(
            "/api/v1/cadres",
            new
            {
                unitId = unit.Id,
                fullName = name,
                birthDate = Iso(Today.AddYears(-40)),
                sex = "Female",
                theoryLevel = "Advanced",
            }
        );
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
        if (accountId is { } account)
        {
            await f.WithDbAsync(async db =>
            {
                var cadre = await db.Cadres.SingleAsync(c => c.Id == id);
                cadre.AccountId = account;
                await db.SaveChangesAsync();
            });
        }

        return id;
    }

    private async Task<int> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode == HttpStatusCode.Created,
            $"{(int)response.StatusCode}: {string.Join("\n", f.Log.Errors)}"
        );
        return (await ApiJson.ReadAsync(response)).GetProperty("row").GetProperty("id").GetInt32();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiJson.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{field}: {errors}");
    }

    private Task<int> CountAsync() =>
        f.WithDbAsync(async db => await db.Responsibilities.CountAsync() + await db.ResponsibilityVisits.CountAsync());

    [Fact]
    public async Task The_province_holds_the_commune_the_commune_its_villages_and_groups_and_nobody_else_assigns()
    {
        var t = f.Tree;
        var cadre = await CadreAsync("Trần Thị Nắm", t.P1);

        // The province's personnel officer assigns a province cadre to hold the commune.
        var held = await CreatedAsync(
            await f.P1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = t.C1.Id,
                    holderCadreId = cadre,
                    fromOn = Iso(Today.AddDays(-10)),
                    note = "Nắm tình hình, dự sinh hoạt chi bộ",
                }
            )
        );

        // The commune cannot assign itself, only groups within it and its villages.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.C1Personnel.PostAsJsonAsync(
                    "/api/v1/responsibilities",
                    new
                    {
                        unitId = t.C1.Id,
                        holderOrganizationId = f.C1Body,
                        fromOn = Iso(Today),
                    }
                )
            ).StatusCode
        );
        await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = t.V1.Id,
                    holderOrganizationId = f.C1Body,
                    fromOn = Iso(Today),
                }
            )
        );
        await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = t.V1.Id,
                    groupName = "Hộ số 1–20",
                    holderOrganizationId = f.C1Body,
                    fromOn = Iso(Today),
                }
            )
        );
        // Nor can it take over the province's assignment of the commune by turning it into a group of its own;
        // nothing changes.
        var before = await f.WithDbAsync(db => db.Responsibilities.AsNoTracking().SingleAsync(r => r.Id == held));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.C1Personnel.PutAsJsonAsync(
                    $"/api/v1/responsibilities/{held}",
                    new
                    {
                        groupName = "Tổ dân phố 1",
                        fromOn = Iso(Today.AddDays(-10)),
                        toOn = Iso(Today),
                        version = before.Version,
                    }
                )
            ).StatusCode
        );
        var after = await f.WithDbAsync(db => db.Responsibilities.AsNoTracking().SingleAsync(r => r.Id == held));
        Assert.Null(after.GroupName);
        Assert.Null(after.ToOn);
        // A neighbour's personnel officer neither reads nor assigns here.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C2Personnel.GetAsync($"/api/v1/responsibilities/{held}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.C2Personnel.PostAsJsonAsync(
                    "/api/v1/responsibilities",
                    new
                    {
                        unitId = t.V1.Id,
                        holderOrganizationId = f.C1Body,
                        fromOn = Iso(Today),
                    }
                )
            ).StatusCode
        );
        // The officer (no personnel edit) cannot assign at all.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.C1Officer.PostAsJsonAsync(
                    "/api/v1/responsibilities",
                    new
                    {
                        unitId = t.V1.Id,
                        holderOrganizationId = f.C1Body,
                        fromOn = Iso(Today),
                    }
                )
            ).StatusCode
        );

        // The commune's leader sees who holds the commune, masked; the province's personnel officer in clear.
        var asLeader = await ApiJson.OkAsync(await f.C1Leader.GetAsync($"/api/v1/responsibilities/{held}"));
        Assert.Equal("T••• T••• N•••", asLeader.GetProperty("row").GetProperty("holder").GetString());
        Assert.False(asLeader.GetProperty("mayEdit").GetBoolean());
        var asProvince = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/responsibilities/{held}"));
        Assert.Equal("Trần Thị Nắm", asProvince.GetProperty("row").GetProperty("holder").GetString());
        Assert.True(asProvince.GetProperty("mayEdit").GetBoolean());

        // The unit's page shows the holding to the leader, masked, and nothing of it to whom personnel is not shown.
        using var page = await f.SignInAsync(f.C1LeaderAccount);
        var (response, doc) = await page.GetPageAsync($"/units/{t.C1.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = doc.QuerySelector("[data-testid=unit-holders]");
        Assert.NotNull(section);
        Assert.Contains("T••• T••• N•••", section!.TextContent);
        Assert.DoesNotContain("Trần Thị Nắm", doc.DocumentElement.OuterHtml);
        using var viewer = await f.SignInAsync(await f.CreateAccountAsync(Role.Viewer, t.C1));
        var (_, viewerDoc) = await viewer.GetPageAsync($"/units/{t.C1.Id}");
        Assert.Null(viewerDoc.QuerySelector("[data-testid=unit-holders]"));

        // The audit trail has the assignment, without the holder's name.
        var trail = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == nameof(Responsibility) && a.EntityId == held.ToString())
                .ToListAsync()
        );
        Assert.NotEmpty(trail);
        Assert.DoesNotContain(trail, a => (a.After ?? "").Contains("Trần Thị"));
    }

    [Fact]
    public async Task Every_refusal_is_a_field_message_and_writes_nothing()
    {
        var t = f.Tree;
        var cadre = await CadreAsync("Lê Văn Trùng", t.P1);
        await CreatedAsync(
            await f.P1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = t.C2.Id,
                    holderCadreId = cadre,
                    fromOn = Iso(Today.AddMonths(-2)),
                }
            )
        );
        var before = await CountAsync();
        var cases = new (object Body, string Field)[]
        {
            (new { unitId = t.C2.Id, fromOn = Iso(Today) }, "HolderCadreId"),
            (
                new
                {
                    unitId = t.C2.Id,
                    holderCadreId = cadre,
                    holderOrganizationId = f.P1Body,
                    fromOn = Iso(Today),
                },
                "HolderCadreId"
            ),
            (
                new
                {
                    unitId = t.C2.Id,
                    holderCadreId = cadre,
                    fromOn = Iso(Today),
                    toOn = Iso(Today.AddDays(-1)),
                },
                "ToOn"
            ),
            // The same holder twice over the same period.
            (
                new
                {
                    unitId = t.C2.Id,
                    holderCadreId = cadre,
                    fromOn = Iso(Today.AddDays(-5)),
                },
                "FromOn"
            ),
            // A body of another province.
            (
                new
                {
                    unitId = t.C2.Id,
                    holderOrganizationId = f.C3Body,
                    fromOn = Iso(Today),
                },
                "HolderOrganizationId"
            ),
            (new { unitId = t.C2.Id, holderOrganizationId = f.P1Body }, "FromOn"),
            (
                new
                {
                    unitId = t.C2.Id,
                    holderOrganizationId = f.P1Body,
                    fromOn = Iso(Today),
                    groupName = new string('x', Responsibility.GroupLength + 1),
                },
                "GroupName"
            ),
        };
        foreach (var (body, field) in cases)
        {
            await AssertRefusedAsync(await f.P1Personnel.PostAsJsonAsync("/api/v1/responsibilities", body), field);
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_holder_reports_visits_and_the_coverage_report_lists_the_units_left_to_nobody_or_silent()
    {
        var t = f.Tree;
        var cadre = await CadreAsync("Phạm Văn Đi", t.P1, f.HolderAccount.Id);
        var held = await CreatedAsync(
            await f.P1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = t.V2.Id,
                    holderCadreId = cadre,
                    fromOn = Iso(Today.AddDays(-60)),
                }
            )
        );

        // The village held sixty days without a report: silent at 30 days, held at 90. (Other tests of the class hold
        // the commune and the first village; nobody holds the ward's village.)
        var coverage = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={t.P1.Id}&days=30")
        );
        var gaps = coverage.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Contains(gaps, g =>
            g.GetProperty("unitId").GetInt32() == t.V2.Id && g.GetProperty("state").GetString() == "Silent"
        );
        Assert.Contains(gaps, g =>
            g.GetProperty("unitId").GetInt32() == t.V3.Id && g.GetProperty("state").GetString() == "Unheld"
        );
        Assert.DoesNotContain(gaps, g => g.GetProperty("unitId").GetInt32() == t.C3.Id);
        // The page shows one state when asked: the silent village without the unheld one, and the other way round.
        using (var pages = await f.SignInAsync(await f.CreateAccountAsync(Role.PersonnelOfficer, t.P1)))
        {
            var (_, silentOnly) = await pages.GetPageAsync($"/responsibilities?unitId={t.P1.Id}&days=30&state=Silent");
            Assert.NotNull(silentOnly.QuerySelector($"li[data-coverage='{t.V2.Id}']"));
            Assert.Null(silentOnly.QuerySelector($"li[data-coverage='{t.V3.Id}']"));
            var (_, unheldOnly) = await pages.GetPageAsync($"/responsibilities?unitId={t.P1.Id}&days=30&state=Unheld");
            Assert.Null(unheldOnly.QuerySelector($"li[data-coverage='{t.V2.Id}']"));
            Assert.NotNull(unheldOnly.QuerySelector($"li[data-coverage='{t.V3.Id}']"));
        }

        var wide = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={t.P1.Id}&days=90")
        );
        Assert.DoesNotContain(wide.GetProperty("gaps").EnumerateArray(), g =>
            g.GetProperty("unitId").GetInt32() == t.V2.Id
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await f.P1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={t.P1.Id}&days=0")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={t.P1.Id}")).StatusCode
        );

        // Who may report: the holder's own account (an officer without personnel rights) and the personnel officers
        // over the unit; the commune's officer who is not the holder may not.
        var visit = new
        {
            visitedOn = Iso(Today.AddDays(-1)),
            done = "Dự sinh hoạt chi bộ thôn, nắm tình hình giải phóng mặt bằng",
            issues = "Người dân đề nghị sửa đường",
        };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Officer.PostAsJsonAsync($"/api/v1/responsibilities/{held}/visits", visit)).StatusCode
        );
        var before = await CountAsync();
        foreach (
            var (body, field) in new (object, string)[]
            {
                (new { visitedOn = Iso(Today.AddDays(1)), done = "x" }, "VisitedOn"),
                (new { visitedOn = Iso(Today.AddDays(-61)), done = "x" }, "VisitedOn"),
                (new { visitedOn = Iso(Today) }, "Done"),
                (
                    new
                    {
                        visitedOn = Iso(Today),
                        done = "x",
                        modelId = 999_999,
                    },
                    "ModelId"
                ),
            }
        )
        {
            await AssertRefusedAsync(
                await f.Holder.PostAsJsonAsync($"/api/v1/responsibilities/{held}/visits", body),
                field
            );
        }

        Assert.Equal(before, await CountAsync());
        var reported = await f.Holder.PostAsJsonAsync($"/api/v1/responsibilities/{held}/visits", visit);
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var view = await ApiJson.ReadAsync(reported);
        Assert.Equal(Iso(Today.AddDays(-1)), view.GetProperty("row").GetProperty("lastVisitOn").GetString());
        Assert.Single(view.GetProperty("visits").EnumerateArray());

        // The issues raised become a petition: the commune's officer starts the form from the visit (the issues as its
        // content, the visit's day, the village as its place), records it, and the visit points at it. A neighbour
        // cannot start from a visit they do not see.
        var visitId = view.GetProperty("visits")[0].GetProperty("id").GetInt32();
        var officerAccount = await f.CreateAccountAsync(Role.Officer, t.C1);
        using (var officerPages = await f.SignInAsync(officerAccount))
        {
            var (formResponse, form) = await officerPages.GetPageAsync(
                $"/petitions/new?origin=visit&originId={visitId}"
            );
            Assert.Equal(HttpStatusCode.OK, formResponse.StatusCode);
            Assert.Equal("Người dân đề nghị sửa đường", form.QuerySelector("textarea#Content")?.TextContent.Trim());
            Assert.Equal(
                t.V2.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                form.QuerySelector("select#UnitId option[selected]")?.GetAttribute("value")
            );
        }

        var petition = await DanVan.Tests.Petitions.PetitionData.PetitionAsync(f, t.V2, Today.AddDays(-1));
        petition["originKind"] = "visit";
        petition["originId"] = visitId;
        var c2Officer = await f.ApiClientAsync(await f.CreateAccountAsync(Role.Officer, t.C2));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await c2Officer.PostAsJsonAsync("/api/v1/petitions", petition)).StatusCode
        );
        var officerApi = await f.ApiClientAsync(officerAccount);
        var recorded = await DanVan.Tests.Petitions.PetitionData.RecordAsync(officerApi, petition);
        var petitionId = recorded.GetProperty("id").GetInt32();
        var linked = (
            await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/responsibilities/{held}"))
        ).GetProperty("visits")[0];
        Assert.Equal(petitionId, linked.GetProperty("petitionId").GetInt32());

        // A report naming the commune's model: its name is shown to whom the registry shows the model (the province),
        // not to the village's leader, who reads the report but not the commune's registry.
        var model = await f.WithDbAsync(async db =>
        {
            var m = new Web.Features.Models.MobilizationModel
            {
                OrganizationId = f.C1Body,
                FieldId = await db.ModelFields.Select(x => x.Id).FirstAsync(),
                Kind = Web.Features.Models.ModelKind.Model,
                Status = Web.Features.Models.ModelStatus.Registered,
                Name = "Mô hình Đường hoa nông thôn",
                Situation = "a",
                Goals = "b",
                Content = "c",
                AreaAndBeneficiaries = "d",
                Forces = "e",
                Resources = "f",
                Timeline = "g",
                Outputs = "h",
                Sustainability = "i",
                StartDate = new DateOnly(2026, 1, 1),
                EvaluationDate = new DateOnly(2026, 12, 1),
                RegisteredOn = new DateOnly(2026, 1, 1),
                CreatedAt = DateTime.UtcNow,
            };
            Web.Features.Models.ModelRules.PlaceIn(m, t.C1);
            m.SearchText = Web.Features.Models.ModelRules.SearchTextOf(m);
            db.Models.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await f.P1Personnel.PostAsJsonAsync(
                    $"/api/v1/responsibilities/{held}/visits",
                    new
                    {
                        visitedOn = Iso(Today.AddDays(-2)),
                        done = "Tham quan mô hình",
                        modelId = model,
                    }
                )
            ).StatusCode
        );
        static JsonElement ModelVisit(JsonElement view) =>
            view.GetProperty("visits")
                .EnumerateArray()
                .Single(v => v.GetProperty("done").GetString() == "Tham quan mô hình");
        var asProvince = ModelVisit(
            await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/responsibilities/{held}"))
        );
        Assert.Equal("Mô hình Đường hoa nông thôn", asProvince.GetProperty("modelName").GetString());
        var villageLeader = await f.ApiClientAsync(await f.CreateAccountAsync(Role.Leader, t.V2));
        var asVillage = ModelVisit(
            await ApiJson.OkAsync(await villageLeader.GetAsync($"/api/v1/responsibilities/{held}"))
        );
        Assert.Equal(JsonValueKind.Null, asVillage.GetProperty("modelName").ValueKind);
        Assert.Equal(JsonValueKind.Null, asVillage.GetProperty("modelId").ValueKind);

        // Now the village is held and heard from; the report's counts agree with its rows.
        coverage = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={t.P1.Id}&days=30")
        );
        Assert.DoesNotContain(coverage.GetProperty("gaps").EnumerateArray(), g =>
            g.GetProperty("unitId").GetInt32() == t.V2.Id
        );
        Assert.Equal(
            coverage.GetProperty("gaps").GetArrayLength(),
            coverage.GetProperty("unheld").GetInt32() + coverage.GetProperty("silent").GetInt32()
        );
        var expectedUnits = await f.WithDbAsync(db =>
            db.Units.CountAsync(u => u.ProvinceId == t.P1.Id && u.Id != t.P1.Id && u.ValidTo == null)
        );
        Assert.Equal(expectedUnits, coverage.GetProperty("units").GetInt32());

        // Ending the assignment leaves the village to nobody.
        var version = (await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/responsibilities/{held}")))
            .GetProperty("row")
            .GetProperty("version")
            .GetInt32();
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/responsibilities/{held}",
                new
                {
                    version,
                    fromOn = Iso(Today.AddDays(-60)),
                    toOn = Iso(Today.AddDays(-1)),
                }
            )
        );
        coverage = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={t.P1.Id}&days=30")
        );
        Assert.Contains(coverage.GetProperty("gaps").EnumerateArray(), g =>
            g.GetProperty("unitId").GetInt32() == t.V2.Id && g.GetProperty("state").GetString() == "Unheld"
        );
    }

    /// <summary>The coverage report's counts and the catalogue's coverage figures at the same unit, asserted equal; the
    /// number held.</summary>
    private async Task<int> HeldAgreeingAsync(Web.Features.Units.Unit unit)
    {
        var report = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={unit.Id}&days=30")
        );
        await using var scope = f.Services.CreateAsyncScope();
        var values = await scope
            .ServiceProvider.GetRequiredService<ReadStatistics>()
            .ValuesAsync(
                unit.Ref,
                StatisticPeriod.Of(PeriodKind.Month, Today.Year, Today.Month),
                Today,
                [
                    StatisticCatalogue.Get(StatisticCatalogue.UnitsToHold),
                    StatisticCatalogue.Get(StatisticCatalogue.UnitsHeld),
                ],
                CancellationToken.None
            );
        var units = report.GetProperty("units").GetInt32();
        var held = units - report.GetProperty("unheld").GetInt32();
        Assert.Equal(units, values[StatisticCatalogue.UnitsToHold].Value ?? 0);
        Assert.Equal(held, values[StatisticCatalogue.UnitsHeld].Value ?? 0);
        return held;
    }

    [Fact]
    public async Task The_coverage_figures_count_each_unit_held_once_move_with_the_assignments_and_equal_the_report()
    {
        var t = f.Tree;
        var administrator = await f.ApiClientAsync(await f.CreateAccountAsync(Role.UnitAdministrator, t.C1));
        var created = await administrator.PostAsJsonAsync(
            "/api/v1/units",
            new
            {
                parentId = t.C1.Id,
                code = "HOLD-V1",
                name = "Thôn Đồng Mới",
                kind = "Village",
                validFrom = Iso(Today.AddDays(-400)),
            }
        );
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var village = await f.WithDbAsync(async db =>
            await db.Units.AsNoTracking().SingleAsync(u => u.Code == "HOLD-V1")
        );
        // The new village is one more unit to hold at its commune and province, held by nobody yet.
        var (province, commune) = (await HeldAgreeingAsync(t.P1), await HeldAgreeingAsync(t.C1));

        // The commune's body holds it from a month ago: one more held. A group inside it, and a second holder from ten
        // days ago, hold it no more than once.
        var first = await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = village.Id,
                    holderOrganizationId = f.C1Body,
                    fromOn = Iso(Today.AddDays(-30)),
                }
            )
        );
        Assert.Equal(province + 1, await HeldAgreeingAsync(t.P1));
        Assert.Equal(commune + 1, await HeldAgreeingAsync(t.C1));
        await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = village.Id,
                    groupName = "Hộ số 1–20",
                    holderOrganizationId = f.C1Body,
                    fromOn = Iso(Today.AddDays(-5)),
                }
            )
        );
        var cadre = await CadreAsync("Lê Thị Giữ", t.C1);
        var second = await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = village.Id,
                    holderCadreId = cadre,
                    fromOn = Iso(Today.AddDays(-10)),
                }
            )
        );
        Assert.Equal(commune + 1, await HeldAgreeingAsync(t.C1));
        var holdings = await f.WithDbAsync(db =>
            db.UnitHoldings.AsNoTracking().Where(h => h.UnitId == village.Id).ToListAsync()
        );
        var holding = Assert.Single(holdings);
        Assert.Equal((Today.AddDays(-30), (DateOnly?)null), (holding.FromOn, holding.ToOn));

        // The first holder's assignment ends yesterday: the second still holds it. When the second's ends too, the
        // village is held by nobody again, and its holding is the month it was held.
        async Task EndAsync(int id, DateOnly from)
        {
            var row = await f.WithDbAsync(db => db.Responsibilities.AsNoTracking().SingleAsync(r => r.Id == id));
            var ended = await f.C1Personnel.PutAsJsonAsync(
                $"/api/v1/responsibilities/{id}",
                new
                {
                    fromOn = Iso(from),
                    toOn = Iso(Today.AddDays(-1)),
                    version = row.Version,
                }
            );
            Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync());
        }

        await EndAsync(first, Today.AddDays(-30));
        Assert.Equal(commune + 1, await HeldAgreeingAsync(t.C1));
        await EndAsync(second, Today.AddDays(-10));
        Assert.Equal(province, await HeldAgreeingAsync(t.P1));
        Assert.Equal(commune, await HeldAgreeingAsync(t.C1));
        holding = Assert.Single(
            await f.WithDbAsync(db => db.UnitHoldings.AsNoTracking().Where(h => h.UnitId == village.Id).ToListAsync())
        );
        Assert.Equal((Today.AddDays(-30), (DateOnly?)Today.AddDays(-1)), (holding.FromOn, holding.ToOn));
        await using var scope = f.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
        Assert.Equal(
            0,
            await f.WithDbAsync(db => HeldUnits.CheckAsync(db, null, repair: false, CancellationToken.None))
        );
    }

    [Fact]
    public async Task A_dissolved_village_is_held_no_more_its_assignments_end_and_the_figures_agree()
    {
        var t = f.Tree;
        var administrator = await f.ApiClientAsync(await f.CreateAccountAsync(Role.UnitAdministrator, t.C1));
        var created = await ApiJson.ReadAsync(
            await administrator.PostAsJsonAsync(
                "/api/v1/units",
                new
                {
                    parentId = t.C1.Id,
                    code = "GONE-V1",
                    name = "Thôn Giải Thể",
                    kind = "Village",
                    validFrom = Iso(Today.AddDays(-400)),
                }
            )
        );
        var village = created.GetProperty("id").GetInt32();
        var (province, commune) = (await HeldAgreeingAsync(t.P1), await HeldAgreeingAsync(t.C1));
        // Held by the commune's body from two months ago, and by a cadre from a day still ahead.
        var held = await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = village,
                    holderOrganizationId = f.C1Body,
                    fromOn = Iso(Today.AddDays(-60)),
                }
            )
        );
        var ahead = await CreatedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/responsibilities",
                new
                {
                    unitId = village,
                    holderCadreId = await CadreAsync("Đỗ Văn Sau", t.C1),
                    fromOn = Iso(Today.AddDays(3)),
                }
            )
        );
        Assert.Equal(commune + 1, await HeldAgreeingAsync(t.C1));

        // Dissolved from ten days ago: the held assignment ends the day before, the one ahead is gone, and the village
        // is neither to hold nor held — the commune's figures are what they were, the report agrees.
        var retired = await administrator.PostAsJsonAsync(
            $"/api/v1/units/{village}/retire",
            new { validTo = Iso(Today.AddDays(-10)), version = created.GetProperty("version").GetInt32() }
        );
        Assert.True(retired.IsSuccessStatusCode, await retired.Content.ReadAsStringAsync());
        var rows = await f.WithDbAsync(db =>
            db.Responsibilities.AsNoTracking().Where(r => r.UnitId == village).ToListAsync()
        );
        var ended = Assert.Single(rows);
        Assert.Equal((held, (DateOnly?)Today.AddDays(-11)), (ended.Id, ended.ToOn));
        Assert.DoesNotContain(rows, r => r.Id == ahead);
        Assert.Equal(province, await HeldAgreeingAsync(t.P1));
        Assert.Equal(commune, await HeldAgreeingAsync(t.C1));
        var holding = Assert.Single(
            await f.WithDbAsync(db => db.UnitHoldings.AsNoTracking().Where(h => h.UnitId == village).ToListAsync())
        );
        Assert.Equal((Today.AddDays(-60), (DateOnly?)Today.AddDays(-11)), (holding.FromOn, holding.ToOn));
        var entityId = village.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(
            "responsibility assignments ended: 2",
            await f.WithDbAsync(db =>
                db.AuditEntries.Where(a =>
                        a.Action == DanVan.Web.Infrastructure.Audit.AuditAction.UnitRetired && a.EntityId == entityId
                    )
                    .Select(a => a.Details)
                    .SingleAsync()
            )
        );
        await using var scope = f.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
        Assert.Equal(
            0,
            await f.WithDbAsync(db => HeldUnits.CheckAsync(db, null, repair: false, CancellationToken.None))
        );
    }
}
