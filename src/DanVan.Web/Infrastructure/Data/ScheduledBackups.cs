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
/// <see cref="BackupOptions.Keep"/>. With several instances on one database, the job's lease makes one of them
/// write each period's backup; the folder should be one they share (or configure it on one instance).
/// </summary>
public sealed class ScheduledBackups(
    IServiceScopeFactory scopes,
    Jobs.JobLeases leases,
    IOptions<BackupOptions> options,
    TimeProvider clock,
    ILogger<ScheduledBackups> log
) : Jobs.ScheduledJob(leases, clock, log)
{
    public const string Prefix = "danvan-";

    public override string Name => "scheduled-backup";

    public override TimeSpan Interval =>
        string.IsNullOrWhiteSpace(options.Value.Folder) || options.Value.IntervalHours <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromHours(options.Value.IntervalHours);

    protected override async Task WorkAsync(IServiceProvider services, CancellationToken ct)
    {
        var file = await BackupNowAsync(ct);
        Log.LogInformation("Scheduled backup written to {File}", file);
    }

    /// <summary>One backup into the folder, then the folder pruned to the newest ones kept. Returns the file.</summary>
    public async Task<string> BackupNowAsync(CancellationToken ct)
    {
        var o = options.Value;
        var folder = o.Folder ?? throw new BackupException("Backup:Folder is not set.");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(
            folder,
            $"{Prefix}{Clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.zip"
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
