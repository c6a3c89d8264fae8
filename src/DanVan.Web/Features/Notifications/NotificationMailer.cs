using DanVan.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Features.Notifications;

/// <summary>
/// The background job that runs <see cref="NotificationMailing.SweepAsync"/> every
/// <see cref="NotificationMailOptions.SweepInterval"/>. Without SMTP configuration it says so once and stops; in
/// the "Testing" environment it stays off (tests call the sweep themselves) unless Notifications:RunInTesting is set.
/// </summary>
internal sealed class NotificationMailer(
    JobLeases leases,
    TimeProvider clock,
    IOptions<SmtpOptions> smtp,
    IOptions<NotificationMailOptions> options,
    IHostEnvironment environment,
    ILogger<NotificationMailer> log
) : BackgroundService
{
    private int sweeps;

    /// <summary>Sweeps done so far, whatever they found (the tests wait for one instead of for wall-clock
    /// time).</summary>
    public int Sweeps => Volatile.Read(ref sweeps);

    /// <summary>Raised after every sweep.</summary>
    public event Action? Swept;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (environment.IsEnvironment("Testing") && !options.Value.RunInTesting)
        {
            return;
        }

        if (!smtp.Value.IsConfigured)
        {
            log.LogInformation(
                "Notification e-mail is off: Smtp:Host and Smtp:From are not configured. Notifications are shown in the app only."
            );
            return;
        }

        var interval =
            options.Value.SweepInterval > TimeSpan.Zero ? options.Value.SweepInterval : TimeSpan.FromMinutes(1);
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                await SweepOnceAsync(interval, stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    /// <summary>The name of its lease: with several instances, one of them sweeps each period.</summary>
    public const string JobName = "notification-mail";

    private async Task SweepOnceAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            var ran = await leases.RunAsync(
                JobName,
                interval,
                async (services, token) =>
                {
                    var mailing = services.GetRequiredService<NotificationMailing>();
                    var sweep = await mailing.SweepAsync(clock.GetUtcNow(), token);
                    if (sweep.Urgent + sweep.Digests > 0)
                    {
                        log.LogInformation(
                            "Notification e-mail: {Urgent} urgent, {Digests} digest(s) sent.",
                            sweep.Urgent,
                            sweep.Digests
                        );
                    }
                },
                ct
            );
            if (!ran)
            {
                return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A mail server or database hiccup must not end the job: the next sweep tries again.
            log.LogWarning(e, "Notification e-mail sweep failed; retrying on the next sweep.");
        }

        Interlocked.Increment(ref sweeps);
        Swept?.Invoke();
    }
}
