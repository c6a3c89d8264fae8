using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Statistics;

/// <summary>
/// A list exports what is on screen: the dialogue list's rows and filters, read by the list's own handler page after
/// page, with dates and counts as real cells and cells a spreadsheet would run defused; the export is audited.
/// </summary>
public sealed class ListExportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task The_dialogue_list_exports_its_filtered_rows_as_typed_cells_and_defuses_formulas()
    {
        var account = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(account);
        var today = DanVan.Web.Infrastructure.Localization.VietnamTime.Today(TimeProvider.System);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var body = Conference(app.Tree.C1, today.AddDays(-10 - i));
            body["topic"] = i == 0 ? "=HYPERLINK(\"http://x\";\"xuất tệp\")" : $"Đối thoại xuất tệp {i}";
            var created = await api.PostAsJsonAsync("/api/v1/dialogues", body);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32());
        }

        using var pages = await app.SignInAsync(account);
        var (_, list) = await pages.GetPageAsync("/dialogues?q=xuat+tep");
        var link = list.QuerySelectorAll("a[download]").Single(a => a.GetAttribute("href")!.Contains("format=xlsx"));
        Assert.Equal("/dialogues/export?q=xuat%20tep&format=xlsx", link.GetAttribute("href"));

        var xlsx = await pages.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(
            ids.Order(),
            rows.Select(r => Convert.ToInt32(r["Mã số"], System.Globalization.CultureInfo.InvariantCulture)).Order()
        );
        Assert.All(rows, r => Assert.IsType<DateTime>(r["Ngày tổ chức"]));
        Assert.All(rows, r => Assert.IsType<double>(r["Người tham dự"]));

        var csv = await (
            await pages.Http.GetAsync("/dialogues/export?q=xuat+tep&format=csv")
        ).Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await pages.Http.GetAsync("/dialogues/export?format=docx")).StatusCode
        );
        Assert.Equal(
            2,
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a =>
                    a.Action == AuditAction.Exported && a.AccountId == account.Id && a.EntityType == "DialogueSession"
                )
            )
        );
    }

    [Fact]
    public async Task The_unit_list_exports_the_children_on_screen_with_codes_as_text_and_dates_as_dates()
    {
        var account = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        using var pages = await app.SignInAsync(account);
        var (_, list) = await pages.GetPageAsync("/units");
        var onScreen = list.QuerySelectorAll("table a[href^='/units/']").Select(a => a.TextContent.Trim()).ToList();
        var link = list.QuerySelectorAll("a[download]").Single(a => a.GetAttribute("href")!.Contains("format=xlsx"));
        var xlsx = await pages.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(onScreen, rows.Select(r => (string)r["Tên"]));
        Assert.Contains(rows, r => (string)r["Mã"] == app.Tree.C1.Code);
        Assert.All(rows, r => Assert.IsType<DateTime>(r["Có hiệu lực từ"]));
        Assert.Equal(
            1,
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a =>
                    a.Action == AuditAction.Exported && a.AccountId == account.Id && a.EntityType == "Unit"
                )
            )
        );
    }

    [Fact]
    public async Task The_audit_trail_exports_the_filtered_entries_with_times_as_date_times_and_records_the_export()
    {
        var account = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        using var pages = await app.SignInAsync(account);
        var expected = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CommuneId == app.Tree.C1.Id));
        Assert.True(expected > 0);
        var (_, list) = await pages.GetPageAsync($"/audit?unitId={app.Tree.C1.Id}");
        var link = list.QuerySelectorAll("a[download]").Single(a => a.GetAttribute("href")!.Contains("format=xlsx"));
        Assert.Equal($"/audit/export?format=xlsx&unitId={app.Tree.C1.Id}", link.GetAttribute("href"));
        var xlsx = await pages.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.IsType<DateTime>(r["Thời gian"]));
        Assert.Equal(
            1,
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a =>
                    a.Action == AuditAction.Exported && a.AccountId == account.Id && a.EntityType == "AuditEntry"
                )
            )
        );
    }

    [Fact]
    public async Task The_organization_list_exports_the_rows_on_screen()
    {
        var account = await app.CreateAccountAsync(Role.Viewer, app.Tree.C1);
        using var pages = await app.SignInAsync(account);
        var (_, list) = await pages.GetPageAsync("/organizations");
        var onScreen = list.QuerySelectorAll("table tbody tr td:first-child")
            .Select(a => a.TextContent.Trim())
            .ToList();
        Assert.NotEmpty(onScreen);
        var link = list.QuerySelectorAll("a[download]").Single(a => a.GetAttribute("href")!.Contains("format=xlsx"));
        var xlsx = await pages.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(onScreen, rows.Select(r => (string)r["Tên"]));
    }
}
