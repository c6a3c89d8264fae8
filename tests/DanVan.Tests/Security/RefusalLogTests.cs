using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>
/// Every refused request is logged at Warning (ASVS V16.3.2, V16.3.3) with its method, path, status, reason and
/// account — and without its query string, which may carry a person's name.
/// </summary>
public sealed class RefusalLogTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task Refused_requests_are_logged_with_their_reason_and_account_but_no_query()
    {
        var viewer = await app.CreateAccountAsync(Role.Viewer, app.Tree.V1);
        var viewerApi = await app.ApiClientAsync(viewer);
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var officerApi = await app.ApiClientAsync(officer);
        using var pages = await app.SignInAsync(officer);
        using var anonymous = app.CreateClient();

        var cases = new (Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Line)[]
        {
            (
                () => anonymous.GetAsync("/api/v1/petitions?q=Nguy%E1%BB%85n+V%C4%83n+An"),
                HttpStatusCode.Unauthorized,
                "Refused GET /api/v1/petitions with 401 (not signed in) for account (null)"
            ),
            (
                () => viewerApi.PostAsJsonAsync("/api/v1/units", new { name = "Thôn Mới" }),
                HttpStatusCode.Forbidden,
                $"Refused POST /api/v1/units with 403 (not allowed) for account {viewer.Id}"
            ),
            (
                () => officerApi.PostAsJsonAsync("/api/v1/petitions", new { title = "" }),
                HttpStatusCode.BadRequest,
                $"Refused POST /api/v1/petitions with 400 (invalid) for account {officer.Id}"
            ),
            (
                () => officerApi.GetAsync($"/api/v1/units/{app.Tree.C2.Id}"),
                HttpStatusCode.NotFound,
                $"Refused GET /api/v1/units/{app.Tree.C2.Id} with 404 (not found or outside the caller's units) for account {officer.Id}"
            ),
            (
                () => pages.Http.PostAsync("/account/logout", new FormUrlEncodedContent([])),
                HttpStatusCode.BadRequest,
                $"Refused POST /account/logout with 400 (antiforgery) for account {officer.Id}"
            ),
        };

        foreach (var (send, status, line) in cases)
        {
            var before = app.Log.Refusals.Count;
            using var response = await send();
            Assert.Equal(status, response.StatusCode);
            var logged = app.Log.Refusals.Skip(before).ToList();
            Assert.True(logged.Contains(line), $"expected \"{line}\", logged: {string.Join(" | ", logged)}");
        }

        // A page that answers is not a refusal; no line carries the search for a name.
        var count = app.Log.Refusals.Count;
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/petitions?q=Nguy%E1%BB%85n")).StatusCode);
        Assert.Equal(count, app.Log.Refusals.Count);
        Assert.DoesNotContain(app.Log.Refusals, l => l.Contains("Nguy", StringComparison.Ordinal) || l.Contains('?'));
    }
}
