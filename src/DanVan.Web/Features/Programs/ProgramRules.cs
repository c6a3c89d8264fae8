using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Programs;

/// <summary>
/// The lifecycle of a program as one table (docs/decisions/ADR-0030), read by the handler, the page and the feature's
/// README: who takes which step from which status, and what it leads to.
/// </summary>
public static class ProgramRules
{
    public const int ReasonLength = 2000;
    public const int MaxItems = 200;
    public const int MaxBases = 20;

    /// <summary>The unit's own officers and leaders draft, submit, amend and publish its program.</summary>
    public static bool MayWrite(ICurrentUser user, WorkProgram program) => MayWrite(user, program.UnitId);

    /// <summary>The same rule for a unit's own records of this feature (its programs, the conferences it holds).</summary>
    public static bool MayWrite(ICurrentUser user, int unitId) =>
        user.Grants.Any(g => RolePermissions.Grants(g.Role, Permission.ProgramsWrite) && g.UnitId == unitId);

    /// <summary>The unit's own committee approves (or returns) its program: a leader assigned to the unit itself. A leader
    /// above does not approve a commune's program for its committee.</summary>
    public static bool MayApprove(ICurrentUser user, WorkProgram program) =>
        user.Grants.Any(g => RolePermissions.Grants(g.Role, Permission.ProgramsApprove) && g.UnitId == program.UnitId);

    public static IReadOnlyList<ProgramStatus> From(ProgramAction action) =>
        action switch
        {
            ProgramAction.Submit => [ProgramStatus.Draft],
            ProgramAction.Return => [ProgramStatus.Submitted],
            ProgramAction.Approve => [ProgramStatus.Submitted],
            ProgramAction.Publish => [ProgramStatus.Approved],
            _ => [ProgramStatus.Approved, ProgramStatus.Published],
        };

    public static ProgramStatus To(ProgramAction action) =>
        action switch
        {
            ProgramAction.Submit => ProgramStatus.Submitted,
            ProgramAction.Approve => ProgramStatus.Approved,
            ProgramAction.Publish => ProgramStatus.Published,
            _ => ProgramStatus.Draft,
        };

    /// <summary>Who may take the step: the committee returns and approves, the unit's officers do the rest.</summary>
    public static bool May(ICurrentUser user, WorkProgram program, ProgramAction action) =>
        action is ProgramAction.Return or ProgramAction.Approve ? MayApprove(user, program) : MayWrite(user, program);

    public static bool NeedsReason(ProgramAction action) => action is ProgramAction.Return or ProgramAction.Amend;

    /// <summary>The steps the caller may take on the program now.</summary>
    public static IReadOnlyList<ProgramAction> Steps(ICurrentUser user, WorkProgram program) =>
        [
            .. Enum.GetValues<ProgramAction>()
                .Where(a => From(a).Contains(program.Status))
                .Where(a => May(user, program, a)),
        ];

    /// <summary>Progress is recorded on items once a program has been approved (an amendment in draft does not stop
    /// the work).</summary>
    public static bool MayRecordProgress(ICurrentUser user, WorkProgram program) =>
        program.FirstApprovedOn is not null && MayWrite(user, program);

    /// <summary>The levels that keep programs: the centre, provinces and communes (villages implement the commune's).</summary>
    public static bool KeepsPrograms(UnitLevel level) => level is not UnitLevel.Village;

    /// <summary>The last day an item is due: the end of its month, its quarter, or the program's year.</summary>
    public static DateOnly DueOn(int year, int? month, int? quarter) =>
        month is { } m ? new DateOnly(year, m, 1).AddMonths(1).AddDays(-1)
        : quarter is { } q ? new DateOnly(year, q * 3, 1).AddMonths(1).AddDays(-1)
        : new DateOnly(year, 12, 31);

    /// <summary>Late: marked late, or past its due day — stamped once its program is approved
    /// (<see cref="ProgramItem.DueOn"/>: a program never approved owes nothing yet) — and neither done nor dropped. The
    /// program's page, the API and the coverage matrix read this one rule.</summary>
    public static bool IsLate(ProgramItem item, DateOnly today) =>
        item.Status == ItemStatus.Late
        || (item.Status is ItemStatus.NotStarted or ItemStatus.InProgress && item.DueOn is { } due && today > due);

    /// <summary>Free text as stored: line endings made "\n", the ends trimmed, nothing for blank.</summary>
    public static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    /// <summary>The CSS modifier of a status badge.</summary>
    public static string StatusClass(ProgramStatus status) =>
        status switch
        {
            ProgramStatus.Draft => "draft",
            ProgramStatus.Submitted => "running",
            _ => "answered",
        };

    public static string StatusClass(ItemStatus status) =>
        status switch
        {
            ItemStatus.NotStarted => "draft",
            ItemStatus.InProgress => "running",
            ItemStatus.Done => "answered",
            ItemStatus.Late => "overdue",
            _ => "withdrawn",
        };
}
