using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Tests.Models;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Petitions;

/// <summary>A reception office's register from a spreadsheet: each row a petition of its commune, checked as the form
/// checks, all or nothing, never twice, and no petitioner's data repeated in a problem.</summary>
public sealed class PetitionImportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private const string Location = "Mã địa bàn (xã hoặc thôn)";
    private const string Received = "Ngày tiếp nhận";
    private const string Channel = "Hình thức tiếp nhận";
    private const string Category = "Lĩnh vực";
    private const string Title = "Trích yếu";
    private const string Content = "Nội dung phản ánh, kiến nghị";
    private const string Kind = "Người phản ánh, kiến nghị";
    private const string Phone = "Số điện thoại";
    private const string Name = "Họ và tên";

    private async Task<string> CategoryNameAsync() =>
        await app.WithDbAsync(db =>
            db.PetitionCategories.Where(c => c.Code == "infrastructure").Select(c => c.Name).SingleAsync()
        );

    private static Dictionary<string, object?> Row(string code, string received, string category, string title) =>
        new()
        {
            [Location] = code,
            [Received] = received,
            [Channel] = "Tiếp công dân",
            [Category] = category,
            [Title] = title,
            [Content] = "Đề nghị nạo vét rãnh thoát nước dọc đường thôn.",
            [Kind] = "Công dân",
            [Name] = "Phạm Thị Nhập",
            [Phone] = "0912 000 111",
        };

    [Fact]
    public async Task A_register_becomes_petitions_of_the_commune_with_tracking_codes_once_however_often_it_is_uploaded()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);
        var category = await CategoryNameAsync();
        var file = ModelImportTests.Sheet([
            Row(app.Tree.V1.Code, "02/11/2026", category, "Rãnh thoát nước thôn Thượng bị tắc"),
            Row(app.Tree.C1.Code, "2026-11-03", "INFRASTRUCTURE", "Đèn đường xã hỏng"),
        ]);

        var response = await pages.SubmitFormAsync(
            "/petitions/import",
            "petitions-upload",
            [],
            ("file", "so-tiep-dan.xlsx", file)
        );
        var html = await response.Content.ReadAsStringAsync();
        var preview = PageClient.Parse(html);
        Assert.True(
            preview.QuerySelector("[data-testid=import-problems]") is null,
            preview.QuerySelector("[data-testid=import-problems]")?.TextContent
        );
        Assert.Equal("2", preview.QuerySelector("[data-testid=import-new]")!.TextContent.Trim());
        Assert.DoesNotContain("Phạm Thị Nhập", html, StringComparison.Ordinal);

        var committed = await pages.SubmitAsync(preview, "/petitions/import", "petitions-commit", []);
        await pages.FollowAsync(committed);
        var petitions = await app.WithDbAsync(db =>
            db.Petitions.Where(p => p.PetitionerName == "Phạm Thị Nhập").OrderBy(p => p.Id).ToListAsync()
        );
        Assert.Equal(2, petitions.Count);
        Assert.All(petitions, p => Assert.Equal(app.Tree.C1.Id, p.HandlingUnitId));
        Assert.Equal([app.Tree.V1.Id, app.Tree.C1.Id], petitions.Select(p => p.UnitId));
        Assert.Equal(new DateOnly(2026, 11, 3), petitions[1].ReceivedOn);
        Assert.All(petitions, p => Assert.Equal(PetitionStatus.Received, p.Status));
        Assert.Equal(2, petitions.Select(p => p.TrackingCode).Distinct().Count());
        Assert.Equal(
            2,
            await app.WithDbAsync(db =>
                db.PetitionEvents.CountAsync(e =>
                    petitions.Select(p => p.Id).Contains(e.PetitionId) && e.Action == PetitionAction.Receive
                )
            )
        );
        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.SingleAsync(a => a.Action == AuditAction.RecordsImported && a.AccountId == officer.Id)
        );
        Assert.Contains("created=2", audit.Details, StringComparison.Ordinal);
        // Neither the petitioners nor the uploaded workbook (its bytes start "PK", "UEsDB" in base64) reach the trail.
        Assert.False(
            await app.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    (a.After != null && (a.After.Contains("Phạm Thị Nhập") || a.After.Contains("UEsDB")))
                    || (a.Before != null && (a.Before.Contains("Phạm Thị Nhập") || a.Before.Contains("UEsDB")))
                )
            )
        );
        using (var scope = app.Services.CreateScope())
        {
            Assert.Empty(
                await scope
                    .ServiceProvider.GetRequiredService<StatisticCheck>()
                    .CompareAsync(null, CancellationToken.None)
            );
        }

        var api = await app.ApiClientAsync(officer);
        var again = await api.PostAsync(
            "/api/v1/petitions/import?preview=false",
            new MultipartFormDataContent { { new ByteArrayContent(file), "file", "so-tiep-dan.xlsx" } }
        );
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, json.GetProperty("new").GetInt32());
        Assert.Equal(2, json.GetProperty("alreadyImported").GetInt32());
        Assert.Equal(2, await app.WithDbAsync(db => db.Petitions.CountAsync(p => p.PetitionerName == "Phạm Thị Nhập")));
    }

    [Fact]
    public async Task Bad_rows_are_reported_without_the_petitioners_data_and_nothing_is_recorded()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        var category = await CategoryNameAsync();
        var before = await app.WithDbAsync(db => db.Petitions.CountAsync());
        var badPhone = Row(app.Tree.V1.Code, "02/11/2026", category, "Số điện thoại sai");
        badPhone[Phone] = "gọi 0912-BA-BA";
        var noTitle = Row(app.Tree.V1.Code, "02/11/2026", category, "");
        var file = ModelImportTests.Sheet([
            Row(app.Tree.V1.Code, "02/11/2026", category, "Dòng tốt"), // row 2
            badPhone, // row 3
            Row(app.Tree.V3.Code, "02/11/2026", category, "Thôn của phường bên"), // row 4: outside the officer's units
            Row(app.Tree.V1.Code, "02/11/2099", category, "Ngày tương lai"), // row 5
            Row(app.Tree.V1.Code, "02/11/2026", "Thiên văn", "Lĩnh vực lạ"), // row 6
            noTitle, // row 7
            Row(app.Tree.V1.Code, "02/11/2026", category, "Dòng tốt"), // row 8: repeats row 2
        ]);

        var result = await api.PostAsync(
            "/api/v1/petitions/import?preview=false",
            new MultipartFormDataContent { { new ByteArrayContent(file), "file", "so-tiep-dan.xlsx" } }
        );

        Assert.Equal(HttpStatusCode.BadRequest, result.StatusCode);
        var text = await result.Content.ReadAsStringAsync();
        Assert.DoesNotContain("0912-BA-BA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Phạm Thị Nhập", text, StringComparison.Ordinal);
        var problems = JsonDocument
            .Parse(text)
            .RootElement.GetProperty("problems")
            .EnumerateArray()
            .Select(p => (Row: p.GetProperty("row").GetInt32(), Column: p.GetProperty("column").GetString()))
            .ToList();
        Assert.Equal([3, 4, 5, 6, 7, 8], problems.Select(p => p.Row).Distinct().Order());
        Assert.Contains((3, Phone), problems);
        Assert.Contains((4, Location), problems);
        Assert.Contains((5, Received), problems);
        Assert.Contains((6, Category), problems);
        Assert.Contains((7, Title), problems);
        Assert.Equal(before, await app.WithDbAsync(db => db.Petitions.CountAsync()));
    }

    [Fact]
    public async Task An_agency_handler_may_not_import_petitions()
    {
        var handler = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C1);
        var api = await app.ApiClientAsync(handler);
        var result = await api.PostAsync(
            "/api/v1/petitions/import",
            new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.xlsx" } }
        );
        Assert.Equal(HttpStatusCode.Forbidden, result.StatusCode);
    }
}
