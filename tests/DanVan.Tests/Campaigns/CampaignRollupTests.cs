using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>Roll-up math through the API: sums and stocks up the tree, explicit and derived targets, locks.</summary>
public sealed class CampaignRollupTests(CampaignRollupTests.Fixture f) : IClassFixture<CampaignRollupTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public HttpClient Province { get; private set; } = default!;
        public HttpClient Commune { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Province = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            Commune = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
        }
    }

    [Fact]
    public async Task Daily_sums_roll_up_from_villages_to_the_province_and_equal_a_recompute()
    {
        var t = f.Tree;
        var id = await CreateAsync(f.Province, Campaign(t.P1, UnitLevel.Village, t.P1));
        var graves = await AddIndicatorAsync(f.Province, id, Indicator(target: 100));

        Assert.Equal(HttpStatusCode.OK, (await EnterAsync(f.Commune, id, Figure(t.V1, graves, From, 5), Figure(t.V2, graves, From, 7))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EnterAsync(f.Province, id, Figure(t.V3, graves, From.AddDays(1), 11), Figure(t.V1, graves, From.AddDays(1), 3))).StatusCode);

        var province = await ProgressAsync(f.Province, id, graves);
        Assert.Equal(26m, province.GetProperty("node").GetProperty("actual").GetDecimal());
        Assert.Equal(100m, province.GetProperty("node").GetProperty("target").GetDecimal());
        var ranking = province.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(2, ranking.Count);
        var c1 = await ProgressAsync(f.Province, id, graves, t.C1);
        Assert.Equal(15m, c1.GetProperty("node").GetProperty("actual").GetDecimal());
        Assert.Equal([12m, 15m], c1.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("cumulative").GetDecimal()));
        Assert.Empty(await f.CheckAsync(id));
    }
}
