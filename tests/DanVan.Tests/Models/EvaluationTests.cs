using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Models;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>Evaluation against the rubric: who scores, the weighted math, several evaluators, the version
/// kept.</summary>
public sealed class EvaluationTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public void The_total_is_the_weighted_share_of_the_maximum_out_of_100()
    {
        var criteria = new List<RubricCriterion>
        {
            new()
            {
                Id = 1,
                Weight = 30,
                MaxScore = 10,
            },
            new()
            {
                Id = 2,
                Weight = 10,
                MaxScore = 5,
            },
            new()
            {
                Id = 3,
                Weight = 60,
                MaxScore = 10,
            },
        };
        Assert.Equal(
            100,
            RubricMath.Total(
                criteria,
                new Dictionary<int, int>
                {
                    [1] = 10,
                    [2] = 5,
                    [3] = 10,
                }
            )
        );
        Assert.Equal(
            0,
            RubricMath.Total(
                criteria,
                new Dictionary<int, int>
                {
                    [1] = 0,
                    [2] = 0,
                    [3] = 0,
                }
            )
        );
        Assert.Equal(
            67,
            RubricMath.Total(
                criteria,
                new Dictionary<int, int>
                {
                    [1] = 7,
                    [2] = 5,
                    [3] = 6,
                }
            )
        ); // 30·0.7 + 10·1 + 60·0.6
    }

    [Fact]
    public async Task The_commission_above_and_leaders_evaluate_and_the_model_page_shows_the_average_with_the_rubric_version()
    {
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var model = await RegisterAsync(app, officer, app.Tree.C1, "Mô hình được chấm điểm");
        model = await StepOkAsync(officer, model, "Launch", new { on = Today, note = "Cam kết" });
        model = await StepOkAsync(officer, model, "Implement");
        var id = model.GetProperty("id").GetInt32();
        var rubric = await app.WithDbAsync(db =>
            db.Rubrics.Include(r => r.Criteria).SingleAsync(r => r.Code == "collective" && r.Version == 1)
        );
        Dictionary<string, int> Scores(int each) => rubric.Criteria.ToDictionary(c => c.Id.ToString(), _ => each);

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await officer.PostAsJsonAsync($"/api/v1/models/{id}/evaluations", new { scores = Scores(8) })).StatusCode
        );
        var commission = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.P1));
        var outOfRange = await commission.PostAsJsonAsync(
            $"/api/v1/models/{id}/evaluations",
            new { scores = Scores(11) }
        );
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal(5, (await ApiJson.ReadAsync(outOfRange)).GetProperty("errors").EnumerateObject().Count());
        var missing = Scores(8);
        missing.Remove(missing.Keys.First());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await commission.PostAsJsonAsync($"/api/v1/models/{id}/evaluations", new { scores = missing })).StatusCode
        );

        var first = await commission.PostAsJsonAsync(
            $"/api/v1/models/{id}/evaluations",
            new { scores = Scores(8), note = "Tốt" }
        );
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, app.Tree.C1));
        var second = await ApiJson.ReadAsync(
            await leader.PostAsJsonAsync($"/api/v1/models/{id}/evaluations", new { scores = Scores(6) })
        );
        Assert.Equal(2, second.GetArrayLength());
        Assert.Equal([80.0, 60.0], second.EnumerateArray().Select(e => e.GetProperty("total").GetDouble()));
        Assert.Equal([true, false], second.EnumerateArray().Select(e => e.GetProperty("passed").GetBoolean()));
        Assert.All(second.EnumerateArray(), e => Assert.Equal(1, e.GetProperty("rubricVersion").GetInt32()));

        // A new version of the rubric, published by an administrator, does not change the evaluations already made.
        var publish = new
        {
            target = "Collective",
            name = "Tiêu chí 2027",
            passMark = 90,
            criteria = new[]
            {
                new
                {
                    text = "Một tiêu chí",
                    textEn = "One",
                    textDe = "Eins",
                    weight = 1,
                    maxScore = 10,
                },
            },
        };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await commission.PostAsJsonAsync("/api/v1/rubrics", publish)).StatusCode
        );
        var admin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root));
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await admin.PostAsJsonAsync(
                    "/api/v1/rubrics",
                    new
                    {
                        target = "Collective",
                        name = "Rỗng",
                        passMark = 50,
                        criteria = Array.Empty<object>(),
                    }
                )
            ).StatusCode
        );
        var published = await admin.PostAsJsonAsync("/api/v1/rubrics", publish);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await ApiJson.ReadAsync(published)).GetProperty("version").GetInt32());
        Assert.False(
            await app.WithDbAsync(db =>
                db.Rubrics.Where(r => r.Code == "collective" && r.Version == 1).Select(r => r.IsActive).SingleAsync()
            )
        );
        var page = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.P1));
        var (_, document) = await page.GetPageAsync($"/models/{id}");
        Assert.Contains(
            "Điểm bình quân 70,0/100 từ 2 lượt chấm",
            document.QuerySelector("#evaluations + p")!.TextContent,
            StringComparison.Ordinal
        );
        Assert.Equal(2, document.QuerySelectorAll("#evaluations ~ .table-wrap tbody tr").Length);
        Assert.All(document.QuerySelectorAll("#evaluations ~ .table-wrap tbody tr td:nth-child(2)").Take(2), td =>
            Assert.EndsWith("(v1)", td.TextContent.Trim(), StringComparison.Ordinal)
        );
        var (_, form) = await page.GetPageAsync($"/models/{id}/evaluate");
        Assert.Contains("phiên bản 2", form.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
