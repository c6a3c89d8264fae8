using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// A village merged into its neighbour while a campaign runs: its figures count towards the successor, nothing is
/// lost, the totals above do not move, and its figures are entered for the successor from then on.
/// </summary>
public sealed class CampaignMergerTests(CampaignMergerTests.Fixture f) : IClassFixture<CampaignMergerTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public HttpClient Province { get; private set; } = default!;
        public HttpClient Commune { get; private set; } = default!;
        public HttpClient Administrator { get; private set; } = default!;

        /// <summary>A commune of its own under P1, with villages A, B (merged into A on 10 November) and C.</summary>
        public Unit Merging { get; private set; } = default!;
        public Unit A { get; private set; } = default!;
        public Unit B { get; private set; } = default!;
        public Unit C { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Merging = await AddUnitAsync("T91009", "Xã Sáp Nhập", UnitKind.Commune, Tree.P1);
            A = await AddUnitAsync("T91009-01", "Thôn An", UnitKind.Village, Merging);
            B = await AddUnitAsync("T91009-02", "Thôn Bình", UnitKind.Village, Merging);
            C = await AddUnitAsync("T91009-03", "Thôn Cát", UnitKind.Village, Merging);
            Province = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            Commune = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Merging));
            Administrator = await ApiClientAsync(await CreateAccountAsync(Role.UnitAdministrator, Tree.P1));
        }
    }

    [Fact]
    public async Task A_merged_village_counts_towards_its_successor_and_is_entered_for_it_from_then_on()
    {
        var (a, b, c, commune) = (f.A, f.B, f.C, f.Merging);
        var id = await CreateAsync(f.Province, Campaign(f.Tree.P1, UnitLevel.Village, commune, f.Tree.C1));
        var graves = await AddIndicatorAsync(f.Province, id, Indicator());
        var households = await AddIndicatorAsync(f.Province, id, Indicator("Hộ chưa bàn giao", aggregation: "Latest"));
        await ApiJson.OkAsync(
            await SetTargetsAsync(f.Province, id, graves, Target(a, 10), Target(b, 20), Target(c, 5))
        );
        await ApiJson.OkAsync(
            await EnterAsync(
                f.Commune,
                id,
                Figure(a, graves, From, 5),
                Figure(b, graves, From, 7),
                Figure(b, graves, From.AddDays(1), 3),
                Figure(a, households, From, 10),
                Figure(b, households, From, 6),
                Figure(b, households, From.AddDays(2), 4),
                Figure(c, households, From, 1)
            )
        );
        await ApiJson.OkAsync(await EnterAsync(f.Province, id, Figure(f.Tree.V1, graves, From, 100)));

        // Before: the commune has 5 + 7 + 3 = 15 graves of 35 (10 + 20 + 5), and 10 + 4 + 1 = 15 households; the
        // province 115.
        var before = (
            Graves: await NodeAsync(f.Province, id, graves, commune),
            Households: await NodeAsync(f.Province, id, households, commune),
            Province: await NodeAsync(f.Province, id, graves)
        );
        Assert.Equal((15m, 35m, 3), (before.Graves.Actual, before.Graves.Target, before.Graves.Figures));
        Assert.Equal(15m, before.Households.Actual);
        Assert.Equal(115m, before.Province.Actual);

        var merged = await f.Administrator.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { b.Id },
                targetId = a.Id,
                effectiveDate = "2026-11-10",
            }
        );
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync());

        // The commune and the province stand where they stood, series included.
        var after = (
            Graves: await NodeAsync(f.Province, id, graves, commune),
            Households: await NodeAsync(f.Province, id, households, commune),
            Province: await NodeAsync(f.Province, id, graves)
        );
        foreach (
            var (was, now) in new[]
            {
                (before.Graves, after.Graves),
                (before.Households, after.Households),
                (before.Province, after.Province),
            }
        )
        {
            Assert.Equal((was.Actual, was.Target, was.Figures), (now.Actual, now.Target, now.Figures));
            Assert.Equal(was.Series, now.Series);
        }

        // B is no node of its own: its figures and its target count towards A (graves 5 + 7 + 3 = 15, target 10 + 20 =
        // 30;
        // households: A's 10 and B's own latest 4 = 14).
        var targets = await TargetsAsync(f.Province, id, graves);
        Assert.False(targets.ContainsKey(b.Id));
        Assert.Equal(
            (15m, 30m, 30m),
            (
                targets[a.Id].GetProperty("actual").GetDecimal(),
                targets[a.Id].GetProperty("explicitTarget").GetDecimal(),
                targets[a.Id].GetProperty("target").GetDecimal()
            )
        );
        Assert.Equal(14m, (await NodeAsync(f.Province, id, households, a)).Actual);
        var ranking = (await ProgressAsync(f.Province, id, graves, commune))
            .GetProperty("ranking")
            .EnumerateArray()
            .Select(r => r.GetProperty("unitId").GetInt32())
            .Order();
        Assert.Equal([a.Id, c.Id], ranking);
        // Nothing is lost: B's figures keep the unit they were recorded for.
        Assert.Equal(4, (await FiguresAsync(f.Province, id)).Count(x => x.UnitId == b.Id));

        // B's figures are now entered for A; the message names the successor.
        var errors = await ErrorsAsync(await EnterAsync(f.Commune, id, Figure(b, graves, From.AddDays(3), 2)));
        Assert.Equal([Say("Campaigns_UnitMerged", b.Name, a.Name)], errors["Figures[0]"]);
        await ApiJson.OkAsync(
            await EnterAsync(
                f.Commune,
                id,
                Figure(a, graves, From.AddDays(3), 2),
                Figure(a, households, From.AddDays(3), 12)
            )
        );
        var graveTotal = await NodeAsync(f.Province, id, graves, commune);
        Assert.Equal((17m, 4), (graveTotal.Actual, graveTotal.Figures));
        // A's new level replaces A's, not B's: 12 + 4 + 1 = 17.
        Assert.Equal(17m, (await NodeAsync(f.Province, id, households, commune)).Actual);
        // B's target can no longer be set on its own; A's can (it holds A's 10; B's 20 still adds to the node).
        Assert.Contains(
            Say("Campaigns_UnitNotInCampaign"),
            (await ErrorsAsync(await SetTargetsAsync(f.Province, id, graves, Target(b, 1))))["Targets[0]"]
        );
        await ApiJson.OkAsync(
            await SetTargetsAsync(
                f.Province,
                id,
                graves,
                Target(a, 12, targets[a.Id].GetProperty("version").GetInt32())
            )
        );
        Assert.Equal(32m, (await TargetsAsync(f.Province, id, graves))[a.Id].GetProperty("target").GetDecimal());

        // The grid of the commune lists A and C only.
        var grid = await ApiJson.OkAsync(await f.Commune.GetAsync($"/api/v1/campaigns/{id}/entries?date={Iso(From)}"));
        Assert.Equal(
            [a.Id, c.Id],
            grid.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitId").GetInt32()).Order()
        );
        Assert.Empty(await f.CheckAsync(id));
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.Province.GetAsync(
                    $"/api/v1/campaigns/{id}/figures/history?unitId={b.Id}&indicatorId={graves}&period={Iso(From)}"
                )
            ).StatusCode
        );
    }
}
