namespace DanVan.Bench.Benchmarks;

internal static class FileBars
{
    public static Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<BenchResult>>([]);
}
