using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DanVan.Tests.Units;

/// <summary>Unit list import through the page and the API: preview, row errors, all-or-nothing, hostile
/// files.</summary>
public sealed class ImportPageTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static byte[] Csv(string text) => new UTF8Encoding(false).GetBytes(text);

    [Fact]
    public async Task A_file_with_one_bad_row_shows_the_row_and_writes_nothing_then_a_good_file_previews_and_commits()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using var client = await app.SignInAsync(admin);
        var bad = Csv(
            $"mã,tên,loại,mã cấp trên\nT91001-20,Thôn Cầu,thôn,{app.Tree.C1.Code}\nT91001-21,Thôn Giếng,xóm,{app.Tree.C1.Code}\nT91001-22,Thôn Đình,thôn,{app.Tree.C2.Code}\n"
        );
        var response = await client.SubmitFormAsync("/units/import", "units-upload", [], ("file", "thon.csv", bad));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var problems = document
            .QuerySelectorAll("table[data-testid=import-problems] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(2, problems.Count);
        Assert.Equal(["3", "kind"], problems[0][..2]);
        Assert.Contains("xóm", problems[0][2], StringComparison.Ordinal);
        Assert.Equal(["4", "parent_code"], problems[1][..2]); // the sibling ward lies outside this administrator's commune
        Assert.Null(document.QuerySelector("input[name=_handler][value=units-commit]"));
        // Every data row is counted, bad ones included; nothing is announced as "new" while the file has problems.
        Assert.Equal(["3"], document.QuerySelectorAll(".summary-list dd").Select(d => d.TextContent.Trim()));
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Code.StartsWith("T91001-2"))));

        var good = Csv(
            $"code,name,kind,parent_code\nT91001-20,Thôn Cầu,village,{app.Tree.C1.Code}\nT91001-21,Thôn Giếng,village,{app.Tree.C1.Code}\n"
        );
        response = await client.SubmitFormAsync("/units/import", "units-upload", [], ("file", "thon.csv", good));
        document = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("2", document.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.False(
            await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Code.StartsWith("T91001-2"))),
            "A preview must not write."
        );
        response = await client.SubmitAsync(document, "/units/import", "units-commit", []);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal(
            2,
            await app.WithDbAsync(db =>
                db.Units.CountAsync(u =>
                    u.Code.StartsWith("T91001-2") && u.ParentId == app.Tree.C1.Id && u.VillageId == u.Id
                )
            )
        );
        Assert.False(
            await app.WithDbAsync(db => db.StagedUploads.AnyAsync()),
            "The staged file is removed after the commit."
        );
    }

    [Fact]
    public async Task An_xlsx_list_with_parents_after_their_children_imports_through_the_API()
    {
        var admin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var api = await app.ApiClientAsync(admin);
        var rows = new[]
        {
            new
            {
                code = "T93001-01",
                name = "Thôn Xa",
                kind = "village",
                parent_code = "T93001",
            },
            new
            {
                code = "T93001",
                name = "Xã Mới",
                kind = "commune",
                parent_code = "T93",
            },
            new
            {
                code = "T93",
                name = "Tỉnh Mới",
                kind = "province",
                parent_code = "",
            },
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows);
        var preview = await PostFileAsync(api, "units.xlsx", stream.ToArray(), commit: false);
        Assert.Equal(3, preview.GetProperty("created").GetInt32());
        Assert.Equal(0, preview.GetProperty("problems").GetArrayLength());
        var committed = await PostFileAsync(api, "units.xlsx", stream.ToArray(), commit: true);
        Assert.True(committed.GetProperty("committed").GetBoolean());
        var village = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == "T93001-01"));
        var province = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == "T93"));
        Assert.Equal(province.Id, village.ProvinceId);
    }

    public static TheoryData<string, string, byte[]> HostileFiles()
    {
        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("xl/workbook.xml").Open().Dispose();
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        // A zip with a workbook's entry names whose XML is broken: refused as not a workbook, not a server error.
        var broken = new MemoryStream();
        using (var zip = new ZipArchive(broken, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<workbook><sheets><sheet name=\"x\" r:id=");
            }
        }

        return new()
        {
            { "csv text named .xlsx", "units.xlsx", Csv("code,name,kind,parent_code\n1,a,province,\n") },
            { "broken workbook XML", "units.xlsx", broken.ToArray() },
            { "zip named .csv", "units.csv", bomb.ToArray() },
            { "zip bomb", "units.xlsx", bomb.ToArray() },
            {
                "legacy code page",
                "units.csv",
                [.. Csv("code,name,kind,parent_code\nX1,"), 0xC0, 0xC1, 0xFE, .. Csv(",province,\n")]
            },
            { "executable", "units.exe", [0x4D, 0x5A, 0x90, 0x00] },
            { "empty", "units.csv", [] },
            { "missing columns", "units.csv", Csv("ma,ten\n1,a\n") },
        };
    }

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Hostile_files_are_refused_with_a_clear_message_and_nothing_is_written(
        string what,
        string fileName,
        byte[] content
    )
    {
        var admin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var api = await app.ApiClientAsync(admin);
        var before = await app.WithDbAsync(db => db.Units.CountAsync());
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        var response = await api.PostAsync("/api/v1/units/import?commit=true", form);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        var problems = JsonDocument
            .Parse(await response.Content.ReadAsStringAsync())
            .RootElement.GetProperty("problems");
        Assert.True(problems.GetArrayLength() > 0, what);
        Assert.False(string.IsNullOrWhiteSpace(problems[0].GetProperty("message").GetString()));
        Assert.Equal(before, await app.WithDbAsync(db => db.Units.CountAsync()));
        Assert.True(app.Log.Errors.IsEmpty, string.Join("\n", app.Log.Errors));
    }

    private static async Task<JsonElement> PostFileAsync(HttpClient api, string name, byte[] content, bool commit)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        var response = await api.PostAsync($"/api/v1/units/import?commit={commit}", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
