using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>Annual and five-year reviews: one per unit and period, classifying the subtree's models, shown on each
/// model.</summary>
public sealed class ReviewTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task A_commune_classifies_its_models_in_an_annual_review_and_each_model_shows_it()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        var good = (await RegisterAsync(app, api, app.Tree.C1, "Mô hình sơ kết tốt")).GetProperty("id").GetInt32();
        var weak = (await RegisterAsync(app, api, app.Tree.C1, "Mô hình sơ kết yếu")).GetProperty("id").GetInt32();
        var elsewhere = (
            await RegisterAsync(
                app,
                await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C2)),
                app.Tree.C2,
                "Mô hình xã khác"
            )
        )
            .GetProperty("id")
            .GetInt32();
        var year = DateTime.UtcNow.AddHours(7).Year;

        var created = await api.PostAsJsonAsync(
            "/api/v1/model-reviews",
            new
            {
                unitId = app.Tree.C1.Id,
                fromYear = year,
                toYear = year,
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await ApiJson.ReadAsync(created);
        var id = review.GetProperty("review").GetProperty("id").GetInt32();
        var covered = review
            .GetProperty("models")
            .EnumerateArray()
            .Select(m => m.GetProperty("modelId").GetInt32())
            .ToList();
        Assert.Contains(good, covered);
        Assert.DoesNotContain(elsewhere, covered);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await api.PostAsJsonAsync(
                    "/api/v1/model-reviews",
                    new
                    {
                        unitId = app.Tree.C1.Id,
                        fromYear = year,
                        toYear = year,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await api.PostAsJsonAsync(
                    "/api/v1/model-reviews",
                    new
                    {
                        unitId = app.Tree.C1.Id,
                        fromYear = year,
                        toYear = year - 1,
                    }
                )
            ).StatusCode
        );

        // A model outside the review cannot be classified in it.
        var outside = await api.PutAsJsonAsync(
            $"/api/v1/model-reviews/{id}",
            new
            {
                version = review.GetProperty("review").GetProperty("version").GetInt32(),
                items = new Dictionary<string, object> { [elsewhere.ToString()] = new { classification = "Maintain" } },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);

        using var pages = await app.SignInAsync(officer);
        var saved = await pages.SubmitFormAsync(
            $"/models/reviews/{id}",
            "review-save",
            new()
            {
                [$"c[{good}]"] = "ReplicateWidely",
                [$"n[{good}]"] = "Nhân rộng ra toàn xã",
                [$"c[{weak}]"] = "Consolidate",
                ["Conclusion"] = "Năm nay có 2 mô hình tiêu biểu.",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await pages.GetPageAsync($"/models/{good}");
        Assert.Contains(
            "Nhân rộng – Nhân rộng ra toàn xã",
            page.QuerySelector("#reviews + ul")!.TextContent,
            StringComparison.Ordinal
        );
        var (_, weakPage) = await pages.GetPageAsync($"/models/{weak}");
        Assert.Contains("Củng cố", weakPage.QuerySelector("#reviews + ul")!.TextContent, StringComparison.Ordinal);

        // The sibling commune neither sees nor writes it.
        var sibling = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C2));
        Assert.Equal(HttpStatusCode.NotFound, (await sibling.GetAsync($"/api/v1/model-reviews/{id}")).StatusCode);
    }
}
