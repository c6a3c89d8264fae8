using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Programs;

/// <summary>A program's documents (the signed program, the approving decision, evidence of its items' progress):
/// attached by the unit's own officers and leaders in any status — evidence comes while the program runs — and read by
/// whoever reads the program (<see cref="ProgramAccess"/>).</summary>
internal sealed class ProgramDocumentOwner(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
    : IDocumentOwner
{
    public CaseKind Kind => CaseKind.Program;

    public string NotFoundMessage => L["Programs_NotFound"];

    public async Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct) =>
        await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Id == ownerId)
            .Where(ProgramAccess.Visible(user))
            .SingleOrDefaultAsync(ct);

    public bool MayAttach(IUnitScoped owner) => owner is WorkProgram p && ProgramRules.MayWrite(user, p);

    public IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(d =>
            d.ProgramId == ownerId && db.WorkPrograms.Where(ProgramAccess.Visible(user)).Any(p => p.Id == ownerId)
        );
}
