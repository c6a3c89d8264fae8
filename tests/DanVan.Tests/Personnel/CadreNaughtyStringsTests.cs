using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Personnel;

/// <summary>
/// QUALITY.md S2 for cadre records: every string of the Big List of Naughty Strings as a cadre's name (where it fits),
/// awards and a post's decision number over the API is stored and given back as typed (line endings made "\n", the ends
/// trimmed) or refused with a validation answer, never a server error.
/// </summary>
public sealed class CadreNaughtyStringsTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static string Normalized(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    [Fact]
    public async Task Every_naughty_string_as_a_name_awards_or_decision_is_kept_or_refused()
    {
        var strings = JsonSerializer
            .Deserialize<string[]>(
                await File.ReadAllTextAsync(Repository.NodeModule("blns", "resources", "blns.json"))
            )!
            .Where(s => s.Trim().Length > 0 && Security.NaughtyStringsTests.IsWellFormedUtf16(s))
            .ToList();
        Assert.True(strings.Count > 400);
        var personnel = await app.ApiClientAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, app.Tree.C1));
        var birth = DateTime
            .UtcNow.AddYears(-40)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await personnel.PostAsJsonAsync(
            "/api/v1/cadres",
            new
            {
                unitId = app.Tree.C1.Id,
                fullName = "Cán bộ",
                birthDate = birth,
                sex = "Male",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cadre = await ApiJson.ReadAsync(created);
        var id = cadre.GetProperty("id").GetInt32();
        var version = cadre.GetProperty("version").GetInt32();
        var body = await app.WithDbAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                db.Organizations.Where(o => o.UnitId == app.Tree.C1.Id).Select(o => o.Id)
            )
        );
        var start = DateTime.UtcNow.AddYears(-1);

        var (kept, refused) = (0, 0);
        foreach (var (text, n) in strings.Select((s, n) => (s, n)))
        {
            var name = text.Length <= 200 ? text : "Cán bộ";
            var updated = await personnel.PutAsJsonAsync(
                $"/api/v1/cadres/{id}",
                new
                {
                    version,
                    fullName = name,
                    birthDate = birth,
                    sex = "Male",
                    awards = text,
                }
            );
            var posted = await personnel.PostAsJsonAsync(
                $"/api/v1/cadres/{id}/positions",
                new
                {
                    organizationId = body,
                    post = "Specialist",
                    fullTime = false,
                    startOn = start
                        .AddDays(-n)
                        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    endOn = start.AddDays(-n).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    decisionNumber = text.Length <= 100 ? text : "1-QĐ",
                }
            );
            foreach (var response in new[] { updated, posted })
            {
                Assert.True(
                    (int)response.StatusCode < 500,
                    $"{(int)response.StatusCode} for {JsonSerializer.Serialize(text)}"
                );
            }

            if (updated.StatusCode == HttpStatusCode.BadRequest)
            {
                refused++;
                continue;
            }

            var saved = await ApiJson.OkAsync(updated);
            version = saved.GetProperty("version").GetInt32();
            Assert.Equal(Normalized(text), saved.GetProperty("awards").GetString());
            var clear = await ApiJson.OkAsync(await personnel.PostAsync($"/api/v1/cadres/{id}/personal-data", null));
            Assert.Equal(Normalized(name), clear.GetProperty("person").GetProperty("name").GetString());
            if (posted.StatusCode == HttpStatusCode.Created && text.Length <= 100)
            {
                Assert.Contains(clear.GetProperty("positions").EnumerateArray(), p =>
                    p.GetProperty("decisionNumber").GetString() == Normalized(text)
                );
            }

            kept++;
        }

        Assert.True(kept > 400, $"{kept} kept, {refused} refused");
    }

    [Fact]
    public async Task Every_naughty_string_as_a_course_title_note_or_certificate_is_kept_or_refused()
    {
        var strings = JsonSerializer
            .Deserialize<string[]>(
                await File.ReadAllTextAsync(Repository.NodeModule("blns", "resources", "blns.json"))
            )!
            .Where(s => s.Trim().Length > 0 && Security.NaughtyStringsTests.IsWellFormedUtf16(s))
            .ToList();
        var personnel = await app.ApiClientAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, app.Tree.C1));
        string Day(int days) =>
            DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        object Course(string title, string? note, int version) =>
            new
            {
                version,
                unitId = app.Tree.C1.Id,
                title,
                kind = "MassMobilization",
                startsOn = Day(-30),
                endsOn = Day(-28),
                note,
            };
        var created = await personnel.PostAsJsonAsync("/api/v1/training", Course("Lớp bồi dưỡng", null, 0));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var course = (await ApiJson.ReadAsync(created)).GetProperty("course");
        var id = course.GetProperty("id").GetInt32();
        var version = course.GetProperty("version").GetInt32();

        var (kept, refused) = (0, 0);
        foreach (var text in strings)
        {
            var title = text.Length <= 300 ? text : "Lớp bồi dưỡng";
            var updated = await personnel.PutAsJsonAsync($"/api/v1/training/{id}", Course(title, text, version));
            Assert.True(
                (int)updated.StatusCode < 500,
                $"{(int)updated.StatusCode} for {JsonSerializer.Serialize(text)}"
            );
            if (updated.StatusCode == HttpStatusCode.BadRequest)
            {
                refused++;
                continue;
            }

            var saved = (await ApiJson.OkAsync(updated)).GetProperty("course");
            version = saved.GetProperty("version").GetInt32();
            Assert.Equal(Normalized(title), saved.GetProperty("title").GetString());
            Assert.Equal(Normalized(text), saved.GetProperty("note").GetString());
            kept++;
        }

        Assert.True(kept > 400, $"{kept} kept, {refused} refused");
    }
}
