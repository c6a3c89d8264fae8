using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for petitions.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> PetitionsCases()
    {
        var t = fixture;
        // ---- Dialogues and petitions --------------------------------------------------------------
        bool EditDialogues(Role role, Relation r) => Has(role, Permission.DialoguesEdit) && InScope(role, U(r));
        bool EditPetitions(Role role, Relation r) => Has(role, Permission.PetitionsEdit) && InScope(role, U(r));
        bool SeesPersonalData(Role role, Relation r) =>
            role != Role.AgencyHandler && Has(role, Permission.PetitionsPersonalData) && InScope(role, U(r));
        // The matrix's petitions are received, not assigned: an agency handler sees none of them (LeastPrivilegeTests
        // follows one through its assignment), a register reader sees them, only a case reader reads their documents.
        bool ReadsRegister(Role role, Relation r) => Has(role, Permission.PetitionsView) && InScope(role, U(r));
        bool ReadsCase(Role role, Relation r) => Has(role, Permission.PetitionsRead) && InScope(role, U(r));
        Task<int> P(Relation r) => t.PetitionOfAsync(U(r));
        yield return PageAsync(
            "/dialogues",
            (role, r) => InScope(role, U(r)),
            async (_, r) =>
            {
                await t.DialogueOfAsync(U(r));
                return $"/dialogues?q={Uri.EscapeDataString("Đối thoại ma trận " + U(r).Code)}";
            },
            async (_, r, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector($"main a[href='/dialogues/{await t.DialogueOfAsync(U(r))}']")
                    is not null
        );
        yield return Page("/dialogues/new", EditDialogues, (_, r) => $"/dialogues/new?unitId={U(r).Id}");
        yield return PageAsync(
            "/dialogues/{Id:int}",
            (role, r) => InScope(role, U(r)),
            async (_, r) => $"/dialogues/{await t.DialogueOfAsync(U(r))}"
        );
        yield return PageAsync("/dialogues/{Id:int}/edit", EditDialogues, async (_, r) =>
            $"/dialogues/{await t.DialogueOfAsync(U(r))}/edit"
        );
        yield return Page(
            "/dialogues/reception",
            (role, r) => InScope(role, U(r)),
            (_, r) => $"/dialogues/reception?unitId={U(r).Id}"
        );
        yield return PageAsync(
            "/petitions",
            ReadsRegister,
            async (_, r) =>
            {
                await P(r);
                return $"/petitions?q={Uri.EscapeDataString("Kiến nghị ma trận " + U(r).Code)}";
            },
            async (_, r, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector($"main a[href='/petitions/{await P(r)}']")
                    is not null
        );
        yield return Page("/petitions/new", EditPetitions, (_, r) => $"/petitions/new?unitId={U(r).Id}");
        yield return PageAsync("/petitions/{Id:int}", ReadsRegister, async (_, r) => $"/petitions/{await P(r)}");
        yield return PageAsync("/petitions/{Id:int}/steps/{Action}", EditPetitions, async (_, r) =>
            $"/petitions/{await P(r)}/steps/Assign"
        );
        yield return Page("/petitions/dashboard", ReadsRegister, (_, r) => $"/petitions/dashboard?unitId={U(r).Id}");
        yield return Page(
            "/petitions/settings",
            (role, _) => Has(role, Permission.PetitionsConfigure),
            (_, _) => "/petitions/settings"
        );
        yield return Page("/track", (_, _) => true, (_, _) => "/track", anonymous: true);
        yield return ApiAsync(
            "GET /api/v1/dialogues/",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                await t.DialogueOfAsync(U(r));
                return await t.Api[role]
                    .GetAsync($"/api/v1/dialogues/?q={Uri.EscapeDataString("Đối thoại ma trận " + U(r).Code)}");
            },
            async (_, r, response) => await ItemsHaveAsync(response, await t.DialogueOfAsync(U(r)))
        );
        yield return ApiAsync(
            "GET /api/v1/dialogues/{id:int}",
            (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/dialogues/{await t.DialogueOfAsync(U(r))}")
        );
        yield return Api("POST /api/v1/dialogues/", EditDialogues, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/dialogues/", new { unitId = U(r).Id, topic = "" })
        );
        yield return ApiAsync("PUT /api/v1/dialogues/{id:int}", EditDialogues, async (role, r) =>
            await t.Api[role].PutAsJsonAsync($"/api/v1/dialogues/{await t.DialogueOfAsync(U(r))}", new { topic = "" })
        );
        // An export holds the dialogue of the unit when the caller may see it (the id starts a line of the CSV).
        async Task<bool> DialogueExportHas(Relation r, HttpResponseMessage response)
        {
            var id = await t.DialogueOfAsync(U(r));
            return Allowed(response)
                && response.IsSuccessStatusCode
                && (await response.Content.ReadAsStringAsync())
                    .Split('\n')
                    .Any(line => line.TrimStart('\uFEFF').StartsWith($"{id},", StringComparison.Ordinal));
        }

        yield return ApiAsync(
            "GET /api/v1/dialogues/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                await t.DialogueOfAsync(U(r));
                return await t.Api[role]
                    .GetAsync(
                        $"/api/v1/dialogues/export?format=csv&q={Uri.EscapeDataString("Đối thoại ma trận " + U(r).Code)}"
                    );
            },
            async (_, r, response) => await DialogueExportHas(r, response)
        );
        yield return new Case(
            "GET /dialogues/export",
            (role, r) => InScope(role, U(r)),
            async (role, r) =>
            {
                await t.DialogueOfAsync(U(r));
                var response = await t.Pages[role]
                    .GetAsync(
                        $"/dialogues/export?format=csv&q={Uri.EscapeDataString("Đối thoại ma trận " + U(r).Code)}"
                    );
                return await DialogueExportHas(r, response);
            }
        );
        yield return Api(
            "GET /api/v1/dialogues/reception",
            (role, r) => InScope(role, U(r)),
            (role, r) => t.Api[role].GetAsync($"/api/v1/dialogues/reception?unitId={U(r).Id}")
        );
        yield return ApiAsync(
            "GET /api/v1/petitions/",
            ReadsRegister,
            async (role, r) =>
            {
                await P(r);
                return await t.Api[role]
                    .GetAsync($"/api/v1/petitions/?q={Uri.EscapeDataString("Kiến nghị ma trận " + U(r).Code)}");
            },
            async (_, r, response) => await ItemsHaveAsync(response, await P(r))
        );
        // The register as a file: allowed is not enough, the file must hold the petition (an agency handler's holds
        // only the petitions assigned to its organization, and the matrix's are not).
        Func<Role, Relation, HttpResponseMessage, Task<bool>> ExportHas = async (_, r, response) =>
        {
            var id = await P(r);
            return Allowed(response)
                && response.IsSuccessStatusCode
                && (await response.Content.ReadAsStringAsync())
                    .Split('\n')
                    .Any(line => line.StartsWith($"{id},", StringComparison.Ordinal));
        };
        yield return new Case("GET /petitions/export", ReadsRegister, async (role, r) =>
        {
            await P(r);
            var response = await t.Pages[role]
                .GetAsync($"/petitions/export?format=csv&q={Uri.EscapeDataString("Kiến nghị ma trận " + U(r).Code)}");
            return await ExportHas(role, r, response);
        });
        yield return ApiAsync(
            "GET /api/v1/petitions/export",
            ReadsRegister,
            async (role, r) =>
            {
                await P(r);
                return await t.Api[role]
                    .GetAsync(
                        $"/api/v1/petitions/export?format=csv&q={Uri.EscapeDataString("Kiến nghị ma trận " + U(r).Code)}"
                    );
            },
            ExportHas
        );
        yield return ApiAsync("GET /api/v1/petitions/{id:int}", ReadsRegister, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/petitions/{await P(r)}")
        );
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/receipt", EditPetitions, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/petitions/{await P(r)}/receipt", null)
        );
        // ---- Petitions from a spreadsheet: the page, the template, the check (preview, so nothing is written), the copy
        // with problems (a staged file of the caller only: 404 for an unknown one means the handler was reached).
        yield return Page(
            "/petitions/import",
            (role, _) => Has(role, Permission.PetitionsEdit),
            (_, _) => "/petitions/import"
        );
        yield return new Case(
            "GET /petitions/import/template.xlsx",
            (role, _) => Has(role, Permission.PetitionsEdit),
            async (role, _) => Allowed(await t.Pages[role].GetAsync("/petitions/import/template.xlsx"))
        );
        yield return Api(
            "GET /api/v1/petitions/import/template",
            (role, _) => Has(role, Permission.PetitionsEdit),
            (role, _) => t.Api[role].GetAsync("/api/v1/petitions/import/template")
        );
        yield return new Case(
            "GET /petitions/import/problems/{id:guid}",
            (role, _) => Has(role, Permission.PetitionsEdit),
            async (role, _) =>
                (await t.Pages[role].GetAsync($"/petitions/import/problems/{Guid.NewGuid()}")).StatusCode
                == System.Net.HttpStatusCode.NotFound
        );
        yield return Api(
            "POST /api/v1/petitions/import",
            EditPetitions,
            (role, r) =>
            {
                var form = new MultipartFormDataContent
                {
                    {
                        new ByteArrayContent(
                            System.Text.Encoding.UTF8.GetBytes(
                                $"code,received_on,channel,category,title,content,petitioner_kind\n{U(r).Code},2026-11-02,Reception,infrastructure,Kiến nghị nhập ma trận,Nội dung,Citizen\n"
                            )
                        ),
                        "file",
                        "import.csv"
                    },
                };
                return t.Api[role].PostAsync("/api/v1/petitions/import", form);
            },
            async (_, _, response) =>
                response.IsSuccessStatusCode
                && System
                    .Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("problems")
                    .GetArrayLength() == 0
        );
        yield return Api("POST /api/v1/petitions/", EditPetitions, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/petitions/", new { unitId = U(r).Id, title = "" })
        );
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/steps", EditPetitions, async (role, r) =>
        {
            var id = await P(r);
            return await t.Api[role]
                .PostAsJsonAsync(
                    $"/api/v1/petitions/{id}/steps",
                    new { action = "Assign", version = await t.VersionOfPetitionAsync(id) }
                );
        });
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/personal-data", SeesPersonalData, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/petitions/{await P(r)}/personal-data", null)
        );
        yield return ApiAsync(
            "POST /api/v1/petitions/{id:int}/personal-data/export",
            SeesPersonalData,
            async (role, r) => await t.Api[role].PostAsync($"/api/v1/petitions/{await P(r)}/personal-data/export", null)
        );
        yield return new Case("POST /petitions/{id:int}/personal-data/export", SeesPersonalData, async (role, r) =>
        {
            var response = await PostWithTokenAsync(t.Pages[role], $"/petitions/{await P(r)}/personal-data/export", []);
            return Allowed(response) && response.Content.Headers.ContentType?.MediaType == "application/json";
        });
        yield return ApiAsync(
            "POST /api/v1/petitions/{id:int}/personal-data/erase",
            SeesPersonalData,
            async (role, r) =>
            {
                var id = await t.FreshPetitionAsync(U(r));
                return await t.Api[role]
                    .PostAsJsonAsync(
                        $"/api/v1/petitions/{id}/personal-data/erase",
                        new { version = await t.VersionOfPetitionAsync(id) }
                    );
            }
        );
        yield return Api("GET /api/v1/petitions/dashboard", ReadsRegister, (role, r) =>
            t.Api[role].GetAsync($"/api/v1/petitions/dashboard?unitId={U(r).Id}")
        );
        yield return Api(
            "GET /api/v1/petitions/categories",
            (role, _) => Has(role, Permission.PetitionsView) || Has(role, Permission.PetitionsAnswer),
            (role, _) => t.Api[role].GetAsync("/api/v1/petitions/categories"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        yield return Api(
            "POST /api/v1/petitions/categories",
            (role, _) => Has(role, Permission.PetitionsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/petitions/categories", new { code = "" })
        );
        yield return ApiAsync(
            "PUT /api/v1/petitions/categories/{id:int}",
            (role, _) => Has(role, Permission.PetitionsConfigure),
            async (role, _) =>
                await t.Api[role]
                    .PutAsJsonAsync(
                        $"/api/v1/petitions/categories/{await t.WithDbAsync(db => db.PetitionCategories.Select(c => c.Id).FirstAsync())}",
                        new { code = "" }
                    )
        );
        yield return Api(
            "GET /api/v1/petitions/calendar",
            (role, _) => Has(role, Permission.PetitionsView) || Has(role, Permission.PetitionsAnswer),
            (role, _) => t.Api[role].GetAsync("/api/v1/petitions/calendar?year=2026"),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        yield return Api(
            "POST /api/v1/petitions/calendar",
            (role, _) => Has(role, Permission.PetitionsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/petitions/calendar", new { name = "" })
        );
        yield return ApiAsync(
            "DELETE /api/v1/petitions/calendar/{id:int}",
            (role, _) => Has(role, Permission.PetitionsConfigure),
            async (role, _) =>
                await t.Api[role].DeleteAsync($"/api/v1/petitions/calendar/{await t.FreshCalendarDayAsync()}")
        );
        foreach (
            var (prefix, edit, read, owner) in new (
                string,
                Func<Role, Relation, bool>,
                Func<Role, Relation, bool>,
                Func<Relation, Task<int>>
            )[]
            {
                ("dialogues", EditDialogues, (role, r) => InScope(role, U(r)), r => t.DialogueOfAsync(U(r))),
                ("petitions", EditPetitions, ReadsCase, P),
            }
        )
        {
            yield return ApiAsync($"POST /api/v1/{prefix}/{{id:int}}/documents", edit, async (role, r) =>
                await t.Api[role]
                    .PostAsync(
                        $"/api/v1/{prefix}/{await owner(r)}/documents",
                        new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } }
                    )
            );
            yield return ApiAsync(
                $"GET /api/v1/{prefix}/{{id:int}}/documents/{{documentId:int}}",
                read,
                async (role, r) =>
                    await t.Api[role]
                        .GetAsync(
                            $"/api/v1/{prefix}/{await owner(r)}/documents/{await t.DocumentOfAsync(prefix, await owner(r))}"
                        )
            );
            yield return new Case($"GET /{prefix}/{{id:int}}/documents/{{documentId:int}}", read, async (role, r) =>
                Allowed(
                    await t.Pages[role]
                        .GetAsync(
                            $"/{prefix}/{await owner(r)}/documents/{await t.DocumentOfAsync(prefix, await owner(r))}"
                        )
                )
            );
        }
    }
}
