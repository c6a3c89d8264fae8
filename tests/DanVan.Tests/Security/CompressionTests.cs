using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>
/// Pages are compressed for slow networks, but only where compression cannot leak a secret (ADR-0039): a request from
/// the site itself or typed by the person gets Brotli, one made by another site gets the page as it is (BREACH), and a
/// client without cookies (the API's callers) gets it compressed.
/// </summary>
public sealed class CompressionTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Theory]
    [InlineData("same-origin", "br")]
    [InlineData("none", "br")]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    public async Task A_signed_in_page_is_compressed_only_for_requests_from_the_site_itself(
        string site,
        string? encoding
    )
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/units");
        request.Headers.Add("Accept-Encoding", "br, gzip");
        request.Headers.Add("Sec-Fetch-Site", site);
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
    }

    [Fact]
    public async Task A_client_without_cookies_gets_compressed_answers_and_one_with_cookies_but_no_fetch_metadata_does_not()
    {
        using var anonymous = app.CreateClient();
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"/api/v1/public/statistics?unitId={app.Tree.C1.Id}"
        );
        request.Headers.Add("Accept-Encoding", "gzip");
        var response = await anonymous.SendAsync(request);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.SingleOrDefault());

        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        using var old = new HttpRequestMessage(HttpMethod.Get, "/units");
        old.Headers.Add("Accept-Encoding", "br, gzip");
        Assert.Empty((await client.Http.SendAsync(old)).Content.Headers.ContentEncoding);
    }
}
