using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for campaigns.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private IEnumerable<Case> CampaignsCases()
    {
        var t = fixture;
        // ---- Campaigns: seen by the subtree of the campaign's unit and by the units taking part; managed from the
        // subtree.
        bool SeesCampaign(Role role, Relation r) =>
            role == Role.SystemAdministrator || r is Relation.Own or Relation.Child;
        bool ManagesCampaign(Role role, Relation r) =>
            Has(role, Permission.CampaignsManage) && (role == Role.SystemAdministrator || r == Relation.Own);
        Task<(int Campaign, int Indicator)> C(Relation r) => t.CampaignOfAsync(r);
        yield return PageAsync(
            "/campaigns",
            SeesCampaign,
            async (_, r) =>
            {
                await C(r);
                return $"/campaigns?q={Uri.EscapeDataString("Phong trào ma trận " + r)}";
            },
            async (_, r, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector($"main a[href='/campaigns/{(await C(r)).Campaign}']")
                    is not null
        );
        yield return PageAsync("/campaigns/{Id:int}", SeesCampaign, async (_, r) =>
            $"/campaigns/{(await C(r)).Campaign}"
        );
        yield return Page(
            "/campaigns/new",
            (role, r) =>
                Has(role, Permission.CampaignsManage) && InScope(role, U(r)) && U(r).Level != UnitLevel.Village,
            (_, r) => $"/campaigns/new?unitId={U(r).Id}"
        );
        yield return PageAsync("/campaigns/{Id:int}/edit", ManagesCampaign, async (_, r) =>
            $"/campaigns/{(await C(r)).Campaign}/edit"
        );
        yield return PageAsync("/campaigns/{Id:int}/indicators/new", ManagesCampaign, async (_, r) =>
            $"/campaigns/{(await C(r)).Campaign}/indicators/new"
        );
        yield return PageAsync("/campaigns/{Id:int}/indicators/{IndicatorId:int}/edit", ManagesCampaign, async (_, r) =>
        {
            var (campaign, indicator) = await C(r);
            return $"/campaigns/{campaign}/indicators/{indicator}/edit";
        });
        yield return PageAsync("/campaigns/{Id:int}/targets", SeesCampaign, async (_, r) =>
        {
            var (campaign, indicator) = await C(r);
            return $"/campaigns/{campaign}/targets?indicatorId={indicator}";
        });
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/documents", ManagesCampaign, async (role, r) =>
            await t.Api[role]
                .PostAsync(
                    $"/api/v1/campaigns/{(await C(r)).Campaign}/documents",
                    new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } }
                )
        );
        yield return ApiAsync(
            "GET /api/v1/campaigns/{id:int}/documents/{documentId:int}",
            SeesCampaign,
            async (role, r) =>
            {
                var campaign = (await C(r)).Campaign;
                return await t.Api[role]
                    .GetAsync(
                        $"/api/v1/campaigns/{campaign}/documents/{await t.DocumentOfAsync("campaigns", campaign)}"
                    );
            }
        );
        yield return new Case("GET /campaigns/{id:int}/documents/{documentId:int}", SeesCampaign, async (role, r) =>
        {
            var campaign = (await C(r)).Campaign;
            return Allowed(
                await t.Pages[role]
                    .GetAsync($"/campaigns/{campaign}/documents/{await t.DocumentOfAsync("campaigns", campaign)}")
            );
        });

        yield return new Case(
            "POST /api/v1/tracking/",
            (_, _) => true,
            async (role, _) =>
                (await t.Api[role].PostAsJsonAsync("/api/v1/tracking/", new { code = "ZZZZZ-ZZZZZ" })).StatusCode
                == HttpStatusCode.NotFound,
            Anonymous: true
        );
        yield return new Case(
            "POST /api/v1/tracking/verdict",
            (_, _) => true,
            async (role, _) =>
                (
                    await t.Api[role]
                        .PostAsJsonAsync(
                            "/api/v1/tracking/verdict",
                            new { code = "ZZZZZ-ZZZZZ", verdict = "Satisfied" }
                        )
                ).StatusCode == HttpStatusCode.NotFound,
            Anonymous: true
        );
        // ---- Campaigns: seen in the campaign unit's subtree and by the units taking part (C1 in P1's), managed in the
        // campaign unit's subtree, figures entered for participants in the caller's subtree
        // -----------------------------
        bool SeesApiCampaign(Role role, Relation r) => InScope(role, U(r)) || r == Relation.Parent;
        bool ManagesApiCampaign(Role role, Relation r) => Has(role, Permission.CampaignsManage) && InScope(role, U(r));
        Task<(int Id, int Indicator)> Cp(Relation r) => t.ApiCampaignOfAsync(r);
        async Task<string> CampaignPathAsync(Relation r, string rest) => $"/api/v1/campaigns/{(await Cp(r)).Id}{rest}";
        yield return ApiAsync(
            "GET /api/v1/campaigns/",
            SeesApiCampaign,
            async (role, r) =>
            {
                await Cp(r);
                return await t.Api[role]
                    .GetAsync($"/api/v1/campaigns/?q={Uri.EscapeDataString(Fixture.CampaignName(r))}");
            },
            async (_, r, response) => await ItemsHaveAsync(response, (await Cp(r)).Id)
        );
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}", SeesApiCampaign, async (role, r) =>
            await t.Api[role].GetAsync(await CampaignPathAsync(r, ""))
        );
        yield return Api("POST /api/v1/campaigns/", ManagesApiCampaign, (role, r) =>
            t.Api[role].PostAsJsonAsync("/api/v1/campaigns/", new { unitId = U(r).Id, name = "" })
        );
        yield return ApiAsync("PUT /api/v1/campaigns/{id:int}", ManagesApiCampaign, async (role, r) =>
            await t.Api[role].PutAsJsonAsync(await CampaignPathAsync(r, ""), new { name = "" })
        );
        // An illegal step (planned → reviewed) answers 409 once the caller may manage: nothing changes.
        yield return ApiAsync(
            "POST /api/v1/campaigns/{id:int}/status",
            ManagesApiCampaign,
            async (role, r) =>
                await t.Api[role]
                    .PostAsJsonAsync(await CampaignPathAsync(r, "/status"), new { status = "Reviewed", version = 0 }),
            (_, _, response) => Task.FromResult(Allowed(response) || response.StatusCode == HttpStatusCode.Conflict)
        );
        yield return ApiAsync(
            "GET /api/v1/campaigns/{id:int}/indicators",
            SeesApiCampaign,
            async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/indicators")),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/indicators", ManagesApiCampaign, async (role, r) =>
            await t.Api[role].PostAsJsonAsync(await CampaignPathAsync(r, "/indicators"), new { name = "" })
        );
        yield return ApiAsync(
            "PUT /api/v1/campaigns/{id:int}/indicators/{indicatorId:int}",
            ManagesApiCampaign,
            async (role, r) =>
                await t.Api[role]
                    .PutAsJsonAsync(
                        await CampaignPathAsync(r, $"/indicators/{(await Cp(r)).Indicator}"),
                        new { name = "" }
                    )
        );
        yield return ApiAsync(
            "GET /api/v1/campaigns/{id:int}/targets",
            SeesApiCampaign,
            async (role, r) =>
                await t.Api[role]
                    .GetAsync(await CampaignPathAsync(r, $"/targets?indicatorId={(await Cp(r)).Indicator}")),
            (_, _, response) => JsonArrayNotEmpty(response)
        );
        yield return ApiAsync("PUT /api/v1/campaigns/{id:int}/targets", ManagesApiCampaign, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync(
                    await CampaignPathAsync(r, "/targets"),
                    new
                    {
                        indicatorId = (await Cp(r)).Indicator,
                        targets = new[]
                        {
                            new
                            {
                                unitId = t.ParticipantOf(r).Id,
                                value = -1,
                                version = 0,
                            },
                        },
                    }
                )
        );
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/figures", SeesApiCampaign, async (role, r) =>
            await t.Api[role].GetAsync(await CampaignPathAsync(r, "/figures"))
        );
        // A negative figure is refused for its value only once the cell passed the scope checks (campaign, unit,
        // reporter).
        yield return ApiAsync(
            "POST /api/v1/campaigns/{id:int}/figures",
            (role, r) => Has(role, Permission.CampaignsReport) && InScope(role, t.ParticipantOf(r)),
            async (role, r) =>
                await t.Api[role]
                    .PostAsJsonAsync(
                        await CampaignPathAsync(r, "/figures"),
                        new
                        {
                            figures = new[]
                            {
                                new
                                {
                                    unitId = t.ParticipantOf(r).Id,
                                    indicatorId = (await Cp(r)).Indicator,
                                    period = Fixture.CampaignDay(-1),
                                    value = -1,
                                },
                            },
                        }
                    ),
            async (_, _, response) =>
                Allowed(response)
                && response.StatusCode == HttpStatusCode.BadRequest
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("errors")
                    .TryGetProperty("Figures[0]", out var cell)
                && cell.EnumerateArray().Any(m => m.GetString() == Campaigns.CampaignData.Say("Campaigns_Negative"))
        );
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/figures/history", SeesApiCampaign, async (role, r) =>
            await t.Api[role]
                .GetAsync(
                    await CampaignPathAsync(
                        r,
                        $"/figures/history?unitId={t.ParticipantOf(r).Id}&indicatorId={(await Cp(r)).Indicator}&period={Fixture.CampaignDay(-1)}"
                    )
                )
        );
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/entries", SeesApiCampaign, async (role, r) =>
            await t.Api[role].GetAsync(await CampaignPathAsync(r, "/entries"))
        );
        yield return PageAsync("/campaigns/{Id:int}/dashboard", SeesApiCampaign, async (_, r) =>
            $"/campaigns/{(await Cp(r)).Id}/dashboard"
        );
        yield return ApiAsync(
            "GET /campaigns/{id:int}/chart.png",
            SeesApiCampaign,
            async (role, r) => await t.Pages[role].GetAsync($"/campaigns/{(await Cp(r)).Id}/chart.png"),
            (_, _, response) => Task.FromResult(IsPng(response))
        );
        yield return ApiAsync(
            "GET /api/v1/campaigns/{id:int}/chart.png",
            SeesApiCampaign,
            async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/chart.png")),
            (_, _, response) => Task.FromResult(IsPng(response))
        );
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/progress", SeesApiCampaign, async (role, r) =>
            await t.Api[role].GetAsync(await CampaignPathAsync(r, "/progress"))
        );
        // A lock after the campaign's end is refused as "not a period" once the caller may manage: nothing is locked.
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/locks", ManagesApiCampaign, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync(
                    await CampaignPathAsync(r, "/locks"),
                    new { frequency = "Daily", period = Fixture.CampaignDay(30) }
                )
        );
        yield return ApiAsync("DELETE /api/v1/campaigns/{id:int}/locks", ManagesApiCampaign, async (role, r) =>
            await t.Api[role]
                .DeleteAsync(await CampaignPathAsync(r, $"/locks?frequency=Daily&period={Fixture.CampaignDay(30)}"))
        );
        // ---- Campaign figures: the grid, the missing list, a cell's history, the template and the import ----------
        // A campaign is seen by its unit's subtree and by its participants; figures are imported by those who report.
        bool SeesFigureCampaign(Role role, Relation r) => InScope(role, U(r));
        bool ImportsFigures(Role role, Relation r) =>
            Has(role, Permission.CampaignsReport) && SeesFigureCampaign(role, r);
        var figureDay = Campaigns.CampaignData.Iso(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));
        yield return PageAsync(
            "/campaigns/{Id:int}/entries",
            SeesFigureCampaign,
            async (_, r) => $"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/entries",
            async (_, r, response) =>
                PageClient
                    .Parse(await response.Content.ReadAsStringAsync())
                    .QuerySelector(
                        $"main #cell-{(await t.FigureCampaignOfAsync(r)).Village.Id}-{(await t.FigureCampaignOfAsync(r)).IndicatorId}"
                    )
                    is not null
        );
        yield return PageAsync(
            "/campaigns/{Id:int}/entries/history",
            SeesFigureCampaign,
            async (_, r) =>
            {
                var (id, indicator, village) = await t.FigureCampaignOfAsync(r);
                return $"/campaigns/{id}/entries/history?unitId={village.Id}&indicatorId={indicator}&period={figureDay}";
            },
            ShowsText((_, _) => "3", "table")
        );
        yield return PageAsync("/campaigns/{Id:int}/missing", SeesFigureCampaign, async (_, r) =>
            $"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/missing?date={figureDay}"
        );
        yield return PageAsync("/campaigns/{Id:int}/import", SeesFigureCampaign, async (_, r) =>
            $"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/import"
        );
        yield return new Case("GET /campaigns/{id:int}/template.xlsx", SeesFigureCampaign, async (role, r) =>
        {
            var response = await t.Pages[role]
                .GetAsync($"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/template.xlsx?date={figureDay}");
            return Allowed(response)
                && response.Content.Headers.ContentType?.MediaType
                    == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        });
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/template", SeesFigureCampaign, async (role, r) =>
            await t.Api[role]
                .GetAsync($"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/template?date={figureDay}")
        );
        yield return new Case("GET /campaigns/{id:int}/figures/export", SeesFigureCampaign, async (role, r) =>
        {
            var response = await t.Pages[role]
                .GetAsync($"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/figures/export?format=csv");
            return Allowed(response) && response.IsSuccessStatusCode;
        });
        yield return ApiAsync(
            "GET /api/v1/campaigns/{id:int}/figures/export",
            SeesFigureCampaign,
            async (role, r) =>
                await t.Api[role]
                    .GetAsync($"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/figures/export?format=csv"),
            (_, _, response) => Task.FromResult(Allowed(response) && response.IsSuccessStatusCode)
        );
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/missing", SeesFigureCampaign, async (role, r) =>
            await t.Api[role]
                .GetAsync($"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/missing?date={figureDay}")
        );
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/import", ImportsFigures, async (role, r) =>
            await t.Api[role]
                .PostAsync(
                    $"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/import",
                    new MultipartFormDataContent
                    {
                        { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "so-lieu.xlsx" },
                    }
                )
        );
    }
}
