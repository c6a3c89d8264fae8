using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md S7, "a grant never exceeds the granter's rights": every write that changes someone's rights or could hand
/// an account over (edit, password reset, disable, enable, unlock, grant, revoke a role, revoke a token), tried by each
/// role at the commune C1 against targets with less, equal and more reach, more rights in the same units, out of scope,
/// and itself. The expectations
/// are the rules of ADR-0016 written out here independently of the code: an administrator manages an account only if it
/// administers every unit of it and it is not itself; it grants a role only if it holds all the role's permissions
/// there; it sets a password only if that hands over nothing it does not hold, or the account has a second factor.
/// </summary>
public sealed class PrivilegeEscalationTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    /// <summary>Where the target stands; <see cref="Self"/> comes last, so a write a bug let through on oneself spoils
    /// no later probe.</summary>
    public enum Reach
    {
        Less,
        Equal,

        /// <summary>The same units, more rights: an officer of the commune (citizens' data), without a second
        /// factor.</summary>
        Stronger,
        More,
        OutOfScope,
        Self,
    }

    public enum Write
    {
        Edit,
        ResetPassword,
        Disable,
        Enable,
        Unlock,
        GrantViewer,
        GrantOfficer,
        RevokeRole,
        RevokeToken,
    }

    private sealed record Target(TestAccount Account, IReadOnlyList<(Role Role, Unit Unit)> Roles, bool TwoFactor);

    private Unit HomeOf(Role role) => role == Role.SystemAdministrator ? app.Tree.Root : app.Tree.C1;

    /// <summary>The caller's reach, independent of the code: the whole tree for a system administrator, else C1's
    /// subtree.</summary>
    private bool InScope(Role caller, Unit unit) =>
        caller == Role.SystemAdministrator || unit.CommuneId == app.Tree.C1.Id;

    private async Task<Target> TargetAsync(Role caller, TestAccount self, Reach reach)
    {
        switch (reach)
        {
            case Reach.Self:
                return new Target(self, [(caller, HomeOf(caller))], RolePermissions.RequiresTwoFactor(caller));
            case Reach.Less:
                return new Target(
                    await app.CreateAccountAsync(Role.Viewer, app.Tree.V1),
                    [(Role.Viewer, app.Tree.V1)],
                    false
                );
            case Reach.Equal:
                return new Target(
                    await app.CreateAccountAsync(caller, HomeOf(caller)),
                    [(caller, HomeOf(caller))],
                    RolePermissions.RequiresTwoFactor(caller)
                );
            case Reach.Stronger:
                return new Target(
                    await app.CreateAccountAsync(Role.Officer, app.Tree.C1),
                    [(Role.Officer, app.Tree.C1)],
                    false
                );
            case Reach.More:
                var more = await app.CreateAccountAsync(Role.Viewer, app.Tree.C1);
                var above = caller == Role.SystemAdministrator ? app.Tree.Root : app.Tree.P1;
                await app.GrantAsync(
                    more,
                    caller,
                    above,
                    caller == Role.AgencyHandler ? await OrganizationOfAsync(above) : null
                );
                return new Target(more, [(Role.Viewer, app.Tree.C1), (caller, above)], false);
            default:
                return new Target(
                    await app.CreateAccountAsync(Role.Viewer, app.Tree.C2),
                    [(Role.Viewer, app.Tree.C2)],
                    false
                );
        }
    }

    private Task<int> OrganizationOfAsync(Unit unit) =>
        app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == unit.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()
        );

    private bool Expected(Role caller, Reach reach, Target target, Write write)
    {
        var homeUnit = target.Roles[0].Unit;
        var grantAt = app.Tree.V2;
        var manages =
            RolePermissions.Grants(caller, Permission.AccountsManage)
            && reach != Reach.Self
            && target.Roles.All(r => InScope(caller, r.Unit))
            && InScope(caller, homeUnit);
        bool HoldsAll(Role role, Unit unit) =>
            RolePermissions.Of(role).All(p => RolePermissions.Grants(caller, p)) && InScope(caller, unit);
        return write switch
        {
            Write.ResetPassword => manages && (target.TwoFactor || target.Roles.All(r => HoldsAll(r.Role, r.Unit))),
            Write.GrantViewer => manages && HoldsAll(Role.Viewer, grantAt),
            Write.GrantOfficer => manages && HoldsAll(Role.Officer, grantAt),
            _ => manages,
        };
    }

    private async Task<HttpResponseMessage> TryAsync(HttpClient api, Target target, Reach reach, Write write)
    {
        var id = target.Account.Id;
        var grantAt = app.Tree.V2; // a unit no target holds a role in, inside C1

        switch (write)
        {
            case Write.Edit:
                return await api.PutAsJsonAsync(
                    $"/api/v1/accounts/{id}",
                    new { email = target.Account.Email, displayName = "Đổi tên thử" }
                );
            case Write.ResetPassword:
                return await api.PutAsJsonAsync(
                    $"/api/v1/accounts/{id}",
                    new
                    {
                        email = target.Account.Email,
                        displayName = "Đổi tên thử",
                        newPassword = "Mật khẩu chiếm quyền thử 2026",
                    }
                );
            case Write.Disable:
                return await api.PostAsync($"/api/v1/accounts/{id}/disable", null);
            case Write.Enable:
                if (reach != Reach.Self)
                {
                    await app.WithDbAsync(db =>
                        db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDisabled, true))
                    );
                }

                return await api.PostAsync($"/api/v1/accounts/{id}/enable", null);
            case Write.Unlock:
                return await api.PostAsync($"/api/v1/accounts/{id}/unlock", null);
            case Write.GrantViewer:
                return await api.PostAsJsonAsync(
                    $"/api/v1/accounts/{id}/assignments",
                    new { unitId = grantAt.Id, role = "Viewer" }
                );
            case Write.GrantOfficer:
                return await api.PostAsJsonAsync(
                    $"/api/v1/accounts/{id}/assignments",
                    new { unitId = grantAt.Id, role = "Officer" }
                );
            case Write.RevokeRole:
                var assignment = await app.WithDbAsync(db =>
                    db.Assignments.Where(a => a.AccountId == id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()
                );
                return await api.DeleteAsync($"/api/v1/accounts/{id}/assignments/{assignment}");
            default:
                var (token, _) = await app.AddTokenAsync(id, "escalation");
                return await api.PostAsync($"/api/v1/accounts/{id}/tokens/{token}/revoke", null);
        }
    }

    [Fact]
    public async Task No_role_changes_rights_or_takes_over_an_account_beyond_its_own_reach()
    {
        var mismatches = new List<string>();
        var probes = 0;
        foreach (var caller in Enum.GetValues<Role>())
        {
            foreach (var write in Enum.GetValues<Write>())
            {
                // A fresh caller per write: a write a bug let through on oneself (the last probe) cannot spoil the next
                // write's.
                var self = await app.CreateAccountAsync(
                    caller,
                    HomeOf(caller),
                    caller == Role.AgencyHandler ? await OrganizationOfAsync(app.Tree.C1) : null
                );
                var api = await app.ApiClientAsync(self);
                foreach (var reach in Enum.GetValues<Reach>())
                {
                    var target = await TargetAsync(caller, self, reach);
                    var response = await TryAsync(api, target, reach, write);
                    var status = (int)response.StatusCode;
                    Assert.True(
                        status < 500,
                        $"{caller} {write} {reach}: {status} {await response.Content.ReadAsStringAsync()}"
                    );
                    var allowed = response.IsSuccessStatusCode;
                    var expected = Expected(caller, reach, target, write);
                    probes++;
                    if (allowed != expected)
                    {
                        mismatches.Add(
                            $"{caller} → {write} on {reach}: expected {(expected ? "allowed" : "refused")}, was {status}"
                        );
                    }
                    else if (!allowed && status is not (403 or 404))
                    {
                        mismatches.Add($"{caller} → {write} on {reach}: refused with {status}, not 403/404");
                    }
                }
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"{mismatches.Count} of {probes} probes disagree:\n" + string.Join("\n", mismatches)
        );
        Assert.Empty(app.Log.Errors);
    }
}
