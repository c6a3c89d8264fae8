using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DanVan.Bench.Benchmarks;

/// <summary>
/// The table of docs/PERFORMANCE.md, between its two marker lines, rebuilt from every results file in
/// docs/bench/ (one per provider and scale; the latest run of each replaces the one before).
/// </summary>
internal static class Report
{
    public const string Begin = "<!-- bench:table:begin (written by scripts/bench.sh; do not edit by hand) -->";
    public const string End = "<!-- bench:table:end -->";

    public static string ResultsFile(string root, string provider, string scale) =>
        Path.Combine(root, "docs", "bench", $"results-{provider}-{scale}.json");

    public static Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken ct) =>
        WriteAsync(options.OutputRoot, output, ct)
            .ContinueWith(_ => 0, ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    public static string Format(double value) =>
        value switch
        {
            >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
            >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
            >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
            _ => value.ToString("0.00", CultureInfo.InvariantCulture),
        };

    /// <summary>How many failing bars pass in the form ADR-0021 proposes (nothing when none).</summary>
    private static string ProposedPasses(BenchRun run)
    {
        var count = run.Results.Count(r =>
            !r.Pass && r.Proposed is { } p && p.EndsWith(": pass", StringComparison.Ordinal)
        );
        return count == 0 ? "" : $", and {count} more in the form ADR-0021 proposes";
    }

    public static async Task WriteAsync(string root, TextWriter output, CancellationToken ct)
    {
        var folder = Path.Combine(root, "docs", "bench");
        var runs = new List<BenchRun>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "results-*.json").Order(StringComparer.Ordinal))
            {
                var run = JsonSerializer.Deserialize<BenchRun>(await File.ReadAllTextAsync(file, ct), BenchRun.Json);
                if (run is not null)
                {
                    runs.Add(run);
                }
            }
        }

        // National scale first, then by provider.
        runs =
        [
            .. runs.OrderByDescending(r => double.Parse(r.Scale, CultureInfo.InvariantCulture))
                .ThenBy(r => r.Provider, StringComparer.Ordinal),
        ];
        var table = new StringBuilder();
        table.AppendLine(Begin);
        table.AppendLine();
        table.AppendLine(
            "| bar | what was compared | measured | limit | result | provider | scale | machine | date | commit |"
        );
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            foreach (var r in run.Results.OrderBy(r => r.Bar, StringComparer.Ordinal))
            {
                var limit = (r.Kind == Limit.AtMost ? "≤ " : "≥ ") + Format(r.Limit);
                var note = string.IsNullOrEmpty(r.Note) ? "" : $" ({r.Note})";
                table.AppendLine(
                    $"| {r.Bar} | {r.What}: {r.Compared}{note} | {Format(r.Measured)} {r.Unit} | {limit} | {(r.Pass ? "pass" : "**fail**")}{(r.Proposed is { } proposed ? $" ({proposed})" : "")} | {run.Provider} | {run.Scale} | {run.Machine} | {r.Date ?? run.Date:yyyy-MM-dd} | {r.Commit ?? run.Commit} |"
                );
            }
        }

        table.AppendLine();
        foreach (var run in runs)
        {
            table.AppendLine(
                $"- {run.Provider}, scale {run.Scale}: {run.GeneratedRows:N0} generated rows ({run.GeneratorRowsPerSecond:N0} rows/s while the generator wrote them); the benchmarks ran {run.Duration:hh\\:mm\\:ss} (partial runs added up); {run.Results.Count(r => r.Pass)} of {run.Results.Count} bars pass{ProposedPasses(run)}."
            );
        }

        table.AppendLine();
        table.Append(End);

        var doc = Path.Combine(root, "docs", "PERFORMANCE.md");
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
        var text = File.Exists(doc) ? await File.ReadAllTextAsync(doc, ct) : $"# Performance\n\n{Begin}\n{End}\n";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new BenchException($"{doc} has no table markers ({Begin} … {End}).");
        }

        text = text[..start] + table + text[(end + End.Length)..];
        await File.WriteAllTextAsync(doc, text, ct);
        await output.WriteLineAsync($"Rewrote the table in docs/PERFORMANCE.md from {runs.Count} run(s).");
    }
}
