using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Models;

/// <summary>System administrators configure the fields and indicators; the forms offer what is active.</summary>
public sealed class CatalogueTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task An_administrator_adds_a_field_and_an_indicator_that_the_forms_then_offer_and_can_retire_them()
    {
        var adminAccount = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var admin = await app.ApiClientAsync(adminAccount);
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var field = new
        {
            code = "new-rural",
            name = "Xây dựng nông thôn mới",
            nameEn = "New rural areas",
            nameDe = "Neue ländliche Gebiete",
        };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await officer.PostAsJsonAsync("/api/v1/model-fields", field)).StatusCode
        );
        var created = await admin.PostAsJsonAsync("/api/v1/model-fields", field);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fieldId = (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
        var twice = await admin.PostAsJsonAsync("/api/v1/model-fields", field);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains(
            "new-rural",
            (await ApiJson.ReadAsync(twice)).GetProperty("errors").GetProperty("Code")[0].GetString(),
            StringComparison.Ordinal
        );

        var noMeasure = await admin.PostAsJsonAsync(
            "/api/v1/result-indicators",
            new
            {
                code = "trees",
                name = "Cây xanh trồng mới",
                nameEn = "Trees planted",
                nameDe = "Gepflanzte Bäume",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noMeasure.StatusCode);
        var indicator = await admin.PostAsJsonAsync(
            "/api/v1/result-indicators",
            new
            {
                code = "trees",
                name = "Cây xanh trồng mới",
                nameEn = "Trees planted",
                nameDe = "Gepflanzte Bäume",
                measure = "cây",
                measureEn = "trees",
                measureDe = "Bäume",
                wholeNumbers = true,
            }
        );
        Assert.Equal(HttpStatusCode.Created, indicator.StatusCode);

        using var officerPages = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var (_, form) = await officerPages.GetPageAsync($"/models/new?unitId={app.Tree.C1.Id}");
        Assert.Contains(form.QuerySelectorAll("#FieldId option"), o => o.TextContent == "Xây dựng nông thôn mới");

        using var adminPages = await app.SignInAsync(adminAccount);
        var retired = await adminPages.SubmitFormAsync("/models/settings", $"field-toggle-{fieldId}", []);
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var (_, after) = await officerPages.GetPageAsync($"/models/new?unitId={app.Tree.C1.Id}");
        Assert.DoesNotContain(after.QuerySelectorAll("#FieldId option"), o =>
            o.TextContent == "Xây dựng nông thôn mới"
        );
    }
}
