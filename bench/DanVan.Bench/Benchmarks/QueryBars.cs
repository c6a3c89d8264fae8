using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DanVan.Bench.Benchmarks.Data;
using Perfolizer.Horology;

namespace DanVan.Bench.Benchmarks;

/// <summary>
/// P2, hot reads are as fast as hand-written SQL: each hot EF Core query of the app (<see cref="HotQueries"/>) against
/// the same SQL through ADO.NET, both measured by BenchmarkDotNet in this process (InProcessEmitToolchain, a short job),
/// on the generated database through the app's own services. The ratio is the EF Core mean over the ADO.NET mean.
/// </summary>
internal static class QueryBars
{
    public const double Limit = 1.25;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct)
    {
        await using var set = await HotQueries.CreateAsync(context, ct);
        foreach (var q in set.Queries)
        {
            // Same rows both ways, before anything is timed.
            var (ef, ado) = (await q.Ef(), await q.Ado());
            if (ef != ado)
            {
                throw new BenchException($"P2 {q.Name}: EF Core read {ef} rows, the same SQL {ado}: {q.Sql}");
            }

            context.Say($"P2 {q.Name}: {ef} rows; SQL: {Flatten(q.Sql)}");
        }

        // The steady state, before BenchmarkDotNet's own warm-up: EF Core's code reaches its optimized tier in the
        // background over seconds of calls on two cores (a probe of the campaign summary read: 1.3 ms a call in the
        // first 3 s, 0.6 ms from then on, against 0.5 ms through ADO.NET throughout), longer than the job's warm-up.
        // A hot query is what a running app serves, so both sides are called in turn until then.
        var steady = TimeSpan.FromSeconds(context.Quick ? 1 : 3);
        var warm = System.Diagnostics.Stopwatch.StartNew();
        foreach (var q in set.Queries)
        {
            var calls = 0;
            var each = System.Diagnostics.Stopwatch.StartNew();
            while (each.Elapsed < steady)
            {
                await q.Ef();
                await q.Ado();
                calls++;
            }

            context.Say($"P2 {q.Name}: {calls:N0} calls of each side in turn before measuring");
        }

        context.Say($"P2: warmed for {warm.Elapsed.TotalSeconds:0} s");

        var folder = Path.Combine(context.Options.RepositoryRoot, "artifacts", "bench", "benchmarkdotnet");
        Directory.CreateDirectory(folder);
        var logFile = Path.Combine(folder, $"p2-{context.Options.ProviderName}-{context.Options.ScaleText}.log");
        HotQueryBenchmarks.Set = set;
        ct.ThrowIfCancellationRequested();
        context.Say(
            $"P2: BenchmarkDotNet, in-process, {set.Queries.Count} queries × (EF Core, ADO.NET) and a request's DbContext; its log: {Path.GetRelativePath(context.Options.RepositoryRoot, logFile)}"
        );
        BenchmarkDotNet.Reports.Summary[] summaries;
        using (var log = new FileLogger(logFile))
        {
            var job = Job
                .Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithLaunchCount(1)
                .WithWarmupCount(context.Quick ? 2 : 3)
                .WithIterationCount(context.Quick ? 6 : 15)
                .WithIterationTime(TimeInterval.FromMilliseconds(context.Quick ? 100 : 250))
                .WithEvaluateOverhead(false)
                .WithId("P2");
            var config = ManualConfig
                .CreateEmpty()
                .AddJob(job)
                .AddLogger(log)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .WithArtifactsPath(folder)
                .WithOptions(ConfigOptions.DisableLogFile);
            summaries = BenchmarkRunner.Run([typeof(HotQueryBenchmarks), typeof(RequestContextBenchmark)], config);
        }

        HotQueryBenchmarks.Set = null;
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        double Mean(string method, string? query = null) =>
            reports
                .Where(r =>
                    r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                    && (query is null || Equals(r.BenchmarkCase.Parameters[nameof(HotQueryBenchmarks.Query)], query))
                )
                .Select(r => r.ResultStatistics?.Mean)
                .FirstOrDefault()
            ?? throw new BenchException($"P2 {query ?? method}: BenchmarkDotNet gave no result (see {logFile}).");
        var request = Mean(nameof(RequestContextBenchmark.NewRequestContext));
        var load = LoadAverage();
        context.Say($"P2: a request's scope and DbContext: {request / 1000:0.0} µs");
        var results = new List<BenchResult>();
        foreach (var q in set.Queries)
        {
            var ef = Mean(nameof(HotQueryBenchmarks.Ef), q.Name);
            var ado = Mean(nameof(HotQueryBenchmarks.Ado), q.Name);
            var ratio = ef / ado;
            context.Say($"P2 {q.Name}: EF Core {ef / 1000:0.0} µs, ADO.NET {ado / 1000:0.0} µs, ratio {ratio:0.00}");
            results.Add(
                new BenchResult(
                    "P2",
                    q.What,
                    "EF Core query ÷ its own SQL through ADO.NET (BenchmarkDotNet in-process, means)",
                    ratio,
                    "ratio",
                    Benchmarks.Limit.AtMost,
                    Limit,
                    $"EF Core {ef / 1000:0.0} µs, ADO.NET {ado / 1000:0.0} µs; a request's new DbContext adds {request / 1000:0.0} µs once; load average {load}",
                    Proposed: ProposedBars.P2(ef / 1000, ado / 1000)
                )
            );
        }

        return results;
    }

    /// <summary>The machine's load over the last minute (Linux), which the ratios should be read with: a shared
    /// machine slows both sides, but not always alike.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The statement on one line, cut at 200 characters.</summary>
    private static string Flatten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    /// <summary>BenchmarkDotNet's output, to a file (the bench's own output stays short).</summary>
    private sealed class FileLogger(string path) : ILogger, IDisposable
    {
        private readonly StreamWriter writer = new(path, append: false);

        public string Id => "danvan-bench-file";

        public int Priority => 0;

        public void Write(LogKind logKind, string text) => writer.Write(text);

        public void WriteLine() => writer.WriteLine();

        public void WriteLine(LogKind logKind, string text) => writer.WriteLine(text);

        public void Flush() => writer.Flush();

        public void Dispose() => writer.Dispose();
    }
}

/// <summary>The benchmarks BenchmarkDotNet runs for P2: each hot query through EF Core and through ADO.NET. Public and
/// unsealed, as BenchmarkDotNet requires; the queries are handed over in <see cref="Set"/>.</summary>
public class HotQueryBenchmarks
{
    internal static HotQuerySet? Set { get; set; }

    public static IEnumerable<string> Names => Set?.Queries.Select(q => q.Name) ?? [];

    [ParamsSource(nameof(Names))]
    public string Query { get; set; } = "";

    [Benchmark]
    public Task<int> Ef() => Set!.Queries.Single(q => q.Name == Query).Ef();

    [Benchmark]
    public Task<int> Ado() => Set!.Queries.Single(q => q.Name == Query).Ado();
}

/// <summary>What a request pays for its DbContext before its first statement (reported beside P2's ratios).</summary>
public class RequestContextBenchmark
{
    [Benchmark]
    public Task<int> NewRequestContext() => HotQueryBenchmarks.Set!.NewRequestContextAsync();
}
