using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for notifications.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> NotificationsCases()
    {
        var t = fixture;
        // ---- Notifications: every account reads and marks its own, nobody (not even an administrator) another's.
        // "Own" probes the caller's own notification; every other relation one of the target account of that unit.
        Task<int> NotificationOf(Role role, Relation r) =>
            t.NotificationOfAsync(r == Relation.Own ? t.Accounts[role].Id : t.TargetAccounts[r].Id);
        Func<Role, Relation, bool> ownOnly = (_, r) => r == Relation.Own;
        yield return PageAsync(
            "/notifications",
            (_, _) => true,
            async (role, _) =>
            {
                await NotificationOf(role, Relation.Own);
                return "/notifications";
            },
            async (role, _, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector($"main a[href='/notifications/{await NotificationOf(role, Relation.Own)}/open']")
                    is not null
        );
        yield return new Case("GET /notifications/{id:int}/open", ownOnly, async (role, r) =>
        {
            var response = await t.Pages[role].GetAsync($"/notifications/{await NotificationOf(role, r)}/open");
            Assert.True((int)response.StatusCode < 500, $"open answered {(int)response.StatusCode}");
            return response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.ToString() == Fixture.NotificationLink;
        });
        yield return ApiAsync(
            "GET /api/v1/notifications/",
            (_, _) => true,
            async (role, _) =>
            {
                await NotificationOf(role, Relation.Own);
                return await t.Api[role].GetAsync("/api/v1/notifications/");
            },
            async (role, _, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .Any(item => item.GetProperty("id").GetInt32() == NotificationOf(role, Relation.Own).Result)
        );
        // Each account exports its own notifications: a file with a header line and at least its own notice.
        async Task<bool> OwnExport(HttpResponseMessage response) =>
            Allowed(response)
            && response.IsSuccessStatusCode
            && (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
                >= 2;
        yield return ApiAsync(
            "GET /api/v1/notifications/export",
            (_, _) => true,
            async (role, _) =>
            {
                await NotificationOf(role, Relation.Own);
                return await t.Api[role].GetAsync("/api/v1/notifications/export?format=csv");
            },
            async (_, _, response) => await OwnExport(response)
        );
        yield return new Case(
            "GET /notifications/export",
            (_, _) => true,
            async (role, _) =>
            {
                await NotificationOf(role, Relation.Own);
                return await OwnExport(await t.Pages[role].GetAsync("/notifications/export?format=csv"));
            }
        );
        yield return Api(
            "POST /api/v1/notifications/read",
            (_, _) => true,
            (role, _) => t.Api[role].PostAsync("/api/v1/notifications/read", null)
        );
        yield return ApiAsync("POST /api/v1/notifications/{id:int}/read", ownOnly, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/notifications/{await NotificationOf(role, r)}/read", null)
        );

        // ---- Background exports: every account sees and downloads its own jobs only.
        Task<Guid> JobOf(Role role, Relation r) =>
            t.ExportJobOfAsync(r == Relation.Own ? t.Accounts[role].Id : t.TargetAccounts[r].Id);
        yield return Page("/exports", (_, _) => true, (_, _) => "/exports");
        yield return PageAsync(
            "/exports/{Id:guid}",
            ownOnly,
            async (role, r) => $"/exports/{await JobOf(role, r)}",
            async (role, r, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector($"main a[href='/exports/{await JobOf(role, r)}/download']")
                    is not null
        );
        yield return new Case("GET /exports/{id:guid}/download", ownOnly, async (role, r) =>
            (await t.Pages[role].GetAsync($"/exports/{await JobOf(role, r)}/download")).StatusCode == HttpStatusCode.OK
        );
        yield return ApiAsync(
            "GET /api/v1/exports/{id:guid}",
            ownOnly,
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/exports/{await JobOf(role, r)}"),
            (_, _, response) => Task.FromResult(response.StatusCode == HttpStatusCode.OK)
        );
        yield return ApiAsync(
            "GET /api/v1/exports/{id:guid}/download",
            ownOnly,
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/exports/{await JobOf(role, r)}/download"),
            (_, _, response) => Task.FromResult(response.StatusCode == HttpStatusCode.OK)
        );
    }
}
