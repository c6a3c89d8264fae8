using System.Linq.Expressions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Privacy;

/// <summary>
/// Who records and handles a data subject's request, and when it is due: one place for the pages, the API, the
/// reminders and the handlers. A request is the receiving unit's: the holders of <see cref="Permission.PrivacyRequests"/>
/// in its subtree read and handle it; what each of them finds of the person is bounded by their other rights
/// (<see cref="PersonFinder"/>).
/// </summary>
public static class PrivacyRules
{
    /// <summary>Law 91/2025 with Decree 356/2025: a request is acknowledged within two working days.</summary>
    public const int AcknowledgeWorkingDays = 2;

    /// <summary>…and handled within 15 days of receipt. Calendar days: the stricter reading of "about 15 days".</summary>
    public const int HandleDays = 15;

    /// <summary>The handling reminder goes out this many days before the due day.</summary>
    public const int RemindDaysBefore = 3;

    public static Expression<Func<DataSubjectRequest, bool>> Visible(ICurrentUser user) =>
        UnitScope.Rows<DataSubjectRequest>(user, Permission.PrivacyRequests);

    public static bool Handles(ICurrentUser user, DataSubjectRequest request) =>
        user.Can(Permission.PrivacyRequests, request.Ref);

    /// <summary>
    /// Whether the caller reads the person's identity and request in clear: the office that received the request (it
    /// answers the person) and any handler who holds some of the person's data (the finder found it within their
    /// reach). A handler above the receiving office who holds none of it sees the request masked, as on the list.
    /// </summary>
    public static bool ShowsIdentity(ICurrentUser user, DataSubjectRequest request, FoundData found) =>
        found.Matches.Count > 0
        || user.Grants.Any(g =>
            g.UnitId == request.UnitId && RolePermissions.Grants(g.Role, Permission.PrivacyRequests)
        );

    /// <summary>A commune, a province or the centre receives requests; a village passes them to its commune.</summary>
    public static bool MayRecordAt(ICurrentUser user, UnitRef unit) =>
        unit.Level != UnitLevel.Village && user.Can(Permission.PrivacyRequests, unit);

    /// <summary>The request's reference as the person is told it: "YC-000042".</summary>
    public static string Code(int id) => "YC-" + id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A phone number as the finder compares it: digits and a leading plus only.</summary>
    public static string? Phone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var kept = new string([.. text.Trim().Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);
        return kept.Length >= 8 ? kept : null;
    }

    /// <summary>A 12-digit citizen ID number or a 9-digit ID card number, as the petitions take it.</summary>
    public static bool IsIdNumber(string text) => text.All(char.IsAsciiDigit) && text.Length is 9 or 12;

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>How far a request is from its deadlines on a day.</summary>
    public static DeadlineState StateOn(DataSubjectRequest r, DateOnly today) =>
        !r.IsOpen ? DeadlineState.Closed
        : today > r.DueOn ? DeadlineState.Overdue
        : r.Status == RequestStatus.Received && today > r.AcknowledgeBy ? DeadlineState.AcknowledgementLate
        : today >= r.DueOn.AddDays(-RemindDaysBefore) ? DeadlineState.DueSoon
        : DeadlineState.OnTime;
}

public enum DeadlineState
{
    OnTime = 1,
    DueSoon = 2,
    AcknowledgementLate = 3,
    Overdue = 4,
    Closed = 5,
}
