using DanVan.E2E.Infrastructure;

namespace DanVan.E2E;

[Collection(DemoSiteCollection.Name)]
public sealed class PageQualityTests(DemoSite site)
{
    private static readonly SemaphoreSlim DesktopLock = new(1, 1);
    private static DesktopTour? desktop;

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violations()
    {
        var tour = await DesktopAsync();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"axe-core checked {tour.Visited.Count} pages:\n" + string.Join("\n", tour.Visited)
        );
        Assert.True(tour.Problems.Length == 0, tour.Problems);
        Assert.True(
            tour.Axe.Count == 0,
            "axe-core found serious or critical violations:\n" + string.Join("\n", tour.Axe)
        );
    }

    [Fact]
    public async Task Every_page_is_valid_HTML_as_the_server_sends_it()
    {
        var tour = await DesktopAsync();

        TestContext.Current.TestOutputHelper?.WriteLine($"The Nu Html Checker read {tour.Visited.Count} pages.");
        Assert.True(tour.Problems.Length == 0, tour.Problems);
        Assert.True(tour.Html.Count == 0, "HTML errors:\n" + string.Join("\n", tour.Html));
    }

    [Fact]
    public async Task Every_page_fits_a_360_px_phone_without_sideways_scrolling_and_with_24_px_targets()
    {
        var tour = new PageTour(site, "phone", 360, 780);

        await tour.RunAsync(async browser => await PageChecks.PhoneProblemsAsync(browser.Page));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Checked {tour.Visited.Count} pages at 360 px:\n" + string.Join("\n", tour.Visited)
        );
        Assert.True(tour.Problems.Length == 0, "Pages that do not work at 360 px:\n" + tour.Problems);
    }

    /// <summary>
    /// The desktop tour, run once for the two desktop checks: each page is opened once, axe-core runs on it and the
    /// markup as sent (not the browser's repaired DOM, fetched again with the page's own cookies) is kept for the Nu
    /// Html
    /// Checker, which then reads all of them in one run.
    /// </summary>
    private async Task<DesktopTour> DesktopAsync()
    {
        await DesktopLock.WaitAsync();
        try
        {
            return desktop ??= await RunDesktopAsync();
        }
        finally
        {
            DesktopLock.Release();
        }
    }

    private async Task<DesktopTour> RunDesktopAsync()
    {
        Assert.True(
            File.Exists(RepoPaths.NuHtmlChecker),
            $"The Nu Html Checker is missing ({RepoPaths.NuHtmlChecker}). Run `npm ci` in {RepoPaths.Root} (scripts/test.sh does)."
        );
        var folder = Directory.CreateTempSubdirectory("danvan-html-").FullName;
        var tour = new PageTour(site, "desktop", 1280, 800);
        var axe = new List<string>();
        await tour.RunAsync(async browser =>
        {
            axe.AddRange((await PageChecks.AxeViolationsAsync(browser.Page)).Select(v => $"{browser.Path}: {v}"));
            var response = await browser.Context.APIRequest.GetAsync(browser.Page.Url);
            var name = $"{tour.Visited.Count:00}{browser.Path.Replace('/', '_')}.html";
            await File.WriteAllTextAsync(Path.Combine(folder, name), await response.TextAsync());
            return [];
        });

        var html = await PageChecks.HtmlErrorsAsync(Directory.GetFiles(folder, "*.html"));
        Directory.Delete(folder, recursive: true);
        return new DesktopTour(tour.Visited, tour.Problems, axe, html);
    }

    private sealed record DesktopTour(
        IReadOnlyList<string> Visited,
        string Problems,
        IReadOnlyList<string> Axe,
        IReadOnlyList<string> Html
    );
}
