using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Programs;
using DanVan.Web.Infrastructure.Auth;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using S = DanVan.Web.Features.Statistics.StatisticCatalogue;
using Xl = DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Tests.Programs;

/// <summary>
/// Annual work programs down the tree (docs/decisions/ADR-0030): the province drafts, submits, has its committee approve
/// and publishes its program; a commune concretizes it item by item and goes through its own committee; approved
/// programs are locked but for an amendment, whose approved predecessor stays readable; the coverage matrix counts
/// what each commune implements; and every refusal (an item of another program, a step by the wrong account, a
/// publication before the parent's) writes nothing.
/// </summary>
public sealed partial class ProgramCascadeTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;

    private static object Program(
        int unitId,
        string title,
        int? parent = null,
        string kind = "WorkProgram",
        int? year = null
    ) =>
        new
        {
            unitId,
            year = year ?? Year,
            kind,
            title,
            purposes = "Nâng cao chất lượng công tác dân vận.\nPhát huy vai trò của Nhân dân.",
            parentProgramId = parent,
            bases = new object[]
            {
                new
                {
                    number = "Chỉ thị số 49-CT/TW",
                    issuedOn = "2025-06-20",
                    issuer = "Ban Bí thư",
                    title = "về tăng cường công tác dân vận",
                },
                new { number = "", title = "" },
            },
        };

    private static object Item(string task, int? parentItemId = null, int? month = null, int? quarter = null) =>
        new
        {
            task,
            leadOrganization = "Ban Dân vận",
            coordinating = "Mặt trận Tổ quốc",
            dueMonth = month,
            dueQuarter = quarter,
            expectedOutput = "Báo cáo kết quả",
            parentItemId,
        };

    private static async Task<JsonElement> StepAsync(HttpClient client, int id, string action, object? extra = null)
    {
        var program = await ApiJson.OkAsync(await client.GetAsync($"/api/v1/programs/{id}"));
        var version = program.GetProperty("version").GetInt32();
        var body = new Dictionary<string, object?> { ["action"] = action, ["version"] = version };
        if (extra is not null)
        {
            foreach (var p in extra.GetType().GetProperties())
            {
                body[p.Name] = p.GetValue(extra);
            }
        }

        return await ApiJson.ReadAsync(await client.PostAsJsonAsync($"/api/v1/programs/{id}/steps", body));
    }

    private static object Decision(string number = "125-QĐ/TU") =>
        new
        {
            decisionNumber = number,
            decisionDate = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"),
            approvingBody = "Ban Thường vụ",
        };

    private static int[] ItemIds(JsonElement program) =>
        [.. program.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];

    /// <summary>The province's program, approved and published, with three items; returns its id and items.</summary>
    private async Task<(int Id, int[] Items)> PublishedProvinceProgramAsync(string kind, int? year = null)
    {
        var t = app.Tree;
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        var leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, t.P1));
        var created = await officer.PostAsJsonAsync(
            "/api/v1/programs",
            Program(t.P1.Id, "Chương trình công tác dân vận năm", kind: kind, year: year)
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
        foreach (
            var (task, month) in new[]
            {
                ("Tuyên truyền Chỉ thị 49", (int?)3),
                ("Hội nghị Dân vận khéo", null),
                ("Đối thoại với Nhân dân", 6),
            }
        )
        {
            await ApiJson.OkAsync(
                await officer.PostAsJsonAsync($"/api/v1/programs/{id}/items", Item(task, month: month))
            );
        }

        Assert.Equal("Submitted", (await StepAsync(officer, id, "Submit")).GetProperty("status").GetString());
        Assert.Equal(
            "Approved",
            (await StepAsync(leader, id, "Approve", Decision())).GetProperty("status").GetString()
        );
        var published = await StepAsync(officer, id, "Publish");
        Assert.Equal("Published", published.GetProperty("status").GetString());
        return (id, ItemIds(published));
    }

    [Fact]
    public async Task A_commune_concretizes_the_published_province_program_and_the_matrix_counts_it()
    {
        var t = app.Tree;
        var (provinceId, provinceItems) = await PublishedProvinceProgramAsync("WorkProgram");
        var c1Officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C1));
        var c1Leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, t.C1));
        var p1Leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, t.P1));
        var p1Officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        var c2Officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C2));
        var c3Officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C3));

        // The commune reads the province's published program (sent down), and so does the other commune; a commune of
        // another province does not.
        await ApiJson.OkAsync(await c1Officer.GetAsync($"/api/v1/programs/{provinceId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await c3Officer.GetAsync($"/api/v1/programs/{provinceId}")).StatusCode);

        var created = await c1Officer.PostAsJsonAsync(
            "/api/v1/programs",
            Program(t.C1.Id, "Chương trình công tác dân vận của xã", provinceId)
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c1Program = (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
        foreach (var (parentItem, i) in provinceItems.Select((p, i) => (p, i)))
        {
            await ApiJson.OkAsync(
                await c1Officer.PostAsJsonAsync(
                    $"/api/v1/programs/{c1Program}/items",
                    Item($"Cụ thể hóa nhiệm vụ {i + 1}", parentItem, quarter: 2)
                )
            );
        }

        // An item naming an item of another program (the province's plan) is refused at the field, writing nothing.
        var (_, planItems) = await PublishedProvinceProgramAsync("GovernmentPlan");
        var before = await app.WithDbAsync(db => db.ProgramItems.CountAsync(i => i.ProgramId == c1Program));
        var across = await c1Officer.PostAsJsonAsync(
            $"/api/v1/programs/{c1Program}/items",
            Item("Sai chương trình", planItems[0])
        );
        Assert.Equal(HttpStatusCode.BadRequest, across.StatusCode);
        Assert.True((await ApiJson.ReadAsync(across)).GetProperty("errors").TryGetProperty("ParentItemId", out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.ProgramItems.CountAsync(i => i.ProgramId == c1Program)));

        // The commune cannot publish before approval; it submits; only its own committee's leader approves — not its
        // officer, not the province's leader.
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await c1Officer.PostAsJsonAsync(
                    $"/api/v1/programs/{c1Program}/steps",
                    new { action = "Publish", version = 0 }
                )
            ).StatusCode
        );
        Assert.Equal("Submitted", (await StepAsync(c1Officer, c1Program, "Submit")).GetProperty("status").GetString());
        Assert.Equal(
            403,
            (await StepAsync(c1Officer, c1Program, "Approve", Decision())).GetProperty("status").GetInt32()
        );
        Assert.Equal(
            403,
            (await StepAsync(p1Leader, c1Program, "Approve", Decision())).GetProperty("status").GetInt32()
        );
        var noDecision = await StepAsync(c1Leader, c1Program, "Approve");
        Assert.True(noDecision.GetProperty("errors").TryGetProperty("DecisionNumber", out _));
        var approved = await StepAsync(c1Leader, c1Program, "Approve", Decision("08-NQ/ĐU"));
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal("08-NQ/ĐU", approved.GetProperty("decisionNumber").GetString());

        // Approved means locked: neither the heading nor the items change without an amendment.
        var version = approved.GetProperty("version").GetInt32();
        var edit = await c1Officer.PutAsJsonAsync(
            $"/api/v1/programs/{c1Program}",
            Program(t.C1.Id, "Sửa lén", provinceId)
        );
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await c1Officer.PostAsJsonAsync($"/api/v1/programs/{c1Program}/items", Item("Thêm lén"))).StatusCode
        );
        Assert.Equal(
            "Chương trình công tác dân vận của xã",
            await app.WithDbAsync(db =>
                db.WorkPrograms.Where(p => p.Id == c1Program).Select(p => p.Title).SingleAsync()
            )
        );

        // Progress is recorded on the approved program: the first item done.
        var c1Items = ItemIds(approved);
        var itemVersion = approved.GetProperty("items")[0].GetProperty("version").GetInt32();
        var progress = await c1Officer.PostAsJsonAsync(
            $"/api/v1/programs/{c1Program}/items/{c1Items[0]}/progress",
            new
            {
                version = itemVersion,
                status = "Done",
                on = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"),
                note = "Đã tổ chức 3 hội nghị",
                evidence = "Báo cáo số 12-BC/ĐU",
            }
        );
        Assert.Equal(
            "Done",
            (await ApiJson.OkAsync(progress)).GetProperty("items")[0].GetProperty("status").GetString()
        );

        // The commune reads the province's program, not how many of its siblings' items implement each item.
        var fromBelow = await ApiJson.OkAsync(await c1Officer.GetAsync($"/api/v1/programs/{provinceId}"));
        Assert.All(fromBelow.GetProperty("items").EnumerateArray(), i =>
            Assert.Equal(0, i.GetProperty("implementedBy").GetInt32())
        );

        // The province sees the matrix: the commune covers the three items (one done), the other commune has no program.
        var matrix = await ApiJson.OkAsync(await p1Officer.GetAsync($"/api/v1/programs/{provinceId}/coverage"));
        Assert.Equal(3, matrix.GetProperty("expected").GetInt32());
        var columns = matrix.GetProperty("columns").EnumerateArray().ToList();
        var c1 = columns.Single(c => c.GetProperty("unitId").GetInt32() == t.C1.Id);
        Assert.Equal(3, c1.GetProperty("covered").GetInt32());
        Assert.Equal(1, c1.GetProperty("done").GetInt32());
        Assert.Equal("Approved", c1.GetProperty("programStatus").GetString());
        var c2 = columns.Single(c => c.GetProperty("unitId").GetInt32() == t.C2.Id);
        Assert.Equal(0, c2.GetProperty("covered").GetInt32());
        Assert.Equal(JsonValueKind.Null, c2.GetProperty("programId").ValueKind);
        Assert.Equal(3, matrix.GetProperty("cells").GetArrayLength());
        // The matrix equals a direct count of the items that name a province item.
        Assert.Equal(
            await app.WithDbAsync(db =>
                db.ProgramItems.CountAsync(i => i.ParentProgramId == provinceId && i.CommuneId == t.C1.Id)
            ),
            matrix
                .GetProperty("cells")
                .EnumerateArray()
                .Where(c => c.GetProperty("unitId").GetInt32() == t.C1.Id)
                .Sum(c => c.GetProperty("count").GetInt32())
        );

        // The published province program is locked: its items are not removed.
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await p1Officer.DeleteAsync($"/api/v1/programs/{provinceId}/items/{provinceItems[0]}?version=1")
            ).StatusCode
        );

        // The sibling commune reads neither the commune's program nor the province's matrix.
        Assert.Equal(HttpStatusCode.NotFound, (await c2Officer.GetAsync($"/api/v1/programs/{c1Program}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await c2Officer.GetAsync($"/api/v1/programs/{provinceId}/coverage")).StatusCode
        );

        // The matrix as a workbook: the commune's column holds the counts.
        var xlsx = await p1Officer.GetAsync($"/api/v1/programs/{provinceId}/coverage/export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var strings = book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<Xl.SharedStringItem>()
                .Select(s => s.InnerText)
                .ToList()
                ?? [];
            var inline = book
                .WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Xl.InlineString>())
                .Select(s => s.InnerText);
            var texts = strings.Concat(inline).ToList();
            Assert.Contains(texts, s => s.Contains(t.C1.Name, StringComparison.Ordinal));
            Assert.Contains(texts, s => s.Contains("1 (1 xong)", StringComparison.Ordinal));
        }

        // An amendment opens version 2 as a draft; version 1 stays readable as approved.
        Assert.Equal(400, (await StepAsync(c1Officer, c1Program, "Amend")).GetProperty("status").GetInt32());
        var amended = await StepAsync(
            c1Officer,
            c1Program,
            "Amend",
            new { reason = "Bổ sung nhiệm vụ theo chỉ đạo của tỉnh" }
        );
        Assert.Equal("Draft", amended.GetProperty("status").GetString());
        Assert.Equal(2, amended.GetProperty("edition").GetInt32());
        await ApiJson.OkAsync(
            await c1Officer.PostAsJsonAsync($"/api/v1/programs/{c1Program}/items", Item("Nhiệm vụ bổ sung"))
        );
        var first = await ApiJson.OkAsync(await c1Officer.GetAsync($"/api/v1/programs/{c1Program}/versions/1"));
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await c1Officer.GetAsync($"/api/v1/programs/{c1Program}/versions/2")).StatusCode
        );
        Assert.True(await app.WithDbAsync(db => db.ProgramEvents.CountAsync(e => e.ProgramId == c1Program)) >= 3);

        // Amended, the province may change its items — but not remove one the commune implements.
        var provinceDraft = await StepAsync(p1Officer, provinceId, "Amend", new { reason = "Điều chỉnh" });
        var firstItem = provinceDraft.GetProperty("items")[0];
        Assert.Equal(1, firstItem.GetProperty("implementedBy").GetInt32());
        var remove = await p1Officer.DeleteAsync(
            $"/api/v1/programs/{provinceId}/items/{provinceItems[0]}?version={firstItem.GetProperty("version").GetInt32()}"
        );
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.ProgramItems.CountAsync(i => i.ProgramId == provinceId)));
        // The matrix keeps the commune's column while the province amends.
        Assert.Equal(
            3,
            (await ApiJson.OkAsync(await p1Officer.GetAsync($"/api/v1/programs/{provinceId}/coverage")))
                .GetProperty("cells")
                .GetArrayLength()
        );

        // The catalogue follows the handlers: the commune covers 3 of the province's 3 items; the province adds one while
        // amending (3 of 4) and removes it again (3 of 3); its items due, done and late and its approval count as the
        // direct count says, and the summary rows equal the recompute.
        await AssertProgramFiguresAsync(t.C1, 100.0);
        var grown = await ApiJson.OkAsync(
            await p1Officer.PostAsJsonAsync($"/api/v1/programs/{provinceId}/items", Item("Nhiệm vụ mới của tỉnh"))
        );
        await AssertProgramFiguresAsync(t.C1, 75.0);
        var added = grown.GetProperty("items").EnumerateArray().Last();
        await ApiJson.OkAsync(
            await p1Officer.DeleteAsync(
                $"/api/v1/programs/{provinceId}/items/{added.GetProperty("id").GetInt32()}?version={added.GetProperty("version").GetInt32()}"
            )
        );
        await AssertProgramFiguresAsync(t.C1, 100.0);
        await AssertProgramFiguresAsync(t.P1, null);
    }

    /// <summary>The unit's program figures of the current year equal a direct count over its programs and items (and the
    /// coverage the expected share, when given); the summary rows equal a recompute.</summary>
    private async Task AssertProgramFiguresAsync(DanVan.Web.Features.Units.Unit unit, double? coverage)
    {
        var today = DanVan.Web.Infrastructure.Localization.VietnamTime.Today(TimeProvider.System);
        var period = DanVan.Web.Features.Statistics.StatisticPeriod.Of(
            DanVan.Web.Features.Statistics.PeriodKind.Year,
            today.Year
        );
        var (programs, items) = await app.WithDbAsync(async db =>
            (
                await db
                    .WorkPrograms.AsNoTracking()
                    .Where(p =>
                        p.CommuneId == unit.Id
                        || p.ProvinceId == unit.Id && unit.Level == DanVan.Web.Features.Units.UnitLevel.Province
                    )
                    .ToListAsync(),
                await db.ProgramItems.AsNoTracking().ToListAsync()
            )
        );
        var current = programs.Where(p => p.Year == today.Year).ToList();
        var parentItems = current
            .Where(p => p.ParentProgramId is not null)
            .Sum(p => items.Count(i => i.ProgramId == p.ParentProgramId));
        var covered = current.Sum(p =>
            items
                .Where(i => i.ProgramId == p.Id && i.ParentItemId != null)
                .Select(i => i.ParentItemId)
                .Distinct()
                .Count()
        );
        var approved = programs
            .Where(p => p.FirstApprovedOn is { } on && on.Year == today.Year && on <= today)
            .ToList();
        var ids = programs.Select(p => p.Id).ToHashSet();
        var years = programs.ToDictionary(p => p.Id, p => p.Year);
        var owed = items
            .Where(i => ids.Contains(i.ProgramId) && i.Status != ItemStatus.Dropped)
            .Where(i => programs.Single(p => p.Id == i.ProgramId).FirstApprovedOn is not null)
            .Select(i => (Item: i, Due: ProgramRules.DueOn(years[i.ProgramId], i.DueMonth, i.DueQuarter)))
            .ToList();
        bool ThisYear(DateOnly? day) => day is { } d && d.Year == today.Year && d <= today;

        await using var scope = app.Services.CreateAsyncScope();
        var read = scope.ServiceProvider.GetRequiredService<DanVan.Web.Features.Statistics.ReadStatistics>();
        var values = await read.ValuesAsync(
            unit.Ref,
            period,
            today,
            DanVan.Web.Features.Statistics.StatisticCatalogue.All,
            CancellationToken.None
        );
        double? Value(string key) => values[key].Value;
        Assert.Equal(parentItems, Value(S.ProgramParentItems) ?? 0);
        Assert.Equal(covered, Value(S.ProgramParentItemsCovered) ?? 0);
        if (coverage is not null)
        {
            Assert.Equal(coverage, Value(S.ProgramCoverageShare));
        }

        Assert.Equal(approved.Count, Value(S.ProgramsApproved) ?? 0);
        Assert.Equal(
            approved.Count(p => p.FirstApprovedOn <= new DateOnly(p.Year, 1, 31)),
            Value(S.ProgramsApprovedOnTime) ?? 0
        );
        Assert.Equal(owed.Count(x => ThisYear(x.Due)), Value(S.ProgramItemsDue) ?? 0);
        Assert.Equal(
            owed.Count(x =>
                ThisYear(x.Due.AddDays(1)) && !(x.Item.Status == ItemStatus.Done && x.Item.DoneOn <= x.Due)
            ),
            Value(S.ProgramItemsLate) ?? 0
        );
        Assert.Equal(
            items.Count(i => ids.Contains(i.ProgramId) && i.Status == ItemStatus.Done && ThisYear(i.DoneOn)),
            Value(S.ProgramItemsDone) ?? 0
        );
        Assert.Empty(
            await scope
                .ServiceProvider.GetRequiredService<DanVan.Web.Features.Statistics.StatisticCheck>()
                .CompareAsync(null, CancellationToken.None)
        );
    }

    [Fact]
    public async Task The_program_is_a_Word_file_and_a_PDF_in_the_official_layout()
    {
        var t = app.Tree;
        var (id, _) = await PublishedProvinceProgramAsync("WorkProgram", Year + 1);
        var reader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Viewer, t.P1));
        var docx = await reader.GetAsync($"/api/v1/programs/{id}/document?format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (
            var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false)
        )
        {
            var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019)
                .Validate(word)
                .ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Description)));
            var text = string.Join(
                "\n",
                word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText)
            );
            Assert.Contains("TỈNH ỦY THỬ NGHIỆM", text, StringComparison.Ordinal);
            Assert.Contains("-CTr/BTGDVTU", text, StringComparison.Ordinal);
            Assert.Contains("CHƯƠNG TRÌNH", text, StringComparison.Ordinal);
            Assert.Contains(
                "Căn cứ Chỉ thị số 49-CT/TW ngày 20/06/2025 của Ban Bí thư",
                text,
                StringComparison.Ordinal
            );
            Assert.Contains("thông qua theo văn bản số 125-QĐ/TU", text, StringComparison.Ordinal);
            var cells = word.MainDocumentPart.Document.Body.Descendants<TableCell>().Select(c => c.InnerText).ToList();
            Assert.Contains("Hội nghị Dân vận khéo", cells);
            Assert.Contains("Tháng 3", cells);
        }

        var pdf = await reader.GetAsync($"/api/v1/programs/{id}/document?format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var folder = Repository.PathOf("artifacts", "documents");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"program-{app.Provider}.pdf".ToLowerInvariant());
        await File.WriteAllBytesAsync(file, await pdf.Content.ReadAsByteArrayAsync());
        var pdfText = DanVan.Tests.Documents.OfficialDocxTests.Run("pdftotext", "-layout", file, "-");
        Assert.Contains("CHƯƠNG TRÌNH", pdfText, StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await reader.GetAsync($"/api/v1/programs/{id}/document?format=xlsx")).StatusCode
        );
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a => a.EntityType == nameof(WorkProgram) && a.Details!.StartsWith("format="))
            ) >= 2
        );
    }
}
