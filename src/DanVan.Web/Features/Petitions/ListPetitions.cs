using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>The filters of the petition list (all optional; the unit filter includes the unit's subtree).</summary>
public sealed record PetitionQuery(
    int? UnitId = null,
    PetitionStatus? Status = null,
    int? CategoryId = null,
    int? OrganizationId = null,
    bool Overdue = false,
    bool Mine = false,
    int? DialogueId = null,
    int? Year = null,
    string? Q = null,
    string? After = null,
    int Limit = 50,
    bool Awaiting = false
);

/// <summary>A line of the register; the code only for those who may see it (<see
/// cref="SensitiveField.TrackingCode"/>).</summary>
public sealed record PetitionListRow(
    int Id,
    string? TrackingCode,
    string Title,
    PetitionStatus Status,
    int CategoryId,
    int UnitId,
    string UnitName,
    DateOnly ReceivedOn,
    DateOnly? DueOn,
    int? AssignedOrganizationId,
    string? OrganizationName,
    bool Escalated,
    bool Grouped
);

/// <summary>
/// The petitions the caller sees (<see cref="PetitionAccess"/>), filtered, newest first, keyset-paged. "Mine" is an
/// agency
/// handler's queue: the open petitions assigned to their organizations. Search reads the subject, and the code only of
/// the petitions whose code the caller may see (so a code cannot be spelled out letter by letter); never personal data.
/// </summary>
internal sealed class ListPetitions(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<ListPage<PetitionListRow>> HandleAsync(PetitionQuery query, CancellationToken ct)
    {
        var rows = await FilterAsync(query, ct);
        if (PageCursor.Decode(query.After) is { } cursor)
        {
            rows = rows.Where(p => p.Id < cursor.Id);
        }

        var limit = Math.Clamp(query.Limit, 1, 500);
        var found = await rows.OrderByDescending(p => p.Id)
            .Take(limit + 1)
            .Select(p => new
            {
                Row = new PetitionListRow(
                    p.Id,
                    p.TrackingCode,
                    p.Title,
                    p.Status,
                    p.CategoryId,
                    p.UnitId,
                    db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                    p.ReceivedOn,
                    p.DueOn,
                    p.AssignedOrganizationId,
                    db.Organizations.Where(o => o.Id == p.AssignedOrganizationId).Select(o => o.Name).SingleOrDefault(),
                    p.EscalatedToUnitId != null,
                    p.ParentPetitionId != null
                ),
                p.HandlingUnitId,
                p.ProvinceId,
                p.CommuneId,
                p.VillageId,
            })
            .ToListAsync(ct);
        var items = found
            .Select(x =>
                PetitionAccess.SeesCode(user, x.Row.UnitId, x.HandlingUnitId, x.ProvinceId, x.CommuneId, x.VillageId)
                    ? x.Row
                    : x.Row with
                    {
                        TrackingCode = null,
                    }
            )
            .ToList();
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode("", items[^1].Id);
        }

        return new ListPage<PetitionListRow>(items, next);
    }

    public async Task<IQueryable<Petition>> FilterAsync(PetitionQuery query, CancellationToken ct)
    {
        var rows = await db
            .Petitions.AsNoTracking()
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .InSubtreeOfAsync(db.Units, query.UnitId, ct);

        if (query.Status is { } status)
        {
            rows = rows.Where(p => p.Status == status);
        }

        if (query.CategoryId is { } category)
        {
            rows = rows.Where(p => p.CategoryId == category);
        }

        if (query.OrganizationId is { } org)
        {
            rows = rows.Where(p => p.AssignedOrganizationId == org);
        }

        if (query.DialogueId is { } dialogue)
        {
            rows = rows.Where(p => p.DialogueId == dialogue);
        }

        if (query.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            rows = rows.Where(p => p.ReceivedOn >= from && p.ReceivedOn <= to);
        }

        if (query.Overdue)
        {
            var today = VietnamTime.Today(clock);
            rows = rows.Where(PetitionStatistics.IsOverdueOn(today));
        }

        if (query.Awaiting)
        {
            rows = rows.Where(PetitionStatistics.AwaitsAssignment);
        }

        if (query.Mine)
        {
            var orgs = user
                .Grants.Where(g =>
                    g.OrganizationId != null && RolePermissions.Grants(g.Role, Permission.PetitionsAnswer)
                )
                .Select(g => g.OrganizationId)
                .Distinct()
                .ToList();
            rows = rows.Where(p => orgs.Contains(p.AssignedOrganizationId)).Where(PetitionStatistics.IsRunning);
        }

        var words = TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();
        if (words.Count > 0)
        {
            var codeSeen = PetitionAccess.Where(db, user, SensitiveField.TrackingCode);
            foreach (var word in words)
            {
                var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                // SearchText is the normalized code (11 characters), a space, then the subject.
                rows = rows.Where(
                    PetitionAccess.Or(
                        p => EF.Functions.Like(p.SearchText.Substring(RecordPetition.SubjectStart), pattern, "\\"),
                        PetitionAccess.And(codeSeen, p => EF.Functions.Like(p.SearchText, pattern, "\\"))
                    )
                );
            }
        }

        return rows;
    }
}
