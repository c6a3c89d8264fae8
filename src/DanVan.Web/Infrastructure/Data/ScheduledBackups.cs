using System.Globalization;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>The scheduled backup (<c>Backup</c> section): off unless a folder and an interval are set.</summary>
public sealed class BackupOptions
{
    /// <summary>Where the scheduled backups are written; none: no scheduled backup.</summary>
    public string? Folder { get; set; }

    /// <summary>Hours between two backups; 0: no scheduled backup.</summary>
    public double IntervalHours { get; set; }

    /// <summary>How many of the newest backups the folder keeps; the older ones are deleted after each backup.</summary>
    public int Keep { get; set; } = 14;
}

/// <summary>
/// Writes a backup (<see cref="DatabaseBackup"/>) to <see cref="BackupOptions.Folder"/> every
/// <see cref="BackupOptions.IntervalHours"/> hours, named by its time (UTC), and keeps the newest
/// <see cref="BackupOptions.Keep"/>. Run it on one instance only (README, production).
/// </summary>
public sealed class ScheduledBackups(
    IServiceScopeFactory scopes,
    IOptions<BackupOptions> options,
    TimeProvider clock,
    ILogger<ScheduledBackups> log
) : BackgroundService
{
    public const string Prefix = "danvan-";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Folder) || o.IntervalHours <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(o.IntervalHours), clock);
        do
        {
            try
            {
                var file = await RunOnceAsync(stoppingToken);
                log.LogInformation("Scheduled backup written to {File}", file);
            }
            catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
            {
                log.LogError(e, "The scheduled backup failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One backup into the folder, then the folder pruned to the newest ones kept. Returns the file.</summary>
    public async Task<string> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var folder = o.Folder ?? throw new BackupException("Backup:Folder is not set.");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(
            folder,
            $"{Prefix}{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.zip"
        );
        await using (var scope = scopes.CreateAsyncScope())
        {
            await DatabaseBackup.BackupAsync(scope.ServiceProvider.GetRequiredService<DanVanDbContext>(), file, ct);
        }

        foreach (
            var old in Directory
                .GetFiles(folder, $"{Prefix}*.zip")
                .OrderDescending(StringComparer.Ordinal)
                .Skip(Math.Max(1, o.Keep))
        )
        {
            File.Delete(old);
        }

        return file;
    }
}
