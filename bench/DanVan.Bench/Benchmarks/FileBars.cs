using DanVan.Bench.Benchmarks.Data;

namespace DanVan.Bench.Benchmarks;

/// <summary>
/// P5, imports stream (<see cref="FigureImportBench"/>), and P6, exports stream (<see cref="PetitionExportBench"/>):
/// the app's own import and export of spreadsheets against the same reader or writer alone on the same rows, with
/// the memory they hold. The import runs first, from a settled process, so its peak resident set is its own.
/// </summary>
internal static class FileBars
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var results = new List<BenchResult>();
        if (context.Options.Runs("P5"))
        {
            results.AddRange(await FigureImportBench.RunAsync(context, ct));
        }

        if (context.Options.Runs("P6"))
        {
            results.AddRange(await PetitionExportBench.RunAsync(context, ct));
        }

        return results;
    }
}
