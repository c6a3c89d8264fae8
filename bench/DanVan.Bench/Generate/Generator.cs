using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Generate;

/// <summary>The <c>generate</c> command: an empty database migrated by the app, the data set written in bulk,
/// the indexes built once, the sequences moved, statistics gathered, the marker completed.</summary>
internal static class Generator
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken ct)
    {
        await options.EnsureServerAsync(ct);
        var (info, hasTables) = await Dataset.ReadAsync(options, ct);
        if (
            info is { Complete: true }
            && info.ScaleText == options.ScaleText
            && info.Seed == options.Seed
            && !options.Force
        )
        {
            await output.WriteLineAsync(
                $"The {options.ProviderName} database already holds the data set at scale {info.ScaleText} (seed {info.Seed}, {info.Rows:N0} rows): nothing to do."
            );
            return 0;
        }

        if (info is { Complete: true } && !options.Force)
        {
            throw new BenchException(
                $"The database holds the data set at scale {info.ScaleText} (seed {info.Seed}), not {options.ScaleText} (seed {options.Seed}): give --force to replace it."
            );
        }

        if (info is null && hasTables && !options.Force)
        {
            throw new BenchException(
                "The database holds tables but no generated data set (is it an app's database?): refused; give --force to replace it."
            );
        }

        if (info is { Complete: false })
        {
            await output.WriteLineAsync(
                $"The database holds an incomplete data set (a run started {info.StartedAt:u} was interrupted): starting over."
            );
        }

        await options.DropAsync(ct);
        await output.WriteLineAsync(
            $"Generating the data set at scale {options.ScaleText} on {options.ProviderName} (seed {options.Seed})."
        );

        var builder = Program.CreateBuilder(options.HostArgs());
        await using var app = builder.Build();
        var migrations = await DatabaseInitializer.MigrateAsync(app.Services, ct);
        await output.WriteLineAsync($"Migrated ({migrations.Count} migrations).");

        var progress = new Progress(output);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await using var writer = BulkWriter.For(db, progress);
            await writer.ExecuteAsync(Dataset.CreateSql(options), ct);
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync(ct);
            var indexes = await Dataset.IndexesAsync(options, conn, ct);
            await conn.CloseAsync();
            foreach (var (name, _) in indexes)
            {
                await writer.ExecuteAsync($"DROP INDEX \"{name}\"", ct);
            }

            await new NationalData(db, writer, options.Seed, output).RunAsync(options.Scale, ct);
            var written = progress.Total;
            var rate = progress.RowsPerSecond;
            await output.WriteLineAsync(
                $"Wrote {written:N0} rows in {progress.Elapsed:hh\\:mm\\:ss} ({rate:N0} rows/s). Building {indexes.Count} indexes…"
            );
            var indexClock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var (_, sql) in indexes)
            {
                await writer.ExecuteAsync(sql, ct);
            }

            await writer.FinishAsync(ct);
            // The statistics catalogue's summary rows, by the app's own recompute (the facts were written in bulk, past
            // the change tracker that keeps them in the app).
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await new StatisticCheck(db).RepairAsync(null, ct);
                await transaction.CommitAsync(ct);
            }

            await writer.ExecuteAsync(options.Provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE", ct);
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await writer.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
            }

            await output.WriteLineAsync($"Indexes and statistics in {indexClock.Elapsed:hh\\:mm\\:ss}.");
            await writer.ExecuteAsync(Dataset.CompleteSql(written, rate), ct);
            foreach (var (table, rows) in progress.Tables.OrderByDescending(t => t.Value))
            {
                await output.WriteLineAsync($"  {table, -24} {rows, 13:N0}");
            }

            await output.WriteLineAsync(
                $"Generated: {written:N0} rows, {rate:N0} rows/s while writing, {progress.Elapsed:hh\\:mm\\:ss} in all."
            );
        }

        return 0;
    }
}
