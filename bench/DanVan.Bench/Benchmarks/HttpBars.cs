using DanVan.Bench.Benchmarks.Http;

namespace DanVan.Bench.Benchmarks;

/// <summary>
/// The bars measured over HTTP against the real app, published and run as a child process in the Production
/// environment (<see cref="AppProcess"/>), signed in through its sign-in page as the first province's officer:
/// P3 (page rate against a bare ADO.NET endpoint, tail latency, errors: <see cref="PageRateBar"/>) and P7 (the
/// dashboards' weight: <see cref="PageWeightBar"/>) on one process, then P8 (working set after mixed load:
/// <see cref="MixedLoadBar"/>) on a fresh one. The load generators are wrk and hey.
/// </summary>
internal static class HttpBars
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var (p3, p7, p8) = (context.Options.Runs("P3"), context.Options.Runs("P7"), context.Options.Runs("P8"));
        if (!p3 && !p7 && !p8)
        {
            return [];
        }

        LoadGenerators.Require();
        var place = await HttpScene.Place.ReadAsync(context, ct);
        var results = new List<BenchResult>();
        if (p3 || p7)
        {
            var scene = await HttpScene.StartAsync(context, place, ct);
            try
            {
                if (p7)
                {
                    results.AddRange(await PageWeightBar.RunAsync(scene, ct));
                }

                if (p3)
                {
                    results.AddRange(await PageRateBar.RunAsync(scene, ct));
                }
            }
            finally
            {
                await scene.StopAsync();
            }
        }

        if (p8)
        {
            // A fresh process: its memory is the mixed load's alone.
            var scene = await HttpScene.StartAsync(context, place, ct);
            try
            {
                results.Add(await MixedLoadBar.RunAsync(scene, ct));
            }
            finally
            {
                await scene.StopAsync();
            }
        }

        return results;
    }
}
