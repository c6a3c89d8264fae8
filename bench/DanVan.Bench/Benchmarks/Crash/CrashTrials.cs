using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DanVan.Bench.Benchmarks.Data;
using DanVan.Bench.Benchmarks.Http;
using DanVan.Bench.Generate;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks.Crash;

/// <summary>What the <c>crash</c> command was asked for, beside the bench's own options.</summary>
internal sealed record CrashOptions(int Trials, int Rows, int Writers, string? StopDatabase, string? StartDatabase)
{
    /// <summary>Takes <c>--trials N</c>, <c>--rows N</c>, <c>--writers N</c>, <c>--stop-db CMD</c> and
    /// <c>--start-db CMD</c> out of <paramref name="args"/>; returns the rest for <see cref="BenchOptions.Parse"/>.</summary>
    public static (CrashOptions Options, string[] Others) Parse(string[] args)
    {
        int trials = 20,
            rows = FigureImportBench.BarRows,
            writers = 2;
        string? stop = null,
            start = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--trials":
                    trials = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--rows":
                    rows = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--writers":
                    writers = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--stop-db":
                    stop = Value();
                    break;
                case "--start-db":
                    start = Value();
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (trials < 1 || rows < 1 || rows > CampaignRules.MaxImportCells || writers < 0)
        {
            throw new BenchException(
                $"--trials, --rows (1–{CampaignRules.MaxImportCells}) and --writers must be positive."
            );
        }

        if ((stop is null) != (start is null))
        {
            throw new BenchException("--stop-db and --start-db go together.");
        }

        return (new CrashOptions(trials, rows, writers, stop, start), [.. rest]);
    }
}

/// <summary>One trial's findings; <see cref="Failures"/> is empty when it kept every promise.</summary>
internal sealed record CrashTrial(
    int Number,
    double KilledAfterSeconds,
    bool DatabaseStopped,
    bool ImportAcknowledged,
    long FiguresAfterCrash,
    long FiguresAfterRerun,
    int PetitionsAcknowledged,
    int PetitionsLost,
    IReadOnlyList<string> Failures
);

/// <summary>
/// QUALITY.md R1, crash safety: the published app (<see cref="AppProcess"/>) on the generated database is killed
/// (SIGKILL of its process tree) at a random moment while it commits a figure import of <c>--rows</c> rows
/// (100,000 by default, the most one import takes) over its API and <c>--writers</c> clients record petitions
/// beside it; on PostgreSQL with <c>--stop-db</c>/<c>--start-db</c>, every other trial also stops the server at
/// the same moment (<c>pg_ctl stop -m immediate</c>: no checkpoint, crash recovery on start). Then, each trial:
/// <list type="bullet">
/// <item>SQLite's <c>PRAGMA integrity_check</c> is "ok" (PostgreSQL: the server recovered and answers);</item>
/// <item>the import is all there or not at all: the campaign has 0 or every row's figure, and its audit entry
/// ("FiguresImported") exists exactly when the figures do; an import whose answer arrived is all there;</item>
/// <item>every petition whose creation was acknowledged (201 with its id) is in the database;</item>
/// <item>the app restarted on the database imports the same file again to exactly the file's rows (the
/// re-run of a lost import, or a no-op when it had committed);</item>
/// <item>every summary equals its recompute (<c>check-campaigns</c>, <c>check-statistics</c>).</item>
/// </list>
/// Each trial imports into a campaign of its own, created through the app.
/// </summary>
internal static class CrashTrials
{
    public static async Task<int> RunAsync(string[] args, string root, TextWriter output, CancellationToken ct)
    {
        var (crash, rest) = CrashOptions.Parse(args);
        var options = BenchOptions.Parse(rest, root);
        await options.EnsureServerAsync(ct);
        var dataset = await Checker.RequireAsync(options, ct);
        var builder = Program.CreateBuilder(options.HostArgs());
        await using var host = builder.Build();
        var context = new BenchContext(options, dataset, host.Services, output);
        var trials = await RunTrialsAsync(context, crash, ct);
        return Summarize(trials, crash, options, output) ? 0 : 1;
    }

