using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Personnel;

/// <summary>
/// A unit's quota for a year given body by body (ADR-0031): each body of the unit gets its own, the figures' breakdown
/// by body carries it to the plan's table of the unit's bodies next to each body's staff; a year is given for the whole
/// unit or by body, never both (refused either way, nothing written); a body of another unit or a retired one is refused;
/// the unit's totals are the bodies' sums; and check-statistics finds nothing to repair.
/// </summary>
public sealed class QuotaPerBodyTests(QuotaPerBodyTests.Fixture f) : IClassFixture<QuotaPerBodyTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient P1Personnel { get; private set; } = default!;
        public PageClient P1Pages { get; private set; } = default!;
        public int Committee { get; private set; }
        public int Front { get; private set; }
        public int Retired { get; private set; }
        public int C2Body { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var account = await CreateAccountAsync(Role.PersonnelOfficer, Tree.P1);
            P1Personnel = await ApiClientAsync(account);
            P1Pages = await SignInAsync(account);
            (Committee, Front, Retired, C2Body) = await WithDbAsync(async db =>
            {
                Organization Body(string name, OrganizationType type, bool active) =>
                    new()
                    {
                        UnitId = Tree.C1.Id,
                        ProvinceId = Tree.C1.ProvinceId,
                        CommuneId = Tree.C1.CommuneId,
                        Type = type,
                        Name = name,
                        IsActive = active,
                    };
                var front = Body("Ủy ban MTTQ Việt Nam xã Đông Hòa", OrganizationType.FatherlandFront, true);
                var retired = Body("Hội Nông dân xã Đông Hòa (cũ)", OrganizationType.FarmersAssociation, false);
                db.Organizations.AddRange(front, retired);
                await db.SaveChangesAsync();
                return (
                    await db
                        .Organizations.Where(o => o.UnitId == Tree.C1.Id && o.Type == OrganizationType.PeoplesCommittee)
                        .Select(o => o.Id)
                        .SingleAsync(),
                    front.Id,
                    retired.Id,
                    await db.Organizations.Where(o => o.UnitId == Tree.C2.Id).Select(o => o.Id).FirstAsync()
                );
            });
        }
    }

    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly day) =>
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> SetAsync(int year, object body) =>
        f.P1Personnel.PutAsJsonAsync($"/api/v1/staffing/{f.Tree.C1.Id}/{year}", body);

    private async Task<string[]> RefusedAsync(int year, object body)
    {
        var refused = await SetAsync(year, body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        return [.. (await ApiJson.ReadAsync(refused)).GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    private async Task StaffAsync(int body, int count, string theory)
    {
        for (var i = 0; i < count; i++)
        {
            var cadre = await ApiJson.ReadAsync(
                await f.P1Personnel.PostAsJsonAsync(
                    "/api/v1/cadres",
                    new
                    {
                        unitId = f.Tree.C1.Id,
                        fullName = $"Cán bộ {body}-{i}",
                        birthDate = Iso(Today.AddYears(-35)),
                        sex = "Female",
                        theoryLevel = theory,
                    }
                )
            );
            var post = await f.P1Personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{cadre.GetProperty("id").GetInt32()}/positions",
                new
                {
                    organizationId = body,
                    post = "Specialist",
                    fullTime = true,
                    startOn = Iso(Today.AddMonths(-2)),
                }
            );
            Assert.True(post.StatusCode == HttpStatusCode.Created, await post.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_years_quota_is_given_body_by_body_or_for_the_whole_unit_never_both()
    {
        var t = f.Tree;
        var year = Today.Year;
        Assert.InRange(year, StaffingQuota.FirstYear, StaffingQuota.LastYear);
        var count = () => f.WithDbAsync(db => db.StaffingQuotas.CountAsync());

        // Each body its own quota: the committee 3 at 100 % qualified, the Front 2 at 50 %.
        var saved = await ApiJson.OkAsync(
            await SetAsync(
                year,
                new
                {
                    organizationId = f.Committee,
                    quota = 3,
                    minTheoryShare = 100,
                }
            )
        );
        Assert.Equal(f.Committee, saved.GetProperty("organizationId").GetInt32());
        Assert.Equal("PerBody", saved.GetProperty("split").GetString());
        // The Front's through the page: the body is the page's address.
        var posted = await f.P1Pages.SubmitFormAsync(
            $"/staffing/{t.C1.Id}/{year}/quota?body={f.Front}",
            "quota-edit",
            new() { ["Input.Quota"] = "2", ["Input.MinTheoryShare"] = "50" }
        );
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var front = await f.WithDbAsync(db =>
            db.StaffingQuotas.SingleAsync(q => q.OrganizationId == f.Front && q.Year == year)
        );
        Assert.Equal((2, 50, t.C1.Id), (front.Quota, front.MinTheoryShare, front.UnitId));
        var before = await count();

        // Not for the whole unit as well; not a body of another unit, nor a retired one; nothing written.
        Assert.Contains("Quota", await RefusedAsync(year, new { quota = 5, minTheoryShare = 60 }));
        Assert.Contains(
            "OrganizationId",
            await RefusedAsync(
                year,
                new
                {
                    organizationId = f.C2Body,
                    quota = 1,
                    minTheoryShare = 0,
                }
            )
        );
        Assert.Contains(
            "OrganizationId",
            await RefusedAsync(
                year,
                new
                {
                    organizationId = f.Retired,
                    quota = 1,
                    minTheoryShare = 0,
                }
            )
        );
        Assert.Equal(before, await count());

        // Staff: two in the committee (one qualified), three in the Front (all qualified).
        await StaffAsync(f.Committee, 1, "Intermediate");
        await StaffAsync(f.Committee, 1, "Elementary");
        await StaffAsync(f.Front, 3, "Advanced");

        // The plan of the commune: its totals are the bodies' sums, and each body's row is its own.
        var plan = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/staffing?unitId={t.C1.Id}"));
        var total = plan.GetProperty("total");
        Assert.Equal(5, total.GetProperty("quota").GetDouble());
        Assert.Equal(5, total.GetProperty("staff").GetDouble());
        Assert.Equal(4, total.GetProperty("qualifiedRequired").GetDouble());
        var bodies = plan.GetProperty("bodies")
            .EnumerateArray()
            .ToDictionary(
                b => b.GetProperty("organizationId").GetInt32(),
                b =>
                    (
                        Quota: b.GetProperty("quota").GetDouble(),
                        Staff: b.GetProperty("staff").GetDouble(),
                        Qualified: b.GetProperty("qualified").GetDouble(),
                        Required: b.GetProperty("qualifiedRequired").GetDouble(),
                        Gap: b.GetProperty("gap").GetDouble()
                    )
            );
        Assert.Equal([f.Committee, f.Front], bodies.Keys.Order().ToArray());
        Assert.Equal((3.0, 2.0, 1.0, 3.0, 1.0), bodies[f.Committee]);
        Assert.Equal((2.0, 3.0, 3.0, 1.0, -1.0), bodies[f.Front]);

        // The province's plan rolls the commune up, but lists only the province's own bodies (none with a quota).
        var province = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/staffing?unitId={t.P1.Id}"));
        Assert.Equal(0, province.GetProperty("bodies").GetArrayLength());
        Assert.Contains(province.GetProperty("children").EnumerateArray(), c =>
            c.GetProperty("unitId").GetInt32() == t.C1.Id && c.GetProperty("quota").GetDouble() == 5
        );

        // The page shows the bodies' table with the same numbers, and each body's link to its quota.
        var page = await f.P1Pages.Http.GetStringAsync($"/staffing?unitId={t.C1.Id}&year={year}");
        Assert.Contains($"data-body=\"{f.Front}\"", page);
        Assert.Contains($"/staffing/{t.C1.Id}/{year}/quota?body={f.Front}", page);
        var form = await f.P1Pages.Http.GetStringAsync($"/staffing/{t.C1.Id}/{year}/quota?body={f.Front}");
        Assert.Contains("name=\"Input.OrganizationId\" value=\"" + f.Front + "\"", form);
        Assert.Contains("value=\"2\"", form);
        Assert.DoesNotContain("(cũ)", form);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.P1Pages.GetAsync($"/staffing/{t.C1.Id}/{year}/quota?body={f.C2Body}")).StatusCode
        );
        // A retired body without a quota is not offered, and its address is not found (rather than failing).
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.P1Pages.GetAsync($"/staffing/{t.C1.Id}/{year}/quota?body={f.Retired}")).StatusCode
        );

        // The personnel report of the commune has the bodies' table.
        var docx = await f.P1Personnel.GetAsync($"/api/v1/staffing/report?unitId={t.C1.Id}&year={year}&format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (
            var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                new MemoryStream(await docx.Content.ReadAsByteArrayAsync()),
                false
            )
        )
        {
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains($"Theo tổ chức của {t.C1.Name}", text);
            Assert.Contains("Ủy ban MTTQ Việt Nam xã Đông Hòa", text);
        }

        // Back to one quota for the whole unit: the bodies' set to 0 first, then the whole unit's; then no body's.
        foreach (var body in new[] { f.Committee, f.Front })
        {
            var version = await f.WithDbAsync(db =>
                db.StaffingQuotas.Where(q => q.OrganizationId == body && q.Year == year)
                    .Select(q => q.Version)
                    .SingleAsync()
            );
            await ApiJson.OkAsync(
                await SetAsync(
                    year,
                    new
                    {
                        version,
                        organizationId = body,
                        quota = 0,
                        minTheoryShare = 0,
                    }
                )
            );
        }

        var whole = await ApiJson.OkAsync(await SetAsync(year, new { quota = 6, minTheoryShare = 60 }));
        Assert.Equal("WholeUnit", whole.GetProperty("split").GetString());
        Assert.Contains(
            "Quota",
            await RefusedAsync(
                year,
                new
                {
                    organizationId = f.Front,
                    version = 1,
                    quota = 1,
                    minTheoryShare = 0,
                }
            )
        );
        plan = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/staffing?unitId={t.C1.Id}"));
        Assert.Equal(6, plan.GetProperty("total").GetProperty("quota").GetDouble());
        Assert.All(plan.GetProperty("bodies").EnumerateArray(), b =>
            Assert.Equal(0, b.GetProperty("quota").GetDouble())
        );

        await using var scope = f.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }
}
