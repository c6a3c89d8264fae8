using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Demo;

/// <summary>What the demo's walks through the app's handlers share: a clock set to the day a step would have happened,
/// a member of a unit's staff acting, and Vietnam times of a day.</summary>
internal sealed class DemoClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class DemoActors
{
    /// <summary>A signed-in member of <paramref name="unit"/>'s staff in <paramref name="role"/>.</summary>
    public static CurrentUser Staff(Unit unit, Role role, string name)
    {
        var user = new CurrentUser();
        user.SignedIn(
            0,
            name,
            true,
            [new Grant(0, role, unit.Id, unit.Name, unit.Level, unit.ProvinceId, unit.CommuneId, unit.VillageId, null)],
            unit.Id
        );
        return user;
    }

    /// <summary><paramref name="hour"/> o'clock on <paramref name="day"/>, Vietnam time.</summary>
    public static DateTimeOffset At(DateOnly day, int hour) =>
        new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7));

    public static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
