using System.Globalization;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;

namespace DanVan.E2E;

/// <summary>
/// On a slow network (QUALITY.md P7, the field): the signed-in home page and the figure grid cost under 150 KB on a
/// first visit and under 30 KB on a repeat one, counted as the bytes that crossed the network (Chromium's own
/// count, compressed bodies and headers) with the browser's cache empty and then warm.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class TransferSizeTests(DemoSite site)
{
    private const double FirstVisitKb = 150;
    private const double RepeatVisitKb = 30;

    [Fact]
    public async Task The_home_page_and_the_grid_are_light_on_a_first_visit_and_lighter_on_a_repeat_one()
    {
        var (campaign, _) = await site.CampaignAsync();
        // The network's cost as the HTTP cache leaves it: the service worker's own copies are not counted on.
        await using var phone = await site.OpenAsync("transfer", 360, 780, serviceWorkers: false);
        await phone.SignInAsync("tiendu.canbo@danvan.demo");
        var cdp = await phone.Context.NewCDPSessionAsync(phone.Page);
        var transfers = new Dictionary<string, (double Bytes, string Url, string? Encoding)>();
        var urls = new Dictionary<string, string>();
        var encodings = new Dictionary<string, string?>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is { } json)
            {
                var id = json.GetProperty("requestId").GetString()!;
                var response = json.GetProperty("response");
                urls[id] = response.GetProperty("url").GetString()!;
                encodings[id] = response
                    .GetProperty("headers")
                    .EnumerateObject()
                    .Where(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase))
                    .Select(h => h.Value.GetString())
                    .FirstOrDefault();
            }
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } json)
            {
                var id = json.GetProperty("requestId").GetString()!;
                transfers[id] = (
                    json.GetProperty("encodedDataLength").GetDouble(),
                    urls.GetValueOrDefault(id, "?"),
                    encodings.GetValueOrDefault(id)
                );
            }
        };
        await cdp.SendAsync("Network.enable");

        async Task<(double Kb, string Detail)> VisitAsync(string path)
        {
            transfers.Clear();
            await phone.GotoAsync(path);
            await phone.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var kb = transfers.Values.Sum(t => t.Bytes) / 1024;
            var detail = string.Join(
                ", ",
                transfers.Values.Select(t =>
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{new Uri(t.Url).AbsolutePath} {t.Bytes / 1024:0.0} KB{(t.Encoding is null ? "" : " " + t.Encoding)}"
                    )
                )
            );
            return (kb, detail);
        }

        var grid = $"/campaigns/{campaign}/entries";
        await cdp.SendAsync("Network.clearBrowserCache");
        var homeFirst = await VisitAsync("/");
        await cdp.SendAsync("Network.clearBrowserCache");
        var gridFirst = await VisitAsync(grid);
        var homeAgain = await VisitAsync("/");
        var gridAgain = await VisitAsync(grid);

        var report = string.Join(
            "\n",
            new[]
            {
                ("home, first visit", homeFirst),
                ("grid, first visit", gridFirst),
                ("home, repeat visit", homeAgain),
                ("grid, repeat visit", gridAgain),
            }.Select(v =>
                string.Create(CultureInfo.InvariantCulture, $"{v.Item1}: {v.Item2.Kb:0.0} KB ({v.Item2.Detail})")
            )
        );
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(homeFirst.Kb < FirstVisitKb && gridFirst.Kb < FirstVisitKb, report);
        Assert.True(homeAgain.Kb < RepeatVisitKb && gridAgain.Kb < RepeatVisitKb, report);
        Assert.Contains(" br", homeAgain.Detail, StringComparison.Ordinal);
    }
}
