using System.Data.Common;
using System.Diagnostics;
using DanVan.Bench.Generate;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Home;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DanVan.Bench.Benchmarks;

/// <summary>
/// P1: each dashboard (home page, petition dashboard, campaign dashboard, unit dashboard, the portal's public statistics)
/// at country, province and commune level, and a province's work-program coverage matrix, timed through the app's own
/// handler (signed in as the level's generated officer), and the staffing plan (country, province, commune) and the
/// responsibility coverage report (province, commune) signed in as the level's generated personnel officer ÷ the same
/// figures by hand-written SQL (<see cref="HandSql"/>), medians of repeated runs in this process; at national
/// scale also the commune dashboards ÷ the same at 1% scale. P4: the SQL statements each of those calls (and the
/// petition list, the model search, a petition's page data) sends, counted from EF Core's diagnostics.
/// </summary>
internal static class DashboardBars
{
    public const double RatioLimit = 1.5;
    public const double GrowthLimit = 2;
    public const int StatementLimit = 5;

    private sealed record Dashboard(
        string Name,
        string Level,
        DbContext Context,
        Func<CancellationToken, Task> App,
        Func<DbConnection, CancellationToken, Task> Hand
    );

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var results = new List<BenchResult>();
        var hand = new HandSql(context.Options);
        await using var conn = await hand.OpenAsync(ct);
        var (dashboards, scopes) = await DashboardsAsync(context, hand, ct);
        var statements = new List<(string Call, int Count)>();
        try
        {
            var runs = context.Repetitions;
            // DANVAN_BENCH_DASHBOARD="campaign dashboard at commune" measures that one only (to profile it).
            var only = Environment.GetEnvironmentVariable("DANVAN_BENCH_DASHBOARD");
            foreach (var d in dashboards.Where(d => string.IsNullOrEmpty(only) || $"{d.Name} at {d.Level}" == only))
            {
                statements.Add(($"{d.Name} ({d.Level})", await CountStatementsAsync(d.Context, () => d.App(ct))));
                var app = await BenchContext.MedianAsync(() => d.App(ct), runs, context.Warmups);
                var baseline = await BenchContext.MedianAsync(() => d.Hand(conn, ct), runs, context.Warmups);
                var ratio = app.TotalMilliseconds / baseline.TotalMilliseconds;
                context.Say(
                    $"P1 {d.Name} at {d.Level}: app {app.TotalMilliseconds:0.0} ms, hand-written SQL {baseline.TotalMilliseconds:0.0} ms"
                );
                results.Add(
                    new BenchResult(
                        "P1",
                        $"{d.Name}, {d.Level}",
                        $"app {app.TotalMilliseconds:0.0} ms ÷ hand-written SQL {baseline.TotalMilliseconds:0.0} ms",
                        ratio,
                        "×",
                        Limit.AtMost,
                        RatioLimit,
                        Proposed: ProposedBars.P1(app.TotalMilliseconds, baseline.TotalMilliseconds)
                    )
                );
            }

            statements.AddRange(await OtherCallsAsync(context, ct));
            var worst = statements.MaxBy(s => s.Count);
            results.Add(
                new BenchResult(
                    "P4",
                    "SQL statements per call",
                    $"the most of {statements.Count} dashboard, list and page reads: {worst.Call}",
                    worst.Count,
                    "statements",
                    Limit.AtMost,
                    StatementLimit
                )
            );

            if (context.Options.Scale >= 0.5)
            {
                results.AddRange(await GrowthAsync(context, dashboards.Where(d => d.Level == "commune").ToList(), ct));
            }
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }

