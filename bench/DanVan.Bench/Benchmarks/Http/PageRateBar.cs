namespace DanVan.Bench.Benchmarks.Http;

/// <summary>
/// P3: the app's pages against what the framework can do with the same rows. For the petition list (the province
/// officer's <c>/petitions</c>) and the model search (<c>/models?q=WORD</c>): wrk in a closed loop on the page and on
/// the bare ADO.NET endpoint of <see cref="BareServer"/>, interleaved bare–app–app–bare (half the time each) so that a
/// drift of the machine's load weighs on both alike; then hey at a fixed rate (half the rate the page reached) for the
/// page's p50 and p99. hey's workers tick in step (each sends at its own -q from the same start), so N workers send
/// bursts of N requests: the workers are as few as keep up (about 20 requests a second each, at least 2), or the
/// percentiles would measure a queue of 20 simultaneous requests rather than the page. Before any load, the page's
/// rows are checked to be the bare endpoint's rows.
/// </summary>
internal static class PageRateBar
{
    private const int Connections = 32;
    private const double RatePerWorker = 20;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(HttpScene scene, CancellationToken ct)
    {
        var context = scene.Context;
        var duration = TimeSpan.FromSeconds(context.Quick ? 6 : 20);
        await using var bare = await BareServer.StartAsync(context.Options, ct);
        context.Say($"P3: bare ADO.NET endpoints at {bare.BaseAddress}, the app at {scene.App.BaseAddress}");

        var pageIds = Html.LinkedIds(await scene.Client.GetPageAsync("/petitions", ct), "/petitions");
        var bareIds = (await bare.PetitionsAsync(scene.Province, ct)).Select(r => Convert.ToInt64(r[0])).ToList();
        SameRows("petition list", pageIds, bareIds);
        var searchPath = "/models?q=" + HttpScene.SearchWord;
        pageIds = Html.LinkedIds(await scene.Client.GetPageAsync(searchPath, ct), "/models");
        bareIds = (await bare.ModelsAsync(scene.Province, HttpScene.SearchWord, ct))
            .Select(r => Convert.ToInt64(r[0]))
            .ToList();
        SameRows("model search", pageIds, bareIds);

        var list = await MeasureAsync(
            scene,
            "petition list",
            "/petitions",
            new Uri(bare.BaseAddress, $"/petitions?province={scene.Province}"),
            duration,
            ct
        );
        var search = await MeasureAsync(
            scene,
            $"model search \"{HttpScene.SearchWord}\"",
            searchPath,
            new Uri(bare.BaseAddress, $"/models?province={scene.Province}&word={HttpScene.SearchWord}"),
            duration,
            ct
        );

        var note = context.Quick ? $"quick run: {duration.TotalSeconds:0} s per load" : null;
        return
        [
            .. list.Results(note),
            .. search.Results(note),
            new BenchResult(
                "P3",
                "errors under load (petition list and model search pages)",
                $"non-2xx responses and socket errors in {list.Requests + search.Requests:N0} requests (wrk and hey)",
                list.Errors + search.Errors,
                "errors",
                Limit.AtMost,
                0,
                note
            ),
        ];
    }

    private static void SameRows(string what, List<long> page, List<long> bare)
    {
        if (page.Count == 0 || !page.SequenceEqual(bare))
        {
            throw new BenchException(
                $"P3: the {what} page shows rows [{string.Join(", ", page.Take(5))}…] ({page.Count}) but the bare endpoint returns [{string.Join(", ", bare.Take(5))}…] ({bare.Count}): the baseline no longer runs the page's query."
            );
        }
    }

