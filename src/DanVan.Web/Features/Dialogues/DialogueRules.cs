using System.Linq.Expressions;
using DanVan.Web.Features.Units;

namespace DanVan.Web.Features.Dialogues;

/// <summary>A rule of DOMAIN.md §3 that a session does not (yet) meet.</summary>
public enum DialogueWarning
{
    /// <summary>Conference: notice not recorded and the session is less than 7 days away (or past).</summary>
    NoticeMissing = 1,

    /// <summary>Conference: notice published fewer than 7 days before.</summary>
    NoticeLate = 2,

    /// <summary>Conference: results not published and 10 days have passed.</summary>
    ResultsOverdue = 3,

    /// <summary>Conference: results published more than 10 days after.</summary>
    ResultsLate = 4,

    /// <summary>Conference: results due within the 10 days (a reminder, not a breach).</summary>
    ResultsDue = 5,
}

public sealed record DialogueCheck(DialogueWarning Warning, DateOnly Date, int Days);

/// <summary>
/// The dialogue rules as checks: a conference's notice is published at least 7 days before and its results at
/// most 10 days after (Art. 43, local-government law 2025); heads of Party committees receive citizens at least
/// 1 day a month (province) or 2 days a month (commune) (Quy định 11-QĐi/TW as amended by Kết luận 215-KL/TW).
/// </summary>
public static class DialogueRules
{
    /// <summary>The longest conclusions (and other free text of a session besides the minutes).</summary>
    public const int ConclusionsLength = 4000;

    public const int NoticeDays = 7;
    public const int ResultsDays = 10;

    public static IReadOnlyList<DialogueCheck> Check(DialogueSession d, DateOnly today)
    {
        if (d.Type != DialogueType.DialogueConference)
        {
            return [];
        }

        var checks = new List<DialogueCheck>();
        var noticeBy = d.HeldOn.AddDays(-NoticeDays);
        if (d.NoticePublishedOn is { } notice)
        {
            if (notice > noticeBy)
            {
                checks.Add(new(DialogueWarning.NoticeLate, notice, d.HeldOn.DayNumber - notice.DayNumber));
            }
        }
        else if (today > noticeBy)
        {
            checks.Add(new(DialogueWarning.NoticeMissing, noticeBy, Math.Max(0, d.HeldOn.DayNumber - today.DayNumber)));
        }

        var resultsBy = d.HeldOn.AddDays(ResultsDays);
        if (d.ResultsPublishedOn is { } results)
        {
            if (results > resultsBy)
            {
                checks.Add(new(DialogueWarning.ResultsLate, results, results.DayNumber - d.HeldOn.DayNumber));
            }
        }
        else if (today > resultsBy)
        {
            checks.Add(new(DialogueWarning.ResultsOverdue, resultsBy, today.DayNumber - resultsBy.DayNumber));
        }
        else if (today >= d.HeldOn)
        {
            checks.Add(new(DialogueWarning.ResultsDue, resultsBy, resultsBy.DayNumber - today.DayNumber));
        }

        return checks;
    }

    public static bool IsBreach(DialogueWarning w) => w is not DialogueWarning.ResultsDue;

    /// <summary>Resource key of the sentence explaining a check ({0} a date, {1} a number of days).</summary>
    public static string CheckKey(DialogueWarning w) => "Dialogues_Check_" + w;

    /// <summary>
    /// A reception day the rule counts: a periodic reception the head of the Party committee held in person. A unit
    /// records at most one such session a day (<see cref="SaveDialogue"/> refuses a second), so sessions are days. The
    /// reception page reads this expression and the statistics catalogue its compiled form: one definition.
    /// </summary>
    public static readonly Expression<Func<DialogueSession, bool>> IsReceptionDay = d =>
        d.Type == DialogueType.PeriodicReception && d.HeldByPartyHead;

    public static readonly Func<DialogueSession, bool> CountsAsReceptionDay = IsReceptionDay.Compile();

    /// <summary>Reception days a month the head of the Party committee owes at this level (0: no rule).</summary>
    public static int RequiredReceptionDays(UnitLevel level) =>
        level switch
        {
            UnitLevel.Province => 1,
            UnitLevel.Commune => 2,
            _ => 0,
        };
}
