using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Dialogues;

public sealed record DialogueQuery(
    int? UnitId = null,
    DialogueType? Type = null,
    int? Year = null,
    bool Upcoming = false,
    bool Warnings = false,
    string? Q = null,
    string? After = null,
    int Limit = 50
);

public sealed record DialogueListRow(
    int Id,
    DialogueType Type,
    DateOnly HeldOn,
    TimeOnly? StartsAt,
    DialogueFormat Format,
    string? Place,
    string Topic,
    int UnitId,
    string UnitName,
    int Participants,
    int Petitions,
    IReadOnlyList<DialogueCheck> Checks
);

/// <summary>
/// Dialogue sessions in the caller's subtrees, newest first (or soonest first for the schedule of upcoming
/// sessions), keyset-paged; "warnings" keeps the conferences that break or approach the 7/10-day rules.
/// </summary>
internal sealed class ListDialogues(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IDialoguePetitions raised
)
{
    public async Task<ListPage<DialogueListRow>> HandleAsync(DialogueQuery query, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var raisedIn = raised.RaisedIn();
        var rows = await db
            .Dialogues.AsNoTracking()
            .Where(UnitScope.Rows<DialogueSession>(user, Permission.DialoguesView))
            .InSubtreeOfAsync(db.Units, query.UnitId, ct);

        if (query.Type is { } type)
        {
            rows = rows.Where(d => d.Type == type);
        }

        if (query.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            rows = rows.Where(d => d.HeldOn >= from && d.HeldOn <= to);
        }

        if (query.Warnings)
        {
            // The conferences whose notice or results are missing or late (the precise check runs per row below).
            var noticeBy = today.AddDays(DialogueRules.NoticeDays);
            rows = rows.Where(d =>
                d.Type == DialogueType.DialogueConference
                && (
                    (d.NoticePublishedOn == null && d.HeldOn < noticeBy)
                    || d.NoticePublishedOn > d.HeldOn.AddDays(-DialogueRules.NoticeDays)
                    || (d.ResultsPublishedOn == null && d.HeldOn <= today)
                    || d.ResultsPublishedOn > d.HeldOn.AddDays(DialogueRules.ResultsDays)
                )
            );
        }

        foreach (var word in TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(d => EF.Functions.Like(d.SearchText, pattern, "\\"));
        }

        var cursor = PageCursor.Decode(query.After);
        IOrderedQueryable<DialogueSession> ordered;
        if (query.Upcoming)
        {
            rows = rows.Where(d => d.HeldOn >= today);
            if (
                cursor is { } c
                && DateOnly.TryParse(c.Key, System.Globalization.CultureInfo.InvariantCulture, out var day)
            )
            {
                rows = rows.Where(d => d.HeldOn > day || (d.HeldOn == day && d.Id > c.Id));
            }

            ordered = rows.OrderBy(d => d.HeldOn).ThenBy(d => d.Id);
        }
        else
        {
            if (
                cursor is { } c
                && DateOnly.TryParse(c.Key, System.Globalization.CultureInfo.InvariantCulture, out var day)
            )
            {
                rows = rows.Where(d => d.HeldOn < day || (d.HeldOn == day && d.Id < c.Id));
            }

            ordered = rows.OrderByDescending(d => d.HeldOn).ThenByDescending(d => d.Id);
        }

        var limit = Math.Clamp(query.Limit, 1, 500);
        var items = await ordered
            .Take(limit + 1)
            .Select(d => new
            {
                Session = d,
                Unit = db.Units.Where(u => u.Id == d.UnitId).Select(u => u.Name).Single(),
                Petitions = raisedIn.Count(dialogueId => dialogueId == d.Id),
            })
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            var last = items[^1].Session;
            next = PageCursor.Encode(
                last.HeldOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                last.Id
            );
        }

        return new ListPage<DialogueListRow>(
            [
                .. items.Select(x => new DialogueListRow(
                    x.Session.Id,
                    x.Session.Type,
                    x.Session.HeldOn,
                    x.Session.StartsAt,
                    x.Session.Format,
                    x.Session.Place,
                    x.Session.Topic,
                    x.Session.UnitId,
                    x.Unit,
                    x.Session.CitizenCount + x.Session.BusinessCount + x.Session.OfficialCount,
                    x.Petitions,
                    DialogueRules.Check(x.Session, today)
                )),
            ],
            next
        );
    }
}
