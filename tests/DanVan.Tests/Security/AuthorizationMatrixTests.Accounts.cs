using System.Net.Http.Json;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for accounts.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> AccountsCases()
    {
        var t = fixture;
        // ---- API: accounts -----------------------------------------------------------------------
        bool ViewAccount(Role role, Relation r) => Has(role, Permission.AccountsView) && InScope(role, U(r));
        bool ManageAccount(Role role, Relation r) => Has(role, Permission.AccountsManage) && InScope(role, U(r));
        yield return new Case(
            "GET /api/v1/me",
            (_, _) => true,
            async (role, _) => Allowed(await t.Api[role].GetAsync("/api/v1/me"))
        );
        yield return Api(
            "GET /api/v1/accounts/",
            ViewAccount,
            (role, r) => t.Api[role].GetAsync($"/api/v1/accounts/?q={Uri.EscapeDataString(t.TargetAccounts[r].Email)}"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        // An export holds the target account when the caller may see it (its id starts a line of the CSV).
        async Task<bool> AccountExportHas(Relation r, HttpResponseMessage response) =>
            Allowed(response)
            && response.IsSuccessStatusCode
            && (await response.Content.ReadAsStringAsync())
                .Split('\n')
                .Any(line =>
                    line.TrimStart('\uFEFF').StartsWith($"{t.TargetAccounts[r].Id},", StringComparison.Ordinal)
                );
        yield return ApiAsync(
            "GET /api/v1/accounts/export",
            ViewAccount,
            (role, r) =>
                t.Api[role]
                    .GetAsync(
                        $"/api/v1/accounts/export?format=csv&q={Uri.EscapeDataString(t.TargetAccounts[r].Email)}"
                    ),
            async (_, r, response) => await AccountExportHas(r, response)
        );
        yield return new Case("GET /accounts/export", ViewAccount, async (role, r) =>
            await AccountExportHas(
                r,
                await t.Pages[role]
                    .GetAsync($"/accounts/export?format=csv&q={Uri.EscapeDataString(t.TargetAccounts[r].Email)}")
            )
        );
        yield return Api("GET /api/v1/accounts/{id:int}", ViewAccount, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}")
        );
        yield return Api("POST /api/v1/accounts/", ManageAccount, (role, r) => t.Api[role]
                .PostAsJsonAsync(
                    "/api/v1/accounts/",
                    new
                    {
                        homeUnitId = U(r).Id,
                        email = "",
                        displayName = "",
                        role = "Viewer",
                        password = "",
                    }
                ));
        yield return Api("PUT /api/v1/accounts/{id:int}", ManageAccount, (role, r) =>
            t.Api[role]
                .PutAsJsonAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}", new { email = "", displayName = "" })
        );
        yield return ApiAsync("POST /api/v1/accounts/{id:int}/disable", ManageAccount, async (role, r) =>
            await t.Api[role]
                .PostAsync($"/api/v1/accounts/{(await t.CreateAccountAsync(Role.Viewer, U(r))).Id}/disable", null)
        );
        yield return Api("POST /api/v1/accounts/{id:int}/enable", ManageAccount, (role, r) =>
            t.Api[role].PostAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}/enable", null)
        );
        yield return Api("POST /api/v1/accounts/{id:int}/unlock", ManageAccount, (role, r) =>
            t.Api[role].PostAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}/unlock", null)
        );
        yield return Api("POST /api/v1/accounts/{id:int}/assignments", ManageAccount, (role, r) =>
            t.Api[role]
                .PostAsJsonAsync(
                    $"/api/v1/accounts/{t.TargetAccounts[r].Id}/assignments",
                    new { unitId = U(r).Id, role = "Viewer" }
                )
        );
        yield return ApiAsync(
            "POST /api/v1/accounts/{id:int}/tokens/{tokenId:int}/revoke",
            ManageAccount,
            async (role, r) =>
            {
                var account = await t.CreateAccountAsync(Role.Viewer, U(r));
                return await t.Api[role]
                    .PostAsync(
                        $"/api/v1/accounts/{account.Id}/tokens/{(await t.AddTokenAsync(account.Id)).Id}/revoke",
                        null
                    );
            }
        );
        yield return ApiAsync(
            "DELETE /api/v1/accounts/{id:int}/assignments/{assignmentId:int}",
            ManageAccount,
            async (role, r) =>
            {
                var account = await t.CreateAccountAsync(Role.Viewer, U(r));
                var assignmentId = await t.WithDbAsync(db =>
                    db.Assignments.Where(a => a.AccountId == account.Id).Select(a => a.Id).SingleAsync()
                );
                return await t.Api[role].DeleteAsync($"/api/v1/accounts/{account.Id}/assignments/{assignmentId}");
            }
        );
    }
}
