using System.Diagnostics;
using System.Text.Json;
using DanVan.Bench.Benchmarks.Http;
using DanVan.Bench.Generate;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks;

/// <summary>The <c>run</c> command: every bar measured on the generated database (which must be complete and of
/// the scale asked for), the results written to docs/bench/results-PROVIDER-SCALE.json and the table in
/// docs/PERFORMANCE.md rewritten.</summary>
internal static class Runner
{
    /// <summary>The groups of bars, in the order they run (the HTTP ones last: they start the app as a child
    /// process and load it for minutes).</summary>
    /// <summary>
    /// A data set generated before the app's latest migrations (a new index, say) is brought up to date first, so
    /// the bars measure the schema the app ships; the statistics are refreshed after (on PostgreSQL with a vacuum, so
    /// index-only scans see the visibility map).
    /// </summary>
    private static async Task MigrateAsync(
        IServiceProvider services,
        BenchOptions options,
        TextWriter output,
        CancellationToken ct
    )
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync(
            $"The data set predates {pending.Count} migration(s) of the app: applying {string.Join(", ", pending)}."
        );
        var clock = Stopwatch.StartNew();
        await db.Database.MigrateAsync(ct);
        if (Web.Infrastructure.Data.DatabaseInitializer.RecomputesStatistics(pending))
        {
            // The statistics' summary rows follow the facts, as the app does after these migrations.
            await new Web.Features.Statistics.StatisticCheck(db).RepairAsync(null, ct);
        }

        await db.Database.ExecuteSqlRawAsync(
            options.Provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE",
            ct
        );
        await output.WriteLineAsync($"Migrated in {clock.Elapsed:mm\\:ss}.");
    }

    private static readonly (
        string[] Bars,
        Func<BenchContext, CancellationToken, Task<IReadOnlyList<BenchResult>>> Run
    )[] Groups =
    [
        (["P1", "P4"], DashboardBars.RunAsync),
        (["P2"], QueryBars.RunAsync),
        (["P5", "P6"], FileBars.RunAsync),
        (["P3", "P7", "P8"], HttpBars.RunAsync),
    ];

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken ct)
    {
        await options.EnsureServerAsync(ct);
        if (new[] { "P3", "P7", "P8" }.Any(options.Runs))
        {
            // Before anything is measured: a national run's first bars take minutes, and would be lost.
            LoadGenerators.Require();
        }

        var dataset = await Checker.RequireAsync(options, ct);
        var clock = Stopwatch.StartNew();
        var builder = Program.CreateBuilder(options.HostArgs());
        await using var app = builder.Build();
        await MigrateAsync(app.Services, options, output, ct);
        var context = new BenchContext(options, dataset, app.Services, output);
        var results = new List<BenchResult>();
        foreach (var (bars, measure) in Groups)
        {
            if (!bars.Any(options.Runs))
            {
                continue;
            }

            await output.WriteLineAsync($"{string.Join(", ", bars)} ({clock.Elapsed:mm\\:ss})");
            foreach (var result in await measure(context, ct))
            {
                if (options.Runs(result.Bar))
                {
                    results.Add(result);
                    await output.WriteLineAsync(
                        $"  {result.Bar} {result.What}: {Report.Format(result.Measured)} {result.Unit} ({(result.Kind == Limit.AtMost ? "≤" : "≥")} {Report.Format(result.Limit)}) {(result.Pass ? "pass" : "FAIL")}"
                    );
                }
            }
        }

        var run = new BenchRun(
            options.ProviderName,
            options.ScaleText,
            Machine(),
            DateTime.UtcNow,
            await CommitAsync(options.RepositoryRoot),
            dataset.Rows,
            dataset.RowsPerSecond,
            clock.Elapsed,
            results
        );
        var file = Report.ResultsFile(options.OutputRoot, options.ProviderName, options.ScaleText);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (options.Only.Count > 0 && File.Exists(file))
        {
            // A partial run replaces only the bars it measured.
            var previous = JsonSerializer.Deserialize<BenchRun>(await File.ReadAllTextAsync(file, ct), BenchRun.Json);
            if (previous is not null)
            {
                // The bars kept say when and at which commit they were measured; the time is the runs' total.
                run = run with
                {
                    Results =
                    [
                        .. previous
                            .Results.Where(r => !options.Runs(r.Bar))
                            .Select(r =>
                                r with
                                {
                                    Date = r.Date ?? previous.Date,
                                    Commit = r.Commit ?? previous.Commit,
                                }
                            ),
                        .. results,
                    ],
                    Duration = run.Duration + previous.Duration,
                };
            }
        }

        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(run, BenchRun.Json), ct);
        await Report.WriteAsync(options.OutputRoot, output, ct);
        var failed = results.Count(r => !r.Pass);
        await output.WriteLineAsync(
            $"{results.Count - failed} bar(s) passed, {failed} failed ({options.ProviderName}, scale {options.ScaleText}, {clock.Elapsed:mm\\:ss})."
        );
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Cores, memory and processor of this machine, as the table states them.</summary>
    public static string Machine()
    {
        var cpu = "";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1]
                .Trim()
                ?? "";
        }
        catch (IOException) { }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores, {memory:0} GiB{(cpu.Length > 0 ? ", " + cpu : "")}";
    }

    private static async Task<string> CommitAsync(string root)
    {
        try
        {
            var git = Process.Start(
                new ProcessStartInfo("git", "rev-parse --short HEAD")
                {
                    WorkingDirectory = root,
                    RedirectStandardOutput = true,
                }
            )!;
            var text = (await git.StandardOutput.ReadToEndAsync()).Trim();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
