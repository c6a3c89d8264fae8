using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>A model's file as its page and API show it (the documents store keeps who filed it too).</summary>
public sealed record AttachmentRow(
    int Id,
    string FileName,
    AttachmentType Type,
    long Size,
    string? Caption,
    DateTime CreatedAt
);

/// <summary>
/// A model's photos, PDF and Word files in the documents store: attached and removed by whoever edits the model, read
/// by whoever sees it; the photos of a model in the public library (public, recognized or commended) are public.
/// </summary>
internal sealed class ModelDocuments(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
    : IDocumentOwner
{
    public CaseKind Kind => CaseKind.Model;

    public string NotFoundMessage => L["Models_NotFound"];

    public bool Removable => true;

    public async Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct) =>
        await db
            .Models.AsNoTracking()
            .Where(m => m.Id == ownerId)
            .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
            .SingleOrDefaultAsync(ct);

    public bool MayAttach(IUnitScoped owner) => owner is MobilizationModel m && user.Can(Permission.ModelsEdit, m.Ref);

    public string? CannotAttachMessage(IUnitScoped owner) => L["Models_CannotEdit", ((MobilizationModel)owner).Name];

    public IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(d => d.ModelId == ownerId).Where(UnitScope.Rows<CaseDocument>(user, Permission.ModelsView));

    public IQueryable<CaseDocument> PublicReadable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(d =>
            d.ModelId == ownerId
            && d.Type == AttachmentType.Photo
            && db.Models.Any(m =>
                m.Id == ownerId
                && m.IsPublic
                && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
            )
        );
}
