using System.Diagnostics;
using System.Globalization;
using DanVan.Bench.Benchmarks.Http;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>
/// P5, imports stream: a sheet of campaign figures in the layout of the app's own template
/// (<see cref="ImportFigures.TemplateAsync"/>: code, name, period, one column per indicator) committed by the app's
/// own import (<see cref="ImportFigures.CommitAsync"/>, as the province's officer, into a daily campaign created for
/// the benchmark through the app and deleted afterwards), against reading the same file with the same reader
/// (ExcelDataReader, as the app) plus a bulk insert of the same figures (<see cref="BulkInsert"/>: binary COPY or prepared multi-row
/// INSERTs on the app's connection, foreign keys checked). The peak resident set is the app's own: the published app
/// started as a process, the file posted to its import API (<see cref="AppPeakAsync"/>); the bench's own process, which
/// also holds the harness, reports its growth during the in-process imports beside it (VmHWM after a reset).
/// The bar's file has 100,000 rows (<see cref="CampaignRules.MaxImportCells"/>, the most one import accepts); a quick
/// run imports a tenth of it.
/// </summary>
internal static class FigureImportBench
{
    public const int BarRows = 100_000;
    public const double RatioLimit = 2;
    public const double PeakLimitMb = 300;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken ct)
    {
        // The province with the most villages: its villages × days must hold the bar's rows within a campaign's span.
        int province;
        await using (var scope = context.Services.CreateAsyncScope())
        {
            province = await scope
                .ServiceProvider.GetRequiredService<DanVanDbContext>()
                .Units.Where(u => u.Level == UnitLevel.Village && u.ValidTo == null)
                .GroupBy(u => u.ProvinceId!.Value)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key)
                .Select(g => g.Key)
                .FirstAsync(ct);
        }

        var officer = await BenchUser.SignInAsync(context, "officer", province, ct);
        // A quick run imports a tenth of the bar's file (the same code path; the national run is the reference).
        var rows = Math.Min(BarRows, CampaignRules.MaxImportCells) / (context.Quick ? 10 : 1);
        long lastAudit;
        await using (var connection = await BenchSql.OpenAsync(context.Options, ct))
        {
            lastAudit = await BenchSql.ScalarAsync(
                connection,
                """SELECT COALESCE(MAX("Id"), 0) FROM "AuditEntries" """,
                ct
            );
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "danvan-bench")).FullName;
        var file = Path.Combine(folder, $"p5-{Environment.ProcessId}-{rows}.xlsx");
        int? campaignId = null;
        try
        {
            var sheet = await SheetCampaign.CreateAsync(officer, ct);
            campaignId = sheet.CampaignId;
            await sheet.WriteAsync(file, rows, ct);
            context.Say(
                $"P5: campaign {sheet.CampaignId} ({sheet.Villages.Count} villages × {sheet.Periods} days); a file of {rows:N0} rows ({new FileInfo(file).Length / 1024:N0} KB)"
            );

            // The import and the baseline in turn, each on an empty campaign, medians of a few runs: the first run of
            // each pays for compiling its code, which is not what the bar measures.
            var runs = context.Quick ? 5 : 3;
            var imports = new List<double>();
            var reads = new List<double>();
            var baselines = new List<double>();
            double resident = 0,
                peak = 0;
            var peakReset = true;
            var clock = new Stopwatch();
            for (var run = 0; run < runs; run++)
            {
                // The import, measured: time and the process's peak resident set.
                ProcessMemory.SettledHeap();
                resident = Math.Max(resident, ProcessMemory.ResidentMb());
                peakReset &= ProcessMemory.ResetPeak();
                clock.Restart();
                await using (var scope = officer.Scope())
                await using (var stream = File.OpenRead(file))
                {
                    var import = scope.ServiceProvider.GetRequiredService<ImportFigures>();
                    var result = await import.CommitAsync(
                        sheet.CampaignId,
                        stream,
                        Path.GetFileName(file),
                        null,
                        null,
                        ct
                    );
                    if (!result.IsOk || !result.Value.Committed || result.Value.New != rows)
                    {
                        throw new BenchException(
                            $"P5: the import did not write the {rows} figures: {result.Error?.Message ?? string.Join("; ", result.Value!.Problems.Take(3).Select(p => $"row {p.Row}: {p.Message}"))}"
                        );
                    }
                }

                imports.Add(clock.Elapsed.TotalSeconds);
                peak = Math.Max(peak, ProcessMemory.PeakMb());
                await sheet.ClearFiguresAsync(context.Options, ct);

                // The baseline: the same file read by the same reader, the same figures written in bulk.
                clock.Restart();
                var figures = sheet.ReadFigures(file);
                reads.Add(clock.Elapsed.TotalSeconds);
                await using (var scope = context.Services.CreateAsyncScope())
                {
                    // The provider's bulk path on the app's own connection, constraints checked as for the import
                    // (the generator's writer turns foreign keys off, which no request may do).
                    var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await BulkInsert.InsertAsync(db, figures, ct);
                    await transaction.CommitAsync(ct);
                }

                baselines.Add(clock.Elapsed.TotalSeconds);
                await sheet.ClearFiguresAsync(context.Options, ct);
                context.Say(
                    $"P5: run {run + 1} of {runs}: import {imports[^1]:0.00} s; raw read {reads[^1]:0.00} s + bulk insert {baselines[^1] - reads[^1]:0.00} s"
                );
            }

            var importSeconds = ProcessMemory.Median(imports);
            var readSeconds = ProcessMemory.Median(reads);
            var baselineSeconds = ProcessMemory.Median(baselines);
            context.Say(
                $"P5: import of {rows:N0} rows in {importSeconds:0.00} s (median); resident set {resident:0} MB before, peak {peak:0} MB{(peakReset ? "" : " (VmHWM could not be reset)")}"
            );
            // The peak working set as a deployment sees it: the app's own process, the file posted to its API.
            var app = await AppPeakAsync(context, sheet, officer, file, ct);
            context.Say(
                $"P5: the app process: {app.Before:0} MB resident after a warm-up import, peak {app.Peak:0} MB while importing the file over the API in {app.Seconds:0.00} s"
            );
            var what = string.Create(
                CultureInfo.InvariantCulture,
                $"{rows:N0}-row figure import (.xlsx, the template's layout, a province's officer)"
            );
            var limited = rows < BarRows ? $"; quick run: a tenth of the bar's {BarRows:N0} rows" : "";
            return
            [
                new BenchResult(
                    "P5",
                    what,
                    "ImportFigures.CommitAsync ÷ (ExcelDataReader read of the same file + bulk insert of the same figures, constraints checked)",
                    importSeconds / baselineSeconds,
                    "ratio",
                    Limit.AtMost,
                    RatioLimit,
                    $"import {importSeconds:0.00} s, read {readSeconds:0.00} s + insert {baselineSeconds - readSeconds:0.00} s, medians of {runs} runs taken in turn; load average {QueryBars.LoadAverage()}{limited}"
                ),
                new BenchResult(
                    "P5",
                    what,
                    "peak working set of the app's process while it imports the file over its API (VmHWM of the published app, reset after a warm-up import of 1,000 rows)",
                    app.Peak,
                    "MB",
                    Limit.AtMost,
                    PeakLimitMb,
                    $"{app.Before:0} MB resident before, so the import added {app.Peak - app.Before:0} MB; {app.Seconds:0.00} s over HTTP; in the bench's own process the imports above added {peak - resident:0} MB to {resident:0} MB{limited}"
                ),
            ];
        }
        finally
        {
            File.Delete(file);
            await using var connection = await BenchSql.OpenAsync(context.Options, ct);
            await BenchSql.WithoutForeignKeysAsync(connection, ct);
            if (campaignId is { } id)
            {
                await using var scope = context.Services.CreateAsyncScope();
                var model = scope.ServiceProvider.GetRequiredService<DanVanDbContext>().Model;
                await SheetCampaign.DeleteAsync(connection, model, id, ct);
            }

            await BenchSql.ExecuteAsync(
                connection,
                $"""DELETE FROM "AuditEntries" WHERE "Id" > {lastAudit} AND "AccountId" = {officer.AccountId}""",
                ct
            );
        }
    }

    /// <summary>
    /// Starts the published app (<see cref="AppProcess"/>) on the same database, signs the officer in, takes an API
    /// token and posts a 1,000-row file to warm the import's code, clears it, resets the process's peak and posts the
    /// measured file; the figures are cleared again and the token revoked.
    /// </summary>
    private static async Task<(double Before, double Peak, double Seconds)> AppPeakAsync(
        BenchContext context,
        SheetCampaign sheet,
        BenchUser officer,
        string file,
        CancellationToken ct
    )
    {
        string email;
        await using (var scope = context.Services.CreateAsyncScope())
        {
            email = await scope
                .ServiceProvider.GetRequiredService<DanVanDbContext>()
                .Users.Where(a => a.Id == officer.AccountId)
                .Select(a => a.Email!)
                .SingleAsync(ct);
        }

        var warmFile = Path.Combine(Path.GetDirectoryName(file)!, $"p5-{Environment.ProcessId}-warm.xlsx");
        await using var app = await AppProcess.StartAsync(context, ct);
        using var site = new SiteClient(app.BaseAddress);
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        await site.SignInAsync(email, HttpScene.Password, ct);
        var token = await site.CreateTokenAsync("bench-p5", ct);
        try
        {
            await sheet.WriteAsync(warmFile, 1000, ct);
            await PostAsync(http, token, sheet.CampaignId, warmFile, ct);
            await sheet.ClearFiguresAsync(context.Options, ct);
            var before = app.WorkingSetMegabytes();
            app.ResetPeak();
            var clock = Stopwatch.StartNew();
            await PostAsync(http, token, sheet.CampaignId, file, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = app.PeakWorkingSetMegabytes();
            return (before, peak, seconds);
        }
        finally
        {
            File.Delete(warmFile);
            await site.RevokeTokensAsync(ct);
            await sheet.ClearFiguresAsync(context.Options, ct);
        }
    }

    private static async Task PostAsync(
        HttpClient http,
        string token,
        int campaignId,
        string file,
        CancellationToken ct
    )
    {
        using var content = new MultipartFormDataContent();
        await using var stream = File.OpenRead(file);
        content.Add(new StreamContent(stream), "file", Path.GetFileName(file));
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"/api/v1/campaigns/{campaignId}/import?preview=false"
        )
        {
            Content = content,
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException(
                $"P5: the app's import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}"
            );
        }
    }
}
