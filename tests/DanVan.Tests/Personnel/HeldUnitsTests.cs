using DanVan.Web.Features.Personnel;

namespace DanVan.Tests.Personnel;

/// <summary>The union of a unit's assignment periods: overlapping and touching periods join, gaps stay, an open end
/// swallows what follows, and the last representable day does not overflow.</summary>
public sealed class HeldUnitsTests
{
    private static DateOnly D(int day) => new DateOnly(2026, 1, 1).AddDays(day);

    [Fact]
    public void Periods_join_when_they_overlap_or_touch_and_stay_apart_across_a_gap()
    {
        var union = HeldUnits.Union([(D(10), D(20)), (D(0), D(5)), (D(6), D(8)), (D(15), D(30)), (D(40), null)]);
        Assert.Equal([(D(0), D(8)), (D(10), D(30)), (D(40), (DateOnly?)null)], union);
    }

    [Fact]
    public void A_period_ending_on_the_last_day_there_is_joins_what_starts_inside_it()
    {
        var union = HeldUnits.Union([(D(0), DateOnly.MaxValue), (D(5), D(9))]);
        Assert.Equal([(D(0), (DateOnly?)DateOnly.MaxValue)], union);
    }
}
