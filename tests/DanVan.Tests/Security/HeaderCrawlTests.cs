using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md S6, ASVS 5.0 V3.4 and V14.3.2: every GET route of the app — taken from the endpoint data source, so a new
/// page or endpoint is crawled without being listed here — is requested anonymously, with a signed-in session and
/// with an API token, and every answer, whatever its status (a page, a redirect to sign-in, a 401, a 404, a problem
/// document, a file), carries the headers <c>SecurityHeadersMiddleware</c> promises; whatever is answered to a
/// signed-in caller, and the account pages to anyone, is not stored by the browser.
/// </summary>
public sealed partial class HeaderCrawlTests(DanVanApp app, ITestOutputHelper output) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task Every_GET_route_answers_with_the_security_headers_anonymously_signed_in_and_with_a_token()
    {
        var admin = await app.CreateAccountAsync(Role.SystemAdministrator, app.Tree.Root);
        using var anonymous = app.NewPageClient();
        using var signedIn = await app.SignInAsync(admin);
        using var token = await app.ApiClientAsync(admin);
        // Who is signed in for the request: the page session is no credential for the API (it answers 401 to it).
        var callers = new (string Who, HttpClient Client, Func<string, bool> SignedIn)[]
        {
            ("anonymous", anonymous.Http, _ => false),
            ("signed in", signedIn.Http, url => !IsUnder(url, "/api")),
            ("API token", token, _ => true),
        };

        var routes = GetRoutes();
        // The app has well over a hundred GET pages and endpoints; a crawl of a handful means the enumeration broke.
        Assert.True(routes.Count > 100, $"only {routes.Count} GET routes found: " + string.Join(", ", routes));

        var failures = new List<string>();
        var statuses = new Dictionary<string, Dictionary<int, int>>();
        var requests = 0;
        foreach (var route in routes)
        {
            var url = UrlOf(route, admin);
            foreach (var (who, client, isSignedIn) in callers)
            {
                // Asked from another site's page: the app shares nothing cross-origin (no CORS), whoever asks.
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("Origin", "https://elsewhere.example");
                using var response = await client.SendAsync(request);
                requests++;
                var byStatus = statuses.TryGetValue(who, out var s) ? s : statuses[who] = [];
                byStatus[(int)response.StatusCode] = byStatus.GetValueOrDefault((int)response.StatusCode) + 1;
                // ASVS V7.4.4: every page a signed-in person reads offers signing out (but the generated API
                // reference, a developer's page outside the app's layout).
                if (
                    who == "signed in"
                    && !IsUnder(url, "/api-docs")
                    && response.StatusCode == System.Net.HttpStatusCode.OK
                    && response.Content.Headers.ContentType?.MediaType == "text/html"
                    && !(await response.Content.ReadAsStringAsync()).Contains(
                        "action=\"/account/logout\"",
                        StringComparison.Ordinal
                    )
                )
                {
                    failures.Add($"{who} GET {url} ({route.RoutePattern.RawText}): no sign-out form");
                }

                failures.AddRange(
                    Problems(response, isSignedIn(url) || IsUnder(url, "/account"))
                        .Select(p =>
                            $"{who} GET {url} ({route.RoutePattern.RawText}) → {(int)response.StatusCode}: {p}"
                        )
                );
            }
        }

        output.WriteLine($"{routes.Count} GET routes, {requests} requests");
        foreach (var (who, byStatus) in statuses)
        {
            output.WriteLine(
                $"{who}: " + string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Value}× {s.Key}"))
            );
        }

        // The signed-in crawl reaches real pages, not only "not found" and sign-in redirects.
        Assert.True(statuses["signed in"].GetValueOrDefault(200) >= 60, "too few pages answered 200 signed in");
        Assert.True(statuses["API token"].GetValueOrDefault(200) >= 10, "too few API reads answered 200");
        Assert.True(failures.Count == 0, $"{failures.Count} responses lack a header:\n" + string.Join("\n", failures));
    }

    /// <summary>What is wrong with the response's headers; empty when nothing is.</summary>
    private static IEnumerable<string> Problems(HttpResponseMessage response, bool mustNotBeStored)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
            : null;

        var hsts = Header("Strict-Transport-Security") ?? "";
        var maxAge = MaxAge().Match(hsts);
        if (
            !maxAge.Success
            || long.Parse(maxAge.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 31_536_000
            || !hsts.Contains("includeSubDomains", StringComparison.OrdinalIgnoreCase)
        )
        {
            yield return $"Strict-Transport-Security '{hsts}' (a year at least, with subdomains)";
        }

        var csp = Header("Content-Security-Policy");
        if (csp is null)
        {
            yield return "no Content-Security-Policy";
        }
        else
        {
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(d => d.Split(' ', 2, StringSplitOptions.TrimEntries))
                .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.OrdinalIgnoreCase);
            foreach (
                var (directive, allowed) in new[]
                {
                    ("default-src", new[] { "'self'", "'none'" }),
                    ("script-src", new[] { "'self'", "'none'" }),
                    ("frame-ancestors", new[] { "'none'" }),
                    ("object-src", new[] { "'none'" }),
                    ("base-uri", new[] { "'self'", "'none'" }),
                    ("form-action", new[] { "'self'", "'none'" }),
                }
            )
            {
                if (!directives.TryGetValue(directive, out var value) || !allowed.Contains(value))
                {
                    yield return $"CSP {directive} is '{value}', expected one of {string.Join(" ", allowed)} in '{csp}'";
                }
            }
        }

        if (Header("X-Content-Type-Options") != "nosniff")
        {
            yield return $"X-Content-Type-Options '{Header("X-Content-Type-Options")}'";
        }

        if (Header("X-Frame-Options") != "DENY")
        {
            yield return $"X-Frame-Options '{Header("X-Frame-Options")}'";
        }

        var referrer = Header("Referrer-Policy");
        if (referrer is not ("no-referrer" or "same-origin" or "strict-origin" or "strict-origin-when-cross-origin"))
        {
            yield return $"Referrer-Policy '{referrer}' leaks paths to other sites";
        }

        var permissions = Header("Permissions-Policy") ?? "";
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" })
        {
            if (!permissions.Contains(feature, StringComparison.Ordinal))
            {
                yield return $"Permissions-Policy '{permissions}' lacks {feature}";
            }
        }

        if (Header("Cross-Origin-Opener-Policy") != "same-origin")
        {
            yield return $"Cross-Origin-Opener-Policy '{Header("Cross-Origin-Opener-Policy")}'";
        }

        var cache = Header("Cache-Control") ?? "";
        if (mustNotBeStored && !cache.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Cache-Control '{cache}' lets the browser store it";
        }

        foreach (var disclosure in new[] { "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-SourceFiles" })
        {
            if (Header(disclosure) is { } value)
            {
                yield return $"{disclosure}: {value} discloses the platform";
            }
        }

        if (Header("Access-Control-Allow-Origin") is { } origin)
        {
            yield return $"Access-Control-Allow-Origin: {origin} shares the answer with other sites";
        }

        // ASVS V4.1.1: a body says what it is, and text its character set.
        if (response.Content.Headers.ContentLength is > 0 && response.Content.Headers.ContentType is null)
        {
            yield return "a body without Content-Type";
        }

        if (
            response.Content.Headers.ContentType is { MediaType: { } media, CharSet: null } type
            && (media.StartsWith("text/", StringComparison.Ordinal) || media == "application/javascript")
        )
        {
            yield return $"Content-Type '{type}' without a charset";
        }
    }

    private static bool IsUnder(string url, string segment) =>
        url == segment
        || url.StartsWith(segment + "/", StringComparison.Ordinal)
        || url.StartsWith(segment + "?", StringComparison.Ordinal);

    /// <summary>Every route answering GET (pages, endpoints, the API; not the framework's static files).</summary>
    private List<RouteEndpoint> GetRoutes() =>
        app
            .Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Where(e =>
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods
                || methods.Contains("GET")
            )
            .GroupBy(e => e.RoutePattern.RawText)
            .Select(g => g.First())
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The route with its parameters filled: ids with real records where the route names them (the commune C1, the
    /// administrator's own account), numbers and names that the app knows elsewhere; a record that does not exist
    /// gives a "not found" answer, which must carry the headers all the same.
    /// </summary>
    private string UrlOf(RouteEndpoint endpoint, TestAccount admin)
    {
        var pattern = endpoint.RoutePattern;
        var path = "/" + pattern.RawText!.TrimStart('/');
        foreach (var parameter in pattern.Parameters)
        {
            var value = ValueOf(parameter, path, admin);
            path = Regex.Replace(
                path,
                @"\{\**" + Regex.Escape(parameter.Name) + @"(:[^}=?]*)*(=[^}?]*)?\??\}",
                Uri.EscapeDataString(value),
                RegexOptions.IgnoreCase
            );
        }

        return path;
    }

    private string ValueOf(RoutePatternParameterPart parameter, string path, TestAccount admin)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        var name = parameter.Name.ToLowerInvariant();
        if (constraints.Contains("guid"))
        {
            return Guid.NewGuid().ToString();
        }

        if (name == "year")
        {
            return DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (constraints.Contains("int") || name.EndsWith("id", StringComparison.Ordinal) || name == "edition")
        {
            var id =
                name == "id" && path.Contains("account", StringComparison.OrdinalIgnoreCase) ? admin.Id
                : name == "edition" ? 1
                : app.Tree.C1.Id;
            return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name switch
        {
            "kindname" => "Monthly",
            "action" => "close",
            _ => "x",
        };
    }

    [GeneratedRegex(@"max-age=(\d+)")]
    private static partial Regex MaxAge();
}
