using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Security;

/// <summary>
/// The findings of the least-privilege review (ADR-0016), one test each, through the API and the pages as the roles
/// would try them: account management bounded by every unit of the account, grants bounded by the granter's rights,
/// tokens ending with the password, agency handlers seeing only their petitions, the tracking code and the verdict PIN,
/// assignment along the petition's path, grouped petitions within scope, one rule for recording and for the steps.
/// </summary>
public sealed class LeastPrivilegeTests(LeastPrivilegeTests.Fixture f) : IClassFixture<LeastPrivilegeTests.Fixture>
{
    public sealed class Fixture : FakeClockApp
    {
        public TestAccount OfficerAccount { get; private set; } = default!;
        public HttpClient Officer { get; private set; } = default!;
        public HttpClient Viewer { get; private set; } = default!;
        public HttpClient CommuneAdmin { get; private set; } = default!;
        public TestAccount CommuneAdminAccount { get; private set; } = default!;
        public HttpClient SystemAdmin { get; private set; } = default!;
        public HttpClient Agency { get; private set; } = default!;
        public TestAccount AgencyAccount { get; private set; } = default!;
        public HttpClient OtherAgency { get; private set; } = default!;
        public HttpClient ProvinceOfficer { get; private set; } = default!;
        public int AgencyId { get; private set; }
        public int OtherAgencyId { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            AgencyId = await OrganizationAsync(this, Tree.C1);
            OtherAgencyId = await WithDbAsync(async db =>
            {
                var org = new DanVan.Web.Features.Organizations.Organization
                {
                    UnitId = Tree.C1.Id,
                    ProvinceId = Tree.C1.ProvinceId,
                    CommuneId = Tree.C1.CommuneId,
                    Type = DanVan.Web.Features.Organizations.OrganizationType.Agency,
                    Name = "Phòng Kinh tế xã Đông Hòa",
                };
                db.Organizations.Add(org);
                await db.SaveChangesAsync();
                return org.Id;
            });
            OfficerAccount = await CreateAccountAsync(Role.Officer, Tree.C1);
            Officer = await ApiClientAsync(OfficerAccount);
            Viewer = await ApiClientAsync(await CreateAccountAsync(Role.Viewer, Tree.C1));
            CommuneAdminAccount = await CreateAccountAsync(Role.UnitAdministrator, Tree.C1);
            CommuneAdmin = await ApiClientAsync(CommuneAdminAccount);
            SystemAdmin = await ApiClientAsync(await CreateAccountAsync(Role.SystemAdministrator, Tree.Root));
            AgencyAccount = await CreateAccountAsync(Role.AgencyHandler, Tree.C1, AgencyId);
            Agency = await ApiClientAsync(AgencyAccount);
            OtherAgency = await ApiClientAsync(await CreateAccountAsync(Role.AgencyHandler, Tree.C1, OtherAgencyId));
            ProvinceOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
        }
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, was {(int)response.StatusCode}: {text}"
        );
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString() ?? "";
    }

    private static bool Has(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;

    // ---- Finding 1: an account is managed only by who administers every unit it acts for ----------------------

    [Fact]
    public async Task A_commune_administrator_cannot_manage_an_account_that_also_acts_for_the_province()
    {
        var target = await f.CreateAccountAsync(Role.Viewer, f.Tree.C1, enrollTwoFactor: false);
        await f.GrantAsync(target, Role.Leader, f.Tree.P1);
        var (token, _) = await f.AddTokenAsync(target.Id, "script");
        var before = await f.WithDbAsync(db =>
            db.Users.AsNoTracking().Include(a => a.Assignments).SingleAsync(a => a.Id == target.Id)
        );

        // Read-only to the commune's administrator, and it says why.
        var seen = await ApiJson.OkAsync(await f.CommuneAdmin.GetAsync($"/api/v1/accounts/{target.Id}"));
        Assert.False(seen.GetProperty("canManage").GetBoolean());
        Assert.Contains(f.Tree.P1.Name, seen.GetProperty("readOnlyReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("tokens").ValueKind);

        var assignment = before.Assignments.First(a => a.UnitId == f.Tree.C1.Id).Id;
        var attempts = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("edit", () =>
                f.CommuneAdmin.PutAsJsonAsync(
                    $"/api/v1/accounts/{target.Id}",
                    new { email = "taken-over@test.danvan", displayName = "Chiếm quyền" }
                )
            ),
            ("password", () => f.CommuneAdmin.PutAsJsonAsync(
                    $"/api/v1/accounts/{target.Id}",
                    new
                    {
                        email = target.Email,
                        displayName = "Chiếm quyền",
                        newPassword = "Một mật khẩu mới đủ dài 2026",
                    }
                )),
            ("disable", () => f.CommuneAdmin.PostAsync($"/api/v1/accounts/{target.Id}/disable", null)),
            ("enable", () => f.CommuneAdmin.PostAsync($"/api/v1/accounts/{target.Id}/enable", null)),
            ("unlock", () => f.CommuneAdmin.PostAsync($"/api/v1/accounts/{target.Id}/unlock", null)),
            ("grant", () =>
                f.CommuneAdmin.PostAsJsonAsync(
                    $"/api/v1/accounts/{target.Id}/assignments",
                    new { unitId = f.Tree.V1.Id, role = "Viewer" }
                )
            ),
            ("revoke", () => f.CommuneAdmin.DeleteAsync($"/api/v1/accounts/{target.Id}/assignments/{assignment}")),
            ("token", () => f.CommuneAdmin.PostAsync($"/api/v1/accounts/{target.Id}/tokens/{token}/revoke", null)),
        };
        foreach (var (what, call) in attempts)
        {
            var detail = await ProblemAsync(await call(), HttpStatusCode.Forbidden);
            Assert.True(detail.Contains(f.Tree.P1.Name, StringComparison.Ordinal), $"{what}: {detail}");
        }

        var after = await f.WithDbAsync(db =>
            db.Users.AsNoTracking().Include(a => a.Assignments).SingleAsync(a => a.Id == target.Id)
        );
        Assert.Equal(
            (
                before.DisplayName,
                before.Email,
                before.PasswordHash,
                before.SecurityStamp,
                before.IsDisabled,
                before.Assignments.Count
            ),
            (
                after.DisplayName,
                after.Email,
                after.PasswordHash,
                after.SecurityStamp,
                after.IsDisabled,
                after.Assignments.Count
            )
        );
        Assert.Null(
            await f.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == token).Select(t => t.RevokedAt).SingleAsync())
        );

        // The pages say the same: no edit form, a read-only notice.
        using var page = await f.SignInAsync(f.CommuneAdminAccount);
        var (_, edit) = await page.GetPageAsync($"/accounts/{target.Id}/edit");
        Assert.Null(edit.QuerySelector("form input[name='Input.Email']"));
        var (_, detailPage) = await page.GetPageAsync($"/accounts/{target.Id}");
        Assert.Contains(
            f.Tree.P1.Name,
            detailPage.QuerySelector("main .notice")?.TextContent ?? "",
            StringComparison.Ordinal
        );
        Assert.Empty(detailPage.QuerySelectorAll("main input[name=_handler]"));

        // The province's administrator administers both units: it manages the account.
        var provinceAdmin = await f.ApiClientAsync(await f.CreateAccountAsync(Role.UnitAdministrator, f.Tree.P1));
        var managed = await ApiJson.OkAsync(
            await provinceAdmin.PutAsJsonAsync(
                $"/api/v1/accounts/{target.Id}",
                new { email = target.Email, displayName = "Đổi tên hợp lệ" }
            )
        );
        Assert.True(managed.GetProperty("canManage").GetBoolean());
    }

    // ---- Finding 2: a grant never exceeds the granter's rights; nobody changes their own ----------------------

    [Fact]
    public async Task Grants_never_exceed_the_granters_rights_and_nobody_changes_their_own_roles()
    {
        var viewer = await f.CreateAccountAsync(Role.Viewer, f.Tree.C1);
        foreach (var role in new[] { "Officer", "Leader", "AgencyHandler" })
        {
            var refused = await f.CommuneAdmin.PostAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}/assignments",
                new
                {
                    unitId = f.Tree.V1.Id,
                    role,
                    organizationId = f.AgencyId,
                }
            );
            Assert.Contains(
                "không bao giờ vượt quá quyền của chính bạn",
                await ProblemAsync(refused, HttpStatusCode.Forbidden),
                StringComparison.Ordinal
            );
        }

        Assert.Equal(1, await f.WithDbAsync(db => db.Assignments.CountAsync(a => a.AccountId == viewer.Id)));
        await ApiJson.OkAsync(
            await f.CommuneAdmin.PostAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}/assignments",
                new { unitId = f.Tree.V1.Id, role = "Viewer" }
            )
        );
        await ApiJson.OkAsync(
            await f.CommuneAdmin.PostAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}/assignments",
                new { unitId = f.Tree.V2.Id, role = "UnitAdministrator" }
            )
        );

        // Not even to oneself: neither a new role nor the removal of one.
        var own = f.CommuneAdminAccount;
        await ProblemAsync(
            await f.CommuneAdmin.PostAsJsonAsync(
                $"/api/v1/accounts/{own.Id}/assignments",
                new { unitId = f.Tree.V1.Id, role = "Viewer" }
            ),
            HttpStatusCode.Forbidden
        );
        var ownAssignment = await f.WithDbAsync(db =>
            db.Assignments.Where(a => a.AccountId == own.Id).Select(a => a.Id).FirstAsync()
        );
        await ProblemAsync(
            await f.CommuneAdmin.DeleteAsync($"/api/v1/accounts/{own.Id}/assignments/{ownAssignment}"),
            HttpStatusCode.Forbidden
        );

        // An administrator who also holds an officer's rights in the commune may give them; a system administrator may.
        var adminOfficer = await f.CreateAccountAsync(Role.UnitAdministrator, f.Tree.C1);
        await f.GrantAsync(adminOfficer, Role.Officer, f.Tree.C1);
        var api = await f.ApiClientAsync(adminOfficer);
        await ApiJson.OkAsync(
            await api.PostAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}/assignments",
                new { unitId = f.Tree.V1.Id, role = "Officer" }
            )
        );
        await ApiJson.OkAsync(
            await f.SystemAdmin.PostAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}/assignments",
                new { unitId = f.Tree.C1.Id, role = "Leader" }
            )
        );

        // Setting a password hands the account over: only where the administrator holds all its rights, or behind a
        // second factor the administrator cannot pass.
        var officer = await f.CreateAccountAsync(Role.Officer, f.Tree.C1);
        var hash = await f.WithDbAsync(db =>
            db.Users.Where(a => a.Id == officer.Id).Select(a => a.PasswordHash).SingleAsync()
        );
        var reset = await f.CommuneAdmin.PutAsJsonAsync(
            $"/api/v1/accounts/{officer.Id}",
            new
            {
                email = officer.Email,
                displayName = "Cán bộ",
                newPassword = "Mật khẩu do quản trị đặt 2026",
            }
        );
        Assert.Contains("Cán bộ", await ProblemAsync(reset, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Equal(
            hash,
            await f.WithDbAsync(db => db.Users.Where(a => a.Id == officer.Id).Select(a => a.PasswordHash).SingleAsync())
        );
        var plain = await f.CreateAccountAsync(Role.Viewer, f.Tree.V1);
        await ApiJson.OkAsync(
            await f.CommuneAdmin.PutAsJsonAsync(
                $"/api/v1/accounts/{plain.Id}",
                new
                {
                    email = plain.Email,
                    displayName = "Người xem",
                    newPassword = "Mật khẩu do quản trị đặt 2026",
                }
            )
        );
        await f.WithDbAsync(db =>
            db.Users.Where(a => a.Id == officer.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.TwoFactorEnabled, true))
        );
        await ApiJson.OkAsync(
            await f.CommuneAdmin.PutAsJsonAsync(
                $"/api/v1/accounts/{officer.Id}",
                new
                {
                    email = officer.Email,
                    displayName = "Cán bộ",
                    newPassword = "Mật khẩu do quản trị đặt 2026",
                }
            )
        );
    }

    // ---- Finding 4: tokens end with the password, "sign out everywhere" and an administrator's reset ----------

    [Fact]
    public async Task Tokens_end_with_a_password_change_a_reset_and_signing_out_everywhere_and_administrators_revoke_them()
    {
        var officer = await f.CreateAccountAsync(Role.Officer, f.Tree.C1);
        using var pages = await f.SignInAsync(officer);

        var token = await f.ApiClientAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);
        var changed = await pages.ChangePasswordAsync(officer.Password, "Mật khẩu mới sau khi đổi 2026");
        Assert.True(changed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)changed.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/me")).StatusCode);
        officer = officer with { Password = "Mật khẩu mới sau khi đổi 2026" };

        token = await f.ApiClientAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);
        var (_, profile) = await pages.GetPageAsync("/account");
        var everywhere = await pages.Http.PostAsync(
            "/account/logout-everywhere",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = profile
                        .QuerySelector("input[name=__RequestVerificationToken]")!
                        .GetAttribute("value")!,
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/me")).StatusCode);

        token = await f.ApiClientAsync(officer);
        await ApiJson.OkAsync(
            await f.SystemAdmin.PutAsJsonAsync(
                $"/api/v1/accounts/{officer.Id}",
                new
                {
                    email = officer.Email,
                    displayName = "Cán bộ",
                    newPassword = "Mật khẩu do quản trị đặt lại 2026",
                }
            )
        );
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/me")).StatusCode);

        // The administrator of the account's units lists its tokens (never their secrets) and revokes one.
        var viewer = await f.CreateAccountAsync(Role.Viewer, f.Tree.V1);
        var viewerToken = await f.ApiClientAsync(viewer);
        var listed = await ApiJson.OkAsync(await f.CommuneAdmin.GetAsync($"/api/v1/accounts/{viewer.Id}"));
        var row = listed.GetProperty("tokens").EnumerateArray().Single();
        Assert.StartsWith("dv_", row.GetProperty("prefix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tokenHash", listed.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var leader = await f.ApiClientAsync(await f.CreateAccountAsync(Role.Leader, f.Tree.C1));
        Assert.Equal(
            JsonValueKind.Null,
            (await ApiJson.OkAsync(await leader.GetAsync($"/api/v1/accounts/{viewer.Id}")))
                .GetProperty("tokens")
                .ValueKind
        );

        var revoked = await ApiJson.OkAsync(
            await f.CommuneAdmin.PostAsync(
                $"/api/v1/accounts/{viewer.Id}/tokens/{row.GetProperty("id").GetInt32()}/revoke",
                null
            )
        );
        Assert.Equal(
            JsonValueKind.String,
            revoked.GetProperty("tokens").EnumerateArray().Single().GetProperty("revokedAt").ValueKind
        );
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewerToken.GetAsync("/api/v1/me")).StatusCode);
        Assert.True(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Action == AuditAction.TokenRevoked && a.Details!.Contains("by administrator")
                )
            )
        );

        // The account's page lists them for its administrator.
        using var adminPages = await f.SignInAsync(f.CommuneAdminAccount);
        var (_, accountPage) = await adminPages.GetPageAsync($"/accounts/{viewer.Id}");
        Assert.Contains(
            row.GetProperty("prefix").GetString()!,
            accountPage.QuerySelector("main")!.TextContent,
            StringComparison.Ordinal
        );
    }

    // ---- Finding 5: an agency handler sees the petitions of its organization; a viewer the register -----------

    [Fact]
    public async Task An_agency_handler_sees_only_the_petitions_assigned_to_it_and_those_it_answered()
    {
        var mine = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Đèn đường thôn Thượng hỏng")
        );
        var theirs = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Rác thải bên kênh thôn Thượng")
        );
        mine = await StepOkAsync(f.Officer, mine, "Assign", new { organizationId = f.AgencyId });
        theirs = await StepOkAsync(f.Officer, theirs, "Assign", new { organizationId = f.OtherAgencyId });
        int Id(JsonElement p) => p.GetProperty("id").GetInt32();

        var list = await ApiJson.OkAsync(await f.Agency.GetAsync("/api/v1/petitions?q=thon%20thuong&limit=500"));
        var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(Id(mine), ids);
        Assert.DoesNotContain(Id(theirs), ids);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Agency.GetAsync($"/api/v1/petitions/{Id(theirs)}")).StatusCode);
        var seen = await ApiJson.OkAsync(await f.Agency.GetAsync($"/api/v1/petitions/{Id(mine)}"));
        Assert.True(Has(seen, "content") && Has(seen, "petitioner"));
        // Not the subtree's dashboard either: its figures are the register's.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.Agency.GetAsync($"/api/v1/petitions/dashboard?unitId={f.Tree.C1.Id}")).StatusCode
        );

        using var agencyPages = await f.SignInAsync(f.AgencyAccount);
        var (response, page) = await agencyPages.GetPageAsync($"/petitions/{Id(theirs)}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Rác thải bên kênh", page.Body!.TextContent, StringComparison.Ordinal);

        // Answered, reopened and given to another agency: the first still sees what it answered, without acting on it.
        mine = await StepOkAsync(f.Agency, mine, "Answer", new { answer = "Đã thay bóng đèn.", publishAnswer = true });
        mine = await StepOkAsync(
            f.Officer,
            await ApiJson.OkAsync(await f.Officer.GetAsync($"/api/v1/petitions/{Id(mine)}")),
            "Reopen",
            new { note = "Người dân báo đèn vẫn tắt." }
        );
        mine = await StepOkAsync(f.Officer, mine, "Assign", new { organizationId = f.OtherAgencyId });
        var answered = await ApiJson.OkAsync(await f.Agency.GetAsync($"/api/v1/petitions/{Id(mine)}"));
        Assert.Equal("Assigned", answered.GetProperty("status").GetString());
        Assert.Empty(answered.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(f.Agency, answered, "Start")).StatusCode);
        await ApiJson.OkAsync(await f.OtherAgency.GetAsync($"/api/v1/petitions/{Id(mine)}"));
    }

    [Fact]
    public async Task A_viewer_and_an_administrator_read_the_register_not_the_citizens_letter()
    {
        var petition = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Sạt lở bờ mương thôn Thượng")
        );
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        petition = await StepOkAsync(
            f.Agency,
            petition,
            "Answer",
            new { answer = "Đã kè lại 20 m bờ mương.", publishAnswer = false }
        );
        var id = petition.GetProperty("id").GetInt32();
        var code = (await ApiJson.OkAsync(await f.Officer.GetAsync($"/api/v1/petitions/{id}")))
            .GetProperty("trackingCode")
            .GetString()!;

        foreach (var reader in new[] { f.Viewer, f.CommuneAdmin })
        {
            var json = await ApiJson.OkAsync(await reader.GetAsync($"/api/v1/petitions/{id}"));
            Assert.Equal("Sạt lở bờ mương thôn Thượng", json.GetProperty("title").GetString());
            Assert.Equal("Answered", json.GetProperty("status").GetString());
            foreach (var hidden in new[] { "content", "trackingCode", "petitioner", "answer" })
            {
                Assert.False(Has(json, hidden), $"{hidden}: {json.GetProperty(hidden)}");
            }

            Assert.All(json.GetProperty("events").EnumerateArray(), e =>
                Assert.False(Has(e, "note") || Has(e, "actorName"))
            );
            var text = json.GetRawText();
            foreach (var secret in new[] { "nạo vét", "Đã kè lại", code, "L•••", "Lê Văn Dân" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        using var viewerPages = await f.SignInAsync(await f.CreateAccountAsync(Role.Viewer, f.Tree.C1));
        var (_, page) = await viewerPages.GetPageAsync($"/petitions/{id}");
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Sạt lở bờ mương thôn Thượng", main, StringComparison.Ordinal);
        Assert.Contains("chỉ hiển thị cho người trực tiếp xử lý", main, StringComparison.Ordinal);
        foreach (var secret in new[] { "nạo vét", "Đã kè lại", code, "L•••" })
        {
            Assert.DoesNotContain(secret, main, StringComparison.Ordinal);
        }
    }

    // ---- Finding 6: the code reaches only who hands it over; the verdict needs the receipt's PIN ---------------

    [Fact]
    public async Task The_tracking_code_reaches_only_those_who_hand_it_to_the_citizen()
    {
        var recorded = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Cống thoát nước tắc thôn Thượng")
        );
        var code = recorded.GetProperty("trackingCode").GetString()!;
        Assert.Equal(code, recorded.GetProperty("receipt").GetProperty("trackingCode").GetString());
        var petition = await StepOkAsync(f.Officer, recorded, "Assign", new { organizationId = f.AgencyId });
        var id = petition.GetProperty("id").GetInt32();

        var leader = await f.ApiClientAsync(await f.CreateAccountAsync(Role.Leader, f.Tree.C1));
        Assert.Equal(
            code,
            (await ApiJson.OkAsync(await leader.GetAsync($"/api/v1/petitions/{id}")))
                .GetProperty("trackingCode")
                .GetString()
        );
        foreach (var client in new[] { f.Agency, f.Viewer, f.CommuneAdmin })
        {
            var detail = await (await client.GetAsync($"/api/v1/petitions/{id}")).Content.ReadAsStringAsync();
            var list = await (
                await client.GetAsync("/api/v1/petitions?q=cong%20thoat%20nuoc&limit=500")
            ).Content.ReadAsStringAsync();
            Assert.DoesNotContain(code, detail + list, StringComparison.Ordinal);
        }

        // Nor can a code be spelled out through the search: its letters match only for those who see it.
        var prefix = code[..5];
        Assert.DoesNotContain(
            id,
            (await ApiJson.OkAsync(await f.Agency.GetAsync($"/api/v1/petitions?q={prefix}&limit=500")))
                .GetProperty("items")
                .EnumerateArray()
                .Select(p => p.GetProperty("id").GetInt32())
        );
        Assert.Contains(
            id,
            (await ApiJson.OkAsync(await f.Officer.GetAsync($"/api/v1/petitions?q={prefix}&limit=500")))
                .GetProperty("items")
                .EnumerateArray()
                .Select(p => p.GetProperty("id").GetInt32())
        );

        // Nor through the audit trail, which administrators read.
        var trail = await f.WithDbAsync(db =>
            db.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "") + (a.Details ?? "")).ToListAsync()
        );
        Assert.DoesNotContain(trail, text => text.Contains(code, StringComparison.Ordinal));

        // The agency's notice names the petition, not its code.
        var notices = await f.WithDbAsync(db =>
            db.Notifications.Where(n => n.AccountId == f.AgencyAccount.Id && n.Link == $"/petitions/{id}").ToListAsync()
        );
        Assert.Contains(notices, n => n.Kind == NotificationKind.PetitionAssigned);
        Assert.All(notices, n => Assert.DoesNotContain(code, n.Subject, StringComparison.Ordinal));

        // The agency's page shows no code and offers no receipt.
        using var agencyPages = await f.SignInAsync(f.AgencyAccount);
        var (_, page) = await agencyPages.GetPageAsync($"/petitions/{id}");
        Assert.DoesNotContain(code, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=_handler][value=receipt]"));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.Agency.PostAsync($"/api/v1/petitions/{id}/receipt", null)).StatusCode
        );
    }

    [Fact]
    public async Task The_verdict_needs_the_receipts_PIN_wrong_ones_lock_it_and_a_new_receipt_opens_it_again()
    {
        var recorded = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Trạm bơm thôn Thượng")
        );
        var code = recorded.GetProperty("trackingCode").GetString()!;
        var pin = PinOf(recorded);
        var petition = await StepOkAsync(f.Officer, recorded, "Assign", new { organizationId = f.AgencyId });
        await StepOkAsync(f.Agency, petition, "Answer", new { answer = "Đã sửa trạm bơm.", publishAnswer = true });
        var id = petition.GetProperty("id").GetInt32();

        using var citizen = f.CreateClient();
        citizen.DefaultRequestHeaders.Add(DanVanApp.ClientAddressHeader, "198.51.100.23");
        var wrong = Enumerable.Range(0, 10).Select(i => $"{(int.Parse(pin) + 1 + i) % 1_000_000:D6}").ToList();
        for (var i = 0; i < VerdictPin.MaxFailures - 1; i++)
        {
            var refused = await citizen.PostAsJsonAsync(
                "/api/v1/tracking/verdict",
                new
                {
                    code,
                    verdict = "Satisfied",
                    pin = wrong[i],
                }
            );
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Pin", (await FieldErrorsAsync(refused)).Keys);
        }

        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await citizen.PostAsJsonAsync(
                    "/api/v1/tracking/verdict",
                    new
                    {
                        code,
                        verdict = "Satisfied",
                        pin = wrong[^1],
                    }
                )
            ).StatusCode
        );
        // Locked: not even the right PIN now.
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await citizen.PostAsJsonAsync(
                    "/api/v1/tracking/verdict",
                    new
                    {
                        code,
                        verdict = "Satisfied",
                        pin,
                    }
                )
            ).StatusCode
        );
        var state = await f.WithDbAsync(db =>
            db.Petitions.Where(p => p.Id == id)
                .Select(p => new { p.VerdictPinFailures, p.CitizenVerdict })
                .SingleAsync()
        );
        Assert.Equal(VerdictPin.MaxFailures, state.VerdictPinFailures);
        Assert.Null(state.CitizenVerdict);
        var refusals = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Action == AuditAction.VerdictRefused && a.EntityId == id.ToString())
                .ToListAsync()
        );
        Assert.Equal(VerdictPin.MaxFailures, refusals.Count);
        Assert.All(refusals, a => Assert.Equal("198.51.100.23", a.RemoteAddress));

        // The handling unit issues a new receipt: the old PIN is dead, the new one works once.
        var receipt = await ApiJson.OkAsync(await f.Officer.PostAsync($"/api/v1/petitions/{id}/receipt", null));
        var fresh = receipt.GetProperty("verdictPin").GetString()!;
        Assert.Equal(code, receipt.GetProperty("trackingCode").GetString());
        if (fresh != pin)
        {
            Assert.Equal(
                HttpStatusCode.BadRequest,
                (
                    await citizen.PostAsJsonAsync(
                        "/api/v1/tracking/verdict",
                        new
                        {
                            code,
                            verdict = "Satisfied",
                            pin,
                        }
                    )
                ).StatusCode
            );
        }

        Assert.Equal(
            HttpStatusCode.OK,
            (
                await citizen.PostAsJsonAsync(
                    "/api/v1/tracking/verdict",
                    new
                    {
                        code,
                        verdict = "Satisfied",
                        pin = fresh,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            CitizenVerdict.Satisfied,
            await f.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.CitizenVerdict).SingleAsync())
        );
        Assert.True(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a => a.Action == AuditAction.ReceiptIssued && a.EntityId == id.ToString())
            )
        );
        var verdict = await f.WithDbAsync(db =>
            db.AuditEntries.SingleAsync(a => a.Action == AuditAction.CitizenVerdict && a.EntityId == id.ToString())
        );
        Assert.Equal(
            ("Satisfied, from the public tracking API", "198.51.100.23"),
            (verdict.Details, verdict.RemoteAddress)
        );
    }

    // ---- Finding 8: assignment along the path, grouped petitions in scope, one rule for record and steps -------

    [Fact]
    public async Task A_petition_is_assigned_only_to_an_organization_between_its_handling_unit_and_its_place()
    {
        var petition = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Kiến nghị giao đúng nơi")
        );
        var sibling = await OrganizationAsync(f, f.Tree.C2);
        var province = await OrganizationAsync(f, f.Tree.P1);
        foreach (var outside in new[] { sibling, province })
        {
            var refused = await StepAsync(f.Officer, petition, "Assign", new { organizationId = outside });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("OrganizationId", (await FieldErrorsAsync(refused)).Keys);
        }

        Assert.Equal(
            PetitionStatus.Received,
            await f.WithDbAsync(db =>
                db.Petitions.Where(p => p.Id == petition.GetProperty("id").GetInt32())
                    .Select(p => p.Status)
                    .SingleAsync()
            )
        );
        await StepOkAsync(
            f.Officer,
            petition,
            "Assign",
            new { organizationId = await OrganizationAsync(f, f.Tree.V1) }
        );

        // A petition the province handles goes to a province body or to the commune where it arose, not to a sibling's.
        var body = await PetitionAsync(f, f.Tree.V1, f.Today, title: "Kiến nghị tỉnh tiếp nhận");
        body["handlingUnitId"] = f.Tree.P1.Id;
        var provincial = await RecordAsync(f.ProvinceOfficer, body);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await StepAsync(f.ProvinceOfficer, provincial, "Assign", new { organizationId = sibling })).StatusCode
        );
        await StepOkAsync(f.ProvinceOfficer, provincial, "Assign", new { organizationId = f.AgencyId });
    }

    [Fact]
    public async Task The_commune_reads_a_petition_the_province_handles_in_its_village_but_takes_none_of_its_steps()
    {
        var body = await PetitionAsync(f, f.Tree.V1, f.Today, title: "Kiến nghị tỉnh giữ");
        body["handlingUnitId"] = f.Tree.P1.Id;
        var petition = await RecordAsync(f.ProvinceOfficer, body);
        var id = petition.GetProperty("id").GetInt32();

        // The commune's officer reads it (it arose in its village) but it is the province's case: no code, no steps.
        var seen = await ApiJson.OkAsync(await f.Officer.GetAsync($"/api/v1/petitions/{id}"));
        Assert.True(Has(seen, "content"));
        Assert.False(Has(seen, "trackingCode"));
        Assert.Empty(seen.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await StepAsync(f.Officer, seen, "Assign", new { organizationId = f.AgencyId })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.Officer.PostAsync($"/api/v1/petitions/{id}/personal-data", null)).StatusCode
        );

        // Recording one for the province is refused by the same rule.
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Officer.PostAsJsonAsync("/api/v1/petitions", body)).StatusCode);
    }

    [Fact]
    public async Task Grouped_petitions_show_only_what_the_caller_may_see_of_each_other()
    {
        var outside = await RecordAsync(
            f.ProvinceOfficer,
            await PetitionAsync(f, f.Tree.V3, f.Today, title: "Kiến nghị gốc ở phường Tây Sơn")
        );
        var inside = await PetitionAsync(f, f.Tree.V1, f.Today, title: "Kiến nghị trùng ở thôn Thượng");
        inside["handlingUnitId"] = f.Tree.P1.Id;
        inside["parentPetitionId"] = outside.GetProperty("id").GetInt32();
        var grouped = await RecordAsync(f.ProvinceOfficer, inside);
        var outsideCode = outside.GetProperty("trackingCode").GetString()!;

        // The commune's officer sees its village's petition, and nothing of the sibling ward's it is grouped under.
        var seen = await (
            await f.Officer.GetAsync($"/api/v1/petitions/{grouped.GetProperty("id").GetInt32()}")
        ).Content.ReadAsStringAsync();
        Assert.DoesNotContain(outsideCode, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("phường Tây Sơn", seen, StringComparison.Ordinal);
        using var pages = await f.SignInAsync(f.OfficerAccount);
        var (_, page) = await pages.GetPageAsync($"/petitions/{grouped.GetProperty("id").GetInt32()}");
        Assert.DoesNotContain(outsideCode, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kiến nghị gốc ở phường Tây Sơn", page.Body!.TextContent, StringComparison.Ordinal);

        // The ward's own officer sees its petition without the commune's grouped under it.
        var wardOfficer = await f.ApiClientAsync(await f.CreateAccountAsync(Role.Officer, f.Tree.C2));
        var ward = await ApiJson.OkAsync(
            await wardOfficer.GetAsync($"/api/v1/petitions/{outside.GetProperty("id").GetInt32()}")
        );
        Assert.Empty(ward.GetProperty("grouped").EnumerateArray());

        // The province sees both, with codes.
        var province = await ApiJson.OkAsync(
            await f.ProvinceOfficer.GetAsync($"/api/v1/petitions/{outside.GetProperty("id").GetInt32()}")
        );
        Assert.Equal(
            grouped.GetProperty("trackingCode").GetString(),
            province.GetProperty("grouped").EnumerateArray().Single().GetProperty("trackingCode").GetString()
        );
    }
}
