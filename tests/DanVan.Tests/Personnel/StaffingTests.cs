using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Personnel;

/// <summary>
/// The staffing plan (docs/decisions/ADR-0031 step 2): the personnel officers of the unit above set a unit's quota for a
/// year of 2025–2030 (never the unit itself; a year outside the plan, a negative quota or a share above 100 is refused);
/// the staff in post and at intermediate theory or above are the catalogue's figures kept with every post — equal to a
/// direct count of the posts held on the day, a transfer counting to each unit for its time, part-time posts to none,
/// a theory level raised on the record moving the quality count — rolled up to the province; a quota lower than the
/// staff shows the unit over its quota; and check-statistics finds nothing to repair.
/// </summary>
public sealed class StaffingTests(StaffingTests.Fixture f) : IClassFixture<StaffingTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient C1Personnel { get; private set; } = default!;
        public HttpClient P1Personnel { get; private set; } = default!;
        public HttpClient C1Leader { get; private set; } = default!;
        public int C1Body { get; private set; }
        public int C2Body { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            C1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C1));
            P1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.P1));
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

    private async Task<int> CadreAsync(string name, string theory)
    {
        var created = await f.P1Personnel.PostAsJsonAsync(
            "/api/v1/cadres",
            new
            {
                unitId = f.Tree.C1.Id,
                fullName = name,
                birthDate = Iso(Today.AddYears(-40)),
                sex = "Male",
                theoryLevel = theory,
            }
        );
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
    }

    private async Task<int> PostAsync(int cadre, int body, DateOnly start, DateOnly? end = null, bool fullTime = true)
    {
        var created = await f.P1Personnel.PostAsJsonAsync(
            $"/api/v1/cadres/{cadre}/positions",
            new
            {
                organizationId = body,
                post = "Specialist",
                fullTime,
                startOn = Iso(start),
                endOn = end is { } e ? Iso(e) : null,
            }
        );
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        // The body is the cadre's view; the new post's id ends the Location.
        return int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    /// <summary>The staff of a unit's subtree on a day, counted from the posts directly.</summary>
    private Task<(int Staff, int Qualified)> DirectAsync(int communeOrProvince, bool province, DateOnly day) =>
        f.WithDbAsync(async db =>
        {
            var held = db
                .CadrePositions.Where(p =>
                    province ? p.ProvinceId == communeOrProvince : p.CommuneId == communeOrProvince
                )
                .Where(p => p.FullTime && p.StartOn <= day && (p.EndOn == null || p.EndOn >= day));
            var qualified = held.Where(p =>
                db.Cadres.Any(c => c.Id == p.CadreId && c.TheoryLevel >= TheoryLevel.Intermediate)
            );
            return (await held.CountAsync(), await qualified.CountAsync());
        });

    [Fact]
    public async Task The_quota_is_set_from_above_and_refused_outside_the_plan()
    {
        var t = f.Tree;
        var year = Math.Clamp(Today.Year, StaffingQuota.FirstYear, StaffingQuota.LastYear);
        var count = () => f.WithDbAsync(db => db.StaffingQuotas.CountAsync());
        var before = await count();
        // The commune may not set its own quota; its leader has no personnel rights at all.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.C1Personnel.PutAsJsonAsync(
                    $"/api/v1/staffing/{t.C1.Id}/{year}",
                    new { quota = 9, minTheoryShare = 50 }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.C1Leader.PutAsJsonAsync(
                    $"/api/v1/staffing/{t.C1.Id}/{year}",
                    new { quota = 9, minTheoryShare = 50 }
                )
            ).StatusCode
        );
        foreach (
            var (y, body, field) in new (int, object, string)[]
            {
                (2031, new { quota = 5, minTheoryShare = 50 }, "Year"),
                (year, new { quota = -1, minTheoryShare = 50 }, "Quota"),
                (year, new { quota = 5, minTheoryShare = 101 }, "MinTheoryShare"),
                (year, new { minTheoryShare = 50 }, "Quota"),
            }
        )
        {
            var refused = await f.P1Personnel.PutAsJsonAsync($"/api/v1/staffing/{t.C1.Id}/{y}", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ApiJson.ReadAsync(refused)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(before, await count());
        // A village keeps no cadres, so has no quota; another province's commune is not found.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.P1Personnel.PutAsJsonAsync(
                    $"/api/v1/staffing/{t.V1.Id}/{year}",
                    new { quota = 1, minTheoryShare = 0 }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.P1Personnel.PutAsJsonAsync(
                    $"/api/v1/staffing/{t.C3.Id}/{year}",
                    new { quota = 1, minTheoryShare = 0 }
                )
            ).StatusCode
        );

        var saved = await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/staffing/{t.C2.Id}/{year}",
                new { quota = 7, minTheoryShare = 60 }
            )
        );
        var version = saved.GetProperty("quota").GetProperty("version").GetInt32();
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/staffing/{t.C2.Id}/{year}",
                new
                {
                    version,
                    quota = 8,
                    minTheoryShare = 60,
                }
            )
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await f.P1Personnel.PutAsJsonAsync(
                    $"/api/v1/staffing/{t.C2.Id}/{year}",
                    new
                    {
                        version,
                        quota = 9,
                        minTheoryShare = 60,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            8,
            await f.WithDbAsync(db =>
                db.StaffingQuotas.Where(q => q.UnitId == t.C2.Id && q.Year == year).Select(q => q.Quota).SingleAsync()
            )
        );
    }

    [Fact]
    public async Task Staff_and_quality_are_the_posts_held_on_the_day_rolled_up_and_a_transfer_counts_to_each_unit()
    {
        var t = f.Tree;
        var year = Today.Year;
        Assert.InRange(year, StaffingQuota.FirstYear, StaffingQuota.LastYear);
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/staffing/{t.C1.Id}/{year}",
                new { quota = 4, minTheoryShare = 50 }
            )
        );

        // Three cadres in C1: one qualified, one not, one part-time only; then one moves to C2 a month ago.
        var a = await CadreAsync("Nguyễn Văn Một", "Intermediate");
        var b = await CadreAsync("Nguyễn Văn Hai", "Elementary");
        var c = await CadreAsync("Nguyễn Văn Ba", "Advanced");
        await PostAsync(a, f.C1Body, Today.AddYears(-2));
        var bPost = await PostAsync(b, f.C1Body, Today.AddYears(-1));
        await PostAsync(c, f.C1Body, Today.AddMonths(-3), fullTime: false);
        var plan = await ApiJson.OkAsync(await f.C1Leader.GetAsync($"/api/v1/staffing?unitId={t.C1.Id}&year={year}"));
        var total = plan.GetProperty("total");
        Assert.Equal(4, total.GetProperty("quota").GetDouble());
        Assert.Equal(2, total.GetProperty("staff").GetDouble());
        Assert.Equal(1, total.GetProperty("qualified").GetDouble());
        Assert.Equal(2, total.GetProperty("gap").GetDouble());
        Assert.Equal(2, total.GetProperty("qualifiedRequired").GetDouble());

        // B is transferred to C2 a month ago and raised to intermediate theory: C1 loses one, C2 gains one qualified.
        var bView = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/cadres/{b}"));
        var post = bView.GetProperty("positions")[0];
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/cadres/{b}/positions/{bPost}",
                new
                {
                    version = post.GetProperty("version").GetInt32(),
                    organizationId = f.C1Body,
                    post = "Specialist",
                    fullTime = true,
                    startOn = Iso(Today.AddYears(-1)),
                    endOn = Iso(Today.AddMonths(-1)),
                }
            )
        );
        await PostAsync(b, f.C2Body, Today.AddMonths(-1).AddDays(1));
        bView = await ApiJson.OkAsync(await f.P1Personnel.PostAsync($"/api/v1/cadres/{b}/personal-data", null));
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/cadres/{b}",
                new
                {
                    version = bView.GetProperty("version").GetInt32(),
                    fullName = "Nguyễn Văn Hai",
                    birthDate = Iso(Today.AddYears(-40)),
                    sex = "Male",
                    theoryLevel = "Intermediate",
                }
            )
        );

        var read = f.Services.CreateScope().ServiceProvider.GetRequiredService<ReadStatistics>();
        foreach (var day in new[] { Today, Today.AddMonths(-2) })
        {
            var period = StatisticPeriod.Custom(day.AddDays(-day.Day + 1), day);
            foreach (var (unit, province) in new[] { (t.C1, false), (t.C2, false), (t.P1, true) })
            {
                var values = await read.ValuesAsync(
                    unit.Ref,
                    period,
                    day,
                    [
                        StatisticCatalogue.Get(StatisticCatalogue.StaffInPost),
                        StatisticCatalogue.Get(StatisticCatalogue.StaffQualified),
                    ],
                    CancellationToken.None
                );
                var (staff, qualified) = await DirectAsync(unit.Id, province, day);
                Assert.Equal(staff, values[StatisticCatalogue.StaffInPost].Value ?? 0);
                Assert.Equal(qualified, values[StatisticCatalogue.StaffQualified].Value ?? 0);
            }
        }

        plan = await ApiJson.OkAsync(await f.P1Personnel.GetAsync($"/api/v1/staffing?unitId={t.P1.Id}&year={year}"));
        var c1 = plan.GetProperty("children")
            .EnumerateArray()
            .Single(x => x.GetProperty("unitId").GetInt32() == t.C1.Id);
        Assert.Equal(1, c1.GetProperty("staff").GetDouble());
        Assert.Equal(3, c1.GetProperty("gap").GetDouble());

        // A quota lower than the staff: the unit is over its quota.
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/staffing/{t.C1.Id}/{year}",
                new
                {
                    version = await f.WithDbAsync(db =>
                        db.StaffingQuotas.Where(q => q.UnitId == t.C1.Id && q.Year == year)
                            .Select(q => q.Version)
                            .SingleAsync()
                    ),
                    quota = 0,
                    minTheoryShare = 50,
                }
            )
        );
        plan = await ApiJson.OkAsync(await f.C1Leader.GetAsync($"/api/v1/staffing?unitId={t.C1.Id}&year={year}"));
        Assert.Equal(JsonValueKindNull, plan.GetProperty("total").GetProperty("gap").ValueKind);
        await ApiJson.OkAsync(
            await f.P1Personnel.PutAsJsonAsync(
                $"/api/v1/staffing/{t.C1.Id}/{year}",
                new
                {
                    version = await f.WithDbAsync(db =>
                        db.StaffingQuotas.Where(q => q.UnitId == t.C1.Id && q.Year == year)
                            .Select(q => q.Version)
                            .SingleAsync()
                    ),
                    quota = 1,
                    minTheoryShare = 50,
                }
            )
        );
        var a2 = await CadreAsync("Nguyễn Văn Bốn", "Intermediate");
        await PostAsync(a2, f.C1Body, Today.AddDays(-1));
        plan = await ApiJson.OkAsync(await f.C1Leader.GetAsync($"/api/v1/staffing?unitId={t.C1.Id}&year={year}"));
        Assert.Equal(-1, plan.GetProperty("total").GetProperty("gap").GetDouble());

        await using var scope = f.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }

    /// <summary>The personnel report: the workbook holds the plan's numbers (the same as the API's), the Word file is a
    /// valid document, the PDF opens; a bad format is refused; each download is in the audit trail.</summary>
    [Fact]
    public async Task The_personnel_report_is_a_workbook_a_Word_file_and_a_PDF_with_the_plans_numbers()
    {
        var t = f.Tree;
        var year = Today.Year;
        var plan = await ApiJson.OkAsync(
            await f.P1Personnel.GetAsync($"/api/v1/staffing?unitId={t.P1.Id}&year={year}")
        );
        var xlsx = await f.P1Personnel.GetAsync($"/api/v1/staffing/report?unitId={t.P1.Id}&year={year}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (
            var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(
                new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()),
                false
            )
        )
        {
            var text =
                (book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "")
                + string.Concat(
                    book.WorkbookPart.WorksheetParts.SelectMany(p =>
                        p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.InlineString>()
                            .Select(x => x.InnerText)
                    )
                );
            Assert.Contains(t.C1.Name, text);
            Assert.Contains(t.C2.Name, text);
        }

        var docx = await f.P1Personnel.GetAsync($"/api/v1/staffing/report?unitId={t.P1.Id}&year={year}&format=docx");
        using (
            var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                new MemoryStream(await docx.Content.ReadAsByteArrayAsync()),
                false
            )
        )
        {
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(
                DocumentFormat.OpenXml.FileFormatVersions.Office2019
            )
                .Validate(word)
                .ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Description)));
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("BÁO CÁO", text);
            Assert.Contains(t.C1.Name, text);
        }

        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await f.P1Personnel.GetAsync($"/api/v1/staffing/report?unitId={t.P1.Id}&format=exe")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C1Leader.GetAsync($"/api/v1/staffing/report?unitId={t.P1.Id}&format=xlsx")).StatusCode
        );
        Assert.True(
            await f.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a => a.EntityType == "StaffingPlan" && a.EntityId == t.P1.Id.ToString())
            ) >= 2
        );
        Assert.True(plan.GetProperty("children").GetArrayLength() >= 2);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
