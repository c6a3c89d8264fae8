using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Dialogues;

/// <summary>A session's documents (invitation, minutes, published results): attached by its unit's officers, read by
/// whoever sees the session.</summary>
internal sealed class DialogueDocuments(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
    : IDocumentOwner
{
    public CaseKind Kind => CaseKind.Dialogue;

    public string NotFoundMessage => L["Dialogues_NotFound"];

    public async Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct) =>
        await db
            .Dialogues.AsNoTracking()
            .Where(d => d.Id == ownerId)
            .Where(UnitScope.Rows<DialogueSession>(user, Permission.DialoguesView))
            .SingleOrDefaultAsync(ct);

    public bool MayAttach(IUnitScoped owner) => owner is DialogueSession d && user.Can(Permission.DialoguesEdit, d.Ref);

    public IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents
            .Where(d => d.DialogueId == ownerId)
            .Where(UnitScope.Rows<CaseDocument>(user, Permission.DialoguesView));
}
