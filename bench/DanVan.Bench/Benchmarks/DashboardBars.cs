namespace DanVan.Bench.Benchmarks;

internal static class DashboardBars
{
    public static Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<BenchResult>>([]);
}
