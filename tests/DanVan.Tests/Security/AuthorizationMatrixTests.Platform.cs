using System.Net;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for platform.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> PlatformCases()
    {
        var t = fixture;
        // ---- Pages -------------------------------------------------------------------------------
        yield return Page("/", (_, _) => true, (_, _) => "/");
        yield return Page(
            "/units",
            (role, r) => View(role, r),
            (_, r) => $"/units?q={U(r).Code}",
            LinksTo((_, r) => $"/units/{U(r).Id}")
        );
        yield return Page("/units/{Id:int}", View, (_, r) => $"/units/{U(r).Id}");
        yield return Page("/units/{Id:int}/dashboard", View, (_, r) => $"/units/{U(r).Id}/dashboard");
        // The portal's statistics: open to all, for the country, provinces and communes (never a village).
        yield return Page("/statistics", (_, _) => true, (_, _) => "/statistics", anonymous: true);
        yield return Page(
            "/statistics/{Id:int}",
            (_, r) => U(r).Level <= UnitLevel.Commune,
            (_, r) => $"/statistics/{U(r).Id}",
            anonymous: true
        );
        yield return new Case(
            "GET /api/v1/public/statistics",
            (_, r) => U(r).Level <= UnitLevel.Commune,
            async (role, r) => Allowed(await t.Api[role].GetAsync($"/api/v1/public/statistics?unitId={U(r).Id}")),
            Anonymous: true
        );
        yield return Api(
            "GET /api/v1/statistics/catalogue",
            (role, _) => Has(role, Permission.UnitsView),
            (role, _) => t.Api[role].GetAsync("/api/v1/statistics/catalogue")
        );
        yield return Api("GET /api/v1/statistics/export", View, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/statistics/export?unitId={U(r).Id}&format=csv")
        );
        yield return new Case("GET /units/{id:int}/dashboard/export", View, async (role, r) =>
            Allowed(await t.Pages[role].GetAsync($"/units/{U(r).Id}/dashboard/export?format=xlsx"))
        );
        yield return Api("GET /api/v1/statistics/", View, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/statistics/?unitId={U(r).Id}&period=year")
        );
        yield return Page(
            "/units/new",
            (role, r) => Has(role, Permission.UnitsManage) && InScope(role, U(r)) && U(r).Level < UnitLevel.Village,
            (_, r) => $"/units/new?parentId={U(r).Id}"
        );
        yield return Page(
            "/units/{Id:int}/edit",
            (role, r) => CanManageUnitRecord(role, U(r)),
            (_, r) => $"/units/{U(r).Id}/edit"
        );
        yield return Page(
            "/units/{Id:int}/retire",
            (role, r) => CanManageUnitRecord(role, U(r)),
            (_, r) => $"/units/{U(r).Id}/retire"
        );
        yield return Page(
            "/units/{Id:int}/merge",
            (role, r) => CanManageUnitRecord(role, U(r)),
            (_, r) => $"/units/{U(r).Id}/merge"
        );
        yield return Page("/units/import", (role, _) => Has(role, Permission.UnitsManage), (_, _) => "/units/import");
        yield return Page(
            "/organizations",
            (role, r) => InScope(role, U(r)),
            (_, r) => $"/organizations?q={Uri.EscapeDataString("Ủy ban nhân dân " + U(r).Name)}",
            LinksTo((_, r) => $"/units/{U(r).Id}")
        );
        yield return Page(
            "/organizations/new",
            (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            (_, r) => $"/organizations/new?unitId={U(r).Id}"
        );
        yield return PageAsync(
            "/organizations/{Id:int}/edit",
            (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            async (_, r) => $"/organizations/{await t.OrganizationOfAsync(U(r))}/edit"
        );
        yield return Page(
            "/accounts",
            (role, r) => Has(role, Permission.AccountsView) && InScope(role, U(r)),
            (_, r) => $"/accounts?q={Uri.EscapeDataString(t.TargetAccounts[r].Email)}",
            LinksTo((_, r) => $"/accounts/{t.TargetAccounts[r].Id}")
        );
        yield return Page(
            "/accounts/new",
            (role, _) => Has(role, Permission.AccountsManage),
            (_, _) => "/accounts/new"
        );
        yield return Page(
            "/accounts/{Id:int}",
            (role, r) => Has(role, Permission.AccountsView) && InScope(role, U(r)),
            (_, r) => $"/accounts/{t.TargetAccounts[r].Id}"
        );
        yield return Page(
            "/accounts/{Id:int}/edit",
            (role, r) => Has(role, Permission.AccountsManage) && InScope(role, U(r)),
            (_, r) => $"/accounts/{t.TargetAccounts[r].Id}/edit"
        );
        yield return Page(
            "/audit",
            (role, r) => Has(role, Permission.AuditView) && InScope(role, U(r)),
            (_, r) => $"/audit?unitId={U(r).Id}",
            ShowsText((_, r) => U(r).Name, "table")
        );
        // The trail's file holds the unit's entries only for those who may read its trail.
        yield return new Case(
            "GET /audit/export",
            (role, r) => Has(role, Permission.AuditView) && InScope(role, U(r)),
            async (role, r) =>
            {
                var response = await t.Pages[role].GetAsync($"/audit/export?format=csv&unitId={U(r).Id}");
                return Allowed(response)
                    && response.IsSuccessStatusCode
                    && (await response.Content.ReadAsStringAsync()).Contains(U(r).Name, StringComparison.Ordinal);
            }
        );
        foreach (var self in new[] { "/account", "/account/password", "/account/two-factor", "/account/tokens" })
        {
            yield return Page(self, (_, _) => true, (_, _) => self);
        }

        foreach (
            var open in new[]
            {
                "/account/login",
                "/account/login/two-factor",
                "/account/login/recovery",
                "/account/lockout",
                "/error",
            }
        )
        {
            yield return Page(open, (_, _) => true, (_, _) => open, anonymous: true);
        }

        yield return new Case(
            "PAGE /account/access-denied",
            (_, _) => false,
            async (role, _) => Allowed(await t.Pages[role].GetAsync("/account/access-denied")),
            Anonymous: true
        );
        yield return new Case(
            "PAGE /not-found",
            (_, _) => false,
            async (role, _) => Allowed(await t.Pages[role].GetAsync("/not-found")),
            Anonymous: true
        );

        // ---- Plain endpoints ---------------------------------------------------------------------
        yield return new Case(
            "GET /culture",
            (_, _) => true,
            async (role, _) =>
                (await t.Pages[role].GetAsync("/culture?c=vi-VN&returnUrl=/")).StatusCode == HttpStatusCode.Redirect,
            Anonymous: true
        );
        yield return new Case(
            "ANY /health",
            (_, _) => true,
            async (role, _) => Allowed(await t.Api[role].GetAsync("/health")),
            Anonymous: true
        );
        yield return new Case(
            "GET /openapi/{documentName}.json",
            (_, _) => true,
            async (role, _) => Allowed(await t.Api[role].GetAsync("/openapi/v1.json")),
            Anonymous: true
        );
        yield return new Case(
            "GET /api-docs",
            (_, _) => true,
            async (role, _) => Allowed(await t.Pages[role].GetAsync("/api-docs")),
            Anonymous: true
        );
        yield return new Case(
            "GET /scalar/{documentName?}",
            (_, _) => true,
            async (role, _) => (await t.Pages[role].GetAsync("/scalar/v1")).Headers.Location?.ToString() == "/api-docs",
            Anonymous: true
        );
        foreach (var asset in new[] { "scalar.js", "scalar.aspnetcore.js", "favicon.svg" })
        {
            yield return new Case(
                $"GET /scalar/{asset}",
                (_, _) => true,
                async (role, _) => Allowed(await t.Pages[role].GetAsync($"/scalar/{asset}")),
                Anonymous: true
            );
        }

        // What waits on this device: the page holds no data of the server's (js/offline.js lists the browser's own).
        yield return Page("/offline", (_, _) => true, (_, _) => "/offline", anonymous: true);
        yield return new Case(
            "GET /_framework/opaque-redirect",
            (_, _) => true,
            async (role, _) => (int)(await t.Pages[role].GetAsync("/_framework/opaque-redirect")).StatusCode < 500,
            Anonymous: true
        );
        // Self-service posts: each acts only on the caller's own session or account.
        yield return new Case(
            "POST /account/switch-unit",
            (_, _) => true,
            async (role, r) =>
            {
                var response = await PostWithTokenAsync(
                    t.Pages[role],
                    "/account/switch-unit",
                    new() { ["unitId"] = U(r).Id.ToString(), ["returnUrl"] = "/" }
                );
                return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() == "/";
            }
        );
        yield return new Case(
            "POST /account/logout",
            (_, _) => true,
            async (role, _) =>
            {
                using var client = await t.SignInAsync(
                    await t.CreateAccountAsync(role, role == Role.SystemAdministrator ? t.Tree.Root : t.Tree.C1)
                );
                var response = await PostWithTokenAsync(client, "/account/logout", []);
                return response.StatusCode == HttpStatusCode.Redirect
                    && (await client.GetAsync("/account")).StatusCode == HttpStatusCode.Redirect;
            },
            Anonymous: true
        );
        yield return new Case(
            "POST /account/logout-everywhere",
            (_, _) => true,
            async (role, _) =>
            {
                using var client = await t.SignInAsync(
                    await t.CreateAccountAsync(role, role == Role.SystemAdministrator ? t.Tree.Root : t.Tree.C1)
                );
                var response = await PostWithTokenAsync(client, "/account/logout-everywhere", []);
                return response.Headers.Location?.ToString().StartsWith("/account/login?done", StringComparison.Ordinal)
                    == true;
            }
        );
        yield return new Case(
            "POST /account/sessions/end",
            (_, _) => true,
            async (role, _) =>
            {
                var account = await t.CreateAccountAsync(
                    role,
                    role == Role.SystemAdministrator ? t.Tree.Root : t.Tree.C1
                );
                using var other = await t.SignInAsync(account);
                using var client = await t.SignInAsync(account);
                var (_, profile) = await client.GetPageAsync("/account");
                var handle = profile
                    .QuerySelector("[data-testid=sessions] input[name=session]")!
                    .GetAttribute("value")!;
                var response = await PostWithTokenAsync(
                    client,
                    "/account/sessions/end",
                    new() { ["session"] = handle }
                );
                return response.Headers.Location?.ToString() == "/account?done=session-ended"
                    && (await other.GetAsync("/units")).StatusCode == HttpStatusCode.Redirect;
            }
        );
    }
}
