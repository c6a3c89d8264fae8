using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace DanVan.Tests.Reports;

/// <summary>
/// QUALITY.md S2 for reports: every string of the Big List of Naughty Strings through a report's narrative and its
/// header over the API is stored and given back as typed (line endings made "\n", the ends trimmed) or refused with a
/// validation answer, never a server error; the report's Word file and workbook with all of them stay valid.
/// </summary>
public sealed class ReportNaughtyStringsTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static string Normalized(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    [Fact]
    public async Task Every_naughty_string_in_a_narrative_or_a_header_is_kept_or_refused_and_the_documents_stay_valid()
    {
        var strings = JsonSerializer
            .Deserialize<string[]>(
                await File.ReadAllTextAsync(Repository.NodeModule("blns", "resources", "blns.json"))
            )!
            .Where(s => s.Trim().Length > 0 && Security.NaughtyStringsTests.IsWellFormedUtf16(s))
            .ToList();
        Assert.True(strings.Count > 400);
        var province = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.P1));
        var commune = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var round = await ApiJson.ReadAsync(
            await province.PostAsJsonAsync(
                "/api/v1/reports/rounds",
                new
                {
                    unitId = app.Tree.P1.Id,
                    kind = "Month",
                    year = 2026,
                    number = 9,
                }
            )
        );
        var id = round
            .GetProperty("reports")
            .EnumerateArray()
            .Single(r => r.GetProperty("unitId").GetInt32() == app.Tree.C1.Id)
            .GetProperty("reportId")
            .GetInt32();
        var report = await ApiJson.OkAsync(await commune.GetAsync($"/api/v1/reports/{id}"));
        var header = report.GetProperty("header");
        var version = report.GetProperty("version").GetInt32();
        object Body(string narrative, string signer) =>
            new
            {
                version,
                parentBody = header.GetProperty("parentBody").GetString(),
                issuingBody = header.GetProperty("issuingBody").GetString(),
                abbreviation = header.GetProperty("abbreviation").GetString(),
                place = header.GetProperty("place").GetString(),
                signerAuthority = header.GetProperty("signerAuthority").GetString(),
                signerName = signer,
                sections = new[] { new { key = "leadership", text = narrative } },
            };

        var (kept, refused) = (0, 0);
        foreach (var text in strings)
        {
            var response = await commune.PutAsJsonAsync(
                $"/api/v1/reports/{id}",
                Body(text, text.Length <= 200 ? text : "Người ký")
            );
            Assert.True(
                (int)response.StatusCode < 500,
                $"{(int)response.StatusCode} for {JsonSerializer.Serialize(text)}"
            );
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                refused++;
                continue;
            }

            var saved = await ApiJson.OkAsync(response);
            version = saved.GetProperty("version").GetInt32();
            Assert.Equal(Normalized(text), saved.GetProperty("sections")[0].GetProperty("text").GetString());
            if (text.Length <= 200)
            {
                Assert.Equal(Normalized(text), saved.GetProperty("header").GetProperty("signerName").GetString());
            }

            kept++;
        }

        Assert.True(kept > 400, $"{kept} kept, {refused} refused");
        // Everything at once, where only control characters are refused.
        var all = string.Join(
            "\n",
            strings.Where(s => !s.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        );
        await ApiJson.OkAsync(await commune.PutAsJsonAsync($"/api/v1/reports/{id}", Body(all, "Người ký")));
        var docx = await (
            await commune.GetAsync($"/api/v1/reports/{id}/document?format=docx")
        ).Content.ReadAsByteArrayAsync();
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Description)));
            Assert.Contains(
                "<script>alert(123)</script>",
                word.MainDocumentPart!.Document.Body!.InnerText,
                StringComparison.Ordinal
            );
        }

        var xlsx = await (
            await commune.GetAsync($"/api/v1/reports/{id}/document?format=xlsx")
        ).Content.ReadAsByteArrayAsync();
        using var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(book));
        Assert.Empty(app.Log.Errors);
    }
}
