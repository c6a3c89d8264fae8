using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// The app on a fake clock fixed at Monday 16 November 2026, 09:00 in Vietnam, so deadlines in working days and
/// campaign
/// periods are known in advance; tests move the clock or back-date rows rather than wait.
/// </summary>
public class FakeClockApp : DanVanApp
{
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(7));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<TimeProvider>(Clock);
    }
}
