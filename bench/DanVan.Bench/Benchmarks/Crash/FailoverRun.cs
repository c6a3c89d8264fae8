using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DanVan.Bench.Benchmarks.Http;
using DanVan.Bench.Generate;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace DanVan.Bench.Benchmarks.Crash;

/// <summary>What the <c>failover</c> command was asked for, beside the bench's own options.</summary>
internal sealed record FailoverOptions(int Seconds, int Clients, bool Kill, string? Standby)
{
    /// <summary>Takes <c>--seconds N</c> (60), <c>--clients N</c> (4), <c>--kill</c> (SIGKILL instead of a service
    /// manager's SIGTERM) and <c>--standby CS</c> (the read replica's connection string); returns the rest.</summary>
    public static (FailoverOptions Options, string[] Others) Parse(string[] args)
    {
        var (seconds, clients, kill, standby) = (60, 4, false, (string?)null);
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length:
                    seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--clients" when i + 1 < args.Length:
                    clients = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--kill":
                    kill = true;
                    break;
                case "--standby" when i + 1 < args.Length:
                    standby = args[++i];
                    break;
                default:
                    others.Add(args[i]);
                    break;
            }
        }

        if (seconds < 10 || clients < 1)
        {
            throw new BenchException("failover: --seconds must be at least 10 and --clients at least 1.");
        }

        return (new FailoverOptions(seconds, clients, kill, standby), [.. others]);
    }
}

/// <summary>
/// R5 measured (docs/RELIABILITY.md): two instances of the app's Release build on one PostgreSQL primary (and its
/// standby as <c>ConnectionStrings:ReadOnly</c>, when given) behind haproxy on loopback. Clients record petitions
/// through the proxy for <c>--seconds</c>, each with its <c>Idempotency-Key</c>, retrying the same request on a
/// connection failure, a 5xx or an in-flight 409, as a well-behaved client does. A third of the way through,
/// instance A is stopped (SIGTERM, or SIGKILL with <c>--kill</c>); two thirds through, it is started again. Then:
/// every acknowledged petition is in the database, no key made two petitions, and what no retry could settle is
/// counted. The standby's staleness is sampled throughout by the app's own measurement.
/// </summary>
internal static class FailoverRun
{
    private const int MaxAttempts = 40;

