using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// A new receipt for a petition: a fresh verdict PIN (the old one stops working, the count of wrong PINs starts again),
/// shown once to the handling unit's staff who hand it to the citizen — those who may see the code. Audited; the
/// petition's version does not move, so a step being prepared meanwhile is not refused for it.
/// </summary>
internal sealed class IssueReceipt(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<PetitionReceipt>> HandleAsync(int id, CancellationToken ct)
    {
        var p = await db
            .Petitions.AsNoTracking()
            .Where(x => x.Id == id)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .SingleOrDefaultAsync(ct);
        if (p is null)
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (!PetitionAccess.Sees(user, SensitiveField.TrackingCode, p))
        {
            return new ForbiddenError(L["Petitions_CannotIssueReceipt"]);
        }

        var pin = VerdictPin.New();
        var hash = VerdictPin.Hash(pin);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db
            .Petitions.Where(x => x.Id == id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.VerdictPinHash, hash).SetProperty(x => x.VerdictPinFailures, 0),
                ct
            );
        db.Audit(AuditAction.ReceiptIssued, nameof(Petition), id.ToString(CultureInfo.InvariantCulture), p.Ref);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PetitionReceipt(p.Id, p.TrackingCode, pin, p.Title, p.ReceivedOn);
    }
}
