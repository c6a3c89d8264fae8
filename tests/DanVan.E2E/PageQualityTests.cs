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
    public async Task Every_page_fits_a_360_px_phone_without_sideways_scrolling_and_with_24_px_targets()
    {
        var tour = new PageTour(site, "phone", 360, 780, twoFactorLeader: "kinhbac.lanhdao@danvan.demo");

        await tour.RunAsync(async browser => await PageChecks.PhoneProblemsAsync(browser.Page));

        TestContext.Current.TestOutputHelper?.WriteLine($"Checked {tour.Visited.Count} pages at 360 px:\n" + string.Join("\n", tour.Visited));
        Assert.True(tour.Problems.Length == 0, "Pages that do not work at 360 px:\n" + tour.Problems);
    }
}
