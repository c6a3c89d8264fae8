using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Petitions;

/// <summary>The petition register exported as .csv and .xlsx: the caller's petitions only (their subtree, an agency's
/// assigned ones), the register's fields only (no petitioner, no letter), the code only for its handling unit,
/// audited.</summary>
public sealed class PetitionExportTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task An_export_holds_exactly_the_callers_petitions_without_personal_data_and_is_audited()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        var inVillage = await RecordAsync(
            api,
            await PetitionAsync(app, app.Tree.V1, app.Today, title: "Đèn đường, thôn tối")
        );
        var inCommune = await RecordAsync(
            api,
            await PetitionAsync(app, app.Tree.C1, app.Today, title: "Kênh mương bồi lấp")
        );
        var sibling = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C2));
        await RecordAsync(sibling, await PetitionAsync(app, app.Tree.C2, app.Today, title: "Kiến nghị của phường bên"));
        var otherProvince = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C3));
        await RecordAsync(
            otherProvince,
            await PetitionAsync(app, app.Tree.C3, app.Today, title: "Kiến nghị của tỉnh bên")
        );

        // The officer of the commune: its two petitions (the village's too), with their codes; nobody else's.
        using var pages = await app.SignInAsync(officer);
        var csv = await pages.GetAsync("/petitions/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Lines(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith(
            "Mã số,Mã tra cứu,Trích yếu,Lĩnh vực,Đơn vị,Trạng thái,Ngày tiếp nhận",
            lines[0],
            StringComparison.Ordinal
        );
        Assert.Equal(3, lines.Length);
        Assert.Equal([IdOf(inCommune), IdOf(inVillage)], lines[1..].Select(l => int.Parse(l.Split(',')[0])));
        Assert.Contains(lines, l =>
            l.StartsWith($"{IdOf(inVillage)},{CodeOf(inVillage)},\"Đèn đường, thôn tối\",", StringComparison.Ordinal)
        );
        var text = string.Join('\n', lines);
        Assert.DoesNotContain("bên", text, StringComparison.Ordinal);
        AssertNoPersonalData(text);

        var xlsx = await pages.GetAsync("/petitions/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains(rows, r =>
                (string)r["Trích yếu"] == "Kênh mương bồi lấp"
                && (string)r["Mã tra cứu"] == CodeOf(inCommune)
                && (string)r["Trạng thái"] == "Đã tiếp nhận"
                && (string)r["Đơn vị"] == app.Tree.C1.Name
            );
            Assert.Contains(rows, r =>
                (string)r["Trích yếu"] == "Đèn đường, thôn tối" && (string)r["Đơn vị"] == app.Tree.V1.Name
            );
            AssertNoPersonalData(string.Join('\n', rows.SelectMany(r => r.Values).Select(v => v?.ToString())));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await pages.GetAsync("/petitions/export?format=pdf")).StatusCode);

        // A viewer of the commune reads the register: the same petitions, no code column.
        var viewer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Viewer, app.Tree.C1));
        var viewed = Lines(
            await (await viewer.GetAsync("/api/v1/petitions/export?format=csv")).Content.ReadAsByteArrayAsync()
        );
        Assert.StartsWith("Mã số,Trích yếu,", viewed[0], StringComparison.Ordinal);
        Assert.Equal(3, viewed.Length);
        Assert.DoesNotContain(CodeOf(inVillage), string.Join('\n', viewed), StringComparison.Ordinal);

        // An agency handler: only the petition assigned to its organization.
        var organization = await OrganizationAsync(app, app.Tree.C1);
        await StepOkAsync(api, inCommune, "Assign", new { organizationId = organization });
        var agencyAccount = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C1, organization);
        var agency = await app.ApiClientAsync(agencyAccount);
        var assigned = await agency.GetAsync("/api/v1/petitions/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var agencyLines = Lines(await assigned.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, agencyLines.Length);
        Assert.StartsWith($"{IdOf(inCommune)},", agencyLines[1], StringComparison.Ordinal);
        var organizationName = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.Id == organization).Select(o => o.Name).SingleAsync()
        );
        Assert.Contains(organizationName, agencyLines[1], StringComparison.Ordinal);
        AssertNoPersonalData(string.Join('\n', agencyLines));

        var audited = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Action == AuditAction.Exported && a.EntityType == "Petition")
                .Select(a => a.AccountId)
                .ToListAsync()
        );
        Assert.Equal(2, audited.Count(a => a == officer.Id));
        Assert.Single(audited, a => a == agencyAccount.Id);
    }

    private static int IdOf(JsonElement petition) => petition.GetProperty("id").GetInt32();

    private static string CodeOf(JsonElement petition) => petition.GetProperty("trackingCode").GetString()!;

    private static string[] Lines(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return System
            .Text.Encoding.UTF8.GetString(bytes[3..])
            .Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Nothing of what <see cref="PetitionAsync"/> records about the petitioner, nor the letter.</summary>
    private static void AssertNoPersonalData(string text)
    {
        foreach (var secret in new[] { "Lê Văn Dân", "0912 345 678", "345 678", "Xóm 3", "001203004567", "nạo vét" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
