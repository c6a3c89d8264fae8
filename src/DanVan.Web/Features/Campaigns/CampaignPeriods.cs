namespace DanVan.Web.Features.Campaigns;

/// <summary>Periods of a reporting frequency, clamped to the campaign's dates.</summary>
public static class CampaignPeriods
{
    /// <summary>The first day of the period a date falls in (never before the campaign's start).</summary>
    public static DateOnly PeriodOf(DateOnly date, ReportingFrequency frequency, DateOnly campaignStart)
    {
        var start = frequency switch
        {
            ReportingFrequency.Daily => date,
            ReportingFrequency.Weekly => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
            ReportingFrequency.Monthly => new DateOnly(date.Year, date.Month, 1),
            _ => campaignStart,
        };
        return start < campaignStart ? campaignStart : start;
    }

    /// <summary>Every period of the campaign for a frequency, in order.</summary>
    public static IEnumerable<DateOnly> All(ReportingFrequency frequency, DateOnly start, DateOnly end)
    {
        var last = DateOnly.MinValue;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var period = PeriodOf(day, frequency, start);
            if (period != last)
            {
                yield return period;
                last = period;
            }

            if (frequency == ReportingFrequency.Once)
            {
                yield break;
            }
        }
    }

    /// <summary>The last day of the period that starts on <paramref name="period"/>.</summary>
    public static DateOnly EndOf(DateOnly period, ReportingFrequency frequency, DateOnly campaignEnd)
    {
        var end = frequency switch
        {
            ReportingFrequency.Daily => period,
            ReportingFrequency.Weekly => period.AddDays(6 - (((int)period.DayOfWeek + 6) % 7)),
            ReportingFrequency.Monthly => new DateOnly(period.Year, period.Month, 1).AddMonths(1).AddDays(-1),
            _ => campaignEnd,
        };
        return end > campaignEnd ? campaignEnd : end;
    }
}
