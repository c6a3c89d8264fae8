using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Reports;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.OfficialDocuments;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Reports;

/// <summary>
/// A province's own report templates: its administrator sets the sections, figures, due day and schedule of a kind;
/// the next round opens with them while open reports keep theirs; bad templates are refused with the field's message
/// and write nothing; a stale version is a conflict; nobody below or beside the province sets them; and a scheduled
/// kind opens the round of the period just ended, once, the day after it ends — never one whose due day has passed.
/// The clock starts on 16 November 2026 and only moves forward.
/// </summary>
public sealed class ReportTemplateTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private static object Body(
        int version,
        int dueDay,
        bool schedule,
        params (string? Key, string Title, string[] Figures)[] sections
    ) => Body(version, dueDay, schedule, "Party", sections);

    private static object Body(
        int version,
        int dueDay,
        bool schedule,
        string regime,
        params (string? Key, string Title, string[] Figures)[] sections
    ) =>
        new
        {
            version,
            dueDay,
            opensOnSchedule = schedule,
            regime,
            sections = sections
                .Select(s => new
                {
                    key = s.Key,
                    title = s.Title,
                    figures = s.Figures,
                })
                .ToArray(),
        };

    private async Task<int> CountAsync() => await app.WithDbAsync(db => db.ReportTemplateSettings.CountAsync());

    [Fact]
    public async Task The_administrator_sets_a_kind_and_the_next_round_opens_with_its_sections_and_due_day()
    {
        var t = app.Tree;
        var admin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, t.P1));
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));

        var all = await ApiJson.ReadAsync(await admin.GetAsync($"/api/v1/reports/templates/{t.P1.Id}"));
        Assert.Equal(5, all.GetArrayLength());
        var month = all.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "Month");
        Assert.False(month.GetProperty("own").GetBoolean());
        Assert.Equal(ReportTemplates.Default.Sections.Count, month.GetProperty("sections").GetArrayLength());

        // The province's own monthly template: two sections, the first keeping the default's key.
        var saved = await admin.PutAsJsonAsync(
            $"/api/v1/reports/templates/{t.P1.Id}/month",
            Body(
                0,
                10,
                false,
                "State",
                (
                    "petitions",
                    "Kết quả tiếp nhận, giải quyết kiến nghị",
                    [StatisticCatalogue.PetitionsReceived, StatisticCatalogue.DialogueSessions]
                ),
                (null, "Đề xuất", [])
            )
        );
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var own = await ApiJson.ReadAsync(saved);
        Assert.True(own.GetProperty("own").GetBoolean());
        Assert.Equal(10, own.GetProperty("dueDay").GetInt32());
        Assert.Equal("State", own.GetProperty("regime").GetString());
        Assert.Equal(
            ["petitions", "s2"],
            own.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString())
        );
        var version = own.GetProperty("version").GetInt32();

        // The next round opens with them: due on the 10th, each report with the two sections.
        var opened = await officer.PostAsJsonAsync(
            "/api/v1/reports/rounds",
            new
            {
                unitId = t.P1.Id,
                kind = "Month",
                year = 2026,
                number = 10,
            }
        );
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var round = await ApiJson.ReadAsync(opened);
        Assert.Equal("2026-11-10", round.GetProperty("dueOn").GetString());
        var roundId = round.GetProperty("id").GetInt32();
        var sections = await app.WithDbAsync(db =>
            db.ReportSections.Where(s => db.UnitReports.Any(r => r.RoundId == roundId && r.Id == s.ReportId))
                .Select(s => new
                {
                    s.ReportId,
                    s.Title,
                    s.Figures,
                })
                .ToListAsync()
        );
        Assert.Equal(3 * 2, sections.Count); // P1, C1 and C2 each with two
        Assert.All(sections.Where(s => s.Title == "Đề xuất"), s => Assert.Equal("", s.Figures));
        Assert.Equal(
            $"{StatisticCatalogue.PetitionsReceived},{StatisticCatalogue.DialogueSessions}",
            sections.First(s => s.Title.StartsWith("Kết quả", StringComparison.Ordinal)).Figures
        );

        // The People's Committee's reports: the commune's header, symbol and signature in the state's form, and its
        // Word file with the national motto.
        var c1Report = await app.WithDbAsync(db =>
            db.UnitReports.SingleAsync(r => r.RoundId == roundId && r.UnitId == t.C1.Id)
        );
        Assert.Equal(DocumentRegime.State, c1Report.Regime);
        Assert.Equal("UBND", c1Report.Abbreviation);
        Assert.StartsWith("ỦY BAN NHÂN DÂN ", c1Report.IssuingBody, StringComparison.Ordinal);
        Assert.Equal("TM. ỦY BAN NHÂN DÂN", c1Report.SignerAuthority);
        var communeOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C1));
        var docx = await communeOfficer.GetByteArrayAsync($"/api/v1/reports/{c1Report.Id}/document?format=docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var text = string.Join(
                "\n",
                word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText)
            );
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
            Assert.Contains("/BC-UBND", text, StringComparison.Ordinal);
            Assert.DoesNotContain("ĐẢNG CỘNG SẢN VIỆT NAM", text, StringComparison.Ordinal);
        }

        // A change made from a stale page is a conflict and writes nothing; the quarter is still the default.
        var stale = await admin.PutAsJsonAsync(
            $"/api/v1/reports/templates/{t.P1.Id}/Month",
            Body(version - 1, 12, false, (null, "Khác", []))
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(
            10,
            await app.WithDbAsync(db =>
                db.ReportTemplateSettings.Where(s => s.UnitId == t.P1.Id && s.Kind == PeriodKind.Month)
                    .Select(s => s.DueDay)
                    .SingleAsync()
            )
        );

        // Back to the default: the open round's reports keep their two sections.
        var reset = await admin.DeleteAsync($"/api/v1/reports/templates/{t.P1.Id}/Month?version={version}");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False((await ApiJson.ReadAsync(reset)).GetProperty("own").GetBoolean());
        Assert.Equal(
            6,
            await app.WithDbAsync(db =>
                db.ReportSections.CountAsync(s => db.UnitReports.Any(r => r.RoundId == roundId && r.Id == s.ReportId))
            )
        );
        Assert.True(
            await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ReportTemplateSetting)))
                >= 2
        );
    }

    [Fact]
    public async Task A_bad_template_is_refused_at_its_field_and_writes_nothing()
    {
        var t = app.Tree;
        var admin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, t.P2));
        var url = $"/api/v1/reports/templates/{t.P2.Id}/Quarter";
        var before = await CountAsync();

        async Task RefusedAsync(object body, string field, string message)
        {
            var response = await admin.PutAsJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await ApiJson.ReadAsync(response)).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        }

        // No sections at all (only empty headings).
        await RefusedAsync(Body(0, 18, false, (null, "  ", [])), "Sections", "chưa có mục nào");
        // A figure the catalogue does not have.
        await RefusedAsync(
            Body(0, 18, false, (null, "Kết quả", ["no.such"])),
            "Sections[0].Figures",
            "không có trong danh mục"
        );
        // The same heading twice.
        await RefusedAsync(
            Body(0, 18, false, (null, "Kết quả", []), (null, "kết quả", [])),
            "Sections[1].Title",
            "hai lần"
        );
        // Figures without a heading.
        await RefusedAsync(
            Body(0, 18, false, (null, "Kết quả", []), (null, "", [StatisticCatalogue.PetitionsReceived])),
            "Sections[1].Title",
            "Tiêu đề mục"
        );
        // A due day no month has every year.
        await RefusedAsync(Body(0, 31, false, (null, "Kết quả", [])), "DueDay", "Ngày hạn gửi");
        // A control character in a heading (markup is kept as typed and printed as text, like every narrative).
        await RefusedAsync(Body(0, 18, false, (null, "Kết\u0007quả", [])), "Sections[0].Title", "ký tự điều khiển");
        // Too many sections.
        await RefusedAsync(
            Body(
                0,
                18,
                false,
                [
                    .. Enumerable
                        .Range(1, ReportTemplateSetting.MaxSections + 1)
                        .Select(i => ((string?)null, $"Mục {i}", Array.Empty<string>())),
                ]
            ),
            "Sections",
            $"{ReportTemplateSetting.MaxSections}"
        );
        Assert.Equal(before, await CountAsync());

        // A template for a period kind that is none, or a unit that is no province: not found.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await admin.PutAsJsonAsync(
                    $"/api/v1/reports/templates/{t.P2.Id}/Custom",
                    Body(0, 18, false, (null, "A", []))
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await admin.PutAsJsonAsync(
                    $"/api/v1/reports/templates/{t.C3.Id}/Month",
                    Body(0, 18, false, (null, "A", []))
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task Only_an_administrator_of_the_province_sets_its_templates()
    {
        var t = app.Tree;
        var body = Body(0, 18, false, (null, "Kết quả", []));
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        var leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, t.P1));
        var communeAdmin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, t.C1));
        var otherAdmin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, t.P2));
        var url = $"/api/v1/reports/templates/{t.P1.Id}/Year";
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await communeAdmin.PutAsJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PutAsJsonAsync(url, body)).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await otherAdmin.GetAsync($"/api/v1/reports/templates/{t.P1.Id}")).StatusCode
        );
        Assert.False(
            await app.WithDbAsync(db =>
                db.ReportTemplateSettings.AnyAsync(s => s.UnitId == t.P1.Id && s.Kind == PeriodKind.Year)
            )
        );
    }

    [Theory]
    [InlineData(PeriodKind.Month, "2026-11-16", "2026-10-01")]
    [InlineData(PeriodKind.Month, "2026-01-01", "2025-12-01")]
    [InlineData(PeriodKind.Quarter, "2026-11-16", "2026-07-01")]
    [InlineData(PeriodKind.Quarter, "2026-02-01", "2025-10-01")]
    [InlineData(PeriodKind.SixMonths, "2026-07-01", "2026-01-01")]
    [InlineData(PeriodKind.SixMonths, "2026-06-30", "2025-01-01")]
    [InlineData(PeriodKind.NineMonths, "2026-10-01", "2026-01-01")]
    [InlineData(PeriodKind.Year, "2026-01-01", "2025-01-01")]
    public void The_period_a_schedule_opens_is_the_last_one_ended(PeriodKind kind, string today, string from) =>
        Assert.Equal(
            DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            ScheduledRounds
                .LastEnded(kind, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))
                .From
        );

    [Fact]
    public async Task A_scheduled_kind_opens_the_round_of_the_period_just_ended_once_and_never_one_past_its_due_day()
    {
        var t = app.Tree;
        var admin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, t.P2));
        foreach (var kind in new[] { "Month", "Year" })
        {
            Assert.Equal(
                HttpStatusCode.OK,
                (
                    await admin.PutAsJsonAsync(
                        $"/api/v1/reports/templates/{t.P2.Id}/{kind}",
                        Body(0, 25, true, (null, "Kết quả", [StatisticCatalogue.PetitionsReceived]))
                    )
                ).StatusCode
            );
        }

        async Task<int> RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ScheduledRounds>().RunAsync(CancellationToken.None);
        }

        Task<List<ReportingRound>> RoundsAsync() =>
            app.WithDbAsync(db => db.ReportingRounds.Where(r => r.UnitId == t.P2.Id).OrderBy(r => r.Id).ToListAsync());

        var before = (await RoundsAsync()).Count;
        // In November the October round opens (due 25 November); 2025's yearly round is long past its due day.
        Assert.True(app.Today <= new DateOnly(2026, 11, 25));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        var rounds = await RoundsAsync();
        Assert.Equal(before + 1, rounds.Count);
        var october = rounds.Single(r => r.Kind == PeriodKind.Month && r.From == new DateOnly(2026, 10, 1));
        Assert.Null(october.OpenedById);
        Assert.Equal(new DateOnly(2026, 11, 25), october.DueOn);
        Assert.DoesNotContain(rounds, r => r.Kind == PeriodKind.Year);
        Assert.Equal(
            ["Kết quả"],
            await app.WithDbAsync(db =>
                db.ReportSections.Where(s =>
                        db.UnitReports.Any(r => r.RoundId == october.Id && r.UnitId == t.P2.Id && r.Id == s.ReportId)
                    )
                    .Select(s => s.Title)
                    .ToListAsync()
            )
        );

        // The day after November ends, November's round.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(7)));
        Assert.Equal(1, await RunAsync());
        Assert.Contains(await RoundsAsync(), r =>
            r.Kind == PeriodKind.Month && r.From == new DateOnly(2026, 11, 1) && r.DueOn == new DateOnly(2026, 12, 25)
        );
    }
}
