using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A campaign's documents (its plan, the launching decision, the review): attached by whoever manages it, read
/// by whoever sees it.</summary>
internal sealed class CampaignDocuments(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
    : IDocumentOwner
{
    public CaseKind Kind => CaseKind.Campaign;

    public string NotFoundMessage => L["Campaigns_NotFound"];

    public async Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct) =>
        await CampaignAccess.FindVisibleAsync(db, user, ownerId, tracking: false, ct);

    public bool MayAttach(IUnitScoped owner) => owner is Campaign c && CampaignAccess.MayManage(user, c);

    public IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(d => d.CampaignId == ownerId && CampaignAccess.Visible(db, user).Any(c => c.Id == ownerId));
}
