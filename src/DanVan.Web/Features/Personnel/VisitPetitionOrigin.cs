using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// A holder's visit report as the origin of a petition: the issues raised become the petition's content, the visit's
/// day its day of receipt, the held unit its place (handled by its commune); the visit then points at the petition.
/// Seen by whoever sees the assignment (<see cref="Permission.PersonnelView"/> over the held unit); who may record the
/// petition is the petitions' own rule.
/// </summary>
internal sealed class VisitPetitionOrigin(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
    : IPetitionOrigin
{
    public const string VisitKind = "visit";

    public string Kind => VisitKind;

    public async Task<PetitionOriginDraft?> DraftAsync(int id, CancellationToken ct)
    {
        var visit = await db.ResponsibilityVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null || !user.Can(Permission.PersonnelView, visit.Ref) || visit.Issues is null)
        {
            return null;
        }

        return new PetitionOriginDraft(
            visit.CommuneId ?? visit.UnitId,
            visit.UnitId,
            visit.VisitedOn,
            visit.Issues,
            L["Responsibilities_PetitionFromVisit", VietnamTime.Format(visit.VisitedOn)]
        );
    }

    public async Task LinkAsync(int id, int petitionId, CancellationToken ct)
    {
        var visit = await db.ResponsibilityVisits.SingleAsync(v => v.Id == id, ct);
        visit.PetitionId ??= petitionId;
    }
}
