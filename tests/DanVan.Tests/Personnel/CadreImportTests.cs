using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Tests.Models;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Personnel;

/// <summary>
/// A cadre list from a spreadsheet: people matched, not doubled (a person already on record, and the same person on two
/// rows), their posts added once however often the file is uploaded, checked as the forms check, all or nothing, and no
/// name in clear in the preview or a problem.
/// </summary>
public sealed class CadreImportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private const string Code = "Mã đơn vị";
    private const string Name = "Họ và tên";
    private const string Birth = "Ngày sinh";
    private const string Sex = "Giới tính";
    private const string Theory = "Trình độ lý luận chính trị";
    private const string Body = "Cơ quan";
    private const string Post = "Chức vụ";
    private const string FullTime = "Chuyên trách";
    private const string Start = "Từ ngày";

    private static Dictionary<string, object?> Row(
        string code,
        string name,
        string birth,
        string? body = null,
        string? post = null,
        string? fullTime = null,
        string? start = null
    ) =>
        new()
        {
            [Code] = code,
            [Name] = name,
            [Birth] = birth,
            [Sex] = "Nữ",
            [Theory] = "Trung cấp",
            [Body] = body,
            [Post] = post,
            [FullTime] = fullTime,
            [Start] = start,
        };

    private async Task<JsonElement> UploadAsync(HttpClient api, byte[] file, bool commit)
    {
        var response = await api.PostAsync(
            $"/api/v1/cadres/import?preview={(!commit).ToString().ToLowerInvariant()}",
            new MultipartFormDataContent { { new ByteArrayContent(file), "file", "danh-sach-can-bo.xlsx" } }
        );
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_list_records_its_people_once_matches_those_on_record_and_adds_each_post_once()
    {
        var t = app.Tree;
        var account = await app.CreateAccountAsync(Role.PersonnelOfficer, t.P1);
        var api = await app.ApiClientAsync(account);
        var body = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == t.C2.Id).Select(o => o.Name).FirstAsync()
        );
        // On record already: Hà Thị Có, born 1984-04-04, in C2 (no post).
        var onRecord = await app.WithDbAsync(async db =>
        {
            var cadre = new Cadre
            {
                UnitId = t.C2.Id,
                ProvinceId = t.C2.ProvinceId,
                CommuneId = t.C2.CommuneId,
                UnitLevel = t.C2.Level,
                FullName = "Hà Thị Có",
                BirthDate = new DateOnly(1984, 4, 4),
                Sex = Web.Features.Personnel.Sex.Female,
                TheoryLevel = TheoryLevel.Intermediate,
                SearchText = "ha thi co",
                CreatedAt = DateTime.UtcNow,
            };
            db.Cadres.Add(cadre);
            await db.SaveChangesAsync();
            return cadre.Id;
        });

        // On record in C1, without a post: the list gives her a full-time post in C2.
        var moved = await app.WithDbAsync(async db =>
        {
            var cadre = new Cadre
            {
                UnitId = t.C1.Id,
                ProvinceId = t.C1.ProvinceId,
                CommuneId = t.C1.CommuneId,
                UnitLevel = t.C1.Level,
                FullName = "Phan Thị Chuyển",
                BirthDate = new DateOnly(1988, 8, 8),
                Sex = Web.Features.Personnel.Sex.Female,
                TheoryLevel = TheoryLevel.Intermediate,
                SearchText = "phan thi chuyen",
                CreatedAt = DateTime.UtcNow,
            };
            db.Cadres.Add(cadre);
            await db.SaveChangesAsync();
            return cadre.Id;
        });

        var file = ModelImportTests.Sheet([
            // New, with a full-time post; then the same person again, with a part-time one.
            Row(t.C2.Code, "Đỗ Thị Nhập", "12/05/1990", body, "Chuyên viên", "có", "01/08/2025"),
            Row(t.C2.Code, "Đỗ Thị Nhập", "12/05/1990", body, "Phó Trưởng ban", "không", "01/09/2025"),
            // The first row again, word for word: its post is added once.
            Row(t.C2.Code, "Đỗ Thị Nhập", "12/05/1990", body, "Chuyên viên", "có", "01/08/2025"),
            // On record (the name typed without diacritics): matched, the post added to her record.
            Row(t.C2.Code, "Ha Thi Co", "04/04/1984", body, "Chuyên viên chính", null, "01/08/2025"),
            // New, no post.
            Row(t.C2.Code, "Lưu Văn Mới", "1979-11-30"),
            Row(t.C2.Code, "Phan Thị Chuyển", "08/08/1988", body, "Chuyên viên", "có", "01/10/2025"),
        ]);
        var preview = await UploadAsync(api, file, commit: false);
        Assert.Empty(preview.GetProperty("problems").EnumerateArray());
        Assert.Equal(6, preview.GetProperty("rows").GetInt32());
        Assert.Equal(2, preview.GetProperty("new").GetInt32());
        var titles = preview
            .GetProperty("sample")
            .EnumerateArray()
            .Select(l => l.GetProperty("title").GetString()!)
            .ToList();
        Assert.Equal(6, titles.Count);
        Assert.All(titles, title => Assert.Contains("•••", title));
        Assert.DoesNotContain(titles, title => title.Contains("Nhập", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Cadres.CountAsync(c => c.SearchText == "do thi nhap")));

        var committed = await UploadAsync(api, file, commit: true);
        Assert.True(committed.GetProperty("committed").GetBoolean());
        await app.WithDbAsync(async db =>
        {
            var nhap = await db.Cadres.SingleAsync(c => c.SearchText == "do thi nhap");
            Assert.Equal(t.C2.Id, nhap.UnitId);
            var posts = await db.CadrePositions.Where(p => p.CadreId == nhap.Id).OrderBy(p => p.StartOn).ToListAsync();
            Assert.Equal(
                [(CadrePost.Specialist, true), (CadrePost.Deputy, false)],
                posts.Select(p => (p.Post, p.FullTime))
            );
            Assert.All(posts, p => Assert.Equal(TheoryLevel.Intermediate, p.CadreTheory));
            Assert.Equal(1, await db.Cadres.CountAsync(c => c.SearchText == "ha thi co"));
            Assert.Equal(
                CadrePost.PrincipalSpecialist,
                (await db.CadrePositions.SingleAsync(p => p.CadreId == onRecord)).Post
            );
            Assert.Equal(1, await db.Cadres.CountAsync(c => c.SearchText == "luu van moi"));
            // A cadre of C1 on record, given a full-time post in C2 by the list, now belongs to C2.
            Assert.Equal(t.C2.Id, (await db.Cadres.SingleAsync(c => c.Id == moved)).UnitId);
        });

        // The same file again: everyone matched, nothing added.
        var before = await app.WithDbAsync(async db =>
            (await db.Cadres.CountAsync(), await db.CadrePositions.CountAsync())
        );
        var again = await UploadAsync(api, file, commit: true);
        Assert.Equal(0, again.GetProperty("new").GetInt32());
        Assert.Equal(4, again.GetProperty("alreadyImported").GetInt32());
        Assert.Equal(
            before,
            await app.WithDbAsync(async db => (await db.Cadres.CountAsync(), await db.CadrePositions.CountAsync()))
        );

        // The staffing figures' summary rows equal their recompute.
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }

    [Fact]
    public async Task A_list_with_a_bad_row_writes_nothing_and_names_each_problem_without_the_persons_name()
    {
        var t = app.Tree;
        var api = await app.ApiClientAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, t.C1));
        var body = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == t.C1.Id).Select(o => o.Name).FirstAsync()
        );
        var twelve = DateTime.UtcNow.AddHours(7).AddYears(-12).ToString("dd/MM/yyyy");
        var file = ModelImportTests.Sheet([
            Row(t.C1.Code, "Vũ Thị Đúng", "01/01/1990", body, "Chuyên viên", "có", "01/08/2025"),
            Row(t.C1.Code, "Vũ Thị Trẻ", twelve),
            Row(t.C3.Code, "Vũ Thị Xa", "01/01/1990"),
            Row(t.C1.Code, "Vũ Thị Sai", "01/01/1990", "Ban không có", "Chuyên viên", null, "01/08/2025"),
            Row(t.C1.Code, "Vũ Thị Hai", "01/01/1990", body, "Trưởng ban", null, "01/08/2025"),
            Row(t.C1.Code, "Vũ Thị Ba", "01/01/1985", body, "Trưởng ban", null, "01/08/2025"),
            Row(t.V1.Code, "Vũ Thị Thôn", "01/01/1990"),
        ]);
        var before = await app.WithDbAsync(async db =>
            (await db.Cadres.CountAsync(), await db.CadrePositions.CountAsync())
        );
        var result = await UploadAsync(api, file, commit: true);
        var problems = result
            .GetProperty("problems")
            .EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("message").GetString()!))
            .ToList();
        // Row 3 the age, row 4 another province's unit, row 5 an unknown body, row 7 the second head of the body, row 8
        // a village (which keeps no cadres).
        Assert.Equal([3, 4, 5, 7, 8], problems.Select(p => p.Item1).Distinct().Order());
        Assert.DoesNotContain(problems, p => p.Item2.Contains("Vũ Thị", StringComparison.Ordinal));
        Assert.Equal(
            before,
            await app.WithDbAsync(async db => (await db.Cadres.CountAsync(), await db.CadrePositions.CountAsync()))
        );
    }
}
