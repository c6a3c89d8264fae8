namespace DanVan.Bench.Benchmarks;

internal static class QueryBars
{
    public static Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<BenchResult>>([]);
}
