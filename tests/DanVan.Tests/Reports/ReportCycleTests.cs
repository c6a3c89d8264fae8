using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Documents;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Reports;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DanVan.Tests.Petitions.PetitionData;
using Xl = DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Tests.Reports;

/// <summary>
/// A monthly round from opening to approval (ADR-0029): the figures come from the catalogue and are frozen at the
/// submission (a later write shows as a difference, never changes them); one submission; return with a reason and
/// resubmission, marked late after the due day in Vietnam time; the bottom-up rule names the reports not approved;
/// approval locks the reports below; a locked report is reopened only by the level above, after the report above it;
/// and the official documents read back with the frozen figures.
/// </summary>
public sealed class ReportCycleTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private static readonly DateOnly October = new(2026, 10, 1);

    private async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            Assert.Fail(string.Join("\n", app.Log.Errors));
        }

        return await ApiJson.OkAsync(response);
    }

    private static int ReportOf(JsonElement round, int unitId) =>
        round
            .GetProperty("reports")
            .EnumerateArray()
            .Single(r => r.GetProperty("unitId").GetInt32() == unitId)
            .GetProperty("reportId")
            .GetInt32();

    private static double? Figure(JsonElement report, string key, string property = "value")
    {
        var value = report
            .GetProperty("sections")
            .EnumerateArray()
            .SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Single(f => f.GetProperty("key").GetString() == key)
            .GetProperty(property);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    private static Task<HttpResponseMessage> StepAsync(
        HttpClient client,
        JsonElement report,
        string action,
        string? reason = null
    ) =>
        client.PostAsJsonAsync(
            $"/api/v1/reports/{report.GetProperty("id").GetInt32()}/steps",
            new
            {
                action,
                version = report.GetProperty("version").GetInt32(),
                reason,
            }
        );

    private async Task<double?> CatalogueAsync(DanVan.Web.Features.Units.Unit unit, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var values = await scope
            .ServiceProvider.GetRequiredService<ReadStatistics>()
            .ValuesAsync(
                unit.Ref,
                StatisticPeriod.Of(PeriodKind.Month, 2026, 10),
                app.Today,
                [StatisticCatalogue.Get(key)],
                CancellationToken.None
            );
        return values[key].Value;
    }

    [Fact]
    public async Task A_monthly_round_goes_from_opening_to_bottom_up_approval_with_frozen_figures_and_documents()
    {
        var ct = TestContext.Current.CancellationToken;
        var t = app.Tree;
        TestAccount[] accounts =
        [
            await app.CreateAccountAsync(Role.Officer, t.P1),
            await app.CreateAccountAsync(Role.Leader, t.P1),
            await app.CreateAccountAsync(Role.Officer, t.C1),
            await app.CreateAccountAsync(Role.Officer, t.C2),
            await app.CreateAccountAsync(Role.Viewer, t.C1),
        ];
        var (province, leader, c1, c2, viewer) = (
            await app.ApiClientAsync(accounts[0]),
            await app.ApiClientAsync(accounts[1]),
            await app.ApiClientAsync(accounts[2]),
            await app.ApiClientAsync(accounts[3]),
            await app.ApiClientAsync(accounts[4])
        );

        // Two sessions of the commune in October, before the round.
        Assert.Equal(
            HttpStatusCode.Created,
            (await c1.PostAsJsonAsync("/api/v1/dialogues", Conference(t.C1, October.AddDays(2)), ct)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (await c1.PostAsJsonAsync("/api/v1/dialogues", Conference(t.C1, October.AddDays(9)), ct)).StatusCode
        );

        // A commune does not open rounds; the province does, once per period; the due day is the 18th of November.
        var open = new
        {
            unitId = t.P1.Id,
            kind = "Month",
            year = 2026,
            number = 10,
        };
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await c1.PostAsJsonAsync("/api/v1/reports/rounds", open with { unitId = t.C1.Id }, ct)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await viewer.PostAsJsonAsync("/api/v1/reports/rounds", open, ct)).StatusCode
        );
        var opened = await province.PostAsJsonAsync("/api/v1/reports/rounds", open, ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var round = await ApiJson.ReadAsync(opened);
        Assert.Equal("2026-11-18", round.GetProperty("dueOn").GetString());
        Assert.Equal(3, round.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(3, round.GetProperty("counts").GetProperty("missing").GetInt32());
        var twice = await province.PostAsJsonAsync("/api/v1/reports/rounds", open, ct);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ReportingRounds.CountAsync(r => r.UnitId == t.P1.Id, ct)));

        var (p1Id, c1Id, c2Id) = (ReportOf(round, t.P1.Id), ReportOf(round, t.C1.Id), ReportOf(round, t.C2.Id));
        // The commune sees its own report only; its round is its own report's.
        var own = await Ok(await c1.GetAsync($"/api/v1/reports/rounds/{round.GetProperty("id").GetInt32()}", ct));
        Assert.Equal(
            [t.C1.Id],
            own.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("unitId").GetInt32())
        );
        Assert.Equal(HttpStatusCode.NotFound, (await c1.GetAsync($"/api/v1/reports/{c2Id}", ct)).StatusCode);

        // Before the submission the figures are the catalogue's, live.
        var draft = await Ok(await c1.GetAsync($"/api/v1/reports/{c1Id}", ct));
        Assert.Equal(2, Figure(draft, StatisticCatalogue.DialogueSessions));
        Assert.False(draft.GetProperty("frozen").GetBoolean());

        // Narrative: hostile text is kept as text; over 100,000 characters is refused and nothing is written.
        var hostile = "<script>alert('x')</script>\n- =HYPERLINK(\"http://x\")\nĐã tổ chức đối thoại về Vành đai 4.";
        var header = draft.GetProperty("header");
        object Body(string text, int version) =>
            new
            {
                version,
                parentBody = header.GetProperty("parentBody").GetString(),
                issuingBody = header.GetProperty("issuingBody").GetString(),
                abbreviation = header.GetProperty("abbreviation").GetString(),
                place = header.GetProperty("place").GetString(),
                number = 7,
                signerAuthority = header.GetProperty("signerAuthority").GetString(),
                signerTitle = "PHÓ BÍ THƯ",
                signerName = "Nguyễn Văn Ký",
                recipients = header.GetProperty("recipients").GetString(),
                sections = new[] { new { key = "leadership", text } },
            };
        var tooLong = await c1.PutAsJsonAsync(
            $"/api/v1/reports/{c1Id}",
            Body(new string('a', 100_001), draft.GetProperty("version").GetInt32()),
            ct
        );
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Null(
            await app.WithDbAsync(db =>
                db.ReportSections.Where(s => s.ReportId == c1Id && s.Key == "leadership")
                    .Select(s => s.Text)
                    .SingleAsync(ct)
            )
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await province.PutAsJsonAsync($"/api/v1/reports/{c1Id}", Body("x", 0), ct)).StatusCode
        );
        draft = await Ok(
            await c1.PutAsJsonAsync(
                $"/api/v1/reports/{c1Id}",
                Body(hostile, draft.GetProperty("version").GetInt32()),
                ct
            )
        );
        Assert.Equal(hostile, draft.GetProperty("sections")[0].GetProperty("text").GetString());

        // Submitted once: the figures are frozen equal to the catalogue at that moment; a second submission is refused.
        var submitted = await Ok(await StepAsync(c1, draft, "Submit"));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.True(submitted.GetProperty("frozen").GetBoolean());
        Assert.False(submitted.GetProperty("late").GetBoolean());
        Assert.Equal(
            await CatalogueAsync(t.C1, StatisticCatalogue.DialogueSessions),
            Figure(submitted, StatisticCatalogue.DialogueSessions)
        );
        var again = await StepAsync(c1, draft, "Submit");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(c1, submitted, "Submit")).StatusCode);
        Assert.Equal(
            1,
            await app.WithDbAsync(db =>
                db.ReportEvents.CountAsync(e => e.ReportId == c1Id && e.Action == ReportAction.Submit, ct)
            )
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await c1.PutAsJsonAsync(
                    $"/api/v1/reports/{c1Id}",
                    Body("late edit", submitted.GetProperty("version").GetInt32()),
                    ct
                )
            ).StatusCode
        );

        // A later session in October: the catalogue moves, the report's figure stays and shows the difference.
        Assert.Equal(
            HttpStatusCode.Created,
            (await c1.PostAsJsonAsync("/api/v1/dialogues", Conference(t.C1, October.AddDays(20)), ct)).StatusCode
        );
        var later = await Ok(await viewer.GetAsync($"/api/v1/reports/{c1Id}", ct));
        Assert.Equal(2, Figure(later, StatisticCatalogue.DialogueSessions));
        Assert.Equal(3, Figure(later, StatisticCatalogue.DialogueSessions, "now"));
        Assert.Equal(1, Figure(later, StatisticCatalogue.DialogueSessions, "changedBy"));
        Assert.Equal(3, await CatalogueAsync(t.C1, StatisticCatalogue.DialogueSessions));

        // Nobody reviews their own report; a viewer reviews nothing; a return needs a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(c1, later, "Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(viewer, later, "Return", "x")).StatusCode);
        var noReason = await StepAsync(province, later, "Return");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await ApiJson.ReadAsync(noReason)).GetProperty("errors").TryGetProperty("Reason", out _));
        var returned = await Ok(await StepAsync(province, later, "Return", "Bổ sung kết quả đối thoại ngày 21/10."));
        Assert.Equal("Returned", returned.GetProperty("status").GetString());

        // After the due day (the 18th ends at 17:00 UTC) the corrected report is late, and its figures frozen anew.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 16, 59, 0, TimeSpan.Zero));
        // Tokens idle out when the clock jumps two days: new ones.
        (province, leader, c1, c2, viewer) = (
            await app.ApiClientAsync(accounts[0]),
            await app.ApiClientAsync(accounts[1]),
            await app.ApiClientAsync(accounts[2]),
            await app.ApiClientAsync(accounts[3]),
            await app.ApiClientAsync(accounts[4])
        );
        Assert.False((await Ok(await c1.GetAsync($"/api/v1/reports/{c1Id}", ct))).GetProperty("late").GetBoolean());
        var c2Report = await Ok(await c2.GetAsync($"/api/v1/reports/{c2Id}", ct));
        Assert.False(c2Report.GetProperty("late").GetBoolean());
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 17, 0, 0, TimeSpan.Zero));
        c2Report = await Ok(await c2.GetAsync($"/api/v1/reports/{c2Id}", ct));
        Assert.True(c2Report.GetProperty("late").GetBoolean());
        var resubmitted = await Ok(
            await StepAsync(c1, await Ok(await c1.GetAsync($"/api/v1/reports/{c1Id}", ct)), "Submit")
        );
        Assert.True(resubmitted.GetProperty("late").GetBoolean());
        Assert.Equal(3, Figure(resubmitted, StatisticCatalogue.DialogueSessions));
        var roundNow = await Ok(
            await province.GetAsync($"/api/v1/reports/rounds/{round.GetProperty("id").GetInt32()}", ct)
        );
        Assert.Equal(2, roundNow.GetProperty("counts").GetProperty("missing").GetInt32()); // the province's own and C2
        Assert.Equal(3, roundNow.GetProperty("counts").GetProperty("late").GetInt32());

        // Bottom-up: the province's report waits for every commune's, and says which.
        var p1Draft = await Ok(await province.GetAsync($"/api/v1/reports/{p1Id}", ct));
        var p1Submitted = await Ok(await StepAsync(province, p1Draft, "Submit"));
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(province, p1Submitted, "Approve")).StatusCode);
        var refused = await StepAsync(leader, p1Submitted, "Approve");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var why =
            (await ApiJson.ReadAsync(refused)).GetProperty("title").GetString()
            + (await ApiJson.ReadAsync(refused)).ToString();
        Assert.Contains(t.C1.Name, why, StringComparison.Ordinal);
        Assert.Contains(t.C2.Name, why, StringComparison.Ordinal);

        await Ok(await StepAsync(province, resubmitted, "Approve"));
        await Ok(await StepAsync(c2, c2Report, "Submit"));
        await Ok(
            await StepAsync(province, await Ok(await province.GetAsync($"/api/v1/reports/{c2Id}", ct)), "Approve")
        );
        var approved = await Ok(
            await StepAsync(leader, await Ok(await leader.GetAsync($"/api/v1/reports/{p1Id}", ct)), "Approve")
        );
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.All(approved.GetProperty("children").EnumerateArray(), c =>
            Assert.Equal("Locked", c.GetProperty("status").GetString())
        );
        // The province's own figures are its subtree's, frozen; the children's as they submitted them.
        Assert.Equal(
            await CatalogueAsync(t.P1, StatisticCatalogue.DialogueSessions),
            Figure(approved, StatisticCatalogue.DialogueSessions)
        );
        Assert.Equal(
            3,
            approved
                .GetProperty("children")
                .EnumerateArray()
                .Single(c => c.GetProperty("unitId").GetInt32() == t.C1.Id)
                .GetProperty("figures")
                .GetProperty(StatisticCatalogue.DialogueSessions)
                .GetDouble()
        );

        // Locked: the unit cannot edit; the level above reopens only after the report above it is reopened.
        var locked = await Ok(await c1.GetAsync($"/api/v1/reports/{c1Id}", ct));
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await c1.PutAsJsonAsync(
                    $"/api/v1/reports/{c1Id}",
                    Body("x", locked.GetProperty("version").GetInt32()),
                    ct
                )
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(province, locked, "Reopen", "Sai số liệu")).StatusCode);
        await Ok(await StepAsync(leader, approved, "Reopen", "Cần điều chỉnh số liệu xã Đông Hòa"));
        var reopened = await Ok(
            await StepAsync(
                province,
                await Ok(await province.GetAsync($"/api/v1/reports/{c1Id}", ct)),
                "Reopen",
                "Sai số liệu"
            )
        );
        Assert.Equal("Returned", reopened.GetProperty("status").GetString());
        var steps = await app.WithDbAsync(db =>
            db.ReportEvents.Where(e => e.ReportId == c1Id)
                .OrderBy(e => e.Id)
                .Select(e => new { e.Action, e.To })
                .ToListAsync(ct)
        );
        Assert.Equal(
            [
                "Submit:Submitted",
                "Return:Returned",
                "Submit:Submitted",
                "Approve:Approved",
                "Approve:Locked",
                "Reopen:Approved",
                "Reopen:Returned",
            ],
            steps.Select(e => $"{e.Action}:{e.To}")
        );
        // Every step is in the audit trail.
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a => a.EntityType == nameof(UnitReport) && a.EntityId == c1Id.ToString(), ct)
            ) >= 7
        );

        // The round's list as a spreadsheet: every report the province sees, its status in Vietnamese, the reason.
        var csv = await (
            await province.GetAsync(
                $"/api/v1/reports/rounds/{round.GetProperty("id").GetInt32()}/export?format=csv",
                ct
            )
        ).Content.ReadAsStringAsync(ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var c1Line = Assert.Single(lines, l => l.Contains(t.C1.Name, StringComparison.Ordinal));
        Assert.Contains("Bị trả lại", c1Line, StringComparison.Ordinal);
        Assert.Contains("Sai số liệu", c1Line, StringComparison.Ordinal);
        Assert.Contains(
            "Đã duyệt",
            Assert.Single(lines, l => l.Contains(t.C2.Name, StringComparison.Ordinal)),
            StringComparison.Ordinal
        );

        // The province's documents: valid Word with the header, number and frozen figures; the workbook's numbers.
        var docx = await province.GetAsync($"/api/v1/reports/{p1Id}/document?format=docx", ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync(ct);
        using (var word = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Description)));
            var text = string.Join(
                "\n",
                word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText)
            );
            Assert.Contains("TỈNH ỦY THỬ NGHIỆM", text, StringComparison.Ordinal);
            Assert.Contains("BAN TUYÊN GIÁO VÀ DÂN VẬN", text, StringComparison.Ordinal);
            Assert.Contains("-BC/BTGDVTU", text, StringComparison.Ordinal);
            Assert.Contains("kết quả công tác dân vận tháng 10 năm 2026", text, StringComparison.Ordinal);
            // A report sent back (Đông Hòa's, reopened) is neither counted nor quoted under the communes' table; the
            // other has no text to quote.
            Assert.Contains("Đã nhận 1/2 báo cáo", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert('x')</script>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Trích nội dung báo cáo của các đơn vị", text, StringComparison.Ordinal);
            var sessions = word
                .MainDocumentPart.Document.Body.Descendants<TableRow>()
                .First(r =>
                    r.Descendants<TableCell>().First().InnerText
                    == StatisticCatalogue.Get(StatisticCatalogue.DialogueSessions).Name("vi")
                );
            Assert.Equal(
                Figure(approved, StatisticCatalogue.DialogueSessions)!
                    .Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                sessions.Descendants<TableCell>().ElementAt(1).InnerText
            );

            // Each section with counted figures to draw has its chart — here only the dialogues: the test recorded no
            // models or petitions — a real PNG across the text width, whose alternative text carries the frozen
            // values the table has.
            var pictures = word.MainDocumentPart.ImageParts.ToList();
            Assert.Single(pictures);
            foreach (var picture in pictures)
            {
                using var png = picture.GetStream();
                using var bitmap = SkiaSharp.SKBitmap.Decode(png);
                Assert.Equal(ReportChart.Width, bitmap.Width);
                Assert.True(bitmap.Height > 100);
            }

            var described = word
                .MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>()
                .Select(d => d.Description!.Value!)
                .ToList();
            Assert.Single(described);
            Assert.Contains(described, d =>
                d.Contains(
                    $"{StatisticCatalogue.Get(StatisticCatalogue.DialogueSessions).Name("vi")}: kỳ này {Figure(approved, StatisticCatalogue.DialogueSessions)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)},",
                    StringComparison.Ordinal
                )
            );
        }

        var xlsx = await (
            await province.GetAsync($"/api/v1/reports/{p1Id}/document?format=xlsx", ct)
        ).Content.ReadAsByteArrayAsync(ct);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<Xl.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(1 + 5 + 1, sheets.Count); // the document, the five sections with figures (the others are empty), the communes
            Assert.Contains(
                book.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Xl.CellFormula>()),
                f => f.Text.StartsWith("SUM(", StringComparison.Ordinal)
            );
        }

        var pdf = await province.GetAsync($"/api/v1/reports/{p1Id}/document?format=pdf", ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var folder = Repository.PathOf("artifacts", "documents");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"report-cycle-{app.Provider}.pdf".ToLowerInvariant());
        await File.WriteAllBytesAsync(file, await pdf.Content.ReadAsByteArrayAsync(ct), ct);
        var pdfText = OfficialDocxTests.Run("pdftotext", "-layout", file, "-");
        Assert.Contains("BÁO CÁO", pdfText, StringComparison.Ordinal);
        Assert.Contains("Tổng hợp số liệu báo cáo của các đơn vị trực thuộc", pdfText, StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await province.GetAsync($"/api/v1/reports/{p1Id}/document?format=odt", ct)).StatusCode
        );
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(
                    a => a.EntityType == nameof(UnitReport) && a.Details!.StartsWith("format="),
                    ct
                )
            ) >= 3
        );
    }
}