    private static async Task<Measured> MeasureAsync(
        HttpScene scene,
        string what,
        string pagePath,
        Uri bareUrl,
        TimeSpan duration,
        CancellationToken ct
    )
    {
        var context = scene.Context;
        var app = scene.App.BaseAddress;
        LoadTarget[] page = [new(pagePath)];
        LoadTarget[] bare = [new(bareUrl.PathAndQuery)];
        var half = duration / 2;
        var warmUp = TimeSpan.FromSeconds(context.Quick ? 2 : 3);

        context.Say($"P3 {what}: warming up both ({warmUp.TotalSeconds:0} s each)");
        await LoadGenerators.WrkAsync(bareUrl, bare, scene.Client.Credentials(), Connections, warmUp, ct);
        await LoadGenerators.WrkAsync(app, page, scene.Client.Credentials(), Connections, warmUp, ct);

        var bareRuns = new List<WrkResult>();
        var appRuns = new List<WrkResult>();
        foreach (var onApp in new[] { false, true, true, false })
        {
            var run = onApp
                ? await LoadGenerators.WrkAsync(app, page, scene.Client.Credentials(), Connections, half, ct)
                : await LoadGenerators.WrkAsync(bareUrl, bare, scene.Client.Credentials(), Connections, half, ct);
            (onApp ? appRuns : bareRuns).Add(run);
            context.Say(
                $"P3 {what}: wrk -c{Connections} {half.TotalSeconds:0} s on the {(onApp ? "page" : "bare endpoint")}: {run.RequestsPerSecond:0.0} req/s, {run.Errors} errors"
            );
            scene.App.EnsureRunning();
        }

        var appRate = appRuns.Average(r => r.RequestsPerSecond);
        var bareRate = bareRuns.Average(r => r.RequestsPerSecond);
        if (bareRuns.Sum(r => r.Errors) > 0)
        {
            throw new BenchException(
                $"P3 {what}: the bare endpoint answered {bareRuns.Sum(r => r.Errors)} errors; no ratio."
            );
        }

        // A fresh session for the fixed-rate run (hey cannot take the cookie the app renews after 30 s).
        await scene.Client.SignInAsync(scene.Officer, HttpScene.Password, ct);
        var rate = Math.Max(2, Math.Round(appRate / 2));
        var workers = (int)Math.Clamp(Math.Ceiling(rate / RatePerWorker), 2, 20);
        var hey = await LoadGenerators.HeyAsync(
            new Uri(app, pagePath),
            scene.Client.Credentials(),
            rate,
            workers,
            duration,
            ct
        );
        context.Say(
            $"P3 {what}: hey -c{workers} at {rate:0} req/s for {duration.TotalSeconds:0} s: {hey.RequestsPerSecond:0.0} req/s sent, p50 {hey.P50Ms:0.0} ms, p99 {hey.P99Ms:0.0} ms, {hey.Errors} errors"
        );
        scene.App.EnsureRunning();
        return new Measured(
            what,
            appRate,
            bareRate,
            hey,
            rate,
            workers,
            appRuns.Sum(r => r.Requests) + hey.Responses,
            appRuns.Sum(r => r.Errors) + hey.Errors
        );
    }

    private sealed record Measured(
        string What,
        double AppRate,
        double BareRate,
        HeyResult Hey,
        double HeyRate,
        int Workers,
        long Requests,
        long Errors
    )
    {
        public IEnumerable<BenchResult> Results(string? note)
        {
            yield return new BenchResult(
                "P3",
                $"{What} page ÷ bare ADO.NET endpoint, same rows (wrk -c{Connections}, closed loop)",
                $"{AppRate:0.0} req/s ÷ {BareRate:0.0} req/s",
                AppRate / BareRate,
                "ratio",
                Limit.AtLeast,
                0.35,
                note
            );
            yield return new BenchResult(
                "P3",
                $"{What} page p99 ÷ p50 at a fixed rate (hey, {Workers} workers)",
                $"p99 {Hey.P99Ms:0.0} ms ÷ p50 {Hey.P50Ms:0.0} ms at {HeyRate:0} req/s",
                Hey.P99Ms / Hey.P50Ms,
                "×",
                Limit.AtMost,
                10,
                note
            );
        }
    }
}
