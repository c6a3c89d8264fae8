using DanVan.Bench.Generate;

namespace DanVan.Bench;

// The national-scale instrument (docs/PERFORMANCE.md):
//   generate  the deterministic data set at --scale on --provider (restartable: an interrupted run starts over)
//   check     the generated database against the app's own consistency checks
//   run       the benchmarks of the bars P1–P8; writes artifacts/bench/results-PROVIDER-SCALE.json
//   report    rewrites the table in docs/PERFORMANCE.md from every results file in docs/bench/
//   crash     R1: kills the app (and, on PostgreSQL, the server) during imports; docs/RELIABILITY.md
//   failover  R5: two instances behind haproxy, one stopped under load; docs/RELIABILITY.md
// scripts/bench.sh runs all four.
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = BenchPaths.RepositoryRoot();
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(
                "usage: DanVan.Bench generate|check|run|report|crash|failover [--scale S] [--provider sqlite|postgres] [--connection CS] [--seed N] [--force]"
            );
            return args.Length == 0 ? 2 : 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            if (args[0] == "crash")
            {
                return await Benchmarks.Crash.CrashTrials.RunAsync(args[1..], root, Console.Out, cancel.Token);
            }

            if (args[0] == "failover")
            {
                return await Benchmarks.Crash.FailoverRun.RunAsync(args[1..], root, Console.Out, cancel.Token);
            }

            var options = BenchOptions.Parse(args[1..], root);
            return args[0] switch
            {
                "generate" => await Generator.RunAsync(options, Console.Out, cancel.Token),
                "check" => await Checker.RunAsync(options, Console.Out, cancel.Token),
                "run" => await Benchmarks.Runner.RunAsync(options, Console.Out, cancel.Token),
                "report" => await Benchmarks.Report.RunAsync(options, Console.Out, cancel.Token),
                var other => throw new BenchException(
                    $"Unknown command {other}: use generate, check, run, report or crash."
                ),
            };
        }
        catch (BenchException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Interrupted.");
            return 130;
        }
    }
}

internal static class BenchPaths
{
    /// <summary>The repository's root: the first folder above the executable that holds DanVan.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DanVan.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
