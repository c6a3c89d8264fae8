using System.Diagnostics;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>
/// P8: the app's resident set (VmRSS) after 10 minutes of mixed load on a freshly started process (30 s in a quick
/// run): wrk cycling the province officer's list pages, dashboards, model search and a few petition pages, the public
/// portal (anonymous: home, library and two of its models, the tracking form) and API reads (a personal token made on
/// the token page, revoked afterwards).
/// </summary>
internal static class MixedLoadBar
{
    private const int Connections = 16;

    public static async Task<BenchResult> RunAsync(HttpScene scene, CancellationToken ct)
    {
        var context = scene.Context;
        var duration = TimeSpan.FromSeconds(context.Quick ? 30 : 600);
        var petitions = Html.LinkedIds(await scene.Client.GetPageAsync("/petitions", ct), "/petitions")
            .Take(4)
            .ToList();
        using var anyone = new SiteClient(scene.App.BaseAddress);
        var library = Html.LinkedIds(await anyone.GetPageAsync("/library", ct), "/library").Take(2).ToList();
        var token = await scene.Client.CreateTokenAsync("DanVan.Bench P8", ct);
        try
        {
            var targets = await ReachableAsync(scene, Targets(scene, petitions, library), token, ct);
            var credentials = scene.Client.Credentials(token);
            var before = scene.App.WorkingSetMegabytes();
            context.Say(
                $"P8: {targets.Count} URLs, wrk -c{Connections} for {duration.TotalSeconds:0} s; working set at the start {before:0} MB"
            );

            var load = LoadGenerators.WrkAsync(scene.App.BaseAddress, targets, credentials, Connections, duration, ct);
            var peak = before;
            var clock = Stopwatch.StartNew();
            var nextReport = TimeSpan.FromSeconds(60);
            while (!load.IsCompleted)
            {
                await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(2), ct));
                scene.App.EnsureRunning();
                peak = Math.Max(peak, scene.App.WorkingSetMegabytes());
                if (clock.Elapsed >= nextReport)
                {
                    context.Say(
                        $"P8: {clock.Elapsed.TotalSeconds:0} s, working set {scene.App.WorkingSetMegabytes():0} MB"
                    );
                    nextReport += TimeSpan.FromSeconds(60);
                }
            }

            var result = await load;
            var after = scene.App.WorkingSetMegabytes();
            peak = Math.Max(peak, after);
            context.Say(
                $"P8: {result.Requests:N0} requests ({result.RequestsPerSecond:0.0}/s), {result.Errors} errors; working set {after:0} MB (peak {peak:0} MB)"
            );
            var notes = new List<string>();
            if (context.Quick)
            {
                notes.Add($"quick run: {duration.TotalSeconds:0} s instead of 600 s");
            }

            if (result.Errors > 0)
            {
                notes.Add($"{result.Errors} of the requests failed");
            }

            return new BenchResult(
                "P8",
                $"working set after {duration.TotalMinutes:0.#} min of mixed load (wrk -c{Connections}, {targets.Count} URLs: pages, dashboards, search, portal, API)",
                $"VmRSS of the app process; {before:0} MB at the start, peak {peak:0} MB, {result.Requests:N0} requests ({result.RequestsPerSecond:0}/s)",
                after,
                "MB",
                Limit.AtMost,
                600,
                notes.Count > 0 ? string.Join("; ", notes) : null
            );
        }
        finally
        {
            await scene.Client.RevokeTokensAsync(CancellationToken.None);
        }
    }

    private static List<LoadTarget> Targets(HttpScene scene, List<long> petitions, List<long> library)
    {
        var word = HttpScene.SearchWord;
        var targets = new List<LoadTarget>
        {
            new("/"),
            new("/petitions"),
            new("/petitions/dashboard"),
            new("/models"),
            new($"/models?q={word}"),
            new("/dialogues"),
            new("/campaigns"),
            new($"/units/{scene.Province}"),
            new("/", Caller.Anonymous),
            new("/library", Caller.Anonymous),
            new("/track", Caller.Anonymous),
            new("/api/v1/petitions", Caller.Api),
            new($"/api/v1/models?q={word}", Caller.Api),
            new($"/api/v1/petitions/dashboard?unitId={scene.Province}", Caller.Api),
        };
        targets.AddRange(petitions.Select(id => new LoadTarget($"/petitions/{id}")));
        targets.AddRange(petitions.Take(2).Select(id => new LoadTarget($"/api/v1/petitions/{id}", Caller.Api)));
        if (scene.Campaign is { } campaign)
        {
            targets.Add(new($"/campaigns/{campaign}/dashboard"));
            targets.Add(new($"/api/v1/campaigns/{campaign}/progress", Caller.Api));
        }

        targets.AddRange(library.Select(id => new LoadTarget($"/library/{id}", Caller.Anonymous)));
        return targets;
    }

    /// <summary>Each URL once, as its caller: a URL that does not answer 200 is left out (and said), unless it is
    /// one of the officer's pages, which must.</summary>
    private static async Task<List<LoadTarget>> ReachableAsync(
        HttpScene scene,
        List<LoadTarget> targets,
        string token,
        CancellationToken ct
    )
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = scene.App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var reachable = new List<LoadTarget>();
        foreach (var target in targets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Path);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
            if (target.Caller == Caller.SignedIn)
            {
                request.Headers.TryAddWithoutValidation("Cookie", scene.Client.Cookies);
            }
            else if (target.Caller == Caller.Api)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            }

            using var response = await http.SendAsync(request, ct);
            if ((int)response.StatusCode == 200)
            {
                reachable.Add(target);
            }
            else if (target.Caller == Caller.SignedIn && !target.Path.Contains("/campaigns/", StringComparison.Ordinal))
            {
                throw new BenchException($"P8: GET {target.Path} answered {(int)response.StatusCode} to the officer.");
            }
            else
            {
                scene.Context.Say($"P8: {target.Path} ({target.Caller}) answered {(int)response.StatusCode}: left out");
            }
        }

        return reachable;
    }
}
