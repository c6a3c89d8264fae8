using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// QUALITY.md R2 for figures: two people on one cell never overwrite each other unseen, and entries for sibling units
/// at
/// the same moment never lose each other's increments of the totals above them.
/// </summary>
public sealed class CampaignConcurrencyTests(CampaignConcurrencyTests.Fixture f)
    : IClassFixture<CampaignConcurrencyTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public HttpClient Province { get; private set; } = default!;
        public HttpClient Commune { get; private set; } = default!;
        public HttpClient Colleague { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Province = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            Commune = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            Colleague = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
        }
    }

    private async Task<(int Id, int Graves, int Households)> CampaignAsync()
    {
        var id = await CreateAsync(f.Province, Campaign(f.Tree.P1, UnitLevel.Village, f.Tree.P1));
        return (
            id,
            await AddIndicatorAsync(f.Province, id, Indicator()),
            await AddIndicatorAsync(f.Province, id, Indicator("Hộ chưa bàn giao", aggregation: "Latest"))
        );
    }

    [Fact]
    public async Task Two_people_saving_the_same_cell_at_once_get_one_success_and_one_conflict_showing_the_winners_value()
    {
        var (id, graves, households) = await CampaignAsync();
        var v1 = f.Tree.V1;
        for (var round = 0; round < 8; round++)
        {
            var indicator = round % 2 == 0 ? graves : households;
            var day = From.AddDays(round);
            decimal mine = 10 + round,
                theirs = 50 + round;

            // Both found the cell empty (version 0).
            var responses = await Task.WhenAll(
                EnterAsync(f.Commune, id, Figure(v1, indicator, day, mine)),
                EnterAsync(f.Province, id, Figure(v1, indicator, day, theirs))
            );
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var winner = responses[0].StatusCode == HttpStatusCode.OK ? mine : theirs;
            var conflict = JsonDocument
                .Parse(await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync())
                .RootElement;
            var current = conflict.GetProperty("current")[0];
            Assert.Equal(
                (winner, 1),
                (current.GetProperty("currentValue").GetDecimal(), current.GetProperty("currentVersion").GetInt32())
            );

            var cell = Assert.Single(await FiguresAsync(f.Province, id, indicator), x => x.Period == day);
            Assert.Equal((winner, 1), (cell.Value, cell.Version));
            var history = await ApiJson.OkAsync(
                await f.Province.GetAsync(
                    $"/api/v1/campaigns/{id}/figures/history?unitId={v1.Id}&indicatorId={indicator}&period={Iso(day)}"
                )
            );
            Assert.Equal(1, history.GetArrayLength());

            // Both correct it from version 1: again one wins, and its correction is the one kept.
            responses = await Task.WhenAll(
                EnterAsync(f.Commune, id, Figure(v1, indicator, day, mine + 100, version: 1)),
                EnterAsync(f.Province, id, Figure(v1, indicator, day, theirs + 100, version: 1))
            );
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            winner = (responses[0].StatusCode == HttpStatusCode.OK ? mine : theirs) + 100;
            cell = Assert.Single(await FiguresAsync(f.Province, id, indicator), x => x.Period == day);
            Assert.Equal((winner, 2), (cell.Value, cell.Version));
        }

        Assert.Empty(await f.CheckAsync(id));
        Assert.True(f.Log.Errors.IsEmpty, string.Join("\n", f.Log.Errors));
    }

    [Fact]
    public async Task Villages_entered_at_the_same_moment_all_count_in_the_totals_above_them()
    {
        var (id, graves, households) = await CampaignAsync();
        var t = f.Tree;
        decimal v1Graves = 0,
            v2Graves = 0,
            v3Graves = 0;
        for (var round = 0; round < 12; round++)
        {
            var day = From.AddDays(round);
            var responses = await Task.WhenAll(
                EnterAsync(
                    f.Commune,
                    id,
                    Figure(t.V1, graves, day, round + 1),
                    Figure(t.V1, households, day, 40 - round)
                ),
                EnterAsync(
                    f.Colleague,
                    id,
                    Figure(t.V2, graves, day, (2 * round) + 1),
                    Figure(t.V2, households, day, 60 - round)
                ),
                EnterAsync(f.Province, id, Figure(t.V3, graves, day, 3), Figure(t.V3, households, day, 10 + round))
            );
            foreach (var response in responses)
            {
                await ApiJson.OkAsync(response);
            }

            v1Graves += round + 1;
            v2Graves += (2 * round) + 1;
            v3Graves += 3;
        }

        // Graves: V1 1 + … + 12 = 78, V2 1 + 3 + … + 23 = 144, V3 12 × 3 = 36. Households: the last levels, 29 + 49
        // (C1) and 21 (C2).
        Assert.Equal((78m, 144m, 36m), (v1Graves, v2Graves, v3Graves));
        var c1 = await NodeAsync(f.Province, id, graves, t.C1);
        Assert.Equal((222m, 24), (c1.Actual, c1.Figures));
        Assert.Equal(258m, (await NodeAsync(f.Province, id, graves)).Actual);
        Assert.Equal(78m, (await NodeAsync(f.Province, id, households, t.C1)).Actual);
        var province = await NodeAsync(f.Province, id, households);
        Assert.Equal((99m, 36), (province.Actual, province.Figures));
        // Day 1 the province stood at 40 + 60 + 10 = 110; each later day V1 and V2 fell by one and V3 rose by one: 109,
        // 108, … 99.
        Assert.Equal(Enumerable.Range(0, 12).Select(r => (From.AddDays(r), 110m - r)), province.Series);
        Assert.Empty(await f.CheckAsync(id));
        Assert.True(f.Log.Errors.IsEmpty, string.Join("\n", f.Log.Errors));
    }

    [Fact]
    public async Task Figures_entered_while_the_owner_adds_indicators_and_sets_targets_all_count()
    {
        // Adding an indicator rebuilds the campaign's summary rows from the figures, setting a target refreshes them:
        // entries
        // at that moment neither deadlock with them nor fall between.
        var (id, graves, households) = await CampaignAsync();
        var t = f.Tree;
        for (var round = 0; round < 10; round++)
        {
            var day = From.AddDays(round);
            var responses = await Task.WhenAll(
                EnterAsync(f.Commune, id, Figure(t.V1, graves, day, 1), Figure(t.V1, households, day, 20 - round)),
                EnterAsync(f.Colleague, id, Figure(t.V2, graves, day, 2)),
                f.Province.PostAsJsonAsync($"/api/v1/campaigns/{id}/indicators", Indicator($"Chỉ tiêu thêm {round}")),
                SetTargetsAsync(
                    f.Province,
                    id,
                    graves,
                    Target(t.V1, 10 + round, version: round),
                    Target(t.C1, 50 + round, version: round)
                )
            );
            foreach (var response in responses)
            {
                Assert.True(
                    response.IsSuccessStatusCode,
                    $"round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()} "
                        + string.Join("\n", f.Log.Errors)
                );
            }
        }

        // Graves: 10 days × (1 + 2) = 30 of C1's explicit 59 (and P1's sum of it); households: V1's last level, 11.
        var province = await NodeAsync(f.Province, id, graves);
        Assert.Equal((30m, 59m), (province.Actual, province.Target));
        Assert.Equal(11m, (await NodeAsync(f.Province, id, households)).Actual);
        Assert.Empty(await f.CheckAsync(id));
        Assert.True(f.Log.Errors.IsEmpty, string.Join("\n", f.Log.Errors));
    }
}
