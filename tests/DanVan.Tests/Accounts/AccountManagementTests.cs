using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Accounts;

/// <summary>
/// Unit administrators manage accounts and roles only inside their subtree, and never beyond their own rights: a role
/// is
/// granted only by someone who holds each of its permissions there (ADR-0016).
/// </summary>
public sealed class AccountManagementTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task A_commune_administrator_who_is_also_an_officer_creates_a_village_head_who_then_sees_only_that_village()
    {
        // An administrator alone does not hold an officer's rights (personal data, petitions): it cannot give them.
        var plainAdmin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using (var plain = await app.SignInAsync(plainAdmin))
        {
            var refused = await plain.SubmitFormAsync(
                $"/accounts/new?unitId={app.Tree.V1.Id}",
                "account-new",
                new()
                {
                    ["Input.DisplayName"] = "Trưởng thôn Hạ",
                    ["Input.Email"] = "truongthonha@test.danvan",
                    ["Input.Role"] = "Officer",
                    ["Input.Password"] = "Thôn Hạ vào mùa gặt",
                }
            );
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(
                "không bao giờ vượt quá quyền của chính bạn",
                await refused.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
            Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(a => a.Email == "truongthonha@test.danvan")));
        }

        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        await app.GrantAsync(admin, Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(admin);
        var response = await client.SubmitFormAsync(
            $"/accounts/new?unitId={app.Tree.V1.Id}",
            "account-new",
            new()
            {
                ["Input.DisplayName"] = "Trưởng thôn Thượng",
                ["Input.Email"] = "truongthon@test.danvan",
                ["Input.Role"] = "Officer",
                ["Input.Password"] = "Thôn Thượng vào mùa gặt",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await app.WithDbAsync(db =>
            db.Users.Include(a => a.Assignments).SingleAsync(a => a.Email == "truongthon@test.danvan")
        );
        Assert.Equal((app.Tree.V1.Id, app.Tree.V1.Id), (created.HomeUnitId, created.Assignments.Single().UnitId));
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a => a.Action == AuditAction.PermissionGranted && a.AccountId == admin.Id)
            )
        );

        using var head = await app.SignInAsync(
            new TestAccount(created.Id, created.Email!, "Thôn Thượng vào mùa gặt", null, Role.Officer, app.Tree.V1)
        );
        // The administrator chose the password: the village head sets their own first (Security/InitialPasswordTests).
        Assert.Equal(HttpStatusCode.Redirect, (await head.GetAsync($"/units/{app.Tree.V1.Id}")).StatusCode);
        await head.ChangePasswordAsync("Thôn Thượng vào mùa gặt", "Mật khẩu riêng của trưởng thôn");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/units/{app.Tree.V1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/units/{app.Tree.V2.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/units/{app.Tree.C1.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_commune_administrator_cannot_create_accounts_or_roles_outside_the_commune_or_above_their_rank()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var api = await app.ApiClientAsync(admin);
        var sibling = await api.PostAsJsonAsync(
            "/api/v1/accounts/",
            new
            {
                homeUnitId = app.Tree.C2.Id,
                email = "x@test.danvan",
                displayName = "X",
                role = "Officer",
                password = "Một câu mật khẩu đủ dài",
            }
        );
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        var parent = await api.PostAsJsonAsync(
            "/api/v1/accounts/",
            new
            {
                homeUnitId = app.Tree.P1.Id,
                email = "y@test.danvan",
                displayName = "Y",
                role = "Officer",
                password = "Một câu mật khẩu đủ dài",
            }
        );
        Assert.Equal(HttpStatusCode.NotFound, parent.StatusCode);
        var system = await api.PostAsJsonAsync(
            "/api/v1/accounts/",
            new
            {
                homeUnitId = app.Tree.C1.Id,
                email = "z@test.danvan",
                displayName = "Z",
                role = "SystemAdministrator",
                password = "Một câu mật khẩu đủ dài",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, system.StatusCode);
        // An agency handler reads citizens' personal data, which an administrator does not: not the administrator's to
        // give.
        var handler = await api.PostAsJsonAsync(
            "/api/v1/accounts/",
            new
            {
                homeUnitId = app.Tree.C1.Id,
                email = "h@test.danvan",
                displayName = "H",
                role = "AgencyHandler",
                password = "Một câu mật khẩu đủ dài",
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, handler.StatusCode);
        var systemAdmin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var bySystem = await (await app.ApiClientAsync(systemAdmin)).PostAsJsonAsync(
            "/api/v1/accounts/",
            new
            {
                homeUnitId = app.Tree.C1.Id,
                email = "h@test.danvan",
                displayName = "H",
                role = "AgencyHandler",
                password = "Một câu mật khẩu đủ dài",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bySystem.StatusCode);
        Assert.True((await ApiJson.ReadAsync(bySystem)).GetProperty("errors").TryGetProperty("OrganizationId", out _));

        Assert.Equal(
            HttpStatusCode.NotFound,
            (await api.PostAsync($"/api/v1/accounts/{systemAdmin.Id}/disable", null)).StatusCode
        );
        var ownAccount = await api.PostAsync($"/api/v1/accounts/{admin.Id}/disable", null);
        Assert.Equal(HttpStatusCode.Forbidden, ownAccount.StatusCode);
        Assert.Equal(
            0,
            await app.WithDbAsync(db =>
                db.Users.CountAsync(a => a.Email!.EndsWith("@test.danvan") && a.DisplayName.Length == 1)
            )
        );
    }

    [Fact]
    public async Task An_account_with_roles_in_two_units_switches_between_them()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var sysadmin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var api = await app.ApiClientAsync(sysadmin);
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await api.PostAsJsonAsync(
                    $"/api/v1/accounts/{officer.Id}/assignments",
                    new { unitId = app.Tree.C3.Id, role = "Viewer" }
                )
            ).StatusCode
        );

        using var client = await app.SignInAsync(officer);
        var (_, home) = await client.GetPageAsync("/");
        Assert.Equal(app.Tree.C1.Name, home.QuerySelector("h1")!.TextContent.Trim());
        var token = home.QuerySelector("form[action='/account/switch-unit'] input[name=__RequestVerificationToken]")!
            .GetAttribute("value")!;
        var switched = await client.Http.PostAsync(
            "/account/switch-unit",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["unitId"] = app.Tree.C3.Id.ToString(),
                    ["returnUrl"] = "/",
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        (_, home) = await client.GetPageAsync("/");
        Assert.Equal(app.Tree.C3.Name, home.QuerySelector("h1")!.TextContent.Trim());
        // Switching to a unit the account holds no role in changes nothing.
        await client.Http.PostAsync(
            "/account/switch-unit",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["unitId"] = app.Tree.C2.Id.ToString(),
                    ["returnUrl"] = "/",
                }
            )
        );
        (_, home) = await client.GetPageAsync("/");
        Assert.Equal(app.Tree.C3.Name, home.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Revoking_a_role_is_audited_and_takes_effect_on_the_next_request()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var api = await app.ApiClientAsync(admin);
        var added = await ApiJson.ReadAsync(
            await api.PostAsJsonAsync(
                $"/api/v1/accounts/{officer.Id}/assignments",
                new { unitId = app.Tree.V2.Id, role = "Viewer" }
            )
        );
        var assignment = added
            .GetProperty("assignments")
            .EnumerateArray()
            .Single(a => a.GetProperty("unitId").GetInt32() == app.Tree.V2.Id)
            .GetProperty("id")
            .GetInt32();
        var first = added
            .GetProperty("assignments")
            .EnumerateArray()
            .Single(a => a.GetProperty("unitId").GetInt32() == app.Tree.C1.Id)
            .GetProperty("id")
            .GetInt32();
        using var client = await app.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/units/{app.Tree.C1.Id}")).StatusCode);

        Assert.Equal(
            HttpStatusCode.OK,
            (await api.DeleteAsync($"/api/v1/accounts/{officer.Id}/assignments/{first}")).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/units/{app.Tree.C1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/units/{app.Tree.V2.Id}")).StatusCode);
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Action == AuditAction.PermissionRevoked && a.EntityId == first.ToString()
                )
            )
        );
        Assert.NotEqual(first, assignment);
    }

    [Fact]
    public async Task The_home_page_shows_the_figures_of_the_active_unit_counted_from_the_rows()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        using var client = await app.SignInAsync(admin);
        var (_, home) = await client.GetPageAsync("/");
        var figures = home.QuerySelectorAll("#figures-title ~ .figures .figure")
            .Select(f =>
                (
                    Value: int.Parse(
                        f.QuerySelector(".figure__value")!.TextContent.Replace(".", "", StringComparison.Ordinal)
                    ),
                    Label: f.QuerySelector(".figure__label")!.TextContent.Trim()
                )
            )
            .ToList();

        var expected = await app.WithDbAsync(async db => new
        {
            Communes = await db.Units.CountAsync(u =>
                u.ProvinceId == app.Tree.P1.Id && u.Kind == UnitKind.Commune && u.ValidTo == null
            ),
            Villages = await db.Units.CountAsync(u =>
                u.ProvinceId == app.Tree.P1.Id && u.Kind == UnitKind.Village && u.ValidTo == null
            ),
            Organizations = await db.Organizations.CountAsync(o => o.ProvinceId == app.Tree.P1.Id && o.IsActive),
            Accounts = await db.Users.CountAsync(a => a.ProvinceId == app.Tree.P1.Id),
        });
        Assert.Contains((expected.Communes, "Xã"), figures);
        Assert.Contains((expected.Villages, "Thôn"), figures);
        Assert.Contains((expected.Organizations, "tổ chức"), figures);
        Assert.Contains(figures, f =>
            f.Value == expected.Accounts && f.Label.StartsWith("tài khoản", StringComparison.Ordinal)
        );
        Assert.NotEmpty(home.QuerySelectorAll(".activity li"));
    }
}
