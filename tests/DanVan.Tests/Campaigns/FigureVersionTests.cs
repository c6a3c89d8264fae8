using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>Two people on one cell that both read empty: the second save is a conflict showing the first one's
/// value.</summary>
public sealed class FigureVersionTests(CampaignApp app) : IClassFixture<CampaignApp>
{
    [Fact]
    public async Task A_cell_read_empty_and_filled_by_someone_else_since_is_a_conflict_not_an_overwrite()
    {
        var t = app.Tree;
        using var province = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        using var first = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C1));
        using var second = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.C1));
        var id = await CreateAsync(province, Campaign(t.P1, UnitLevel.Village, t.P1));
        var graves = await AddIndicatorAsync(province, id, Indicator(target: 100));
        var day = app.Today.AddDays(-1);

        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(first, id, Figure(t.V1, graves, day, 5, version: 0))).StatusCode
        );
        var stale = await EnterAsync(second, id, Figure(t.V1, graves, day, 7, version: 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = (
            await System.Text.Json.JsonDocument.ParseAsync(await stale.Content.ReadAsStreamAsync())
        ).RootElement.GetProperty("current")[0];
        Assert.Equal(5m, current.GetProperty("currentValue").GetDecimal());
        Assert.Equal(1, current.GetProperty("currentVersion").GetInt32());

        // With the version it now shows, the correction goes through; the cell's history has both entries.
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(second, id, Figure(t.V1, graves, day, 7, version: 1))).StatusCode
        );
        Assert.Equal(
            7m,
            (await ProgressAsync(province, id, graves)).GetProperty("node").GetProperty("actual").GetDecimal()
        );
        var history = await ApiJson.OkAsync(
            await province.GetAsync(
                $"/api/v1/campaigns/{id}/figures/history?unitId={t.V1.Id}&indicatorId={graves}&period={Iso(day)}"
            )
        );
        Assert.Equal(2, history.GetArrayLength());
        Assert.Empty(await app.CheckAsync(id));
    }
}
