using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for periodic reports. A round of the province P1 (reports of P1, C1 and C2) and one of
/// P2 (P2 and C3) are opened once by the system administrator. A relation probes the report of its unit: C1's for Own
/// and Child (villages do not report), C2's, P1's and C3's.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private (int RoundP1, int RoundP2, Dictionary<int, int> ReportOfUnit)? reportFixture;

    private async Task<(int RoundP1, int RoundP2, Dictionary<int, int> ReportOfUnit)> ReportsAsync()
    {
        if (reportFixture is { } known)
        {
            return known;
        }

        var t = fixture.Tree;
        async Task<int> OpenAsync(Unit province)
        {
            var response = await fixture
                .Api[Role.SystemAdministrator]
                .PostAsJsonAsync(
                    "/api/v1/reports/rounds",
                    new
                    {
                        unitId = province.Id,
                        kind = "Month",
                        year = 2026,
                        number = 6,
                    }
                );
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return JsonDocument
                .Parse(await response.Content.ReadAsStringAsync())
                .RootElement.GetProperty("id")
                .GetInt32();
        }

        var (p1, p2) = (await OpenAsync(t.P1), await OpenAsync(t.P2));
        var reports = await fixture.WithDbAsync(db =>
            db.UnitReports.Where(r => r.RoundId == p1 || r.RoundId == p2).ToDictionaryAsync(r => r.UnitId, r => r.Id)
        );
        reportFixture = (p1, p2, reports);
        return reportFixture.Value;
    }

    private Unit ReportUnit(Relation r) =>
        r switch
        {
            Relation.Own or Relation.Child => fixture.Tree.C1,
            Relation.Sibling => fixture.Tree.C2,
            Relation.Parent => fixture.Tree.P1,
            _ => fixture.Tree.C3,
        };

    private async Task<int> ReportOfAsync(Relation r) => (await ReportsAsync()).ReportOfUnit[ReportUnit(r).Id];

    /// <summary>The round a relation's report belongs to: P1's, except for the other province.</summary>
    private async Task<int> RoundOfAsync(Relation r) =>
        r == Relation.OtherProvince ? (await ReportsAsync()).RoundP2 : (await ReportsAsync()).RoundP1;

    private IEnumerable<Case> ReportsCases()
    {
        var t = fixture;
        // A report: read by the report readers whose subtree holds its unit (a commune's staff do not see the
        // province's).
        Func<Role, Relation, bool> readReport = (role, r) =>
            Has(role, Permission.ReportsView) && InScope(role, ReportUnit(r));
        // A round: seen where the caller sees one of its reports (P1's round holds C1's report).
        Func<Role, Relation, bool> readRound = (role, r) =>
            Has(role, Permission.ReportsView) && (role == Role.SystemAdministrator || r != Relation.OtherProvince);
        // Writing: the unit's own officers and leaders, nobody above (not even an administrator).
        Func<Role, Relation, bool> write = (role, r) =>
            Has(role, Permission.ReportsWrite) && role != Role.SystemAdministrator && ReportUnit(r) == t.Tree.C1;

        yield return Page("/reports", (role, _) => Has(role, Permission.ReportsView), (_, _) => "/reports");
        yield return PageAsync("/reports/rounds/{Id:int}", readRound, async (_, r) =>
            $"/reports/rounds/{await RoundOfAsync(r)}"
        );
        yield return PageAsync("/reports/{Id:int}", readReport, async (_, r) => $"/reports/{await ReportOfAsync(r)}");
        yield return PageAsync("/reports/{Id:int}/edit", write, async (_, r) =>
            $"/reports/{await ReportOfAsync(r)}/edit"
        );
        yield return new Case("GET /reports/{id:int}/document", readReport, async (role, r) =>
        {
            var response = await t.Pages[role].GetAsync($"/reports/{await ReportOfAsync(r)}/document?format=docx");
            return Allowed(response) && response.IsSuccessStatusCode;
        });
        yield return ApiAsync(
            "GET /api/v1/reports/rounds",
            readRound,
            async (role, _) => await t.Api[role].GetAsync("/api/v1/reports/rounds"),
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.EnumerateArray()
                    .Any(x => x.GetProperty("id").GetInt32() == RoundOfAsync(r).Result)
        );
        // The round's list as a spreadsheet: the rows the caller sees, so P1's round holds C1's row for C1's staff.
        async Task<bool> ExportHasRows(HttpResponseMessage response) =>
            Allowed(response)
            && response.IsSuccessStatusCode
            && (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
                >= 2;
        yield return new Case("GET /reports/rounds/{id:int}/export", readRound, async (role, r) =>
            await ExportHasRows(
                await t.Pages[role].GetAsync($"/reports/rounds/{await RoundOfAsync(r)}/export?format=csv")
            )
        );
        yield return ApiAsync(
            "GET /api/v1/reports/rounds/{id:int}/export",
            readRound,
            async (role, r) =>
                await t.Api[role].GetAsync($"/api/v1/reports/rounds/{await RoundOfAsync(r)}/export?format=csv"),
            async (_, _, response) => await ExportHasRows(response)
        );
        yield return ApiAsync("GET /api/v1/reports/rounds/{id:int}", readRound, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/reports/rounds/{await RoundOfAsync(r)}")
        );
        // Opening: a round asked for a custom period fails validation after the scope and permission checks.
        yield return ApiAsync(
            "POST /api/v1/reports/rounds",
            (role, r) => Has(role, Permission.ReportsOpen) && InScope(role, U(r)),
            async (role, r) =>
                await t.Api[role]
                    .PostAsJsonAsync(
                        "/api/v1/reports/rounds",
                        new
                        {
                            unitId = U(r).Id,
                            kind = "Custom",
                            year = 2026,
                            number = 1,
                        }
                    )
        );
        yield return ApiAsync("GET /api/v1/reports/{id:int}", readReport, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/reports/{await ReportOfAsync(r)}")
        );
        // Saving: a body without its header fails validation after the rights are checked; nothing is written.
        yield return ApiAsync("PUT /api/v1/reports/{id:int}", write, async (role, r) =>
            await t.Api[role].PutAsJsonAsync($"/api/v1/reports/{await ReportOfAsync(r)}", new { version = 0 })
        );
        // A step that is none fails validation once the report is found in scope (who may take which step:
        // ReportCycleTests).
        yield return ApiAsync("POST /api/v1/reports/{id:int}/steps", readReport, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync($"/api/v1/reports/{await ReportOfAsync(r)}/steps", new { action = 99, version = 0 })
        );
        yield return ApiAsync("GET /api/v1/reports/{id:int}/document", readReport, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/reports/{await ReportOfAsync(r)}/document?format=xlsx")
        );

        // Templates: set by an administrator holding ReportsConfigure at the province. The accounts sit at the commune
        // C1, so only the system administrator reaches a province's templates; a commune's administrator holds the
        // permission (the pages let it in) and finds no province. A template without sections fails validation, and
        // putting back a kind without its own template writes nothing.
        Unit Province(Relation r) => r == Relation.OtherProvince ? t.Tree.P2 : t.Tree.P1;
        Func<Role, Relation, bool> configure = (role, _) => role == Role.SystemAdministrator;
        yield return Page("/reports/templates", configure, (_, r) => $"/reports/templates?unit={Province(r).Id}");
        yield return Page("/reports/templates/{UnitId:int}/{KindName}", configure, (_, r) =>
            $"/reports/templates/{Province(r).Id}/Month"
        );
        yield return ApiAsync("GET /api/v1/reports/templates/{unitId:int}", configure, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/reports/templates/{Province(r).Id}")
        );
        yield return ApiAsync("PUT /api/v1/reports/templates/{unitId:int}/{kind}", configure, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync(
                    $"/api/v1/reports/templates/{Province(r).Id}/Month",
                    new { version = 0, sections = Array.Empty<object>() }
                )
        );
        yield return ApiAsync("DELETE /api/v1/reports/templates/{unitId:int}/{kind}", configure, async (role, r) =>
            await t.Api[role].DeleteAsync($"/api/v1/reports/templates/{Province(r).Id}/Quarter?version=0")
        );
    }
}
