using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DanVan.Tests.Models;

/// <summary>A commune's backlog of models from a spreadsheet: template, check with problems by row and column (and the
/// file back with a problem column), all or nothing, idempotent re-upload, the statistics kept.</summary>
public sealed class ModelImportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private const string Code = "Mã đơn vị";
    private const string Name = "Tên mô hình";
    private const string Field = "Lĩnh vực";
    private const string Organization = "Tổ chức chủ trì";
    private const string Registered = "Ngày đăng ký (để trống: bản nháp)";

    /// <summary>A workbook of the rows, every row with every column of any row (empty where it has none).</summary>
    public static byte[] Sheet(IReadOnlyList<Dictionary<string, object?>> rows)
    {
        var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => columns.ToDictionary(c => c, c => r.GetValueOrDefault(c))).ToList());
        return stream.ToArray();
    }

    private async Task<string> FieldNameAsync() =>
        await app.WithDbAsync(db =>
            db.ModelFields.Where(f => f.Code == "culture-society").Select(f => f.Name).SingleAsync()
        );

    private static Dictionary<string, object?> Complete(
        string code,
        string name,
        string field,
        string organization,
        object? registeredOn
    ) =>
        new()
        {
            [Code] = code,
            [Name] = name,
            [Field] = field,
            [Organization] = organization,
            ["Loại"] = "Mô hình",
            ["Thực trạng và lý do xây dựng mô hình"] = "Đường thôn hẹp, xuống cấp.",
            ["Mục tiêu và tiêu chí đánh giá"] = "Mở rộng 3 km đường.",
            ["Nội dung và cách thức thực hiện"] = "Vận động từng hộ hiến đất.",
            ["Địa bàn và đối tượng thực hiện, thụ hưởng"] = "Toàn xã; 450 hộ.",
            ["Lực lượng thực hiện"] = "Đảng ủy chủ trì, Mặt trận phối hợp.",
            ["Nguồn lực"] = "Ngân sách 40%, nhân dân 60%.",
            ["Tiến độ thực hiện"] = "Tháng 1 đến tháng 10.",
            ["Sản phẩm, kết quả kiểm chứng được"] = "3 km đường.",
            ["Tính bền vững và khả năng nhân rộng"] = "Tổ tự quản duy tu.",
            ["Ngày bắt đầu"] = "05/01/2026",
            ["Ngày đánh giá"] = "01/10/2026",
            [Registered] = registeredOn,
        };

    [Fact]
    public async Task The_template_heads_every_column_in_the_callers_language_with_an_example_at_the_callers_unit()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);

        var response = await pages.GetAsync("/models/import/template.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal([Code, Name, Field, Organization, "Loại"], row.Keys.Take(5));
        Assert.Contains(Registered, row.Keys);
        Assert.Equal(app.Tree.C1.Code, row[Code]);
        Assert.Equal("Ủy ban nhân dân Xã Đông Hòa", row[Organization]);
    }

    [Fact]
    public async Task A_good_file_previews_then_commits_every_model_once_and_a_second_upload_creates_nothing()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);
        var field = await FieldNameAsync();
        var before = await app.WithDbAsync(db => db.Models.CountAsync());
        var formula = "=HYPERLINK(\"http://x\",\"nhập tệp\")";
        var file = Sheet([
            Complete(app.Tree.C1.Code, "Dân vận khéo nhập từ tệp", field, "Ủy ban nhân dân Xã Đông Hòa", "10/03/2026"),
            new()
            {
                [Code] = app.Tree.V1.Code,
                [Name] = formula,
                [Field] = "CULTURE-SOCIETY",
                [Organization] = "uy ban nhan dan thon thuong",
                [Registered] = null,
            },
        ]);

        var response = await pages.SubmitFormAsync(
            "/models/import",
            "models-upload",
            [],
            ("file", "mo-hinh.xlsx", file)
        );
        var preview = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(
            preview.QuerySelector("[data-testid=import-problems]") is null,
            preview.QuerySelector("[data-testid=import-problems]")?.TextContent
        );
        Assert.Equal("2", preview.QuerySelector("[data-testid=import-new]")!.TextContent.Trim());
        Assert.Equal(2, preview.QuerySelectorAll("[data-testid=import-sample] tbody tr").Length);
        Assert.Equal(before, await app.WithDbAsync(db => db.Models.CountAsync()));

        var committed = await pages.SubmitAsync(preview, "/models/import", "models-commit", []);
        var (_, done) = await pages.FollowAsync(committed);
        Assert.Contains(
            "tạo 2 hồ sơ",
            done.QuerySelector("[data-testid=import-done]")!.TextContent,
            StringComparison.Ordinal
        );

        var models = await app.WithDbAsync(db =>
            db.Models.Where(m => m.Name == "Dân vận khéo nhập từ tệp" || m.Name == formula)
                .OrderBy(m => m.Id)
                .ToListAsync()
        );
        Assert.Equal(2, models.Count);
        Assert.Equal(ModelStatus.Registered, models[0].Status);
        Assert.Equal(new DateOnly(2026, 3, 10), models[0].RegisteredOn);
        Assert.Equal(app.Tree.C1.Id, models[0].UnitId);
        Assert.Equal(ModelStatus.Draft, models[1].Status);
        Assert.Equal(app.Tree.V1.Id, models[1].UnitId);
        Assert.Equal(app.Tree.C1.Id, models[1].CommuneId);
        Assert.Equal(
            1,
            await app.WithDbAsync(db =>
                db.ModelEvents.CountAsync(e => e.ModelId == models[0].Id && e.Action == ModelAction.Register)
            )
        );
        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Action == AuditAction.RecordsImported && a.AccountId == officer.Id)
                .ToListAsync()
        );
        Assert.Contains("created=2", Assert.Single(audit).Details, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.StagedUploads.AnyAsync(s => s.AccountId == officer.Id)));
        Assert.Empty(await StatisticsDifferAsync());

        // The same file again: every row is found imported before; nothing new, through the page and the API.
        var again = await pages.SubmitFormAsync("/models/import", "models-upload", [], ("file", "mo-hinh.xlsx", file));
        var second = PageClient.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal("0", second.QuerySelector("[data-testid=import-new]")!.TextContent.Trim());
        Assert.Null(second.QuerySelector("input[name=StagedId]"));
        var api = await app.ApiClientAsync(officer);
        var result = await api.PostAsync(
            "/api/v1/models/import?preview=false",
            new MultipartFormDataContent { { new ByteArrayContent(file), "file", "mo-hinh.xlsx" } }
        );
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var json = JsonDocument.Parse(await result.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, json.GetProperty("new").GetInt32());
        Assert.Equal(2, json.GetProperty("alreadyImported").GetInt32());
        Assert.Equal(before + 2, await app.WithDbAsync(db => db.Models.CountAsync()));
    }

    [Fact]
    public async Task Bad_rows_are_listed_by_row_and_column_nothing_is_written_and_the_file_comes_back_with_a_problem_column()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);
        var field = await FieldNameAsync();
        var organization = "Ủy ban nhân dân Xã Đông Hòa";
        var before = await app.WithDbAsync(db => db.Models.CountAsync());
        var file = Sheet([
            Complete(app.Tree.C1.Code, "Mô hình tốt nhưng tệp có lỗi", field, organization, null), // row 2: fine
            Complete("KHONG-CO", "Mô hình của đơn vị không có", field, organization, null), // row 3
            Complete(app.Tree.C3.Code, "Mô hình của tỉnh khác", field, organization, null), // row 4: outside the subtree
            Complete(app.Tree.C1.Code, "Mô hình lĩnh vực lạ", "Thiên văn học", organization, null), // row 5
            Complete(app.Tree.C1.Code, "Mô hình tổ chức lạ", field, "Hội Thiên văn", null), // row 6
            new()
            {
                [Code] = app.Tree.C1.Code,
                [Name] = "Đăng ký thiếu mục",
                [Field] = field,
                [Organization] = organization,
                [Registered] = "01/02/2026",
            }, // row 7
            Complete(app.Tree.C1.Code, "Mô hình tốt nhưng tệp có lỗi", field, organization, null), // row 8: repeats row 2
            Complete(app.Tree.C1.Code, "Mô hình ngày sai", field, organization, "31/02/2026"), // row 9
            Complete(app.Tree.C1.Code, "Mô hình đăng ký tương lai", field, organization, "01/01/2099"), // row 10
            new()
            {
                [Code] = app.Tree.C1.Code,
                [Name] = new DateTime(2026, 3, 4),
                [Field] = field,
                [Organization] = organization,
                [Registered] = null,
            }, // row 11
        ]);

        var response = await pages.SubmitFormAsync(
            "/models/import",
            "models-upload",
            [],
            ("file", "mo-hinh-loi.xlsx", file)
        );

        var page = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var problems = page.QuerySelectorAll("table[data-testid=import-problems] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(["3", "4", "5", "6", "7", "8", "9", "10", "11"], problems.Select(p => p[0]).Distinct());
        Assert.Contains(problems, p =>
            p[0] == "3" && p[1] == Code && p[2].Contains("KHONG-CO", StringComparison.Ordinal)
        );
        Assert.Contains(problems, p =>
            p[0] == "4" && p[1] == Code && p[2].Contains("phạm vi", StringComparison.Ordinal)
        );
        Assert.Contains(problems, p =>
            p[0] == "5" && p[1] == Field && p[2].Contains("Thiên văn học", StringComparison.Ordinal)
        );
        Assert.Contains(problems, p => p[0] == "6" && p[1] == Organization);
        Assert.Contains(problems, p => p[0] == "7" && p[1] == "Thực trạng và lý do xây dựng mô hình");
        Assert.Contains(problems, p => p[0] == "8" && p[2].Contains("dòng 2", StringComparison.Ordinal));
        Assert.Contains(problems, p =>
            p[0] == "9" && p[1] == Registered && p[2].Contains("31/02/2026", StringComparison.Ordinal)
        );
        Assert.Contains(problems, p => p[0] == "10" && p[1] == Registered);
        Assert.Contains(problems, p =>
            p[0] == "11" && p[1] == Name && p[2].Contains("ngày tháng", StringComparison.Ordinal)
        );
        Assert.Null(page.QuerySelector("input[name=StagedId]"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Models.CountAsync()));

        // The copy of the file: every row as uploaded, with its problems in the last column and nothing on good rows.
        var link = page.QuerySelector("[data-testid=problems-copy]")!.GetAttribute("href")!;
        var copy = await pages.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        await using (var stream = new MemoryStream(await copy.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(10, rows.Count);
            Assert.Equal("Dòng", rows[0].Keys.First());
            Assert.Equal("Lỗi", rows[0].Keys.Last());
            Assert.Contains(Name, rows[0].Keys);
            Assert.Null(rows[0]["Lỗi"]);
            Assert.Equal("Mô hình của đơn vị không có", rows[1][Name]);
            Assert.Contains("KHONG-CO", (string)rows[1]["Lỗi"]!, StringComparison.Ordinal);
            Assert.All(rows.Skip(1), r => Assert.False(string.IsNullOrEmpty(r["Lỗi"] as string)));
        }

        // Another account cannot fetch this account's staged file.
        var other = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);

        var api = await app.ApiClientAsync(officer);
        var result = await api.PostAsync(
            "/api/v1/models/import?preview=false",
            new MultipartFormDataContent { { new ByteArrayContent(file), "file", "mo-hinh-loi.xlsx" } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, result.StatusCode);
        Assert.True(
            JsonDocument
                .Parse(await result.Content.ReadAsStringAsync())
                .RootElement.GetProperty("problems")
                .GetArrayLength() >= 9
        );
        Assert.Equal(before, await app.WithDbAsync(db => db.Models.CountAsync()));
        Assert.Empty(app.Log.Errors);
    }

    [Theory]
    [InlineData("mo-hinh.xlsx", "không phải bảng tính")]
    [InlineData("mo-hinh.pdf", "")]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_with_a_message(string fileName, string message)
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        var result = await api.PostAsync(
            "/api/v1/models/import",
            new MultipartFormDataContent
            {
                { new ByteArrayContent("%PDF-1.7 not a sheet"u8.ToArray()), "file", fileName },
            }
        );
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var json = JsonDocument.Parse(await result.Content.ReadAsStringAsync()).RootElement;
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray());
        Assert.Equal(0, problem.GetProperty("row").GetInt32());
        Assert.Contains(message, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_may_not_import_models()
    {
        var viewer = await app.CreateAccountAsync(Role.Viewer, app.Tree.C1);
        var api = await app.ApiClientAsync(viewer);
        var result = await api.PostAsync(
            "/api/v1/models/import",
            new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.xlsx" } }
        );
        Assert.Equal(HttpStatusCode.Forbidden, result.StatusCode);
    }

    private async Task<List<StatisticDifference>> StatisticsDifferAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope
            .ServiceProvider.GetRequiredService<StatisticCheck>()
            .CompareAsync(null, CancellationToken.None);
    }
}
