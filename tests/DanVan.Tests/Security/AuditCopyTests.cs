using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// ASVS V16.4.3: every audit entry, once saved, is also written to the application log, which the host ships off the
/// server; the copy names who, what and which record, and nothing personal.
/// </summary>
public sealed class AuditCopyTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task Every_saved_audit_entry_has_its_copy_in_the_log_without_personal_data()
    {
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using var pages = await app.SignInAsync(admin);
        using var api = await app.ApiClientAsync(admin);
        var viewer = await app.CreateAccountAsync(Role.Viewer, app.Tree.V1);
        await ApiJson.OkAsync(
            await api.PutAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}",
                new { email = viewer.Email, displayName = "Người Sao Chép" }
            )
        );
        // A failed sign-in names the address typed: its copy must not.
        using var stranger = app.NewPageClient();
        await stranger.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = "nguoi.la.123@example.vn", ["Input.Password"] = "sai mật khẩu rồi" }
        );

        var entries = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Id > before)
                .Select(a => new
                {
                    a.Id,
                    a.Action,
                    a.EntityType,
                })
                .ToListAsync()
        );
        Assert.True(entries.Count >= 3, $"only {entries.Count} audit entries were written");
        var copies = app.Log.AuditCopies.ToList();
        Assert.All(entries, e =>
            Assert.Contains(copies, c =>
                c.StartsWith($"Audit {e.Id} {e.Action} {e.EntityType} ", StringComparison.Ordinal)
            )
        );
        Assert.DoesNotContain(copies, c => c.Contains("@", StringComparison.Ordinal));
        Assert.DoesNotContain(copies, c => c.Contains("Sao Chép", StringComparison.Ordinal));
    }
}
