using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Foundation;

public sealed class SmokeTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations_of_this_provider()
    {
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(
            pending,
            $"The EF model has changes without a migration for {app.Provider}: run scripts/add-migration.sh."
        );
    }

    [Fact]
    public async Task Health_checks_the_database()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_address_and_a_unit_outside_the_scope_show_the_not_found_page_with_status_404()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        foreach (var path in new[] { "/no/such/page", "/not-found", $"/units/{app.Tree.C3.Id}", "/units/987654321" })
        {
            var (response, document) = await client.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Không tìm thấy trang", document.QuerySelector("main h1")?.TextContent.Trim());
        }

        using var anonymous = app.NewPageClient();
        var (missing, page) = await anonymous.GetPageAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotNull(page.QuerySelector("main h1"));
    }

    [Fact]
    public async Task A_commune_officer_signs_in_and_sees_their_commune_and_its_villages()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);

        var (home, document) = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(app.Tree.C1.Name, document.QuerySelector("h1")!.TextContent.Trim());

        var (_, units) = await client.GetPageAsync("/units");
        var names = units.QuerySelectorAll("table a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([app.Tree.V2.Name, app.Tree.V1.Name], names.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(app.Tree.V3.Name, names);

        var sibling = await client.GetAsync($"/units/{app.Tree.C2.Id}");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);

        // The province above is named, but not linked: its page is not theirs to open.
        var (_, own) = await client.GetPageAsync($"/units/{app.Tree.C1.Id}");
        Assert.Contains(app.Tree.P1.Name, own.QuerySelector(".breadcrumbs")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(own.QuerySelectorAll($"a[href='/units/{app.Tree.P1.Id}'], a[href='/units/{app.Tree.Root.Id}']"));
        Assert.NotNull(own.QuerySelector($"main a[href='/units/{app.Tree.V1.Id}']"));
    }
}
