using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>The model list exported as .csv and .xlsx: same scope and filters as the list, localized, safe to
/// open.</summary>
public sealed class ModelExportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task The_export_holds_exactly_the_filtered_list_of_the_callers_units_in_both_formats()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        var mine = await RegisterAsync(app, api, app.Tree.C1, "=HYPERLINK(\"http://x\") xuất tệp, có \"ngoặc\"");
        await RegisterAsync(app, api, app.Tree.C1, "Mô hình xuất tệp thứ hai");
        var sibling = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C2));
        await RegisterAsync(app, sibling, app.Tree.C2, "Mô hình xuất tệp của xã bên");

        using var pages = await app.SignInAsync(officer);
        var csv = await pages.GetAsync("/models/export?format=csv&q=xuat+tep");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        var lines =
            text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1
                ? text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
                : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã số,Tên mô hình,Loại,Lĩnh vực,Đơn vị", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length); // header + the two models of C1, not the sibling's
        Assert.Contains(lines, l =>
            l.StartsWith(
                $"{mine.GetProperty("id").GetInt32()},\"'=HYPERLINK(\"\"http://x\"\") xuất tệp, có \"\"ngoặc\"\"\",Mô hình,",
                StringComparison.Ordinal
            )
        );
        Assert.DoesNotContain("xã bên", text, StringComparison.Ordinal);

        var xlsx = await pages.GetAsync("/models/export?format=xlsx&q=xuat+tep");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r =>
            (string)r["Tên mô hình"] == "Mô hình xuất tệp thứ hai" && (string)r["Trạng thái"] == "Đã đăng ký"
        );

        Assert.Equal(HttpStatusCode.BadRequest, (await pages.GetAsync("/models/export?format=pdf")).StatusCode);
        var audited = await app.WithDbAsync(db =>
            db.AuditEntries.CountAsync(a => a.Action == AuditAction.Exported && a.AccountId == officer.Id)
        );
        Assert.Equal(2, audited);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("Hà Nội", "Hà Nội")]
    public void Cells_that_a_spreadsheet_would_run_are_defused_and_quoted(string value, string written) =>
        Assert.Equal(written, TableExport.Cell(value));
}