    public static async Task<int> RunAsync(string[] args, string root, TextWriter output, CancellationToken ct)
    {
        var (failover, rest) = FailoverOptions.Parse(args);
        var options = BenchOptions.Parse(rest, root);
        if (options.Provider != DatabaseProvider.Postgres)
        {
            throw new BenchException("failover: two instances share a PostgreSQL database; use --provider postgres.");
        }

        if (!Tool.OnPath("haproxy"))
        {
            throw new BenchException("failover: haproxy is missing (apt-get install haproxy).");
        }

        await options.EnsureServerAsync(ct);
        var dataset = await Checker.RequireAsync(options, ct);
        var builder = Program.CreateBuilder(options.HostArgs());
        await using var host = builder.Build();
        var context = new BenchContext(options, dataset, host.Services, output);
        var site = await TrialSite.LocateAsync(context, ct);

        var settings = new Dictionary<string, string>();
        if (failover.Standby is not null)
        {
            settings["ConnectionStrings__ReadOnly"] = failover.Standby;
        }

        var (portA, portB, proxyPort) = (AppProcess.FreePort(), AppProcess.FreePort(), AppProcess.FreePort());
        AppProcess? a = await AppProcess.StartAsync(context, ct, staticFiles: false, settings, portA);
        await using var b = await AppProcess.StartAsync(context, ct, staticFiles: false, settings, portB);
        var token = await site.TokenAsync(a.BaseAddress, "failover", ct);
        await using var proxy = await Haproxy.StartAsync(proxyPort, [portA, portB], ct);
        var through = new Uri($"http://127.0.0.1:{proxyPort}");
        using var http = TrialSite.Client(through, token, TimeSpan.FromSeconds(30));

        var replica = failover.Standby is null
            ? null
            : new ReadReplica(Settings(options, failover.Standby), TimeProvider.System);
        var staleness = new List<double>();
        var outcomes = new ConcurrentBag<Outcome>();
        var run = Guid.NewGuid().ToString("N")[..8];
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var clients = Enumerable
            .Range(0, failover.Clients)
            .Select(c => Task.Run(() => ClientAsync(http, site, run, c, outcomes, stop.Token), CancellationToken.None))
            .ToArray();
        var sampler = replica is null
            ? Task.CompletedTask
            : Task.Run(() => SampleAsync(replica, staleness, stop.Token), CancellationToken.None);

        var third = TimeSpan.FromSeconds(failover.Seconds / 3.0);
        await Task.Delay(third, ct);
        var stoppedAt = clock.Elapsed;
        if (failover.Kill)
        {
            await a.DisposeAsync(); // SIGKILL to the process tree
        }
        else
        {
            await a.StopAsync(TimeSpan.FromSeconds(30));
            await a.DisposeAsync();
        }

        output.WriteLine(
            $"R5: instance A {(failover.Kill ? "killed" : "stopped")} at {stoppedAt.TotalSeconds:0.0} s ({outcomes.Count} requests settled so far)"
        );
        await Task.Delay(third, ct);
        a = await AppProcess.StartAsync(context, ct, staticFiles: false, settings, portA);
        output.WriteLine($"R5: instance A started again at {clock.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(third, ct);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        await sampler;
        if (outcomes.Any(o => o.Id is null))
        {
            output.WriteLine("R5: instance B's last log lines:\n" + b.Tail());
        }

        await a.DisposeAsync();

        return await SummarizeAsync(context, failover, outcomes, staleness, replica, output, ct) ? 0 : 1;
    }

    private static IConfiguration Settings(BenchOptions options, string standby) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "postgres",
                    ["ConnectionStrings:Default"] = options.ConnectionString,
                    ["ConnectionStrings:ReadOnly"] = standby,
                }
            )
            .Build();

    /// <summary>One logical request's fate: the key, the petition's id when acknowledged, how many attempts, and the
    /// status of the last one when none was.</summary>
    private sealed record Outcome(string Key, string Title, int? Id, int Attempts, bool Replayed, string? Unsettled);

    private static async Task ClientAsync(
        HttpClient http,
        TrialSite site,
        string run,
        int client,
        ConcurrentBag<Outcome> outcomes,
        CancellationToken stop
    )
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var key = $"failover-{run}-{client}-{n}";
            var title = $"Kiểm thử chuyển máy {run}-{client}-{n}";
            string? last = null;
            var attempt = 0;
            // Once begun, a request is seen through (retries included), even past the end of the run.
            while (attempt < MaxAttempts)
            {
                attempt++;
                try
                {
                    using var request = site.Petition(title, key);
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        outcomes.Add(
                            new Outcome(
                                key,
                                title,
                                json.RootElement.GetProperty("id").GetInt32(),
                                attempt,
                                response.Headers.Contains("Idempotent-Replayed"),
                                null
                            )
                        );
                        last = null;
                        break;
                    }

                    last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Conflict)
                    {
                        break; // refused for what it is: retrying would not change it
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    last = e.GetType().Name;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }

            if (last is not null)
            {
                outcomes.Add(new Outcome(key, title, null, attempt, false, last));
            }
        }
    }

    private static async Task SampleAsync(ReadReplica replica, List<double> staleness, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await replica.CheckAsync(stop);
                staleness.Add(replica.Staleness?.TotalMilliseconds ?? double.NaN);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<bool> SummarizeAsync(
        BenchContext context,
        FailoverOptions failover,
        ConcurrentBag<Outcome> outcomes,
        List<double> staleness,
        ReadReplica? replica,
        TextWriter output,
        CancellationToken ct
    )
    {
        var all = outcomes.ToList();
        var acknowledged = all.Where(o => o.Id is not null).ToList();
        var unsettled = all.Where(o => o.Id is null).ToList();
        var titles = all.Select(o => o.Title).ToList();
        int missing;
        Dictionary<string, int> stored;
        await using (var scope = context.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            stored = [];
            foreach (var chunk in titles.Chunk(500))
            {
                foreach (
                    var row in await db
                        .Petitions.Where(p => chunk.Contains(p.Title))
                        .GroupBy(p => p.Title)
                        .Select(g => new { g.Key, Count = g.Count() })
                        .ToListAsync(ct)
                )
                {
                    stored[row.Key] = row.Count;
                }
            }

            var ids = acknowledged.Select(o => o.Id!.Value).ToArray();
            var found = 0;
            foreach (var chunk in ids.Chunk(500))
            {
                found += await db.Petitions.CountAsync(p => chunk.Contains(p.Id), ct);
            }

            missing = ids.Length - found;
        }

        var duplicated = stored.Count(s => s.Value > 1);
        var committedUnacknowledged = unsettled.Count(o => stored.ContainsKey(o.Title));
        var retried = all.Count(o => o.Attempts > 1);
        output.WriteLine(
            $"R5: {failover.Clients} clients for {failover.Seconds} s through haproxy, instance A {(failover.Kill ? "killed (SIGKILL)" : "stopped (SIGTERM)")} and started again"
        );
        output.WriteLine(
            $"R5: {all.Count:N0} requests: {acknowledged.Count:N0} acknowledged ({retried} after a retry, {acknowledged.Count(o => o.Replayed)} of them a replay of the kept answer), {unsettled.Count} unsettled after {MaxAttempts} attempts ({committedUnacknowledged} of those committed)"
        );
        output.WriteLine($"R5: acknowledged but missing: {missing}; keys that made two petitions: {duplicated}");
        foreach (var o in unsettled.Take(5))
        {
            output.WriteLine($"  unsettled {o.Key}: last answer {o.Unsettled}");
        }

        if (replica is not null)
        {
            var measured = staleness.Where(s => !double.IsNaN(s)).ToList();
            output.WriteLine(
                measured.Count == 0
                    ? "R5: the standby was never measured"
                    : $"R5: the standby's staleness over {measured.Count} measurements: median {Median(measured):0} ms, max {measured.Max():0} ms (bound {replica.MaxStaleness.TotalSeconds:0} s; over it {measured.Count(s => s > replica.MaxStaleness.TotalMilliseconds)} times)"
            );
        }

        return missing == 0 && duplicated == 0 && all.Count > 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

/// <summary>haproxy in the foreground on loopback, in front of the instances: round robin, a health check every half
/// second, and a request whose connection failed or came back empty retried on the other instance (L7 retries; the
/// request is buffered for that).</summary>
internal sealed class Haproxy : IAsyncDisposable
{
    private readonly Process process;
    private readonly string config;

    private Haproxy(Process process, string config)
    {
        this.process = process;
        this.config = config;
    }

    public static async Task<Haproxy> StartAsync(int port, IReadOnlyList<int> servers, CancellationToken ct)
    {
        var config = Path.Combine(Path.GetTempPath(), $"danvan-haproxy-{Environment.ProcessId}.cfg");
        await File.WriteAllTextAsync(config, Config(port, servers), ct);
        var start = new ProcessStartInfo("haproxy")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-f", config, "-db" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new BenchException("haproxy did not start.");
        Children.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var answer = await http.GetAsync($"http://127.0.0.1:{port}/health", ct);
                if (answer.IsSuccessStatusCode)
                {
                    return new Haproxy(process, config);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, ct);
        }

        Children.End(process);
        throw new BenchException("haproxy did not answer within 10 s.");
    }

    /// <summary>The configuration, also shown in the README's production section.</summary>
    public static string Config(int port, IReadOnlyList<int> servers) =>
        string.Join(
            '\n',
            [
                "global",
                "    maxconn 1024",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 60s",
                "    timeout server 60s",
                "    retries 3",
                "    option redispatch 1",
                "    retry-on conn-failure empty-response response-timeout",
                "    option http-buffer-request",
                "frontend danvan",
                $"    bind 127.0.0.1:{port}",
                "    default_backend instances",
                "backend instances",
                "    balance roundrobin",
                "    option httpchk GET /health",
                "    http-check expect status 200",
                "    default-server inter 500ms fall 2 rise 2",
                .. servers.Select((p, i) => $"    server app{i + 1} 127.0.0.1:{p} check"),
                "",
            ]
        );

    public ValueTask DisposeAsync()
    {
        Children.End(process);
        process.Dispose();
        File.Delete(config);
        return ValueTask.CompletedTask;
    }
}
