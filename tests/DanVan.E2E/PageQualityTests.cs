using DanVan.E2E.Infrastructure;

namespace DanVan.E2E;

[Collection(DemoSiteCollection.Name)]
public sealed class PageQualityTests(DemoSite site)
{
    [Fact]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violations()
    {
        var tour = new PageTour(site, "axe", 1280, 800, twoFactorLeader: "tiendu.lanhdao@danvan.demo");

        await tour.RunAsync(async browser => await PageChecks.AxeViolationsAsync(browser.Page));

        TestContext.Current.TestOutputHelper?.WriteLine($"axe-core checked {tour.Visited.Count} pages:\n" + string.Join("\n", tour.Visited));
        Assert.True(tour.Problems.Length == 0, "axe-core found serious or critical violations:\n" + tour.Problems);
    }

    [Fact]
    public async Task Every_page_is_valid_HTML_as_the_server_sends_it()
    {
        Assert.True(File.Exists(RepoPaths.NuHtmlChecker),
            $"The Nu Html Checker is missing ({RepoPaths.NuHtmlChecker}). Run `npm ci` in {RepoPaths.Root} (scripts/test.sh does).");
        var folder = Directory.CreateTempSubdirectory("danvan-html-").FullName;
        var leader = await site.CreateLeaderAsync("html.lanhdao@danvan.demo");
        var tour = new PageTour(site, "html", 1280, 800, twoFactorLeader: leader);

        // The markup as sent (not the browser's repaired DOM): fetched again with the page's own cookies.
        await tour.RunAsync(async browser =>
        {
            var response = await browser.Context.APIRequest.GetAsync(browser.Page.Url);
            var name = $"{tour.Visited.Count:00}{browser.Path.Replace('/', '_')}.html";
            await File.WriteAllTextAsync(Path.Combine(folder, name), await response.TextAsync());
            return [];
        });

        var errors = await PageChecks.HtmlErrorsAsync(Directory.GetFiles(folder, "*.html"));
        TestContext.Current.TestOutputHelper?.WriteLine($"The Nu Html Checker read {tour.Visited.Count} pages.");
        Assert.True(tour.Problems.Length == 0, tour.Problems);
        Assert.True(errors.Count == 0, "HTML errors:\n" + string.Join("\n", errors));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Every_page_fits_a_360_px_phone_without_sideways_scrolling_and_with_24_px_targets()
    {
        var tour = new PageTour(site, "phone", 360, 780, twoFactorLeader: "kinhbac.lanhdao@danvan.demo");

        await tour.RunAsync(async browser => await PageChecks.PhoneProblemsAsync(browser.Page));

        TestContext.Current.TestOutputHelper?.WriteLine($"Checked {tour.Visited.Count} pages at 360 px:\n" + string.Join("\n", tour.Visited));
        Assert.True(tour.Problems.Length == 0, "Pages that do not work at 360 px:\n" + tour.Problems);
    }
}
