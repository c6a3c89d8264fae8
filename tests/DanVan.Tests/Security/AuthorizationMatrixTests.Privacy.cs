using System.Net;
using System.Net.Http.Json;
using DanVan.Web.Features.Privacy;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

public sealed partial class AuthorizationMatrixTests
{
    private readonly Dictionary<int, int> privacyRequests = [];

    /// <summary>An access request received at the unit (made once, straight to the database).</summary>
    private async Task<int> PrivacyRequestOfAsync(Unit unit)
    {
        if (privacyRequests.TryGetValue(unit.Id, out var id))
        {
            return id;
        }

        id = await fixture.WithDbAsync(async db =>
        {
            var request = new DataSubjectRequest
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                Kind = RequestKind.Access,
                SubjectName = "Người Ma Trận",
                SubjectIdNumber = "001099000333",
                ReceivedOn = new DateOnly(2026, 6, 1),
                AcknowledgeBy = new DateOnly(2026, 6, 3),
                DueOn = new DateOnly(2026, 6, 16),
                CreatedAt = DateTime.UtcNow,
            };
            db.DataSubjectRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
        privacyRequests[unit.Id] = id;
        return id;
    }

    /// <summary>A step from a version that is not the request's: 409 where the caller handles the request, so the probe
    /// changes nothing.</summary>
    private static Func<Role, Relation, HttpResponseMessage, Task<bool>> AllowedOrConflict =>
        (_, _, response) => Task.FromResult(response.StatusCode == HttpStatusCode.Conflict || Allowed(response));

    private IEnumerable<Case> PrivacyCases()
    {
        var t = fixture;
        Func<Role, Relation, bool> holds = (role, _) => Has(role, Permission.PrivacyRequests);
        Func<Role, Relation, bool> handles = (role, r) => Has(role, Permission.PrivacyRequests) && InScope(role, U(r));
        Func<Role, Relation, bool> records = (role, r) => handles(role, r) && U(r).Level != UnitLevel.Village;

        yield return Page("/privacy", holds, (_, _) => "/privacy");
        yield return Page("/privacy/new", holds, (_, _) => "/privacy/new");
        yield return PageAsync("/privacy/{Id:int}", handles, async (_, r) =>
            $"/privacy/{await PrivacyRequestOfAsync(U(r))}"
        );
        yield return Api("GET /api/v1/privacy-requests/", holds, (role, _) =>
            t.Api[role].GetAsync("/api/v1/privacy-requests")
        );
        yield return Api("POST /api/v1/privacy-requests/", records, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/privacy-requests", new { unitId = U(r).Id })
        );
        yield return ApiAsync("GET /api/v1/privacy-requests/{id:int}", handles, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/privacy-requests/{await PrivacyRequestOfAsync(U(r))}")
        );
        yield return ApiAsync(
            "POST /api/v1/privacy-requests/{id:int}/acknowledge",
            handles,
            async (role, r) =>
                await t.Api[role]
                    .PostAsJsonAsync(
                        $"/api/v1/privacy-requests/{await PrivacyRequestOfAsync(U(r))}/acknowledge",
                        new { version = -1 }
                    ),
            AllowedOrConflict
        );
        yield return ApiAsync(
            "POST /api/v1/privacy-requests/{id:int}/close",
            handles,
            async (role, r) =>
                await t.Api[role]
                    .PostAsJsonAsync(
                        $"/api/v1/privacy-requests/{await PrivacyRequestOfAsync(U(r))}/close",
                        new { version = -1 }
                    ),
            AllowedOrConflict
        );
        // An access request is not erased: 409 where the caller handles it.
        yield return ApiAsync(
            "POST /api/v1/privacy-requests/{id:int}/erase",
            handles,
            async (role, r) =>
                await t.Api[role]
                    .PostAsync($"/api/v1/privacy-requests/{await PrivacyRequestOfAsync(U(r))}/erase", null),
            AllowedOrConflict
        );
        yield return ApiAsync(
            "POST /api/v1/privacy-requests/{id:int}/export",
            handles,
            async (role, r) =>
                await t.Api[role]
                    .PostAsync($"/api/v1/privacy-requests/{await PrivacyRequestOfAsync(U(r))}/export", null),
            async (_, _, response) =>
                Allowed(response)
                && response.Content.Headers.ContentType?.MediaType == "application/json"
                // The request's file (its code); the person is named in it only for the receiving office or a holder
                // of their data (PrivacyRules.ShowsIdentity, proven in PrivacyRequestTests).
                && (await response.Content.ReadAsStringAsync()).Contains("\"YC-", StringComparison.Ordinal)
        );
        yield return new Case("POST /privacy/{id:int}/export", handles, async (role, r) =>
        {
            var response = await PostWithTokenAsync(
                t.Pages[role],
                $"/privacy/{await PrivacyRequestOfAsync(U(r))}/export",
                []
            );
            return Allowed(response) && response.Content.Headers.ContentType?.MediaType == "application/json";
        });
    }
}
