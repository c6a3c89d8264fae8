using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// ASVS V15.3.7: each API parameter is bound from the one source its endpoint declares; a parameter given twice is
/// refused rather than one copy picked, and a copy in another source (the query beside a JSON body) is ignored.
/// </summary>
public sealed class ParameterPollutionTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task A_number_given_twice_is_refused_and_a_query_copy_of_a_body_field_is_ignored()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var api = await app.ApiClientAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/campaigns?limit=5")).StatusCode);
        var twice = await api.GetAsync("/api/v1/campaigns?limit=5&limit=500");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);

        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var viewer = await app.CreateAccountAsync(Role.Viewer, app.Tree.V1);
        using var adminApi = await app.ApiClientAsync(admin);
        await ApiJson.OkAsync(
            await adminApi.PutAsJsonAsync(
                $"/api/v1/accounts/{viewer.Id}?displayName=Kẻ%20mạo%20danh&email=ke.xau%40example.com",
                new { email = viewer.Email, displayName = "Người xem thôn Một" }
            )
        );
        var stored = await app.WithDbAsync(db =>
            db.Users.Where(a => a.Id == viewer.Id).Select(a => new { a.DisplayName, a.Email }).SingleAsync()
        );
        Assert.Equal(("Người xem thôn Một", viewer.Email), (stored.DisplayName, stored.Email));
    }
}
