namespace DanVan.Bench.Benchmarks.Http;

/// <summary>
/// P7: the signed-in dashboards' weight on a first visit (<see cref="PageWeight"/>): the home page, the petition
/// dashboard, the campaign dashboard, and the models of the year (the page the home page's model figures link to:
/// the model statistics have no page of their own, the home page shows them), each ≤ 300 KB; and no asset on
/// another host.
/// </summary>
internal static class PageWeightBar
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(HttpScene scene, CancellationToken ct)
    {
        var home = await scene.Client.GetPageAsync("/", ct);
        var modelsOfTheYear = Html.Tags(home, "a")
            .Select(a => a.GetValueOrDefault("href", ""))
            .FirstOrDefault(h =>
                h.StartsWith("/models?", StringComparison.Ordinal) && h.Contains("year=", StringComparison.Ordinal)
            );
        var pages = new List<(string Name, string Path, string? Note)>
        {
            ("home page", "/", null),
            ("petition dashboard", "/petitions/dashboard", null),
        };
        if (scene.Campaign is { } campaign)
        {
            pages.Add(("campaign dashboard", $"/campaigns/{campaign}/dashboard", null));
        }

        pages.Add(
            (
                "model statistics",
                modelsOfTheYear ?? "/models",
                "no page of its own: the home page shows the model figures; this is the page they link to"
            )
        );

        var results = new List<BenchResult>();
        var otherHosts = new List<string>();
        foreach (var (name, path, note) in pages)
        {
            var weight = await PageWeight.MeasureAsync(scene.Client, path, ct);
            scene.Context.Say(
                $"P7 {name} {path}: {weight.Bytes / 1024.0:0.0} KB (HTML {weight.HtmlBytes / 1024.0:0.0} KB, {weight.Assets} assets, {weight.Compressed} compressed, {weight.LongCached} long-cached)"
            );
            otherHosts.AddRange(weight.OtherHosts.Select(h => $"{path} → {h}"));
            results.Add(
                new BenchResult(
                    "P7",
                    $"{name} ({path}) transferred, signed in, first visit",
                    $"HTML {weight.HtmlBytes / 1024.0:0.0} KB + {weight.Assets} assets ({weight.Compressed} compressed, {weight.LongCached} with a long cache)",
                    weight.Bytes / 1024.0,
                    "KB",
                    Limit.AtMost,
                    300,
                    note
                )
            );
        }

        results.Add(
            new BenchResult(
                "P7",
                "requests to another host from the dashboards",
                otherHosts.Count == 0
                    ? "none: every stylesheet, script and font from the app's host"
                    : string.Join("; ", otherHosts),
                otherHosts.Count,
                "requests",
                Limit.AtMost,
                0
            )
        );
        return results;
    }
}
