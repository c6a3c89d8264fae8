using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// QUALITY.md R4 for campaigns: a seeded random workload of entries, corrections, cleared cells, stale and invalid
/// saves, targets and locks over three campaigns (a province's villages, a commune's villages, a province's communes),
/// sums and stocks, daily to monthly. Afterwards every summary row equals a recompute, the figures equal what the
/// workload kept, and the progress API's numbers equal a computation from the figures the API lists.
/// </summary>
public sealed class CampaignWorkloadTests(CampaignWorkloadTests.Fixture f)
    : IClassFixture<CampaignWorkloadTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public HttpClient Province { get; private set; } = default!;
        public HttpClient Commune { get; private set; } = default!;

        /// <summary>More villages: V5 in C1, V6 in C2, and a third commune C4 with V7 and V8.</summary>
        public Unit V5 { get; private set; } = default!;
        public Unit V6 { get; private set; } = default!;
        public Unit C4 { get; private set; } = default!;
        public Unit V7 { get; private set; } = default!;
        public Unit V8 { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            V5 = await AddUnitAsync("T91001-03", "Thôn Giữa", UnitKind.Village, Tree.C1);
            V6 = await AddUnitAsync("T91002-02", "Tổ dân phố số 2", UnitKind.ResidentialGroup, Tree.C2);
            C4 = await AddUnitAsync("T91004", "Xã Nam Sơn", UnitKind.Commune, Tree.P1);
            V7 = await AddUnitAsync("T91004-01", "Thôn Đồng", UnitKind.Village, C4);
            V8 = await AddUnitAsync("T91004-02", "Thôn Bãi", UnitKind.Village, C4);
            Province = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            Commune = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
        }
    }

    private sealed record Ind(
        int Id,
        Aggregation Aggregation,
        ReportingFrequency Frequency,
        int Decimals,
        bool AllowNegative
    );

    /// <summary>What the workload believes a campaign holds.</summary>
    private sealed class Model(int id, Unit owner, Dictionary<int, Unit> parentOf, List<Unit> leaves)
    {
        public int Id { get; } = id;
        public Unit Owner { get; } = owner;

        /// <summary>Each node below the owner and its parent node.</summary>
        public Dictionary<int, Unit> ParentOf { get; } = parentOf;
        public List<Unit> Leaves { get; } = leaves;
        public List<Ind> Indicators { get; } = [];
        public Dictionary<(int Indicator, int Unit, DateOnly Period), (decimal Value, int Version)> Figures { get; } =
        [];
        public Dictionary<(int Indicator, int Unit), (decimal Value, int Version)> Targets { get; } = [];
        public HashSet<(ReportingFrequency, DateOnly)> Locks { get; } = [];

        public IEnumerable<Unit> Nodes => ParentOf.Values.Append(Owner).Concat(Leaves).DistinctBy(u => u.Id);

        public bool IsUnder(Unit leaf, Unit node)
        {
            for (Unit? u = leaf; u is not null; u = ParentOf.GetValueOrDefault(u.Id))
            {
                if (u.Id == node.Id)
                {
                    return true;
                }
            }

            return false;
        }

        public IEnumerable<Unit> ChildrenOf(Unit node) =>
            Nodes.Where(n => ParentOf.TryGetValue(n.Id, out var p) && p.Id == node.Id);

        public decimal TargetOf(int indicator, Unit node) =>
            Targets.TryGetValue((indicator, node.Id), out var t)
                ? t.Value
                : ChildrenOf(node).Sum(c => TargetOf(indicator, c));
    }

    [Fact]
    public async Task After_a_random_workload_every_summary_equals_a_recompute_and_the_progress_equals_the_figures()
    {
        var t = f.Tree;
        var random = new Random(20261116);
        var villagesOfP1 = new[] { t.V1, t.V2, f.V5, t.V3, f.V6, f.V7, f.V8 };
        Unit CommuneOf(Unit v) =>
            v.CommuneId == t.C1.Id ? t.C1
            : v.CommuneId == t.C2.Id ? t.C2
            : f.C4;

        var province = new Model(
            await CreateAsync(f.Province, Campaign(t.P1, UnitLevel.Village, t.P1)),
            t.P1,
            villagesOfP1
                .Select(v => (v.Id, CommuneOf(v)))
                .Concat([(t.C1.Id, t.P1), (t.C2.Id, t.P1), (f.C4.Id, t.P1)])
                .ToDictionary(x => x.Item1, x => x.Item2),
            [.. villagesOfP1]
        );
        var commune = new Model(
            await CreateAsync(f.Commune, Campaign(t.C1, UnitLevel.Village, t.C1)),
            t.C1,
            new[] { t.V1, t.V2, f.V5 }.ToDictionary(v => v.Id, _ => t.C1),
            [t.V1, t.V2, f.V5]
        );
        var communes = new Model(
            await CreateAsync(f.Province, Campaign(t.P1, UnitLevel.Commune, t.P1)),
            t.P1,
            new[] { t.C1, t.C2, f.C4 }.ToDictionary(c => c.Id, _ => t.P1),
            [t.C1, t.C2, f.C4]
        );
        var models = new[] { province, commune, communes };

        async Task AddAsync(
            Model m,
            HttpClient api,
            string aggregation,
            string frequency,
            int decimals = 0,
            bool allowNegative = false
        )
        {
            var id = await AddIndicatorAsync(
                api,
                m.Id,
                Indicator(
                    $"Chỉ tiêu {m.Indicators.Count + 1}",
                    aggregation: aggregation,
                    frequency: frequency,
                    decimals: decimals,
                    allowNegative: allowNegative
                )
            );
            m.Indicators.Add(
                new Ind(
                    id,
                    Enum.Parse<Aggregation>(aggregation),
                    Enum.Parse<ReportingFrequency>(frequency),
                    decimals,
                    allowNegative
                )
            );
        }

        await AddAsync(province, f.Province, "Sum", "Daily");
        await AddAsync(province, f.Province, "Latest", "Daily", decimals: 1);
        await AddAsync(province, f.Province, "Sum", "Weekly", allowNegative: true);
        await AddAsync(province, f.Province, "Latest", "Weekly");
        await AddAsync(commune, f.Commune, "Sum", "Daily");
        await AddAsync(commune, f.Commune, "Latest", "Weekly", decimals: 1);
        await AddAsync(communes, f.Province, "Sum", "Daily");
        await AddAsync(communes, f.Province, "Latest", "Monthly");

        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        DateOnly SomeDay() => From.AddDays(random.Next(f.Today.DayNumber - From.DayNumber + 1));
        decimal SomeValue(Ind indicator)
        {
            var value = indicator.Decimals == 0 ? random.Next(0, 40) : random.Next(0, 400) / 10m;
            return indicator.AllowNegative && random.Next(5) == 0 ? -value - 1 : value;
        }

        var outcomes = new Dictionary<string, int>();
        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        for (var step = 0; step < 300; step++)
        {
            var m = Pick(models);
            var roll = random.NextDouble();
            if (roll < 0.6)
            {
                // Enter, correct or clear one to four cells; now and then from a stale page or with a negative value.
                var cells = new List<(Ind Indicator, Unit Unit, DateOnly Period, decimal? Value, int Version)>();
                var stale = random.Next(12) == 0;
                var negative = false;
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    var indicator = Pick(m.Indicators);
                    var unit = Pick(m.Leaves);
                    var period = CampaignPeriods.PeriodOf(SomeDay(), indicator.Frequency, From);
                    if (cells.Any(c => c.Indicator == indicator && c.Unit.Id == unit.Id && c.Period == period))
                    {
                        continue;
                    }

                    var exists = m.Figures.TryGetValue((indicator.Id, unit.Id, period), out var current);
                    decimal? value = exists && random.Next(5) == 0 ? null : SomeValue(indicator);
                    if (!indicator.AllowNegative && random.Next(40) == 0)
                    {
                        value = -1;
                        negative = true;
                    }

                    cells.Add((indicator, unit, period, value, exists ? current.Version : 0));
                }

                if (stale)
                {
                    cells[0] = cells[0] with { Version = cells[0].Version + 1 };
                }

                var api =
                    m != communes && random.Next(3) == 0 && cells.All(c => c.Unit.CommuneId == t.C1.Id)
                        ? f.Commune
                        : f.Province;
                var response = await EnterAsync(
                    api,
                    m.Id,
                    [.. cells.Select(c => Figure(c.Unit, c.Indicator.Id, c.Period, c.Value, c.Version))]
                );
                var locked = cells.Any(c => m.Locks.Contains((c.Indicator.Frequency, c.Period)));
                var expected =
                    locked || negative ? HttpStatusCode.BadRequest
                    : stale ? HttpStatusCode.Conflict
                    : HttpStatusCode.OK;
                Assert.True(
                    response.StatusCode == expected,
                    $"step {step}: expected {expected}, was {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
                );
                Count($"figures {expected}");
                if (expected != HttpStatusCode.OK)
                {
                    continue;
                }

                foreach (var c in cells)
                {
                    var key = (c.Indicator.Id, c.Unit.Id, c.Period);
                    if (c.Value is not { } v)
                    {
                        m.Figures.Remove(key);
                    }
                    else if (!m.Figures.TryGetValue(key, out var old))
                    {
                        m.Figures[key] = (v, 1);
                    }
                    else if (old.Value != v)
                    {
                        m.Figures[key] = (v, old.Version + 1);
                    }
                }
            }
            else if (roll < 0.8)
            {
                // Set or clear one to three targets anywhere in the tree.
                var indicator = Pick(m.Indicators);
                var nodes = m.Nodes.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
                var cells = nodes
                    .Select(n =>
                    {
                        var exists = m.Targets.TryGetValue((indicator.Id, n.Id), out var current);
                        return (
                            Unit: n,
                            Value: exists && random.Next(3) == 0 ? null : (decimal?)random.Next(0, 500),
                            Version: exists ? current.Version : 0
                        );
                    })
                    .ToList();
                var api = m == commune ? f.Commune : f.Province;
                await ApiJson.OkAsync(
                    await SetTargetsAsync(
                        api,
                        m.Id,
                        indicator.Id,
                        [.. cells.Select(c => Target(c.Unit, c.Value, c.Version))]
                    )
                );
                Count("targets");
                foreach (var c in cells)
                {
                    var key = (indicator.Id, c.Unit.Id);
                    if (c.Value is not { } v)
                    {
                        m.Targets.Remove(key);
                    }
                    else if (!m.Targets.TryGetValue(key, out var old))
                    {
                        m.Targets[key] = (v, 1);
                    }
                    else if (old.Value != v)
                    {
                        m.Targets[key] = (v, old.Version + 1);
                    }
                }
            }
            else
            {
                // Lock or unlock a period of one of the campaign's frequencies.
                var frequency = Pick(m.Indicators).Frequency;
                var period = Pick(CampaignPeriods.All(frequency, From, f.Today).ToList());
                var api = m == commune ? f.Commune : f.Province;
                var unlock = m.Locks.Contains((frequency, period));
                var response = unlock
                    ? await UnlockAsync(api, m.Id, frequency.ToString(), period)
                    : await LockAsync(api, m.Id, frequency.ToString(), period);
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                Count(unlock ? "unlock" : "lock");
                if (unlock)
                {
                    m.Locks.Remove((frequency, period));
                }
                else
                {
                    m.Locks.Add((frequency, period));
                }
            }
        }

        // The workload exercised every path.
        Assert.True(
            outcomes.GetValueOrDefault("figures OK") > 100
                && outcomes.GetValueOrDefault("figures BadRequest") > 3
                && outcomes.GetValueOrDefault("figures Conflict") > 3
                && outcomes.GetValueOrDefault("targets") > 30
                && outcomes.GetValueOrDefault("unlock") > 3,
            string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}"))
        );

        foreach (var m in models)
        {
            Assert.Empty(await f.CheckAsync(m.Id));

            // The figures are exactly those the workload kept.
            var figures = await FiguresAsync(f.Province, m.Id);
            Assert.Equal(
                m.Figures.OrderBy(x => x.Key)
                    .Select(x => (x.Key.Indicator, x.Key.Unit, x.Key.Period, x.Value.Value, x.Value.Version)),
                figures
                    .Select(x => (x.IndicatorId, x.UnitId, x.Period, x.Value, x.Version))
                    .OrderBy(x => (x.IndicatorId, x.UnitId, x.Period))
            );
            Assert.Contains(figures, x =>
                m.Indicators.Any(i => i.Id == x.IndicatorId && i.Aggregation == Aggregation.Latest)
            );

            foreach (var indicator in m.Indicators)
            {
                var mine = figures.Where(x => x.IndicatorId == indicator.Id).ToList();
                foreach (var node in m.Nodes.Where(n => n.Id == m.Owner.Id || m.ChildrenOf(n).Any()))
                {
                    var progress = await ProgressAsync(f.Province, m.Id, indicator.Id, node);
                    Assert.Equal(Expected(m, indicator, node, mine), Actual(progress.GetProperty("node")));
                    Assert.Equal(
                        SeriesOf(m, indicator, node, mine),
                        progress
                            .GetProperty("series")
                            .EnumerateArray()
                            .Select(p =>
                                (
                                    DateOnly.Parse(
                                        p.GetProperty("period").GetString()!,
                                        System.Globalization.CultureInfo.InvariantCulture
                                    ),
                                    p.GetProperty("cumulative").GetDecimal()
                                )
                            )
                    );
                    var ranking = progress
                        .GetProperty("ranking")
                        .EnumerateArray()
                        .ToDictionary(r => r.GetProperty("unitId").GetInt32());
                    Assert.Equal(m.ChildrenOf(node).Select(c => c.Id).Order(), ranking.Keys.Order());
                    foreach (var child in m.ChildrenOf(node))
                    {
                        Assert.Equal(Expected(m, indicator, child, mine), Actual(ranking[child.Id]));
                    }
                }
            }
        }

        Assert.True(f.Log.Errors.IsEmpty, string.Join("\n", f.Log.Errors));
    }

    private static (decimal Actual, int Figures, decimal Target) Actual(JsonElement node) =>
        (
            node.GetProperty("actual").GetDecimal(),
            node.GetProperty("figureCount").GetInt32(),
            node.GetProperty("target").GetDecimal()
        );

    /// <summary>A node's value computed from the listed figures: a flow's sum, or the sum of each unit's latest
    /// level.</summary>
    private static (decimal Actual, int Figures, decimal Target) Expected(
        Model m,
        Ind indicator,
        Unit node,
        List<StoredFigure> figures
    )
    {
        var below = figures.Where(x => m.IsUnder(m.Leaves.Single(l => l.Id == x.UnitId), node)).ToList();
        var actual =
            indicator.Aggregation == Aggregation.Sum
                ? below.Sum(x => x.Value)
                : below.GroupBy(x => x.UnitId).Sum(g => g.MaxBy(x => x.Period)!.Value);
        return (actual, below.Count, m.TargetOf(indicator.Id, node));
    }

    /// <summary>A node's cumulative series from the listed figures: the running total of a flow, the level of a
    /// stock.</summary>
    private static List<(DateOnly, decimal)> SeriesOf(Model m, Ind indicator, Unit node, List<StoredFigure> figures)
    {
        var below = figures.Where(x => m.IsUnder(m.Leaves.Single(l => l.Id == x.UnitId), node));
        var changes =
            indicator.Aggregation == Aggregation.Sum
                ? below.Select(x => (x.Period, Change: x.Value))
                : below
                    .GroupBy(x => x.UnitId)
                    .SelectMany(g =>
                    {
                        var previous = 0m;
                        return g.OrderBy(x => x.Period)
                            .Select(x =>
                            {
                                var change = x.Value - previous;
                                previous = x.Value;
                                return (x.Period, Change: change);
                            })
                            .ToList();
                    });
        var running = 0m;
        var series = new List<(DateOnly, decimal)>();
        foreach (
            var day in changes
                .GroupBy(c => c.Period)
                .Select(g => (Period: g.Key, Change: g.Sum(c => c.Change)))
                .Where(d => d.Change != 0)
                .OrderBy(d => d.Period)
        )
        {
            running += day.Change;
            series.Add((day.Period, running));
        }

        return series;
    }
}
