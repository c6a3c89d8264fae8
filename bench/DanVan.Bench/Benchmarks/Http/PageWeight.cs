using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>What a page costs a browser on its first visit: the HTML and what it loads (stylesheets, scripts,
/// preloads, the fonts and imports of its stylesheets), in bytes as sent (compressed when the server compresses,
/// headers included); the assets on another host; how many assets came compressed and with a long cache.</summary>
internal sealed record PageWeightResult(
    string Path,
    long Bytes,
    long HtmlBytes,
    int Assets,
    int Compressed,
    int LongCached,
    IReadOnlyList<string> OtherHosts
);

/// <summary>P7: fetches a page with the session cookie and <c>Accept-Encoding: gzip, br</c>, reads the
/// <c>&lt;link&gt;</c> and <c>&lt;script src&gt;</c> it references, fetches each (same origin) and sums the bytes as
/// transferred.</summary>
internal static partial class PageWeight
{
    private const string AcceptEncoding = "gzip, br";

    public static async Task<PageWeightResult> MeasureAsync(SiteClient client, string path, CancellationToken ct)
    {
        using var page = await client.SendAsync(HttpMethod.Get, path, ct, acceptEncoding: AcceptEncoding);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"P7: GET {path} answered {(int)page.StatusCode} (expected 200).");
        }

        var body = await page.Content.ReadAsByteArrayAsync(ct);
        var htmlBytes = HeaderBytes(page) + body.Length;
        var html = Decode(body, page);
        var pageUri = new Uri(client.BaseAddress, path);
        var baseUri = Html.Tags(html, "base").FirstOrDefault()?.GetValueOrDefault("href") is { Length: > 0 } b
            ? new Uri(pageUri, b)
            : pageUri;

        var pending = new Queue<Uri>(References(html).Select(r => new Uri(baseUri, r)));
        var seen = new HashSet<Uri>();
        var otherHosts = new List<string>();
        long bytes = htmlBytes;
        int assets = 0,
            compressed = 0,
            cached = 0;
        while (pending.TryDequeue(out var asset))
        {
            if (asset.Scheme == "data" || !seen.Add(asset))
            {
                continue;
            }

            if (!string.Equals(asset.Authority, pageUri.Authority, StringComparison.OrdinalIgnoreCase))
            {
                otherHosts.Add(asset.ToString());
                continue;
            }

            using var response = await client.SendAsync(
                HttpMethod.Get,
                asset.PathAndQuery,
                ct,
                acceptEncoding: AcceptEncoding
            );
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BenchException(
                    $"P7: {path} references {asset.PathAndQuery}, which answered {(int)response.StatusCode}."
                );
            }

            var content = await response.Content.ReadAsByteArrayAsync(ct);
            bytes += HeaderBytes(response) + content.Length;
            assets++;
            compressed += response.Content.Headers.ContentEncoding.Count > 0 ? 1 : 0;
            cached +=
                response.Headers.CacheControl is { NoStore: false, MaxAge: { } age } && age >= TimeSpan.FromDays(30)
                    ? 1
                    : 0;
            if (response.Content.Headers.ContentType?.MediaType == "text/css")
            {
                foreach (var reference in CssReferences(Decode(content, response)))
                {
                    pending.Enqueue(new Uri(asset, reference));
                }
            }
        }

        return new PageWeightResult(path, bytes, htmlBytes, assets, compressed, cached, otherHosts);
    }

    /// <summary>Stylesheets, preloads (fonts, scripts, styles) and module preloads, and scripts with a
    /// source.</summary>
    private static IEnumerable<string> References(string html)
    {
        foreach (var link in Html.Tags(html, "link"))
        {
            var rel = link.GetValueOrDefault("rel", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (
                rel.Any(r => r.ToLowerInvariant() is "stylesheet" or "preload" or "modulepreload")
                && link.GetValueOrDefault("href") is { Length: > 0 } href
            )
            {
                yield return href;
            }
        }

        foreach (var script in Html.Tags(html, "script"))
        {
            if (script.GetValueOrDefault("src") is { Length: > 0 } src)
            {
                yield return src;
            }
        }
    }

    /// <summary>A stylesheet's imports and its fonts (the sources of its @font-face rules).</summary>
    private static IEnumerable<string> CssReferences(string css)
    {
        foreach (Match m in CssImport().Matches(css))
        {
            yield return m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        }

        foreach (Match face in FontFace().Matches(css))
        {
            foreach (Match url in CssUrl().Matches(face.Value))
            {
                yield return url.Groups[1].Value;
            }
        }
    }

    /// <summary>The response's status line and headers as they went over the wire (HTTP/1.1).</summary>
    private static long HeaderBytes(HttpResponseMessage response)
    {
        long length = $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n".Length + 2;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            length += values.Sum(v => name.Length + 2 + Encoding.UTF8.GetByteCount(v) + 2);
        }

        return length;
    }

    private static string Decode(byte[] body, HttpResponseMessage response)
    {
        using var raw = new MemoryStream(body);
        Stream stream = response.Content.Headers.ContentEncoding.LastOrDefault() switch
        {
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            "deflate" => new ZLibStream(raw, CompressionMode.Decompress),
            _ => raw,
        };
        using (stream)
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            return reader.ReadToEnd();
        }
    }

    [GeneratedRegex(@"@import\s+(?:url\(\s*[""']?([^""')]+)[""']?\s*\)|[""']([^""']+)[""'])")]
    private static partial Regex CssImport();

    [GeneratedRegex(@"@font-face\s*\{[^}]*\}")]
    private static partial Regex FontFace();

    [GeneratedRegex(@"url\(\s*[""']?([^""')]+)[""']?\s*\)")]
    private static partial Regex CssUrl();
}