    /// <summary>Runs the trials; each one's findings, in order.</summary>
    public static async Task<IReadOnlyList<CrashTrial>> RunTrialsAsync(
        BenchContext context,
        CrashOptions crash,
        CancellationToken ct
    )
    {
        var services = context.Services;
        var site = await TrialSite.LocateAsync(context, ct);
        var officer = site.Officer;

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "danvan-crash")).FullName;
        var file = Path.Combine(folder, $"crash-{Environment.ProcessId}-{crash.Rows}.xlsx");
        var random = new Random(20_261_206);
        var results = new List<CrashTrial>();
        string token;
        double importSeconds;
        {
            // The token, and how long an uninterrupted import takes (the kills fall within it).
            await using var app = await AppProcess.StartAsync(context, ct, staticFiles: false);
            token = await site.TokenAsync(app.BaseAddress, "crash-trials", ct);
            var sheet = await SheetCampaign.CreateAsync(officer, ct, crash.Rows);
            await sheet.WriteAsync(file, crash.Rows, ct);
            using var http = Client(app, token);
            var clock = Stopwatch.StartNew();
            await ImportAsync(http, sheet.CampaignId, file, ct);
            importSeconds = clock.Elapsed.TotalSeconds;
            context.Say($"R1: an uninterrupted import of {crash.Rows:N0} rows takes {importSeconds:0.00} s over HTTP");
        }

        for (var trial = 1; trial <= crash.Trials; trial++)
        {
            var sheet = await SheetCampaign.CreateAsync(officer, ct, crash.Rows);
            // Every campaign's sheet has the same cells (the province's villages × the same days), so the file is
            // rewritten only for its campaign's indicator header, which the template names the same way.
            await sheet.WriteAsync(file, crash.Rows, ct);
            var stopDatabase = crash.StopDatabase is not null && trial % 2 == 0;
            // From the import's first moments to well after it would have finished (a cold app imports slower).
            var killAfter = importSeconds * (0.05 + (1.6 * random.NextDouble()));
            var acknowledged = new List<int>();
            var importDone = false;
            long afterCrash;
            var failures = new List<string>();
            {
                await using var app = await AppProcess.StartAsync(context, ct, staticFiles: false);
                using var http = Client(app, token);
                using var stop = new CancellationTokenSource();
                var writers = Enumerable
                    .Range(0, crash.Writers)
                    .Select(w =>
                        Task.Run(
                            () => WritePetitionsAsync(http, site, trial, w, acknowledged, stop.Token),
                            CancellationToken.None
                        )
                    )
                    .ToArray();
                // The petitions first, until one is acknowledged (at most 30 s): on SQLite the import holds the only
                // write lock until it commits, and a trial without an acknowledged petition would prove nothing of them.
                var waited = Stopwatch.StartNew();
                while (crash.Writers > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
                {
                    lock (acknowledged)
                    {
                        if (acknowledged.Count > 0)
                        {
                            break;
                        }
                    }

                    await Task.Delay(50, ct);
                }
                var import = Task.Run(
                    async () =>
                    {
                        try
                        {
                            await ImportAsync(http, sheet.CampaignId, file, stop.Token);
                            importDone = true;
                        }
                        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                        {
                            // Cut off by the kill: not acknowledged.
                        }
                    },
                    CancellationToken.None
                );
                await Task.Delay(TimeSpan.FromSeconds(killAfter), ct);
                if (stopDatabase)
                {
                    await ShellAsync(crash.StopDatabase!, ct);
                }

                await app.DisposeAsync(); // SIGKILL of the app's process tree
                await stop.CancelAsync();
                await Task.WhenAll([import, .. writers]);
                if (stopDatabase)
                {
                    await ShellAsync(crash.StartDatabase!, ct);
                }
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            failures.AddRange(await IntegrityAsync(context.Options, ct));
            afterCrash = await FiguresAsync(services, sheet.CampaignId, ct);
            var audited = await ImportAuditedAsync(services, sheet.CampaignId, ct);
            if (afterCrash != 0 && afterCrash != crash.Rows)
            {
                failures.Add($"partial import: {afterCrash} of {crash.Rows} figures");
            }

            if (importDone && afterCrash != crash.Rows)
            {
                failures.Add($"the import was acknowledged but {afterCrash} of {crash.Rows} figures are there");
            }

            if (audited != (afterCrash > 0))
            {
                failures.Add(
                    $"the import's audit entry {(audited ? "exists" : "is missing")} with {afterCrash} figures"
                );
            }

            int[] ids;
            lock (acknowledged)
            {
                ids = [.. acknowledged];
            }

            var lost = await MissingPetitionsAsync(services, ids, ct);
            if (lost > 0)
            {
                failures.Add($"{lost} acknowledged petition(s) lost");
            }

            long afterRerun;
            {
                // The app restarted on the database: the same file again.
                await using var app = await AppProcess.StartAsync(context, ct, staticFiles: false);
                using var http = Client(app, token);
                await ImportAsync(http, sheet.CampaignId, file, ct);
                afterRerun = await FiguresAsync(services, sheet.CampaignId, ct);
                if (afterRerun != crash.Rows)
                {
                    failures.Add($"the re-run import left {afterRerun} figures, not {crash.Rows}");
                }
            }

            failures.AddRange(await SummariesAsync(services, ct));
            var result = new CrashTrial(
                trial,
                killAfter,
                stopDatabase,
                importDone,
                afterCrash,
                afterRerun,
                ids.Length,
                lost,
                failures
            );
            results.Add(result);
            context.Say(
                $"R1 trial {trial}: killed after {killAfter:0.00} s{(stopDatabase ? " with the database server" : "")}; import {(importDone ? "acknowledged" : "cut off")}, {afterCrash:N0} figures after the crash, {afterRerun:N0} after the re-run; {ids.Length} petitions acknowledged, {lost} lost; {(failures.Count == 0 ? "ok" : string.Join("; ", failures))}"
            );
        }

        File.Delete(file);
        return results;
    }

    private static bool Summarize(
        IReadOnlyList<CrashTrial> trials,
        CrashOptions crash,
        BenchOptions options,
        TextWriter output
    )
    {
        var failed = trials.Where(t => t.Failures.Count > 0).ToList();
        output.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"R1 on {options.ProviderName}: {trials.Count} trials of a {crash.Rows:N0}-row import with {crash.Writers} petition writers; "
                    + $"{trials.Count(t => t.DatabaseStopped)} with the database server stopped too; "
                    + $"imports cut off {trials.Count(t => t.FiguresAfterCrash == 0)}, committed before the kill {trials.Count(t => t.FiguresAfterCrash == crash.Rows)}, "
                    + $"partial {trials.Count(t => t.FiguresAfterCrash != 0 && t.FiguresAfterCrash != crash.Rows)}; "
                    + $"petitions acknowledged {trials.Sum(t => t.PetitionsAcknowledged)}, lost {trials.Sum(t => t.PetitionsLost)}; "
                    + $"trials failed {failed.Count}"
            )
        );
        foreach (var t in failed)
        {
            output.WriteLine($"  trial {t.Number}: {string.Join("; ", t.Failures)}");
        }

        return failed.Count == 0;
    }

    private static HttpClient Client(AppProcess app, string token) =>
        TrialSite.Client(app.BaseAddress, token, TimeSpan.FromMinutes(10));

    private static async Task ImportAsync(HttpClient http, int campaignId, string file, CancellationToken ct)
    {
        using var content = new MultipartFormDataContent();
        await using var stream = File.OpenRead(file);
        content.Add(new StreamContent(stream), "file", Path.GetFileName(file));
        using var response = await http.PostAsync($"/api/v1/campaigns/{campaignId}/import?preview=false", content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException(
                $"R1: the import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}"
            );
        }
    }

    /// <summary>Records petitions one after another until stopped; the ids whose creation was answered 201 go
    /// into <paramref name="acknowledged"/>.</summary>
    private static async Task WritePetitionsAsync(
        HttpClient http,
        TrialSite site,
        int trial,
        int writer,
        List<int> acknowledged,
        CancellationToken ct
    )
    {
        for (var n = 0; !ct.IsCancellationRequested; n++)
        {
            try
            {
                using var request = site.Petition($"Kiểm thử sự cố {trial}-{writer}-{n}", $"crash-{Guid.NewGuid():N}");
                using var response = await http.SendAsync(request, ct);
                if (response.StatusCode == System.Net.HttpStatusCode.Created)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    var id = json.RootElement.GetProperty("id").GetInt32();
                    lock (acknowledged)
                    {
                        acknowledged.Add(id);
                    }
                }
                else if ((int)response.StatusCode < 500)
                {
                    throw new BenchException(
                        $"R1: recording a petition answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}"
                    );
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // the app is gone
            }
        }
    }

    private static async Task ShellAsync(string command, CancellationToken ct)
    {
        var (exit, text) = await Tool.RunAsync("/bin/sh", ["-c", command], TimeSpan.FromMinutes(2), ct);
        if (exit != 0)
        {
            throw new BenchException($"R1: `{command}` failed (exit {exit}): {text}");
        }
    }

    /// <summary>SQLite: <c>PRAGMA integrity_check</c> and the foreign keys; PostgreSQL: the server answers after its
    /// crash recovery.</summary>
    private static async Task<IReadOnlyList<string>> IntegrityAsync(BenchOptions options, CancellationToken ct)
    {
        await using var connection = await BenchSql.OpenAsync(options, ct);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return await BenchSql.ScalarAsync(connection, "SELECT 1", ct) == 1 ? [] : ["the server did not answer"];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var verdict = (string?)await command.ExecuteScalarAsync(ct);
        command.CommandText = "PRAGMA foreign_key_check";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var orphans = 0;
        while (await reader.ReadAsync(ct))
        {
            orphans++;
        }

        return
        [
            .. verdict == "ok" ? [] : new[] { $"integrity_check: {verdict}" },
            .. orphans == 0 ? [] : new[] { $"foreign_key_check: {orphans} orphan row(s)" },
        ];
    }

    private static async Task<long> FiguresAsync(IServiceProvider services, int campaignId, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<DanVanDbContext>()
            .CampaignFigures.LongCountAsync(f => f.CampaignId == campaignId, ct);
    }

    private static async Task<bool> ImportAuditedAsync(IServiceProvider services, int campaignId, CancellationToken ct)
    {
        var id = campaignId.ToString(CultureInfo.InvariantCulture);
        await using var scope = services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<DanVanDbContext>()
            .AuditEntries.AnyAsync(
                a => a.Action == AuditAction.FiguresImported && a.EntityType == nameof(Campaign) && a.EntityId == id,
                ct
            );
    }

    private static async Task<int> MissingPetitionsAsync(IServiceProvider services, int[] ids, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var found = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            found += await db.Petitions.CountAsync(p => chunk.Contains(p.Id), ct);
        }

        return ids.Length - found;
    }

    private static async Task<IReadOnlyList<string>> SummariesAsync(IServiceProvider services, CancellationToken ct)
    {
        var failures = new List<string>();
        foreach (var check in new[] { "check-campaigns", "check-statistics" })
        {
            var text = new StringWriter();
            if (await OperatorCommands.RunAsync(services, check, [], text) != 0)
            {
                failures.Add($"{check}: {text.ToString().Trim()}");
            }
        }

        return failures;
    }
}