        return results;
    }

    /// <summary>The dashboards, each with the scope of its level's officer or personnel officer (kept open for the
    /// runs).</summary>
    private static async Task<(List<Dashboard>, List<AsyncServiceScope>)> DashboardsAsync(
        BenchContext context,
        HandSql hand,
        CancellationToken ct
    )
    {
        var (country, province, commune) = await context.LevelsAsync(ct);
        var dashboards = new List<Dashboard>();
        var scopes = new List<AsyncServiceScope>();
        var today = VietnamTime.Today(context.Services.GetRequiredService<TimeProvider>());
        foreach (var (level, unitId) in new[] { ("country", country), ("province", province), ("commune", commune) })
        {
            var scope = await context.SignedInScopeAsync("officer", unitId, ct);
            scopes.Add(scope);
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<DanVanDbContext>();
            var unit = await db
                .Units.AsNoTracking()
                .Where(u => u.Id == unitId)
                .Select(u => new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .SingleAsync(ct);
            // The campaign shown: the province's daily campaign (the country's officer sees the first province's).
            var campaign = await db
                .Campaigns.AsNoTracking()
                .Where(c => c.ProvinceId == (unit.ProvinceId ?? province))
                .OrderBy(c => c.Id)
                .Select(c => new
                {
                    c.Id,
                    c.UnitId,
                    Indicator = db
                        .Indicators.Where(i => i.CampaignId == c.Id)
                        .OrderBy(i => i.SortOrder)
                        .Select(i => i.Id)
                        .First(),
                })
                .FirstAsync(ct);
            var node = unit.Level == UnitLevel.Commune ? unit.Id : campaign.UnitId;
            var thisYear = StatisticPeriod.Containing(PeriodKind.Year, today);
            var thisMonth = StatisticPeriod.Containing(PeriodKind.Month, today);
            dashboards.Add(
                new(
                    "home page",
                    level,
                    db,
                    async c => _ = await sp.GetRequiredService<GetHomeFigures>().HandleAsync(c),
                    (k, c) => hand.HomeAsync(k, unit, today, c)
                )
            );
            dashboards.Add(
                new(
                    "petition dashboard",
                    level,
                    db,
                    async c => _ = await sp.GetRequiredService<PetitionDashboard>().ReadAsync(unit.Id, thisYear, c),
                    (k, c) => hand.PetitionDashboardAsync(k, unit, thisYear.From, thisYear.To, today, c)
                )
            );
            dashboards.Add(
                new(
                    "campaign dashboard",
                    level,
                    db,
                    async c =>
                        _ = await sp.GetRequiredService<ReadProgress>()
                            .HandleAsync(campaign.Id, campaign.Indicator, node, c),
                    (k, c) => hand.CampaignDashboardAsync(k, campaign.Id, campaign.Indicator, node, campaign.UnitId, c)
                )
            );
            dashboards.Add(
                new(
                    "unit dashboard",
                    level,
                    db,
                    async c => _ = await sp.GetRequiredService<UnitDashboard>().ReadAsync(unit.Id, thisMonth, c),
                    (k, c) => hand.UnitDashboardAsync(k, unit, thisMonth.From, today, c)
                )
            );
            // The coverage matrix of the province's work program: its items × its communes.
            if (level == "province")
            {
                var program = await db
                    .WorkPrograms.AsNoTracking()
                    .Where(p => p.UnitId == unit.Id && p.ParentProgramId == null)
                    .OrderByDescending(p => p.Year)
                    .Select(p => (int?)p.Id)
                    .FirstOrDefaultAsync(ct);
                if (program is { } programId)
                {
                    dashboards.Add(
                        new(
                            "coverage matrix",
                            level,
                            db,
                            async c =>
                                _ = await sp.GetRequiredService<DanVan.Web.Features.Programs.ProgramCoverage>()
                                    .HandleAsync(programId, c),
                            (k, c) => hand.CoverageAsync(k, programId, unit.Id, today, c)
                        )
                    );
                }
            }

            // The portal's page reads through a five-minute cache: measured without it, as its first visitor.
            var cache = (Microsoft.Extensions.Caching.Memory.MemoryCache)
                sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
            dashboards.Add(
                new(
                    "public statistics",
                    level,
                    db,
                    async c =>
                    {
                        cache.Clear();
                        _ = await sp.GetRequiredService<PublicStatistics>()
                            .ReadAsync(unit.Level == UnitLevel.Central ? null : unit.Id, today.Year, c);
                    },
                    (k, c) => hand.PublicStatisticsAsync(k, unit, thisYear.From, today, c)
                )
            );

            // Personnel, signed in as the level's personnel officer: the staffing plan of the year (the /staffing page's
            // read, with the plan's years), and below the country the responsibility coverage report.
            var personnel = await context.SignedInScopeAsync("personnel", unitId, ct);
            scopes.Add(personnel);
            var ps = personnel.ServiceProvider;
            var pdb = ps.GetRequiredService<DanVanDbContext>();
            dashboards.Add(
                new(
                    "staffing plan",
                    level,
                    pdb,
                    async c => _ = await ps.GetRequiredService<ReadStaffingPlan>().HandleAsync(unit.Id, null, c),
                    (k, c) => hand.StaffingPlanAsync(k, unit, today, c)
                )
            );
            if (unit.Level != UnitLevel.Central)
            {
                dashboards.Add(
                    new(
                        "responsibility coverage",
                        level,
                        pdb,
                        async c =>
                            _ = await ps.GetRequiredService<ReadResponsibilities>()
                                .CoverageAsync(unit.Id, ReadResponsibilities.DefaultDays, c),
                        (k, c) => hand.ResponsibilityCoverageAsync(k, unit, today, c)
                    )
                );
            }
        }

        return (dashboards, scopes);
    }

    /// <summary>P4 beyond the dashboards: the province officer's petition list page, a model search and a petition's
    /// page data.</summary>
    private static async Task<List<(string, int)>> OtherCallsAsync(BenchContext context, CancellationToken ct)
    {
        var (_, province, _) = await context.LevelsAsync(ct);
        await using var scope = await context.SignedInScopeAsync("officer", province, ct);
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<DanVanDbContext>();
        var petitionId = await db.Petitions.Where(p => p.ProvinceId == province).Select(p => p.Id).FirstAsync(ct);
        return
        [
            (
                "petition list (province)",
                await CountStatementsAsync(db, () =>
                    sp.GetRequiredService<ListPetitions>().HandleAsync(new PetitionQuery(), ct)
                )
            ),
            (
                "model search (province)",
                await CountStatementsAsync(db, () =>
                    sp.GetRequiredService<ListModels>().HandleAsync(new ModelQuery(Q: "vận động"), ct)
                )
            ),
            (
                "petition page data",
                await CountStatementsAsync(db, () => sp.GetRequiredService<GetPetition>().HandleAsync(petitionId, ct))
            ),
        ];
    }

    /// <summary>P1's second half: the commune dashboards at this scale ÷ the same on the 1% data set of the same
    /// provider (generated first if it is missing).</summary>
    private static async Task<List<BenchResult>> GrowthAsync(
        BenchContext context,
        List<Dashboard> national,
        CancellationToken ct
    )
    {
        var small = BenchOptions.Parse(
            ["--scale", "0.01", "--provider", context.Options.ProviderName],
            context.Options.RepositoryRoot
        );
        await Generator.RunAsync(small, TextWriter.Null, ct);
        var builder = Program.CreateBuilder(small.HostArgs());
        await using var app = builder.Build();
        var smallContext = new BenchContext(small, await Checker.RequireAsync(small, ct), app.Services, context.Output);
        var (dashboards, scopes) = await DashboardsAsync(smallContext, new HandSql(small), ct);
        var results = new List<BenchResult>();
        try
        {
            foreach (var big in national)
            {
                var little = dashboards.Single(d => d.Level == "commune" && d.Name == big.Name);
                var atScale = await BenchContext.MedianAsync(() => big.App(ct), 9);
                var atOnePercent = await BenchContext.MedianAsync(() => little.App(ct), 9);
                results.Add(
                    new BenchResult(
                        "P1",
                        $"{big.Name}, commune, scale {context.Options.ScaleText} ÷ 0.01",
                        $"{atScale.TotalMilliseconds:0.0} ms ÷ {atOnePercent.TotalMilliseconds:0.0} ms",
                        atScale.TotalMilliseconds / atOnePercent.TotalMilliseconds,
                        "×",
                        Limit.AtMost,
                        GrowthLimit
                    )
                );
            }
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }

        return results;
    }

    /// <summary>The commands EF Core sends during one call (the bench makes one call at a time).</summary>
    private static async Task<int> CountStatementsAsync(DbContext context, Func<Task> call) =>
        (await CountAsync(context, call)).Statements;

    /// <summary>The commands and query compilations of one call, of <paramref name="context"/> only: the listener is
    /// process-wide, and other work (the test suite's parallel tests) must not be counted.</summary>
    private static async Task<(int Statements, int Compilations)> CountAsync(DbContext context, Func<Task> call)
    {
        using var counter = new CommandCounter(context);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(counter);
        await call();
        return (counter.Count, counter.Compilations);
    }

    private sealed class CommandCounter(DbContext context)
        : IObserver<DiagnosticListener>,
            IObserver<KeyValuePair<string, object?>>,
            IDisposable
    {
        private readonly List<IDisposable> subscriptions = [];
        private int count;

        private int compilations;

        public int Count => count;

        /// <summary>LINQ queries EF Core had to compile (not found in its query cache) during the call.</summary>
        public int Compilations => compilations;

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is not DbContextEventData data || !ReferenceEquals(data.Context, context))
            {
                return;
            }

            if (e.Key == RelationalEventId.CommandExecuting.Name)
            {
                Interlocked.Increment(ref count);
            }
            else if (e.Key == CoreEventId.QueryCompilationStarting.Name)
            {
                Interlocked.Increment(ref compilations);
            }
        }

        public void Dispose()
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
