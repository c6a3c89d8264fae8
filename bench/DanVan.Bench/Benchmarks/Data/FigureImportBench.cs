using System.Diagnostics;
using System.Globalization;
using DanVan.Bench.Generate;
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
/// (MiniExcel) plus a bulk insert of the same figures (<see cref="BulkWriter"/>). The peak resident set of the process
/// during the import is read from VmHWM after resetting it.
/// The bar's file has 100,000 rows; the app refuses more than <see cref="CampaignRules.MaxCells"/> cells in one
/// import, so the largest file it accepts is measured, and the 100,000-row file's refusal is reported beside it.
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
        // A quick run imports a quarter of the largest accepted file (the same code path, a fifth of the wait).
        var rows = Math.Min(BarRows, CampaignRules.MaxCells) / (context.Quick ? 4 : 1);
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
        var barFile = Path.Combine(folder, $"p5-{Environment.ProcessId}-{BarRows}.xlsx");
        int? campaignId = null;
        try
        {
            var sheet = await SheetCampaign.CreateAsync(officer, ct);
            campaignId = sheet.CampaignId;
            await sheet.WriteAsync(file, rows, ct);
            await sheet.WriteAsync(barFile, BarRows, ct);
            context.Say(
                $"P5: campaign {sheet.CampaignId} ({sheet.Villages.Count} villages × {sheet.Periods} days); files of {rows:N0} rows ({new FileInfo(file).Length / 1024:N0} KB) and {BarRows:N0} rows ({new FileInfo(barFile).Length / 1024:N0} KB)"
            );

            // The bar's file, as it stands: the app's answer (it writes nothing when it refuses).
            var refusal = await RefusalAsync(officer, sheet.CampaignId, barFile, ct);
            context.Say($"P5: the {BarRows:N0}-row file: {refusal}");

            // The import, measured: time and the process's peak resident set.
            ProcessMemory.SettledHeap();
            var resident = ProcessMemory.ResidentMb();
            var peakReset = ProcessMemory.ResetPeak();
            var clock = Stopwatch.StartNew();
            FigureImportResult imported;
            await using (var scope = officer.Scope())
            await using (var stream = File.OpenRead(file))
            {
                var import = scope.ServiceProvider.GetRequiredService<ImportFigures>();
                var result = await import.CommitAsync(sheet.CampaignId, stream, Path.GetFileName(file), null, null, ct);
                if (!result.IsOk || !result.Value.Committed || result.Value.New != rows)
                {
                    throw new BenchException(
                        $"P5: the import did not write the {rows} figures: {result.Error?.Message ?? string.Join("; ", result.Value!.Problems.Take(3).Select(p => $"row {p.Row}: {p.Message}"))}"
                    );
                }

                imported = result.Value;
            }

            var importSeconds = clock.Elapsed.TotalSeconds;
            var peak = ProcessMemory.PeakMb();
            context.Say(
                $"P5: import of {imported.Rows:N0} rows ({imported.New:N0} new figures) in {importSeconds:0.00} s; resident set {resident:0} MB before, peak {peak:0} MB{(peakReset ? "" : " (VmHWM could not be reset)")}"
            );

            // The baseline: the same file read by the same reader, the same figures written in bulk.
            await sheet.ClearFiguresAsync(context.Options, ct);
            clock.Restart();
            var figures = sheet.ReadFigures(file);
            var readSeconds = clock.Elapsed.TotalSeconds;
            await using (var scope = context.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
                await using var writer = BulkWriter.For(db, new Progress(TextWriter.Null));
                await writer.WriteAsync(figures, ct);
            }

            var baselineSeconds = clock.Elapsed.TotalSeconds;
            context.Say(
                $"P5: raw read {readSeconds:0.00} s + bulk insert {baselineSeconds - readSeconds:0.00} s of {figures.Count:N0} figures"
            );
            var what = string.Create(
                CultureInfo.InvariantCulture,
                $"{rows:N0}-row figure import (.xlsx, the template's layout, a province's officer)"
            );
            var limited =
                rows < BarRows
                    ? $"; the app refuses the bar's {BarRows:N0}-row file ({refusal}), so {(context.Quick ? "a quarter of its largest accepted file (quick run)" : "its largest accepted file")} was measured"
                    : "";
            return
            [
                new BenchResult(
                    "P5",
                    what,
                    "ImportFigures.CommitAsync ÷ (MiniExcel read of the same file + bulk insert of the same figures)",
                    importSeconds / baselineSeconds,
                    "ratio",
                    Limit.AtMost,
                    RatioLimit,
                    $"import {importSeconds:0.00} s, read {readSeconds:0.00} s + insert {baselineSeconds - readSeconds:0.00} s; load average {QueryBars.LoadAverage()}{limited}"
                ),
                new BenchResult(
                    "P5",
                    what,
                    "peak working set of the process during the import (VmHWM, reset before)",
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
            File.Delete(barFile);
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

    private static async Task<string> RefusalAsync(BenchUser officer, int campaignId, string file, CancellationToken ct)
    {
        await using var scope = officer.Scope();
        await using var stream = File.OpenRead(file);
        var import = scope.ServiceProvider.GetRequiredService<ImportFigures>();
        var result = await import.CommitAsync(campaignId, stream, Path.GetFileName(file), null, null, ct);
        return !result.IsOk ? result.Error.Message
            : result.Value.Committed ? "imported"
            : string.Join("; ", result.Value.Problems.Take(2).Select(p => $"row {p.Row}: {p.Message}"));
    }
}
