using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Accounts;

/// <summary>The JSON API: personal tokens, problem details, the OpenAPI document, idempotent creates.</summary>
public sealed class ApiTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task A_token_created_in_the_profile_works_for_the_API_until_it_is_revoked()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        var created = await client.SubmitFormAsync(
            "/account/tokens",
            "new-token",
            new() { ["Input.Name"] = "báo cáo tháng", ["Input.Days"] = "30" }
        );
        var page = PageClient.Parse(await created.Content.ReadAsStringAsync());
        var secret = page.QuerySelector("[data-testid=token-secret]")!.TextContent.Trim();
        Assert.StartsWith("dv_", secret, StringComparison.Ordinal);
        Assert.False(
            await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.TokenHash == secret)),
            "The secret itself must not be stored."
        );
        // 256 random bits after the prefix (ASVS V7.2.3, V11.5.1); the database keeps their SHA-256 only.
        Assert.Equal(32, Convert.FromBase64String(Base64Padded(secret["dv_".Length..])).Length);
        var expectedHash = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))
        );
        Assert.True(await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.TokenHash == expectedHash)));

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var me = JsonDocument.Parse(await api.GetStringAsync("/api/v1/me")).RootElement;
        Assert.Equal(officer.Id, me.GetProperty("id").GetInt32());
        Assert.Equal("Officer", me.GetProperty("assignments")[0].GetProperty("role").GetString());

        var (_, tokens) = await client.GetPageAsync("/account/tokens");
        var revokeForm = tokens
            .QuerySelectorAll("input[name=_handler]")
            .Select(i => i.GetAttribute("value")!)
            .Single(v => v.StartsWith("own-revoke-", StringComparison.Ordinal));
        var revoked = await client.SubmitAsync(tokens, "/account/tokens", revokeForm, []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_API_does_not_accept_the_page_cookie()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_expired_or_malformed_token_is_refused_with_a_problem_document()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var api = await app.ApiClientAsync(officer);
        await app.WithDbAsync(db =>
            db.ApiTokens.Where(t => t.AccountId == officer.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)))
        );
        var expired = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await expired.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());

        var malformed = app.CreateClient();
        malformed.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Errors_are_problem_details_with_field_messages_in_the_callers_language()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var api = await app.ApiClientAsync(admin);
        api.DefaultRequestHeaders.Add("Cookie", "danvan.culture=c%3Den-GB%7Cuic%3Den-GB");
        var invalid = await api.PostAsJsonAsync(
            "/api/v1/organizations/",
            new
            {
                unitId = app.Tree.C1.Id,
                type = "Other",
                name = "",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Enter “Name”.", problem.GetProperty("errors").GetProperty("Name")[0].GetString());

        var missing = await api.GetAsync("/api/v1/units/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(
            404,
            JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32()
        );
        var unknownRoute = await api.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal("application/problem+json", unknownRoute.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_API_route_and_the_token()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (
            var path in new[]
            {
                "/api/v1/units",
                "/api/v1/units/{id}",
                "/api/v1/units/merge",
                "/api/v1/organizations",
                "/api/v1/accounts/{id}/assignments",
                "/api/v1/me",
            }
        )
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal(
            "bearer",
            document
                .GetProperty("components")
                .GetProperty("securitySchemes")
                .GetProperty("bearer")
                .GetProperty("scheme")
                .GetString()
        );
        var docs = await app.CreateClient().GetStringAsync("/api-docs");
        Assert.Contains("/js/api-docs.js", docs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/scalar/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task Organizations_and_accounts_page_by_keyset_without_gaps_or_repeats()
    {
        var admin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        var api = await app.ApiClientAsync(admin);
        foreach (
            var (list, count) in new[]
            {
                ("/api/v1/organizations", await app.WithDbAsync(db => db.Organizations.CountAsync())),
                ("/api/v1/accounts", await app.WithDbAsync(db => db.Users.CountAsync())),
            }
        )
        {
            var seen = new List<int>();
            string? after = null;
            do
            {
                var page = JsonDocument
                    .Parse(await api.GetStringAsync($"{list}?limit=2&after={Uri.EscapeDataString(after ?? "")}"))
                    .RootElement;
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
                after =
                    page.GetProperty("next").ValueKind == JsonValueKind.Null
                        ? null
                        : page.GetProperty("next").GetString();
            } while (after is not null);
            Assert.Equal(count, seen.Count);
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task Fifty_concurrent_creates_with_one_idempotency_key_make_one_organization()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var api = await app.ApiClientAsync(admin);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 50)
                .Select(_ =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/")
                    {
                        Content = JsonContent.Create(
                            new
                            {
                                unitId = app.Tree.C1.Id,
                                type = "WomensUnion",
                                name = "Chi hội phụ nữ thôn Thượng",
                            }
                        ),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    return api.SendAsync(request);
                })
        );
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(
            responses.Select(async r =>
                JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32()
            )
        );
        Assert.Single(ids.Distinct());
        Assert.Equal(
            1,
            await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == "Chi hội phụ nữ thôn Thượng"))
        );
    }

    [Fact]
    public async Task A_form_submitted_twice_creates_one_record()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using var client = await app.SignInAsync(admin);
        var (_, form) = await client.GetPageAsync($"/organizations/new?unitId={app.Tree.C1.Id}");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = "Hội người cao tuổi xã",
            ["Input.Type"] = "Other",
        };
        var first = await client.SubmitAsync(
            form,
            $"/organizations/new?unitId={app.Tree.C1.Id}",
            "organization-edit",
            values
        );
        var second = await client.SubmitAsync(
            form,
            $"/organizations/new?unitId={app.Tree.C1.Id}",
            "organization-edit",
            values
        );
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(
            1,
            await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == "Hội người cao tuổi xã"))
        );
    }

    private static string Base64Padded(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
