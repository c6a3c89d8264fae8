using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Units;

/// <summary>
/// A merger retires units and points them at their successor; history stays attached to the old unit and
/// counts towards the new one; villages, accounts and roles move; the merged unit's organizations close.
/// </summary>
public sealed class MergerTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task Merging_a_ward_into_a_commune_moves_its_villages_and_accounts_and_keeps_its_history_visible_to_the_successor()
    {
        var tree = app.Tree;
        var wardOfficer = await app.CreateAccountAsync(Role.Officer, tree.C2);
        var communeOfficer = await app.CreateAccountAsync(Role.Officer, tree.C1);
        var provinceAdmin = await app.CreateAccountAsync(Role.UnitAdministrator, tree.P1);
        var officerApi = await app.ApiClientAsync(communeOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await officerApi.GetAsync($"/api/v1/units/{tree.C2.Id}")).StatusCode);

        // A commune officer may not merge; the province administrator may.
        var officerMerge = await officerApi.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { tree.C2.Id },
                targetId = tree.C1.Id,
                effectiveDate = "2026-07-01",
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, officerMerge.StatusCode);
        using var admin = await app.SignInAsync(provinceAdmin);
        var response = await admin.SubmitFormAsync(
            $"/units/{tree.C2.Id}/merge",
            "unit-merge",
            new()
            {
                ["Input.TargetId"] = tree.C1.Id.ToString(),
                ["Input.EffectiveDate"] = "2026-07-01",
                ["Input.MoveChildren"] = "True",
            }
        );
        var (page, document) = await admin.FollowAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.TextContent.Trim() == tree.C2.Name); // listed as a former unit

        var ward = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == tree.C2.Id));
        Assert.Equal(
            (new DateOnly(2026, 7, 1), tree.C1.Id, tree.C1.Id),
            (ward.ValidTo!.Value, ward.SuccessorId!.Value, ward.CommuneId!.Value)
        );
        var village = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == tree.V3.Id));
        Assert.Equal((tree.C1.Id, tree.C1.Id), (village.ParentId!.Value, village.CommuneId!.Value));
        Assert.Equal(
            tree.C1.Id,
            await app.WithDbAsync(db =>
                db.Assignments.Where(a => a.AccountId == wardOfficer.Id).Select(a => a.UnitId).SingleAsync()
            )
        );
        Assert.False(await app.WithDbAsync(db => db.Organizations.AnyAsync(o => o.UnitId == tree.C2.Id && o.IsActive)));

        // The successor's officer now sees the former ward, its village and its organizations.
        Assert.Equal(HttpStatusCode.OK, (await officerApi.GetAsync($"/api/v1/units/{tree.C2.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officerApi.GetAsync($"/api/v1/units/{tree.V3.Id}")).StatusCode);
        var organizations = System
            .Text.Json.JsonDocument.Parse(await officerApi.GetStringAsync($"/api/v1/organizations?unitId={tree.C2.Id}"))
            .RootElement;
        Assert.NotEqual(0, organizations.GetProperty("items").GetArrayLength());
        // The ward's former officer keeps working, now for the successor.
        using var moved = await app.SignInAsync(wardOfficer);
        var (_, home) = await moved.GetPageAsync("/");
        Assert.Equal(tree.C1.Name, home.QuerySelector("h1")!.TextContent.Trim());
        // The audit trail records the merger with what moved.
        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.SingleAsync(a => a.Action == Web.Infrastructure.Audit.AuditAction.UnitsMerged)
        );
        Assert.Contains("children moved=1", audit.Details, StringComparison.Ordinal);
        // A merged unit cannot be merged or edited again.
        var again = await (await app.ApiClientAsync(provinceAdmin)).PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { tree.C2.Id },
                targetId = tree.C1.Id,
                effectiveDate = "2026-07-01",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Units_of_different_levels_cannot_be_merged()
    {
        var admin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var api = await app.ApiClientAsync(admin);
        var response = await api.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { app.Tree.V4.Id },
                targetId = app.Tree.C3.Id,
                effectiveDate = "2026-07-01",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(
            await app.WithDbAsync(db =>
                db.Units.Where(u => u.Id == app.Tree.V4.Id).Select(u => u.ValidTo).SingleAsync()
            )
        );
    }
}
