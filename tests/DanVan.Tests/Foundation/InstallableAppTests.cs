using System.Net;
using System.Text.Json;
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
}
