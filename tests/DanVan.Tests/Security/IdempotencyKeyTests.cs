using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md R3 for the API, enumerated like the authorization matrix: every POST of the API, found in the app's
/// endpoint data source, answers a retry with the same <c>Idempotency-Key</c> and request with the first answer
/// (replayed, not run again), another request under the same key with 422, and a retry while the first is still
/// running with 409 after waiting for it.
/// </summary>
public sealed class IdempotencyKeyTests(IdempotencyKeyTests.Fixture app) : IClassFixture<IdempotencyKeyTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Api:IdempotencyWaitSeconds", "0.5");
        }
    }

    /// <summary>The roles tried in turn until one is let through to the endpoint (its policy decides).</summary>
    private static readonly Role[] Roles =
    [
        Role.SystemAdministrator,
        Role.UnitAdministrator,
        Role.Officer,
        Role.PersonnelOfficer,
        Role.AgencyHandler,
        Role.Leader,
        Role.Viewer,
    ];

    private readonly Dictionary<Role, (TestAccount Account, HttpClient Api)> clients = [];

    private async Task<(TestAccount Account, HttpClient Api)> ClientAsync(Role role)
    {
        if (!clients.TryGetValue(role, out var client))
        {
            var account = await app.CreateAccountAsync(
                role,
                role == Role.SystemAdministrator ? app.Tree.Root : app.Tree.C1
            );
            client = (account, await app.ApiClientAsync(account));
            clients[role] = client;
        }

        return client;
    }

    /// <summary>Every POST route of the API that a signed-in caller can reach, with its parameters filled.</summary>
    private IEnumerable<string> ApiPosts() =>
        app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e =>
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true
                && ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<IAllowAnonymous>() is null
            )
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(Segment)))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static string Segment(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPathSegment segment) =>
        string.Concat(
            segment.Parts.Select(part =>
                part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.ParameterPolicies.Any(x =>
                        x.Content == "guid"
                    )
                        ? "00000000-0000-0000-0000-000000000001"
                        : "999999",
                    _ => "",
                }
            )
        );

    private static HttpRequestMessage Post(string url, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<IdempotentRequest?> KeptAsync(int accountId, string key) =>
        app.WithDbAsync(db =>
            db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Key == $"{accountId}:{key}")
        );

    /// <summary>A body without its trace id: an empty answer gets its problem details (and a new trace id) from the
    /// status-code pages outside the replay.</summary>
    private static string WithoutTrace(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");

    [Fact]
    public async Task Every_api_post_replays_its_answer_to_a_retry_and_refuses_another_request_under_its_key()
    {
        var posts = ApiPosts().ToList();
        Assert.True(posts.Count >= 40, $"only {posts.Count} API posts found");
        var unreached = new List<string>();
        var wrong = new List<string>();
        foreach (var url in posts)
        {
            var reached = false;
            foreach (var role in Roles)
            {
                var (account, api) = await ClientAsync(role);
                var key = "probe-" + Guid.NewGuid().ToString("N");
                using var first = await api.SendAsync(Post(url, key, new { probe = true }));
                if (await KeptAsync(account.Id, key) is not { Status: { } status })
                {
                    continue; // refused before the endpoint (its policy), or a server error that let the key go
                }

                reached = true;
                var body = await first.Content.ReadAsStringAsync();
                using var retry = await api.SendAsync(Post(url, key, new { probe = true }));
                var again = await retry.Content.ReadAsStringAsync();
                if (
                    (int)retry.StatusCode != status
                    || (int)first.StatusCode != status
                    || WithoutTrace(again) != WithoutTrace(body)
                    || !retry.Headers.TryGetValues("Idempotent-Replayed", out var replayed)
                    || replayed.Single() != "true"
                )
                {
                    wrong.Add($"{url}: {(int)first.StatusCode} then {(int)retry.StatusCode}, not replayed as it was");
                }

                using var other = await api.SendAsync(Post(url, key, new { probe = false }));
                if (other.StatusCode != HttpStatusCode.UnprocessableEntity)
                {
                    wrong.Add($"{url}: another request under the key answered {(int)other.StatusCode}, not 422");
                }

                break;
            }

            if (!reached)
            {
                unreached.Add(url);
            }
        }

        Assert.True(unreached.Count == 0, "No role reached: " + string.Join(", ", unreached));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_created_record_is_replayed_not_made_again_and_an_upload_retried_with_a_new_boundary_is_the_same_request()
    {
        var (_, api) = await ClientAsync(Role.SystemAdministrator);
        var body = new
        {
            unitId = app.Tree.C1.Id,
            type = "Other",
            name = "Tổ hòa giải " + Guid.NewGuid().ToString("N")[..6],
        };
        using var first = await api.SendAsync(Post("/api/v1/organizations", "org-once", body));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        using var retry = await api.SendAsync(Post("/api/v1/organizations", "org-once", body));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == body.name)));

        HttpRequestMessage Upload()
        {
            var form = new MultipartFormDataContent(); // a new random boundary each time
            form.Add(new ByteArrayContent("ma,ten\nX1,Thon\n"u8.ToArray()), "file", "thon.csv");
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units/import?preview=true")
            {
                Content = form,
            };
            request.Headers.Add("Idempotency-Key", "upload-once");
            return request;
        }

        using var upload = await api.SendAsync(Upload());
        using var again = await api.SendAsync(Upload());
        Assert.Equal(upload.StatusCode, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"), $"{(int)again.StatusCode}");
    }

    [Fact]
    public async Task A_retry_while_the_first_request_runs_waits_for_it_then_gets_409_and_a_bad_key_is_refused()
    {
        var (account, api) = await ClientAsync(Role.SystemAdministrator);
        var payload = new
        {
            unitId = app.Tree.C1.Id,
            type = "Other",
            name = "Tổ đang xử lý",
        };

        // The first request's mark, as it is while that request runs on another instance.
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/organizations";
        context.Request.Body = new MemoryStream(
            System.Text.Encoding.UTF8.GetBytes(
                System.Text.Json.JsonSerializer.Serialize(payload, System.Text.Json.JsonSerializerOptions.Web)
            )
        );
        var hash = await IdempotencyKeyMiddleware.RequestHashAsync(context.Request, default);
        await app.WithDbAsync(async db =>
        {
            db.IdempotentRequests.Add(
                new IdempotentRequest
                {
                    Key = $"{account.Id}:in-flight",
                    AccountId = account.Id,
                    RequestHash = hash,
                    CreatedAt = db.UtcNow,
                }
            );
            await db.SaveChangesAsync();
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var busy = await api.SendAsync(Post("/api/v1/organizations", "in-flight", payload));
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.4), $"answered after {clock.Elapsed}");
        Assert.Equal(0, await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == "Tổ đang xử lý")));

        // The first one finishes: the retry gets its answer.
        await app.WithDbAsync(db =>
            db.IdempotentRequests.Where(r => r.Key == $"{account.Id}:in-flight")
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(r => r.Status, 201)
                        .SetProperty(r => r.ContentType, "application/json")
                        .SetProperty(r => r.Body, "{\"id\":42}"u8.ToArray())
                )
        );
        using var done = await api.SendAsync(Post("/api/v1/organizations", "in-flight", payload));
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal("{\"id\":42}", await done.Content.ReadAsStringAsync());

        using var bad = await api.SendAsync(Post("/api/v1/organizations", new string('k', 101), payload));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Idempotency-Key", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
