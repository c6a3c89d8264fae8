using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for models.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> ModelsCases()
    {
        var t = fixture;
        // ---- Models ------------------------------------------------------------------------------
        bool EditModels(Role role, Relation r) => Has(role, Permission.ModelsEdit) && InScope(role, U(r));
        Task<int> M(Relation r) => t.ModelOfAsync(U(r));
        yield return PageAsync(
            "/models",
            (role, r) => InScope(role, U(r)),
            async (_, r) =>
            {
                await M(r);
                return $"/models?q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}";
            },
            async (_, r, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector($"main a[href='/models/{await M(r)}']")
                    is not null
        );
        yield return PageAsync(
            "/models/{Id:int}",
            (role, r) => InScope(role, U(r)),
            async (_, r) => $"/models/{await M(r)}"
        );
        yield return Page("/models/new", EditModels, (_, r) => $"/models/new?unitId={U(r).Id}");
        yield return PageAsync("/models/{Id:int}/edit", EditModels, async (_, r) => $"/models/{await M(r)}/edit");
        yield return PageAsync("/models/{Id:int}/steps/{Action}", EditModels, async (_, r) =>
            $"/models/{await M(r)}/steps/Launch"
        );
        yield return ApiAsync(
            "GET /api/v1/models/",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                await M(r);
                return await t.Api[role]
                    .GetAsync($"/api/v1/models/?q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}");
            },
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .Any(item => item.GetProperty("id").GetInt32() == M(r).Result)
        );
        yield return ApiAsync(
            "GET /api/v1/models/{id:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}")
        );
        yield return Api("POST /api/v1/models/", EditModels, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/models/", new { unitId = U(r).Id, name = "" })
        );
        yield return ApiAsync("PUT /api/v1/models/{id:int}", EditModels, async (role, r) =>
            await t.Api[role].PutAsJsonAsync($"/api/v1/models/{await M(r)}", new { name = "" })
        );
        yield return ApiAsync("POST /api/v1/models/{id:int}/steps", EditModels, async (role, r) =>
            await t.Api[role].PostAsJsonAsync($"/api/v1/models/{await M(r)}/steps", new { action = "Launch" })
        );
        yield return ApiAsync("PUT /api/v1/models/{id:int}/results", EditModels, async (role, r) =>
            await t.Api[role].PutAsJsonAsync($"/api/v1/models/{await M(r)}/results", new { year = 1 })
        );
        yield return ApiAsync("DELETE /api/v1/models/{id:int}/results/{resultId:int}", EditModels, async (role, r) =>
        {
            var model = await M(r);
            return await t.Api[role]
                .DeleteAsync($"/api/v1/models/{model}/results/{await t.FreshModelResultAsync(model)}");
        });
        yield return PageAsync("/models/{Id:int}/replicate", EditModels, async (_, r) =>
            $"/models/{await M(r)}/replicate"
        );
        yield return PageAsync(
            "/replications/{Id:int}",
            (role, r) => InScope(role, U(r)),
            async (_, r) => $"/replications/{await t.ReplicationOfAsync(U(r))}"
        );
        yield return Page("/library", (_, _) => true, (_, _) => "/library", anonymous: true);
        yield return PageAsync(
            "/library/{Id:int}",
            (_, _) => true,
            async (_, _) => $"/library/{await t.RecognizedModelAsync()}",
            anonymous: true
        );
        yield return ApiAsync(
            "GET /api/v1/models/{id:int}/replications",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}/replications")
        );
        yield return ApiAsync("POST /api/v1/models/{id:int}/replications", EditModels, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync(
                    $"/api/v1/models/{await t.RecognizedModelAsync()}/replications",
                    new { unitId = U(r).Id }
                )
        );
        yield return ApiAsync(
            "GET /api/v1/replications/{id:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/replications/{await t.ReplicationOfAsync(U(r))}")
        );
        yield return ApiAsync("PUT /api/v1/replications/{id:int}", EditModels, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync($"/api/v1/replications/{await t.ReplicationOfAsync(U(r))}", new { adaptations = "" })
        );
        yield return ApiAsync("PUT /api/v1/replications/{id:int}/results", EditModels, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync($"/api/v1/replications/{await t.ReplicationOfAsync(U(r))}/results", new { year = 1 })
        );
        Func<Role, Relation, HttpResponseMessage, Task<bool>> ExportHas = async (_, r, response) =>
        {
            var id = await M(r);
            return Allowed(response)
                && response.IsSuccessStatusCode
                && (await response.Content.ReadAsStringAsync())
                    .Split('\n')
                    .Any(line => line.StartsWith($"{id},", StringComparison.Ordinal));
        };
        yield return new Case(
            "GET /models/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                await M(r);
                var response = await t.Pages[role]
                    .GetAsync($"/models/export?format=csv&q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}");
                return await ExportHas(role, r, response);
            }
        );
        yield return ApiAsync(
            "GET /api/v1/models/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                await M(r);
                return await t.Api[role]
                    .GetAsync(
                        $"/api/v1/models/export?format=csv&q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}"
                    );
            },
            ExportHas
        );
        yield return new Case(
            "GET /models/{id:int}/replications/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                var response = await t.Pages[role].GetAsync($"/models/{await M(r)}/replications/export?format=csv");
                return Allowed(response) && response.IsSuccessStatusCode;
            }
        );
        yield return ApiAsync(
            "GET /api/v1/models/{id:int}/replications/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
                await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}/replications/export?format=csv"),
            (_, _, response) => Task.FromResult(Allowed(response) && response.IsSuccessStatusCode)
        );
        // ---- Models from a spreadsheet: the page, the template, the check (preview, so nothing is written), the copy
        // with problems (a staged file of the caller only: 404 for an unknown one means the handler was reached).
        yield return Page("/models/import", (role, _) => Has(role, Permission.ModelsEdit), (_, _) => "/models/import");
        yield return new Case(
            "GET /models/import/template.xlsx",
            (role, _) => Has(role, Permission.ModelsEdit),
            async (role, _) => Allowed(await t.Pages[role].GetAsync("/models/import/template.xlsx"))
        );
        yield return Api(
            "GET /api/v1/models/import/template",
            (role, _) => Has(role, Permission.ModelsEdit),
            (role, _) => t.Api[role].GetAsync("/api/v1/models/import/template")
        );
        yield return new Case(
            "GET /models/import/problems/{id:guid}",
            (role, _) => Has(role, Permission.ModelsEdit),
            async (role, _) =>
                (await t.Pages[role].GetAsync($"/models/import/problems/{Guid.NewGuid()}")).StatusCode
                == System.Net.HttpStatusCode.NotFound
        );
        yield return Api(
            "POST /api/v1/models/import",
            EditModels,
            (role, r) =>
            {
                var form = new MultipartFormDataContent
                {
                    {
                        new ByteArrayContent(
                            System.Text.Encoding.UTF8.GetBytes(
                                $"code,name,field,organization\n{U(r).Code},Mô hình nhập ma trận {(int)role},culture-society,Ủy ban nhân dân {U(r).Name}\n"
                            )
                        ),
                        "file",
                        "import.csv"
                    },
                };
                return t.Api[role].PostAsync("/api/v1/models/import", form);
            },
            async (_, _, response) =>
                response.IsSuccessStatusCode
                && System
                    .Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("problems")
                    .GetArrayLength() == 0
        );
        yield return ApiAsync("POST /api/v1/models/{id:int}/attachments", EditModels, async (role, r) =>
            await t.Api[role]
                .PostAsync(
                    $"/api/v1/models/{await M(r)}/attachments",
                    new MultipartFormDataContent
                    {
                        { new ByteArrayContent("not a photo"u8.ToArray()), "file", "x.png" },
                    }
                )
        );
        yield return ApiAsync(
            "GET /api/v1/models/{id:int}/attachments/{attachmentId:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
                await t.Api[role]
                    .GetAsync($"/api/v1/models/{await M(r)}/attachments/{await t.AttachmentOfAsync(await M(r))}")
        );
        yield return new Case(
            "GET /models/{id:int}/attachments/{attachmentId:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
                Allowed(
                    await t.Pages[role]
                        .GetAsync($"/models/{await M(r)}/attachments/{await t.AttachmentOfAsync(await M(r))}")
                )
        );
        yield return ApiAsync(
            "DELETE /api/v1/models/{id:int}/attachments/{attachmentId:int}",
            EditModels,
            async (role, r) =>
            {
                var model = await M(r);
                return await t.Api[role]
                    .DeleteAsync($"/api/v1/models/{model}/attachments/{await t.AttachmentOfAsync(model, fresh: true)}");
            }
        );
        yield return new Case(
            "GET /library/{id:int}/photos/{attachmentId:int}",
            (_, _) => true,
            async (role, _) =>
            {
                var model = await t.RecognizedModelAsync();
                return Allowed(
                    await t.Pages[role].GetAsync($"/library/{model}/photos/{await t.AttachmentOfAsync(model)}")
                );
            },
            Anonymous: true
        );
        bool Evaluates(Role role, Relation r) =>
            (Has(role, Permission.ModelsInspect) && t.ParentOf(U(r)) is { } above && InScope(role, above))
            || (Has(role, Permission.ModelsRecognize) && InScope(role, U(r)));
        yield return PageAsync("/models/{Id:int}/evaluate", Evaluates, async (_, r) =>
            $"/models/{await t.EvaluableOfAsync(U(r))}/evaluate"
        );
        yield return ApiAsync("POST /api/v1/models/{id:int}/evaluations", Evaluates, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync(
                    $"/api/v1/models/{await t.EvaluableOfAsync(U(r))}/evaluations",
                    new { scores = new { } }
                )
        );
        yield return ApiAsync(
            "GET /api/v1/models/{id:int}/evaluations",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}/evaluations")
        );
        yield return Api(
            "GET /api/v1/rubrics",
            (_, _) => true,
            (role, _) => t.Api[role].GetAsync("/api/v1/rubrics"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        yield return Page("/models/reviews", (_, _) => true, (_, _) => "/models/reviews");
        yield return PageAsync(
            "/models/reviews/{Id:int}",
            (role, r) => InScope(role, U(r)),
            async (_, r) => $"/models/reviews/{await t.ReviewOfAsync(U(r))}"
        );
        yield return ApiAsync(
            "GET /api/v1/model-reviews/",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                var id = await t.ReviewOfAsync(U(r));
                var response = await t.Api[role].GetAsync("/api/v1/model-reviews/");
                return response;
            },
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.EnumerateArray()
                    .Any(x => x.GetProperty("id").GetInt32() == t.ReviewOfAsync(U(r)).Result)
        );
        yield return ApiAsync(
            "GET /api/v1/model-reviews/{id:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/model-reviews/{await t.ReviewOfAsync(U(r))}")
        );
        yield return Api("POST /api/v1/model-reviews/", EditModels, (role, r) => t.Api[role]
                .PostAsJsonAsync(
                    "/api/v1/model-reviews/",
                    new
                    {
                        unitId = U(r).Id,
                        fromYear = 1,
                        toYear = 1,
                    }
                ));
        yield return ApiAsync("PUT /api/v1/model-reviews/{id:int}", EditModels, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync(
                    $"/api/v1/model-reviews/{await t.ReviewOfAsync(U(r))}",
                    new { items = new Dictionary<string, object> { ["999999"] = new { classification = "Maintain" } } }
                )
        );
        yield return Page(
            "/models/settings",
            (role, _) => Has(role, Permission.ModelsConfigure),
            (_, _) => "/models/settings"
        );
        yield return Api(
            "POST /api/v1/model-fields",
            (role, _) => Has(role, Permission.ModelsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/model-fields", new { code = "" })
        );
        yield return Api(
            "POST /api/v1/result-indicators",
            (role, _) => Has(role, Permission.ModelsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/result-indicators", new { code = "" })
        );
        yield return Api(
            "POST /api/v1/rubrics",
            (role, _) => Has(role, Permission.ModelsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/rubrics", new { name = "" })
        );
        yield return Api(
            "GET /api/v1/model-fields",
            (_, _) => true,
            (role, _) => t.Api[role].GetAsync("/api/v1/model-fields"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        yield return Api(
            "GET /api/v1/result-indicators",
            (_, _) => true,
            (role, _) => t.Api[role].GetAsync("/api/v1/result-indicators"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
    }
}
