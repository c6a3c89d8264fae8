using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace DanVan.Tests.Programs;

/// <summary>
/// QUALITY.md S2 for programs and conferences: every string of the Big List of Naughty Strings as a program's title, an
/// item's task, a conference's title and conclusions over the API is stored and given back as typed (line endings made "\n", the ends trimmed) or refused with a validation
/// answer, never a server error; the program's Word file with a great many of them stays valid.
/// </summary>
public sealed class ProgramNaughtyStringsTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static string Normalized(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    [Fact]
    public async Task Every_naughty_string_as_a_title_or_a_task_is_kept_or_refused_and_the_document_stays_valid()
    {
        var strings = JsonSerializer
            .Deserialize<string[]>(
                await File.ReadAllTextAsync(Repository.NodeModule("blns", "resources", "blns.json"))
            )!
            .Where(s => s.Trim().Length > 0 && Security.NaughtyStringsTests.IsWellFormedUtf16(s))
            .ToList();
        Assert.True(strings.Count > 400);
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var created = await ApiJson.OkAsync(
            await officer.PostAsJsonAsync(
                "/api/v1/programs",
                new
                {
                    unitId = app.Tree.C1.Id,
                    year = DateTime.UtcNow.AddHours(7).Year,
                    kind = "WorkProgram",
                    title = "Chương trình",
                }
            )
        );
        var id = created.GetProperty("id").GetInt32();
        var program = await ApiJson.OkAsync(
            await officer.PostAsJsonAsync($"/api/v1/programs/{id}/items", new { task = "Nhiệm vụ" })
        );
        var item = program.GetProperty("items")[0];
        var itemId = item.GetProperty("id").GetInt32();
        var (version, itemVersion) = (
            program.GetProperty("version").GetInt32(),
            item.GetProperty("version").GetInt32()
        );

        var (kept, refused) = (0, 0);
        foreach (var text in strings)
        {
            var titled = await officer.PutAsJsonAsync(
                $"/api/v1/programs/{id}",
                new { version, title = text.Length <= 500 ? text : "Chương trình" }
            );
            var tasked = await officer.PutAsJsonAsync(
                $"/api/v1/programs/{id}/items/{itemId}",
                new { version = itemVersion, task = text }
            );
            foreach (var response in new[] { titled, tasked })
            {
                Assert.True(
                    (int)response.StatusCode < 500,
                    $"{(int)response.StatusCode} for {JsonSerializer.Serialize(text)}"
                );
            }

            if (titled.StatusCode == HttpStatusCode.BadRequest || tasked.StatusCode == HttpStatusCode.BadRequest)
            {
                refused++;
                var now = await ApiJson.OkAsync(await officer.GetAsync($"/api/v1/programs/{id}"));
                (version, itemVersion) = (
                    now.GetProperty("version").GetInt32(),
                    now.GetProperty("items")[0].GetProperty("version").GetInt32()
                );
                continue;
            }

            var saved = await ApiJson.OkAsync(tasked);
            version = saved.GetProperty("version").GetInt32();
            itemVersion = saved.GetProperty("items")[0].GetProperty("version").GetInt32();
            Assert.Equal(Normalized(text), saved.GetProperty("items")[0].GetProperty("task").GetString());
            if (text.Length <= 500)
            {
                Assert.Equal(Normalized(text), saved.GetProperty("title").GetString());
            }

            kept++;
        }

        Assert.True(kept > 400, $"{kept} kept, {refused} refused");
        // As many as the purposes hold, where only control characters are refused.
        var many = string.Join(
            "\n",
            strings
                .OrderBy(s => s.Contains("<script>", StringComparison.Ordinal) ? 0 : 1)
                .Where(s => !s.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        );
        many = many[..Math.Min(many.Length, 19_000)];
        await ApiJson.OkAsync(
            await officer.PutAsJsonAsync(
                $"/api/v1/programs/{id}",
                new
                {
                    version,
                    title = "Chương trình",
                    purposes = many,
                }
            )
        );
        var docx = await (
            await officer.GetAsync($"/api/v1/programs/{id}/document?format=docx")
        ).Content.ReadAsByteArrayAsync();
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Description)));
        Assert.Contains(
            "<script>alert(123)</script>",
            word.MainDocumentPart!.Document.Body!.InnerText,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Every_naughty_string_as_a_conference_title_or_conclusions_is_kept_or_refused()
    {
        var strings = JsonSerializer
            .Deserialize<string[]>(
                await File.ReadAllTextAsync(Repository.NodeModule("blns", "resources", "blns.json"))
            )!
            .Where(s => s.Trim().Length > 0 && Security.NaughtyStringsTests.IsWellFormedUtf16(s))
            .ToList();
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.P1));
        var day = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await ApiJson.OkAsync(
            await officer.PostAsJsonAsync(
                "/api/v1/conferences",
                new
                {
                    unitId = app.Tree.P1.Id,
                    type = "Review",
                    title = "Hội nghị",
                    heldOn = day,
                    participantIds = new[] { app.Tree.C1.Id },
                }
            )
        );
        var id = created.GetProperty("id").GetInt32();
        var version = created.GetProperty("version").GetInt32();
        var (kept, refused) = (0, 0);
        foreach (var text in strings)
        {
            var response = await officer.PutAsJsonAsync(
                $"/api/v1/conferences/{id}",
                new
                {
                    version,
                    type = "Review",
                    title = text,
                    heldOn = day,
                    conclusions = text,
                    participantIds = new[] { app.Tree.C1.Id },
                }
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
            Assert.Equal(Normalized(text), saved.GetProperty("title").GetString());
            Assert.Equal(Normalized(text), saved.GetProperty("conclusions").GetString());
            Assert.Equal(1, saved.GetProperty("participants").GetArrayLength());
            kept++;
        }

        Assert.True(kept > 400, $"{kept} kept, {refused} refused");
    }
}
