using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;

namespace DanVan.Tests.Foundation;

/// <summary>
/// DanVan installs to a phone's home screen and works offline from its own origin (docs/OFFLINE.md): the manifest and
/// every icon it names are served, the service worker is served at the site's root and revalidated on every visit (a
/// new version reaches phones at once), and the offline page is open to a device without a session.
/// </summary>
public sealed class InstallableAppTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task The_manifest_its_icons_the_service_worker_and_the_offline_page_are_served()
    {
        using var client = app.CreateClient();
        var manifest = await client.GetAsync("/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal("/", json.RootElement.GetProperty("start_url").GetString());
        Assert.Equal("standalone", json.RootElement.GetProperty("display").GetString());
        var icons = json.RootElement.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512");
        foreach (var icon in icons)
        {
            var file = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), file.Content.Headers.ContentType?.MediaType);
        }

        var worker = await client.GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", worker.Headers.CacheControl?.ToString());

        var offline = await client.GetAsync("/offline");
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        Assert.Contains("Trên thiết bị này", await offline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copies_of_pages_and_sent_receipts_stay_on_the_device_no_longer_than_a_session()
    {
        using var client = app.CreateClient();
        var worker = await client.GetStringAsync("/sw.js");
        var queue = await File.ReadAllTextAsync(
            Repository.PathOf("src", "DanVan.Web", "wwwroot", "js", "offline.js"),
            TestContext.Current.CancellationToken
        );
        var session = (int)DanVan.Web.Infrastructure.Auth.AuthSetup.AbsoluteTimeout.TotalHours;
        Assert.Equal(session.ToString(CultureInfo.InvariantCulture), HoursIn(worker, "MAX_AGE_HOURS"));
        Assert.Equal(session.ToString(CultureInfo.InvariantCulture), HoursIn(queue, "KEEP_SENT_HOURS"));

        // Both are used, not only declared: an old copy is dropped when the device is offline and when pages are trimmed,
        // and an old receipt when the queue is read.
        Assert.Contains("age(saved) > hours(MAX_AGE_HOURS)", worker, StringComparison.Ordinal);
        Assert.Contains("age(await cache.match(key)) > hours(MAX_AGE_HOURS)", worker, StringComparison.Ordinal);
        Assert.Contains("KEEP_SENT_HOURS * 3600 * 1000", queue, StringComparison.Ordinal);
    }

    private static string HoursIn(string script, string name) =>
        Regex.Match(script, $@"const {name} = (\d+);") is { Success: true } m ? m.Groups[1].Value : $"no {name}";
}
