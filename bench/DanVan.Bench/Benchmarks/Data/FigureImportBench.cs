using System.Diagnostics;
using System.Globalization;
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
/// (MiniExcel) plus a bulk insert of the same figures (<see cref="BulkInsert"/>: binary COPY or prepared multi-row
/// INSERTs on the app's connection, foreign keys checked). The peak resident set of the process
/// during the import is read from VmHWM after resetting it.
/// The bar's file has 100,000 rows (<see cref="CampaignRules.MaxImportCells"/>, the most one import accepts); a quick
/// run imports a quarter of it.
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
        // A quick run imports a quarter of the bar's file (the same code path, a fifth of the wait).
        var rows = Math.Min(BarRows, CampaignRules.MaxImportCells) / (context.Quick ? 4 : 1);
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

            var importSeconds = Median(imports);
            var readSeconds = Median(reads);
            var baselineSeconds = Median(baselines);
            context.Say(
                $"P5: import of {rows:N0} rows in {importSeconds:0.00} s (median); resident set {resident:0} MB before, peak {peak:0} MB{(peakReset ? "" : " (VmHWM could not be reset)")}"
            );
            var what = string.Create(
                CultureInfo.InvariantCulture,
                $"{rows:N0}-row figure import (.xlsx, the template's layout, a province's officer)"
            );
            var limited = rows < BarRows ? $"; quick run: a quarter of the bar's {BarRows:N0} rows" : "";
            return
            [
                new BenchResult(
                    "P5",
                    what,
                    "ImportFigures.CommitAsync ÷ (MiniExcel read of the same file + bulk insert of the same figures, constraints checked)",
                    importSeconds / baselineSeconds,
                    "ratio",
                    Limit.AtMost,
                    RatioLimit,
                    $"import {importSeconds:0.00} s, read {readSeconds:0.00} s + insert {baselineSeconds - readSeconds:0.00} s, medians of {runs} runs taken in turn; load average {QueryBars.LoadAverage()}{limited}"
                ),
                new BenchResult(
                    "P5",
                    what,
                    "peak working set of the process during the imports (VmHWM, reset before each)",
                    peak,
                    "MB",
                    Limit.AtMost,
                    PeakLimitMb,
                    $"{resident:0} MB resident before the import, so it grew {peak - resident:0} MB{limited}"
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
