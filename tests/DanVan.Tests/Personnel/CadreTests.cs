using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Personnel;

/// <summary>
/// Cadre records (docs/decisions/ADR-0031): a personnel officer records a cadre and their posts; the person is masked
/// for everyone else and revealed, exported and erased only by the personnel officers of the subtree, each act audited
/// and no personal value in the audit trail; the domain's refusals (a cadre of 12, a Party entry before 18, a post ending
/// before it starts, two heads of one body, two full-time posts at once, a body outside the caller's units) write
/// nothing; a transfer between communes moves the record and keeps each post with its unit.
/// </summary>
public sealed class CadreTests(CadreTests.Fixture f) : IClassFixture<CadreTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient C1Personnel { get; private set; } = default!;
        public HttpClient C2Personnel { get; private set; } = default!;
        public HttpClient P1Personnel { get; private set; } = default!;
        public HttpClient C1Officer { get; private set; } = default!;
        public HttpClient C1Viewer { get; private set; } = default!;
        public int C1Body { get; private set; }
        public int C2Body { get; private set; }
        public int C3Body { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            C1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C1));
            C2Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C2));
            P1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.P1));
            C1Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            C1Viewer = await ApiClientAsync(await CreateAccountAsync(Role.Viewer, Tree.C1));
            (C1Body, C2Body, C3Body) = await WithDbAsync(async db =>
                (
                    await db.Organizations.Where(o => o.UnitId == Tree.C1.Id).Select(o => o.Id).FirstAsync(),
                    await db.Organizations.Where(o => o.UnitId == Tree.C2.Id).Select(o => o.Id).FirstAsync(),
                    await db.Organizations.Where(o => o.UnitId == Tree.C3.Id).Select(o => o.Id).FirstAsync()
                )
            );
        }
    }

    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly day) =>
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Person(int unitId, string name, DateOnly? birth = null, DateOnly? partyEntry = null) =>
        new
        {
            unitId,
            fullName = name,
            birthDate = Iso(birth ?? Today.AddYears(-35)),
            sex = "Female",
            ethnicity = "Kinh",
            partyEntryDate = Iso(partyEntry ?? Today.AddYears(-12)),
            phone = "0912 345 678",
            email = "lan.nguyen@example.vn",
            theoryLevel = "Intermediate",
            professionalLevel = "University",
            degree = "Luật",
            civilServiceGrade = "Chuyên viên",
        };

    private static object Post(int body, string post, DateOnly start, DateOnly? end = null, bool fullTime = true) =>
        new
        {
            organizationId = body,
            post,
            fullTime,
            startOn = Iso(start),
            endOn = end is { } e ? Iso(e) : null,
            decisionNumber = "125-QĐ/ĐU",
            decisionDate = Iso(start.AddDays(-5)),
        };

    private Task<int> CountAsync() =>
        f.WithDbAsync(async db => await db.Cadres.CountAsync() + await db.CadrePositions.CountAsync());

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync(response)).GetProperty("id").GetInt32();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiJson.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{field}: {errors}");
    }

    [Fact]
    public async Task The_person_is_masked_except_for_the_personnel_officers_and_no_value_enters_the_audit_trail()
    {
        var name = "Nguyễn Thị Lan Hương";
        var id = await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(f.Tree.C1.Id, name))
        );

        // The commune's officer reads the record masked; the viewer does not read it at all.
        var masked = await ApiJson.OkAsync(await f.C1Officer.GetAsync($"/api/v1/cadres/{id}"));
        var person = masked.GetProperty("person");
        Assert.Equal("N••• T••• L••• H•••", person.GetProperty("name").GetString());
        Assert.True(person.GetProperty("masked").GetBoolean());
        Assert.Equal("•••••••••678", person.GetProperty("phone").GetString());
        Assert.DoesNotContain("Kinh", masked.GetRawText());
        Assert.DoesNotContain("example.vn", masked.GetRawText());
        Assert.Equal("Intermediate", masked.GetProperty("theoryLevel").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await f.C1Viewer.GetAsync($"/api/v1/cadres/{id}")).StatusCode);
        var list = await ApiJson.OkAsync(await f.C1Officer.GetAsync("/api/v1/cadres"));
        Assert.DoesNotContain(name, list.GetRawText());

        // Revealing: refused to the officer, granted to the personnel officer and to the province's, each audited.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Officer.PostAsync($"/api/v1/cadres/{id}/personal-data", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C2Personnel.PostAsync($"/api/v1/cadres/{id}/personal-data", null)).StatusCode
        );
        var clear = await ApiJson.OkAsync(await f.C1Personnel.PostAsync($"/api/v1/cadres/{id}/personal-data", null));
        Assert.Equal(name, clear.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal("0912 345 678", clear.GetProperty("person").GetProperty("phone").GetString());
        await ApiJson.OkAsync(await f.P1Personnel.PostAsync($"/api/v1/cadres/{id}/personal-data", null));

        var entries = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == nameof(Cadre) && a.EntityId == id.ToString()).ToListAsync()
        );
        Assert.Equal(2, entries.Count(a => a.Action == AuditAction.PersonalDataViewed));
        Assert.Contains(entries, a => a.Action == AuditAction.Insert);
        foreach (var entry in entries)
        {
            var text = $"{entry.Before} {entry.After} {entry.Details}";
            Assert.DoesNotContain("Lan", text);
            Assert.DoesNotContain("lan hu", text);
            Assert.DoesNotContain("0912", text);
            Assert.DoesNotContain("example.vn", text);
            Assert.DoesNotContain(Iso(Today.AddYears(-35)), text);
        }

        // Editing is the personnel officer's: the officer may not even with the values in hand.
        var update = new
        {
            version = masked.GetProperty("version").GetInt32(),
            fullName = name,
            birthDate = Iso(Today.AddYears(-35)),
            sex = "Female",
            theoryLevel = "Advanced",
        };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Officer.PutAsJsonAsync($"/api/v1/cadres/{id}", update)).StatusCode
        );
        var updated = await ApiJson.OkAsync(await f.C1Personnel.PutAsJsonAsync($"/api/v1/cadres/{id}", update));
        Assert.Equal("Advanced", updated.GetProperty("theoryLevel").GetString());
        // A stale version is a conflict.
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await f.C1Personnel.PutAsJsonAsync($"/api/v1/cadres/{id}", update)).StatusCode
        );
    }

    [Fact]
    public async Task Every_refusal_is_a_field_message_and_writes_nothing()
    {
        var t = f.Tree;
        var before = await CountAsync();
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/cadres",
                Person(t.C1.Id, "Trần Văn Bé", birth: Today.AddYears(-12), partyEntry: Today.AddYears(-1))
            ),
            "BirthDate"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                "/api/v1/cadres",
                Person(t.C1.Id, "Trần Văn Sớm", birth: Today.AddYears(-30), partyEntry: Today.AddYears(-15))
            ),
            "PartyEntryDate"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C1.Id, "")),
            "FullName"
        );
        // Outside the caller's units: not found; a village keeps no cadres.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C3.Id, "Lê Văn Xa"))).StatusCode
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.V1.Id, "Lê Văn Thôn")),
            "UnitId"
        );
        Assert.Equal(before, await CountAsync());

        var head = await CreatedIdAsync(
            await f.P1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C1.Id, "Phạm Văn Trưởng"))
        );
        var other = await CreatedIdAsync(
            await f.P1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C1.Id, "Đỗ Thị Phó"))
        );
        var start = Today.AddMonths(-6);
        await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync($"/api/v1/cadres/{head}/positions", Post(f.C1Body, "Head", start))
        );
        before = await CountAsync();

        // A post ending before it starts; a second head of the body meanwhile; a second full-time post; a body of another
        // commune; a post before the cadre is 18.
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{other}/positions",
                Post(f.C1Body, "Deputy", start, end: start.AddDays(-1))
            ),
            "EndOn"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{other}/positions",
                Post(f.C1Body, "Head", start.AddMonths(2))
            ),
            "Post"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{head}/positions",
                Post(f.C1Body, "Specialist", start.AddMonths(1))
            ),
            "StartOn"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync($"/api/v1/cadres/{other}/positions", Post(f.C2Body, "Deputy", start)),
            "OrganizationId"
        );
        await AssertRefusedAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{other}/positions",
                Post(f.C1Body, "Deputy", Today.AddYears(-20))
            ),
            "StartOn"
        );
        Assert.Equal(before, await CountAsync());

        // A part-time post beside the full-time one is allowed; so is a head before the current one took office.
        await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{head}/positions",
                Post(f.C1Body, "Specialist", start.AddMonths(1), fullTime: false)
            )
        );
        await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{other}/positions",
                Post(f.C1Body, "Head", start.AddYears(-2), end: start.AddDays(-1))
            )
        );
    }

    /// <summary>
    /// The post form chooses the unit first, then its bodies: a province's officer reaches the bodies of every commune
    /// of the province (not only the first few hundred), and a unit outside the scope is never offered.
    /// </summary>
    [Fact]
    public async Task The_post_form_offers_the_bodies_of_the_chosen_unit_in_the_scope_only()
    {
        var t = f.Tree;
        var id = await CreatedIdAsync(
            await f.P1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C1.Id, "Đỗ Thị Chọn"))
        );
        using var page = await f.SignInAsync(await f.CreateAccountAsync(Role.PersonnelOfficer, t.P1));
        var bodiesOf = await f.WithDbAsync(async db =>
            (await db.Organizations.Where(o => o.IsActive && o.VillageId == null).ToListAsync())
                .GroupBy(o => o.UnitId)
                .ToDictionary(g => g.Key, g => g.Select(o => o.Id.ToString()).Order().ToList())
        );

        async Task<(string? Unit, List<string> Units, List<string> Bodies)> FormAsync(string query)
        {
            var (response, doc) = await page.GetPageAsync($"/cadres/{id}/positions/new{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var units = doc.QuerySelectorAll("select#unit option").ToList();
            return (
                units.SingleOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value"),
                units.Select(o => o.GetAttribute("value")!).ToList(),
                doc.QuerySelectorAll("select#OrganizationId option")
                    .Select(o => o.GetAttribute("value")!)
                    .Where(v => v != "")
                    .Order()
                    .ToList()
            );
        }

        var first = await FormAsync("");
        Assert.Equal(t.C1.Id.ToString(), first.Unit);
        Assert.Equal(bodiesOf[t.C1.Id], first.Bodies);
        Assert.Contains(t.C2.Id.ToString(), first.Units);
        Assert.Contains(t.P1.Id.ToString(), first.Units);
        Assert.DoesNotContain(t.C3.Id.ToString(), first.Units);
        Assert.DoesNotContain(t.V1.Id.ToString(), first.Units);

        var ward = await FormAsync($"?unit={t.C2.Id}");
        Assert.Equal(t.C2.Id.ToString(), ward.Unit);
        Assert.Equal(bodiesOf[t.C2.Id], ward.Bodies);

        // Another province's commune, or nonsense, falls back to the cadre's own unit.
        Assert.Equal(bodiesOf[t.C1.Id], (await FormAsync($"?unit={t.C3.Id}")).Bodies);
        Assert.Equal(bodiesOf[t.C1.Id], (await FormAsync("?unit=x%27")).Bodies);

        var saved = await page.SubmitFormAsync(
            $"/cadres/{id}/positions/new?unit={t.C2.Id}",
            "position-edit",
            new()
            {
                ["Input.OrganizationId"] = f.C2Body.ToString(),
                ["Input.Post"] = "Specialist",
                ["Input.FullTime"] = "true",
                ["Input.StartOn"] = Iso(Today.AddMonths(-1)),
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(
            t.C2.Id,
            await f.WithDbAsync(db => db.CadrePositions.Where(p => p.CadreId == id).Select(p => p.UnitId).SingleAsync())
        );
    }

    [Fact]
    public async Task A_transfer_moves_the_record_and_each_unit_keeps_its_post()
    {
        var t = f.Tree;
        var id = await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C1.Id, "Vũ Thị Chuyển"))
        );
        var created = await f.C1Personnel.PostAsJsonAsync(
            $"/api/v1/cadres/{id}/positions",
            Post(f.C1Body, "Specialist", Today.AddMonths(-10))
        );
        Assert.Equal(id, await CreatedIdAsync(created)); // the body is the cadre's view
        var first = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var cadre = await ApiJson.OkAsync(await f.C1Personnel.GetAsync($"/api/v1/cadres/{id}"));
        var position = cadre.GetProperty("positions")[0];
        Assert.Equal(first, position.GetProperty("id").GetInt32());

        // The province ends the commune post and appoints her in the ward the next day.
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/cadres/{id}/positions/{first}",
                new
                {
                    version = position.GetProperty("version").GetInt32(),
                    organizationId = f.C1Body,
                    post = "Specialist",
                    fullTime = true,
                    startOn = Iso(Today.AddMonths(-10)),
                    endOn = Iso(Today.AddMonths(-1)),
                }
            )
        );
        await CreatedIdAsync(
            await f.P1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{id}/positions",
                Post(f.C2Body, "Deputy", Today.AddMonths(-1).AddDays(1))
            )
        );

        var moved = await f.WithDbAsync(db => db.Cadres.SingleAsync(c => c.Id == id));
        Assert.Equal(t.C2.Id, moved.UnitId);
        Assert.Equal(t.C2.Id, moved.CommuneId);
        var posts = await f.WithDbAsync(db =>
            db.CadrePositions.Where(p => p.CadreId == id).OrderBy(p => p.StartOn).ToListAsync()
        );
        Assert.Equal([t.C1.Id, t.C2.Id], posts.Select(p => p.UnitId));
        Assert.Equal(HttpStatusCode.NotFound, (await f.C1Personnel.GetAsync($"/api/v1/cadres/{id}")).StatusCode);
        await ApiJson.OkAsync(await f.C2Personnel.GetAsync($"/api/v1/cadres/{id}"));
    }

    [Fact]
    public async Task The_data_subject_gets_an_export_and_an_erasure_that_keeps_the_posts()
    {
        var t = f.Tree;
        var name = "Hoàng Văn Xóa";
        var id = await CreatedIdAsync(await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(t.C1.Id, name)));
        await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{id}/positions",
                Post(f.C1Body, "Deputy", Today.AddYears(-1))
            )
        );

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Officer.PostAsync($"/api/v1/cadres/{id}/personal-data/export", null)).StatusCode
        );
        var export = await f.C1Personnel.PostAsync($"/api/v1/cadres/{id}/personal-data/export", null);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var document = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal(name, document.RootElement.GetProperty("FullName").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("Positions").GetArrayLength());

        var version = (await ApiJson.OkAsync(await f.C1Personnel.GetAsync($"/api/v1/cadres/{id}")))
            .GetProperty("version")
            .GetInt32();
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Officer.PostAsJsonAsync($"/api/v1/cadres/{id}/personal-data/erase", new { version })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await f.C1Personnel.PostAsJsonAsync($"/api/v1/cadres/{id}/personal-data/erase", new { version })
            ).StatusCode
        );
        var erased = await f.WithDbAsync(db => db.Cadres.SingleAsync(c => c.Id == id));
        Assert.Null(erased.FullName);
        Assert.Null(erased.BirthDate);
        Assert.Null(erased.Phone);
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(1, await f.WithDbAsync(db => db.CadrePositions.CountAsync(p => p.CadreId == id)));
        var view = await ApiJson.OkAsync(await f.C1Personnel.GetAsync($"/api/v1/cadres/{id}"));
        Assert.True(view.GetProperty("person").GetProperty("erased").GetBoolean());
        Assert.False(view.GetProperty("mayReveal").GetBoolean());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Personnel.PostAsync($"/api/v1/cadres/{id}/personal-data", null)).StatusCode
        );
        var actions = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == nameof(Cadre) && a.EntityId == id.ToString())
                .Select(a => a.Action)
                .ToListAsync()
        );
        Assert.Contains(AuditAction.PersonalDataExported, actions);
        Assert.Contains(AuditAction.PersonalDataErased, actions);
    }

    /// <summary>The cadre field rule, role by role at C1 (the table of docs/SECURITY.md written out): who reads the
    /// record masked, who reveals it, who reads nothing.</summary>
    [Fact]
    public async Task Each_role_reads_a_cadre_masked_in_clear_or_not_at_all_as_the_field_rule_says()
    {
        var id = await CreatedIdAsync(
            await f.C1Personnel.PostAsJsonAsync("/api/v1/cadres", Person(f.Tree.C1.Id, "Lương Thị Quy Tắc"))
        );
        var expected = new Dictionary<Role, (bool Reads, bool Reveals)>
        {
            [Role.SystemAdministrator] = (true, true),
            [Role.UnitAdministrator] = (false, false),
            [Role.Leader] = (true, false),
            [Role.Officer] = (true, false),
            [Role.AgencyHandler] = (false, false),
            [Role.Viewer] = (false, false),
            [Role.PersonnelOfficer] = (true, true),
        };
        Assert.Equal(Enum.GetValues<Role>().Order(), expected.Keys.Order());
        foreach (var (role, (reads, reveals)) in expected)
        {
            var api = await f.ApiClientAsync(
                await f.CreateAccountAsync(role, role == Role.SystemAdministrator ? f.Tree.Root : f.Tree.C1)
            );
            var read = await api.GetAsync($"/api/v1/cadres/{id}");
            Assert.True(read.IsSuccessStatusCode == reads, $"{role} reads: {read.StatusCode}");
            if (reads)
            {
                Assert.DoesNotContain("Lương", await read.Content.ReadAsStringAsync());
            }

            var revealed = await api.PostAsync($"/api/v1/cadres/{id}/personal-data", null);
            Assert.True(revealed.IsSuccessStatusCode == reveals, $"{role} reveals: {revealed.StatusCode}");
            if (reveals)
            {
                Assert.Contains("Lương Thị Quy Tắc", await revealed.Content.ReadAsStringAsync());
            }
        }
    }
}
