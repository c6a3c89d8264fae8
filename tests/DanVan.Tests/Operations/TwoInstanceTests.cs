using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Operations;

/// <summary>
/// QUALITY.md R5: two instances of the app on one database. Each period of every background job runs once across
/// them (the job lease), a run in progress holds the job, a crashed holder blocks it only until its lease lapses,
/// and a session signed in on one instance is valid on the other (the data-protection keys are in the database).
/// </summary>
public sealed class TwoInstanceTests(FakeClockApp app) : IClassFixture<FakeClockApp>, IAsyncLifetime
{
    private SecondInstance second = default!;

    public ValueTask InitializeAsync()
    {
        second = new SecondInstance(app, app.Clock);
        _ = second.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await second.DisposeAsync();

    private static ScheduledJob[] JobsOf(IServiceProvider services) =>
        [.. services.GetServices<ScheduledJob>().Where(j => j.Interval > TimeSpan.Zero).OrderBy(j => j.Name)];

    private Task<JobLease?> LeaseAsync(string name) =>
        app.WithDbAsync(db => db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name));

    [Fact]
    public async Task Every_job_runs_once_per_period_when_both_instances_tick_together()
    {
        var first = JobsOf(app.Services);
        var other = JobsOf(second.Services);
        Assert.Equal(
            [
                "idempotency-cleanup",
                "petition-sweep",
                "privacy-request-reminders",
                "program-alerts",
                "report-rounds-and-reminders",
            ],
            first.Select(j => j.Name)
        );
        Assert.Equal(first.Select(j => j.Name), other.Select(j => j.Name));

        for (var period = 1; period <= 2; period++)
        {
            for (var i = 0; i < first.Length; i++)
            {
                // Three ticks on each instance at the same moment: one of the six runs the job.
                var ticks = Enumerable
                    .Range(0, 3)
                    .SelectMany(_ => new[] { first[i].RunOnceAsync(default), other[i].RunOnceAsync(default) })
                    .ToArray();
                var ran = await Task.WhenAll(ticks);
                Assert.Equal(1, ran.Count(r => r));

                var lease = await LeaseAsync(first[i].Name);
                Assert.NotNull(lease);
                Assert.Equal(period, lease.Runs);
                Assert.True(lease.LastSucceeded);
                Assert.Null(lease.HeldUntil);
            }

            // The next period: the longest interval (an hour) moves every job on.
            app.Clock.Advance(first.Max(j => j.Interval));
        }
    }

    [Fact]
    public async Task A_run_in_progress_holds_the_job_and_a_crashed_holder_only_until_its_lease_lapses()
    {
        var leasesA = app.Services.GetRequiredService<JobLeases>();
        var leasesB = second.Services.GetRequiredService<JobLeases>();
        Assert.NotEqual(leasesA.Instance, leasesB.Instance);
        var every = TimeSpan.FromMinutes(5);
        var started = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var runsB = 0;

        var running = leasesA.RunAsync(
            "probe",
            every,
            async (_, _) =>
            {
                started.SetResult();
                await finish.Task;
            },
            default
        );
        await started.Task;
        Assert.Equal(leasesA.Instance, (await LeaseAsync("probe"))!.Holder);

        // The next period begins while A still runs: B does not start a second run beside it.
        app.Clock.Advance(every);
        Assert.False(await leasesB.RunAsync("probe", every, (_, _) => Task.FromResult(runsB++), default));
        finish.SetResult();
        Assert.True(await running);

        // A is done: B takes the new period, once.
        Assert.True(await leasesB.RunAsync("probe", every, (_, _) => Task.FromResult(runsB++), default));
        Assert.False(await leasesB.RunAsync("probe", every, (_, _) => Task.FromResult(runsB++), default));
        Assert.Equal(1, runsB);

        // An instance that died in the middle of a run: its lease holds the job until it lapses, then B runs it.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db =>
            db.JobLeases.Where(l => l.Name == "probe")
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(l => l.Holder, "gone/1/dead")
                        .SetProperty(l => l.Slot, JobLeases.SlotOf(now, every) + 1)
                        .SetProperty(l => l.HeldUntil, now + every + every)
                )
        );
        app.Clock.Advance(every + every);
        Assert.False(await leasesB.RunAsync("probe", every, (_, _) => Task.FromResult(runsB++), default));
        app.Clock.Advance(every);
        Assert.True(await leasesB.RunAsync("probe", every, (_, _) => Task.FromResult(runsB++), default));
        Assert.Equal(2, runsB);

        // A failing run releases its lease and says so.
        app.Clock.Advance(every);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            leasesA.RunAsync("probe", every, (_, _) => throw new InvalidOperationException("boom"), default)
        );
        var lease = await LeaseAsync("probe");
        Assert.False(lease!.LastSucceeded);
        Assert.Null(lease.HeldUntil);
        Assert.Equal(4, lease.Runs);
    }

    [Fact]
    public async Task A_session_signed_in_on_one_instance_is_valid_on_the_other()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var cookies = new CookieContainer();
        await app.SignInAsync(officer, app.NewPageClient(cookies));

        using var there = new PageClient(
            second.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies))
        );
        var (response, page) = await there.GetPageAsync("/organizations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Test Officer {app.Tree.C1.Name}", page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // Without the cookie the second instance sends the caller to sign in.
        using var anonymous = second.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        var refused = await anonymous.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
