using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for units.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> UnitsCases()
    {
        var t = fixture;
        // ---- API: units --------------------------------------------------------------------------
        yield return Api(
            "GET /api/v1/units/",
            View,
            (role, r) => t.Api[role].GetAsync($"/api/v1/units/?q={U(r).Code}"),
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .Any(item => item.GetProperty("id").GetInt32() == U(r).Id)
        );
        // An export lists the unit when the caller may see it (its code starts a line of the CSV).
        async Task<bool> UnitExportHas(Relation r, HttpResponseMessage response) =>
            Allowed(response)
            && response.IsSuccessStatusCode
            && (await response.Content.ReadAsStringAsync())
                .Split('\n')
                .Any(line => line.TrimStart('\uFEFF').StartsWith($"{U(r).Code},", StringComparison.Ordinal));
        yield return ApiAsync(
            "GET /api/v1/units/export",
            View,
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/units/export?format=csv&q={U(r).Code}"),
            async (_, r, response) => await UnitExportHas(r, response)
        );
        yield return new Case("GET /units/export", View, async (role, r) =>
            await UnitExportHas(r, await t.Pages[role].GetAsync($"/units/export?format=csv&q={U(r).Code}"))
        );
        yield return Api("GET /api/v1/units/{id:int}", View, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/units/{U(r).Id}")
        );
        yield return Api(
            "POST /api/v1/units/",
            (role, r) => Has(role, Permission.UnitsManage) && InScope(role, U(r)),
            (role, r) =>
                t.Api[role]
                    .PostAsJsonAsync(
                        "/api/v1/units/",
                        new
                        {
                            parentId = U(r).Id,
                            code = "",
                            name = "",
                            kind = "Village",
                        }
                    )
        );
        yield return Api(
            "PUT /api/v1/units/{id:int}",
            (role, r) => CanManageUnitRecord(role, U(r)),
            (role, r) =>
                t.Api[role]
                    .PutAsJsonAsync(
                        $"/api/v1/units/{U(r).Id}",
                        new
                        {
                            code = "",
                            name = "",
                            kind = U(r).Kind.ToString(),
                        }
                    )
        );
        yield return Api(
            "POST /api/v1/units/{id:int}/retire",
            (role, r) => CanManageUnitRecord(role, U(r)),
            (role, r) => t.Api[role].PostAsJsonAsync($"/api/v1/units/{U(r).Id}/retire", new { validTo = (string?)null })
        );
        yield return Api(
            "POST /api/v1/units/merge",
            (role, r) => CanManageUnitRecord(role, U(r)),
            (role, r) =>
                t.Api[role]
                    .PostAsJsonAsync("/api/v1/units/merge", new { sourceIds = new[] { U(r).Id }, targetId = U(r).Id })
        );
        yield return Api(
            "POST /api/v1/units/import",
            (role, r) => Has(role, Permission.UnitsManage) && InScope(role, U(r)) && U(r).Level < UnitLevel.Village,
            (role, r) =>
            {
                var kind = U(r).Level == UnitLevel.Province ? "commune" : "village";
                var csv = $"code,name,kind,parent_code\nX{(int)r}{(int)role},Đơn vị thử,{kind},{U(r).Code}\n";
                var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "units.csv" },
                };
                return t.Api[role].PostAsync("/api/v1/units/import", form);
            },
            async (_, _, response) =>
                response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("problems")
                    .GetArrayLength() == 0
        );

        // ---- API: organizations ------------------------------------------------------------------
        yield return Api(
            "GET /api/v1/organizations/",
            (role, r) => InScope(role, U(r)),
            (role, r) => t.Api[role].GetAsync($"/api/v1/organizations/?unitId={U(r).Id}"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        // An export holds the unit's organization when the caller may see it (its id starts a line of the CSV).
        async Task<bool> OrganizationExportHas(Relation r, HttpResponseMessage response)
        {
            var id = await t.OrganizationOfAsync(U(r));
            return Allowed(response)
                && response.IsSuccessStatusCode
                && (await response.Content.ReadAsStringAsync())
                    .Split('\n')
                    .Any(line => line.TrimStart('\uFEFF').StartsWith($"{id},", StringComparison.Ordinal));
        }

        yield return ApiAsync(
            "GET /api/v1/organizations/export",
            (role, r) => InScope(role, U(r)),
            (role, r) => t.Api[role].GetAsync($"/api/v1/organizations/export?format=csv&unitId={U(r).Id}"),
            async (_, r, response) => await OrganizationExportHas(r, response)
        );
        yield return new Case(
            "GET /organizations/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
                await OrganizationExportHas(
                    r,
                    await t.Pages[role].GetAsync($"/organizations/export?format=csv&unitId={U(r).Id}")
                )
        );
        yield return ApiAsync(
            "GET /api/v1/organizations/{id:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/organizations/{await t.OrganizationOfAsync(U(r))}")
        );
        yield return Api(
            "POST /api/v1/organizations/",
            (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            (role, r) =>
                t.Api[role]
                    .PostAsJsonAsync(
                        "/api/v1/organizations/",
                        new
                        {
                            unitId = U(r).Id,
                            type = "Other",
                            name = "",
                        }
                    )
        );
        yield return ApiAsync(
            "PUT /api/v1/organizations/{id:int}",
            (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            async (role, r) =>
                await t.Api[role]
                    .PutAsJsonAsync(
                        $"/api/v1/organizations/{await t.OrganizationOfAsync(U(r))}",
                        new { type = "Other", name = "" }
                    )
        );
        yield return ApiAsync(
            "DELETE /api/v1/organizations/{id:int}",
            (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            async (role, r) =>
                await t.Api[role].DeleteAsync($"/api/v1/organizations/{await t.FreshOrganizationAsync(U(r))}")
        );
    }
}
