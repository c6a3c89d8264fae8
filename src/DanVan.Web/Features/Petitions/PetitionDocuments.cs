using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// A petition's documents (the agency's written answer, the explanation of a late one) are part of its case
/// (<see cref="SensitiveField.PetitionCase"/>), not of its register: attached by the handling unit's officers or the
/// assigned agency's handlers.
/// </summary>
internal sealed class PetitionDocuments(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
    : IDocumentOwner
{
    public CaseKind Kind => CaseKind.Petition;

    public string NotFoundMessage => L["Petitions_NotFound"];

    public async Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct) =>
        await db
            .Petitions.AsNoTracking()
            .Where(p => p.Id == ownerId)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionCase))
            .SingleOrDefaultAsync(ct);

    public bool MayAttach(IUnitScoped owner) => owner is Petition p && MayAttach(user, p);

    public static bool MayAttach(ICurrentUser user, Petition p) =>
        PetitionAccess.Handles(user, p) || PetitionLifecycle.IsAssignedAgency(user, p);

    public IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(d =>
            d.PetitionId == ownerId
            && db.Petitions.Where(PetitionAccess.Where(db, user, SensitiveField.PetitionCase)).Any(p => p.Id == ownerId)
        );
}
