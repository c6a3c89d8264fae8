using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DanVan.Web.Infrastructure.Security;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>
/// A browser's side of the conversation with the app, over plain HTTP on loopback as a TLS-terminating proxy on the
/// same host forwards it (<c>X-Forwarded-Proto: https</c>). Cookies are kept by hand: Production's are Secure, which
/// a cookie container would not send over http. Forms are posted with their hidden fields (handler, antiforgery
/// token) as the page wrote them.
/// </summary>
internal sealed partial class SiteClient : IDisposable
{
    /// <summary>The session cookie's name in Production.</summary>
    public const string SessionCookie = SiteCookies.HostPrefix + SiteCookies.Session;

    private readonly HttpClient http;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    public SiteClient(Uri baseAddress)
    {
        http = new HttpClient(
            new SocketsHttpHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            }
        )
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>The Cookie header a browser would send now.</summary>
    public string Cookies => string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));

    /// <summary>The cookies and the session cookie's name, for the load generators.</summary>
    public Credentials Credentials(string? bearer = null) => new(Cookies, SessionCookie, bearer);

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        CancellationToken ct,
        HttpContent? content = null,
        string? acceptEncoding = null
    )
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        if (cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", Cookies);
        }

        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        Keep(response);
        return response;
    }

    /// <summary>A page's HTML; anything but 200 is a failure.</summary>
    public async Task<string> GetPageAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException(
                $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location} (expected 200)."
            );
        }

        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Signs in through the sign-in page as a person would: the form, its antiforgery token and cookie, the
    /// post, the session cookie from the redirect.</summary>
    public async Task SignInAsync(string email, string password, CancellationToken ct)
    {
        cookies.Remove(SessionCookie);
        var fields = Html.FormFields(await GetPageAsync("/account/login", ct), "login");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var response = await PostFormAsync("/account/login", fields, ct);
        if (response.StatusCode != HttpStatusCode.Found || !cookies.ContainsKey(SessionCookie))
        {
            var why =
                response.StatusCode == HttpStatusCode.TooManyRequests
                    ? " (the sign-in rate limit: Security:SignInPermitLimit a minute per address)"
                : response.Headers.Location is { } to ? " → " + to
                : "";
            throw new BenchException($"Signing in as {email} failed: HTTP {(int)response.StatusCode}{why}.");
        }
    }

    /// <summary>Creates a personal API token on the account's token page (valid one day) and returns its
    /// secret.</summary>
    public async Task<string> CreateTokenAsync(string name, CancellationToken ct)
    {
        var fields = Html.FormFields(await GetPageAsync("/account/tokens", ct), "new-token");
        fields["Input.Name"] = name;
        fields["Input.Days"] = "1";
        using var response = await PostFormAsync("/account/tokens", fields, ct);
        var page = await response.Content.ReadAsStringAsync(ct);
        return TokenSecret().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new BenchException($"Creating an API token failed: HTTP {(int)response.StatusCode}.");
    }

    /// <summary>Revokes every token still listed on the account's token page.</summary>
    public async Task RevokeTokensAsync(CancellationToken ct)
    {
        var page = await GetPageAsync("/account/tokens", ct);
        foreach (var handler in Html.FormHandlers(page, "own-revoke-").ToList())
        {
            using var response = await PostFormAsync("/account/tokens", Html.FormFields(page, handler), ct);
            if ((int)response.StatusCode >= 400)
            {
                throw new BenchException(
                    $"Revoking the API token ({handler}) failed: HTTP {(int)response.StatusCode}."
                );
            }
        }
    }

    public void Dispose() => http.Dispose();

    private Task<HttpResponseMessage> PostFormAsync(
        string path,
        Dictionary<string, string> fields,
        CancellationToken ct
    ) => SendAsync(HttpMethod.Post, path, ct, new FormUrlEncodedContent(fields));

    /// <summary>Takes the response's cookies as a browser would (an expired or emptied one is removed).</summary>
    private void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var header in values)
        {
            var parts = header.Split(';');
            var pair = parts[0].Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            var (name, value) = (pair[0].Trim(), pair[1].Trim());
            var expired = parts.Any(p =>
                p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(
                    p.Trim()["expires=".Length..],
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal,
                    out var at
                )
                && at < DateTimeOffset.UtcNow
            );
            if (value.Length == 0 || expired)
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = value;
            }
        }
    }

    [GeneratedRegex(@"data-testid=""token-secret""[^>]*>([^<]+)<")]
    private static partial Regex TokenSecret();
}
