using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>The petitioner as shown: masked unless the caller revealed it (an audited act).</summary>
public sealed record PetitionerView(PetitionerKind Kind, string? Name, string? Phone, string? Address, string? IdNumber, bool Masked, bool Erased);

public sealed record PetitionEventRow(PetitionAction Action, PetitionStatus From, PetitionStatus To, DateTime At, DateOnly On, string ActorName,
    string? OrganizationName, DateOnly? DueOn, string? Note);

public sealed record PetitionDetail(
    Petition Petition, string UnitName, string HandlingUnitName, string CategoryName, string? OrganizationName, string? EscalatedToName,
    string? DialogueTopic, string? ParentCode, PetitionerView Petitioner, IReadOnlyList<PetitionEventRow> Events,
    IReadOnlyList<(int Id, string Code, string Title)> Grouped, IReadOnlyList<PetitionAction> Steps, bool MayReveal, bool IsOverdue);

public sealed record PetitionApiDetail(
    int Id, string TrackingCode, int UnitId, string UnitName, int HandlingUnitId, string HandlingUnitName, int? DialogueId, int? ParentPetitionId,
    PetitionChannel Channel, DateOnly ReceivedOn, int CategoryId, string CategoryName, string Title, string Content, PetitionerView Petitioner,
    PetitionStatus Status, int? AssignedOrganizationId, string? AssignedOrganizationName, DateOnly? AssignedOn, DateOnly? DueOn, bool IsOverdue,
    DateOnly? ExtensionRequestedTo, string? ExtensionReason, string? Answer, DateOnly? AnsweredOn, bool? AnsweredOnTime, string? LateExplanation,
    bool AnswerPublished, DateOnly? ClosedOn, string? ClosingNote, RedirectKind? RedirectedAs, string? RedirectReference, CitizenVerdict? CitizenVerdict,
    int? EscalatedToUnitId, DateOnly? EscalatedOn, int Version, IReadOnlyList<PetitionEventRow> Events, IReadOnlyList<PetitionAction> AllowedSteps)
{
    public static PetitionApiDetail From(PetitionDetail d)
    {
        var p = d.Petition;
        return new(p.Id, p.TrackingCode, p.UnitId, d.UnitName, p.HandlingUnitId, d.HandlingUnitName, p.DialogueId, p.ParentPetitionId, p.Channel,
            p.ReceivedOn, p.CategoryId, d.CategoryName, p.Title, p.Content, d.Petitioner, p.Status, p.AssignedOrganizationId, d.OrganizationName,
            p.AssignedOn, p.DueOn, d.IsOverdue, p.ExtensionRequestedTo, p.ExtensionReason, p.Answer, p.AnsweredOn, p.AnsweredOnTime, p.LateExplanation,
            p.AnswerPublished, p.ClosedOn, p.ClosingNote, p.RedirectedAs, p.RedirectReference, p.CitizenVerdict, p.EscalatedToUnitId, p.EscalatedOn,
            p.Version, d.Events, d.Steps);
    }
}

