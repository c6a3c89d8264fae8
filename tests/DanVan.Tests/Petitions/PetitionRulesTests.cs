using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Petitions;

namespace DanVan.Tests.Petitions;

/// <summary>The pure rules: the working-day calendar, tracking codes, the median, the dialogue conference checks, the
/// lifecycle table.</summary>
public sealed class PetitionRulesTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Working_days_skip_weekends_and_holidays_and_count_weekend_days_worked_in_exchange()
    {
        var plain = new WorkingDays([]);
        Assert.Equal(D(2026, 12, 14), plain.Add(D(2026, 11, 16), 20)); // Monday + 20 working days: four weeks later
        Assert.Equal(D(2026, 11, 23), plain.Add(D(2026, 11, 20), 1)); // Friday + 1 → Monday
        Assert.Equal(D(2026, 11, 21), plain.Add(D(2026, 11, 21), 0));

        // 2 September 2026 is a Wednesday; 1 September a Tuesday (National Day holidays).
        var holidays = new WorkingDays([
            new CalendarDay { Date = D(2026, 9, 1), Name = "Quốc khánh" },
            new CalendarDay { Date = D(2026, 9, 2), Name = "Quốc khánh" },
        ]);
        Assert.Equal(D(2026, 9, 4), holidays.Add(D(2026, 8, 31), 2)); // Tue, Wed off → Thu, Fri
        Assert.False(holidays.IsWorkingDay(D(2026, 9, 2)));

        // A Saturday worked in exchange counts.
        var exchange = new WorkingDays([
            new CalendarDay
            {
                Date = D(2026, 11, 21),
                Name = "Làm bù",
                IsWorkingDay = true,
            },
        ]);
        Assert.Equal(D(2026, 11, 21), exchange.Add(D(2026, 11, 20), 1));
        Assert.Equal(2, exchange.Between(D(2026, 11, 20), D(2026, 11, 23)));
        Assert.Equal(1, plain.Between(D(2026, 11, 20), D(2026, 11, 23)));
        Assert.Equal(0, plain.Between(D(2026, 11, 23), D(2026, 11, 20)));
    }

    [Fact]
    public void Tracking_codes_are_random_readable_and_typed_loosely()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => PetitionRules.NewTrackingCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", c));
        var code = codes[0];
        Assert.Equal(
            code,
            PetitionRules.NormalizeCode(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal))
        );
        Assert.Equal("AB1CD-0EFGH", PetitionRules.NormalizeCode(" abicd-oefgh "));
        Assert.Null(PetitionRules.NormalizeCode("ABCDE-FGHI"));
        Assert.Null(PetitionRules.NormalizeCode("ABCDE-FGHIU"));
        Assert.Null(PetitionRules.NormalizeCode("' OR 1=1 --"));
        Assert.Null(PetitionRules.NormalizeCode(null));
    }

    [Fact]
    public void The_median_of_a_histogram_of_days()
    {
        Assert.Null(PetitionStatistics.Median([]));
        Assert.Equal(5, PetitionStatistics.Median([(5, 1)]));
        Assert.Equal(4, PetitionStatistics.Median([(3, 1), (5, 1)]));
        Assert.Equal(3, PetitionStatistics.Median([(1, 2), (3, 2), (40, 1)]));
        Assert.Equal(2, PetitionStatistics.Median([(1, 2), (3, 2)]));
        Assert.Equal(10, PetitionStatistics.Median([(20, 3), (10, 4), (0, 0)]));
    }

    [Fact]
    public void A_dialogue_conference_is_checked_against_the_seven_and_ten_day_rules()
    {
        var held = D(2026, 12, 10);
        var conference = new DialogueSession { Type = DialogueType.DialogueConference, HeldOn = held };
        Assert.Empty(DialogueRules.Check(conference, D(2026, 11, 30))); // 10 days ahead: notice not due yet
        Assert.Equal(
            [DialogueWarning.NoticeMissing],
            DialogueRules.Check(conference, D(2026, 12, 4)).Select(c => c.Warning)
        );
        conference.NoticePublishedOn = D(2026, 12, 5); // 5 days before
        var checks = DialogueRules.Check(conference, D(2026, 12, 12));
        Assert.Equal([DialogueWarning.NoticeLate, DialogueWarning.ResultsDue], checks.Select(c => c.Warning));
        Assert.Equal(5, checks[0].Days);
        Assert.Equal(D(2026, 12, 20), checks[1].Date);
        conference.NoticePublishedOn = D(2026, 12, 3); // exactly 7 days before
        Assert.Equal(
            [DialogueWarning.ResultsOverdue],
            DialogueRules.Check(conference, D(2026, 12, 21)).Select(c => c.Warning)
        );
        conference.ResultsPublishedOn = D(2026, 12, 20);
        Assert.Empty(DialogueRules.Check(conference, D(2026, 12, 21)));
        conference.ResultsPublishedOn = D(2026, 12, 22);
        Assert.Equal(
            [DialogueWarning.ResultsLate],
            DialogueRules.Check(conference, D(2026, 12, 23)).Select(c => c.Warning)
        );

        // Other kinds of session carry no such rule.
        Assert.Empty(
            DialogueRules.Check(
                new DialogueSession { Type = DialogueType.PeriodicReception, HeldOn = held },
                D(2027, 1, 30)
            )
        );
        Assert.Equal(1, DialogueRules.RequiredReceptionDays(DanVan.Web.Features.Units.UnitLevel.Province));
        Assert.Equal(2, DialogueRules.RequiredReceptionDays(DanVan.Web.Features.Units.UnitLevel.Commune));
    }

    [Fact]
    public void Every_status_but_the_final_ones_has_a_way_on_and_the_system_steps_are_never_offered()
    {
        foreach (var status in Enum.GetValues<PetitionStatus>().Except([PetitionStatus.Redirected]))
        {
            Assert.Contains(PetitionLifecycle.Transitions, t =>
                t.From.Contains(status) && t.Actor != PetitionActor.System
            );
        }

        Assert.DoesNotContain(PetitionLifecycle.Transitions, t => t.From.Contains(PetitionStatus.Redirected));
        Assert.All(PetitionLifecycle.Offered, a =>
            Assert.NotEqual(PetitionActor.System, PetitionLifecycle.Of(a).Actor)
        );
        Assert.True(PetitionLifecycle.Allows(PetitionStatus.Resolved, PetitionAction.Reopen));
        Assert.False(PetitionLifecycle.Allows(PetitionStatus.Received, PetitionAction.Answer));
        Assert.Equal("N••• V••• A•••", PersonalData.MaskName("Nguyễn Văn An"));
        Assert.Equal("•••••••••678", PersonalData.MaskTail("0912345678".PadLeft(12, '0')));
    }
}
