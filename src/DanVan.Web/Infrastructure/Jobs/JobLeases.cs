using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Infrastructure.Jobs;

/// <summary>
/// One background job's lease (QUALITY.md R5): the period it last ran for, which instance holds it while it runs,
/// and until when. Several instances on one database share these rows, so each period's run happens once.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job's name (<see cref="ScheduledJob.Name"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The period last claimed: UTC ticks divided by the job's interval in ticks.</summary>
    public long Slot { get; set; } = -1;

    /// <summary>The instance that claimed it last (<see cref="JobLeases.Instance"/>).</summary>
    public string? Holder { get; set; }

    /// <summary>While a run is in progress, when its lease lapses (a crashed holder blocks no one past this).
    /// Null when no run is in progress.</summary>
    public DateTime? HeldUntil { get; set; }

    /// <summary>Runs claimed so far, on every instance together.</summary>
    public long Runs { get; set; }

    public DateTime? LastStartedAt { get; set; }
    public DateTime? LastFinishedAt { get; set; }

    /// <summary>Whether the last run finished without an error (null while it runs, or before the first).</summary>
    public bool? LastSucceeded { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Holder).HasMaxLength(200);
    }
}

/// <summary>
/// Runs a periodic job at most once per period across every instance on the database. A run claims its period with
/// one conditional update (<c>Slot &lt; period and no live lease</c>), which both databases apply atomically: the
/// second instance's update finds the row already claimed and changes nothing. The claim lasts one interval (at
/// least a minute), so a run longer than that, or a crashed holder, does not block the job for ever; a run that
/// crashed is not repeated in its own period, which the jobs allow (each sweep picks up what the last one left).
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> log)
{
    /// <summary>This instance's name in <see cref="JobLease.Holder"/>: host, process and a random part.</summary>
    public string Instance { get; } =
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The period <paramref name="at"/> falls in, for a job run every <paramref name="every"/>.</summary>
    public static long SlotOf(DateTime at, TimeSpan every) => at.Ticks / Math.Max(1, every.Ticks);

    /// <summary>Runs <paramref name="work"/> in a fresh scope if this instance claims the current period of
    /// <paramref name="name"/>; returns whether it ran. The work's exception propagates after the lease is
    /// released.</summary>
    public async Task<bool> RunAsync(
        string name,
        TimeSpan every,
        Func<IServiceProvider, CancellationToken, Task> work,
        CancellationToken ct
    )
    {
        if (!await ClaimAsync(name, every, ct))
        {
            return false;
        }

        var succeeded = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider, ct);
            succeeded = true;
        }
        finally
        {
            await ReleaseAsync(name, succeeded);
        }

        return true;
    }

    private async Task<bool> ClaimAsync(string name, TimeSpan every, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = SlotOf(now, every);
        var until = now + (every < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : every);
        if (!await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            db.JobLeases.Add(new JobLease { Name = name });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another instance created it at the same moment; the claim below decides.
            }

            db.ChangeTracker.Clear();
        }

        var instance = Instance;
        var claimed = await db
            .JobLeases.Where(l => l.Name == name && l.Slot < slot && (l.HeldUntil == null || l.HeldUntil < now))
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(l => l.Slot, slot)
                        .SetProperty(l => l.Holder, instance)
                        .SetProperty(l => l.HeldUntil, until)
                        .SetProperty(l => l.Runs, l => l.Runs + 1)
                        .SetProperty(l => l.LastStartedAt, now)
                        .SetProperty(l => l.LastSucceeded, (bool?)null),
                ct
            );
        return claimed == 1;
    }

    private async Task ReleaseAsync(string name, bool succeeded)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var instance = Instance;
            await db
                .JobLeases.Where(l => l.Name == name && l.Holder == instance)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(l => l.HeldUntil, (DateTime?)null)
                            .SetProperty(l => l.LastFinishedAt, now)
                            .SetProperty(l => l.LastSucceeded, succeeded),
                    CancellationToken.None
                );
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The lease lapses on its own at HeldUntil.
            log.LogWarning(e, "The lease of job {Job} could not be released; it lapses on its own", name);
        }
    }
}

/// <summary>
/// A periodic background job that runs once per <see cref="Interval"/> across all instances (through
/// <see cref="JobLeases"/>). Every instance ticks; the first to tick in a period runs it. An interval of zero or
/// less turns the job off in this instance.
/// </summary>
public abstract class ScheduledJob(JobLeases leases, TimeProvider clock, ILogger log) : BackgroundService
{
    protected ILogger Log { get; } = log;
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The name of its <see cref="JobLease"/> row.</summary>
    public abstract string Name { get; }

    /// <summary>How often it runs; zero or less for never in this instance.</summary>
    public abstract TimeSpan Interval { get; }

    /// <summary>One run's work, in its own scope.</summary>
    protected abstract Task WorkAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Runs the job now if no instance has run it in the current period; returns whether it ran.</summary>
    public Task<bool> RunOnceAsync(CancellationToken ct) =>
        Interval <= TimeSpan.Zero ? Task.FromResult(false) : leases.RunAsync(Name, Interval, WorkAsync, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            Log.LogInformation("The job {Job} is off in this instance", Name);
            return;
        }

        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LogError(e, "The job {Job} failed; it runs again in the next period", Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ScheduledJobRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> once, findable as itself and as a <see cref="ScheduledJob"/>
    /// (the tests run it by hand), and started with the host outside the "Testing" environment.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(
        this IServiceCollection services,
        IHostEnvironment environment
    )
        where TJob : ScheduledJob
    {
        services.AddSingleton<TJob>();
        services.AddSingleton<ScheduledJob>(sp => sp.GetRequiredService<TJob>());
        if (!environment.IsEnvironment("Testing"))
        {
            services.AddHostedService(sp => sp.GetRequiredService<TJob>());
        }

        return services;
    }
}