/// <summary>One petition with its names, history and group, in the caller's subtree; personal data masked.</summary>
internal sealed class GetPetition(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<PetitionDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var row = await db.Petitions.AsNoTracking().Where(p => p.Id == id).Where(UnitScope.Rows<Petition>(user, Permission.PetitionsView))
            .Select(p => new
            {
                Petition = p,
                Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                Handling = db.Units.Where(u => u.Id == p.HandlingUnitId).Select(u => u.Name).Single(),
                Category = db.PetitionCategories.Single(c => c.Id == p.CategoryId),
                Organization = db.Organizations.Where(o => o.Id == p.AssignedOrganizationId).Select(o => o.Name).SingleOrDefault(),
                Escalated = db.Units.Where(u => u.Id == p.EscalatedToUnitId).Select(u => u.Name).SingleOrDefault(),
                Dialogue = db.Dialogues.Where(d => d.Id == p.DialogueId).Select(d => d.Topic).SingleOrDefault(),
                Parent = db.Petitions.Where(x => x.Id == p.ParentPetitionId).Select(x => x.TrackingCode).SingleOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var p = row.Petition;
        var events = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id).OrderBy(e => e.Id)
            .Select(e => new PetitionEventRow(e.Action, e.From, e.To, e.At, e.On, e.ActorName,
                db.Organizations.Where(o => o.Id == e.OrganizationId).Select(o => o.Name).SingleOrDefault(), e.DueOn, e.Note))
            .ToListAsync(ct);
        var grouped = (await db.Petitions.AsNoTracking().Where(x => x.ParentPetitionId == id).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.TrackingCode, x.Title }).ToListAsync(ct)).Select(x => (x.Id, x.TrackingCode, x.Title)).ToList();
        return new PetitionDetail(p, row.Unit, row.Handling, row.Category.LocalName, row.Organization, row.Escalated, row.Dialogue, row.Parent,
            PersonalData.Masked(p), events, grouped, p.ParentPetitionId is null ? PetitionLifecycle.StepsFor(user, p) : [],
            PersonalData.MayReveal(user, p), p.IsOverdueOn(VietnamTime.Today(clock)));
    }
}

/// <summary>The filters of the petition list (all optional; the unit filter includes the unit's subtree).</summary>
public sealed record PetitionQuery(
    int? UnitId = null, PetitionStatus? Status = null, int? CategoryId = null, int? OrganizationId = null, bool Overdue = false,
    bool Mine = false, int? DialogueId = null, int? Year = null, string? Q = null, string? After = null, int Limit = 50, bool Awaiting = false);

public sealed record PetitionListRow(
    int Id, string TrackingCode, string Title, PetitionStatus Status, int CategoryId, int UnitId, string UnitName, DateOnly ReceivedOn,
    DateOnly? DueOn, int? AssignedOrganizationId, string? OrganizationName, bool Escalated, bool Grouped);

/// <summary>
/// Petitions in the caller's subtrees, filtered, newest first, keyset-paged. "Mine" is an agency handler's queue:
/// the open petitions assigned to their organizations. Search reads the code and the subject, not personal data.
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
        var items = await rows.OrderByDescending(p => p.Id).Take(limit + 1)
            .Select(p => new PetitionListRow(p.Id, p.TrackingCode, p.Title, p.Status, p.CategoryId, p.UnitId,
                db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(), p.ReceivedOn, p.DueOn, p.AssignedOrganizationId,
                db.Organizations.Where(o => o.Id == p.AssignedOrganizationId).Select(o => o.Name).SingleOrDefault(),
                p.EscalatedToUnitId != null, p.ParentPetitionId != null))
            .ToListAsync(ct);
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
        var rows = db.Petitions.AsNoTracking().Where(UnitScope.Rows<Petition>(user, Permission.PetitionsView));
        if (query.UnitId is { } unitId)
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Level }).SingleOrDefaultAsync(ct);
            rows = unit is null
                ? rows.Where(_ => false)
                : rows.Where(UnitScope.Within<Petition>([(unit.Level, unit.Id)], p => p.ProvinceId, p => p.CommuneId, p => p.VillageId));
        }

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
            rows = rows.Where(p => (p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.InProgress) && p.DueOn < today);
        }

        if (query.Awaiting)
        {
            rows = rows.Where(PetitionStatistics.AwaitsAssignment);
        }

        if (query.Mine)
        {
            var orgs = user.Grants.Where(g => g.OrganizationId != null && RolePermissions.Grants(g.Role, Permission.PetitionsAnswer))
                .Select(g => g.OrganizationId).Distinct().ToList();
            rows = rows.Where(p => orgs.Contains(p.AssignedOrganizationId) && (p.Status == PetitionStatus.Assigned || p.Status == PetitionStatus.InProgress));
        }

        foreach (var word in TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\"));
        }

        return rows;
    }
}
