using DanVan.Web.Features.Dialogues;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>The petitions raised in dialogue sessions, for the dialogue pages and API (<see
/// cref="IDialoguePetitions"/>).</summary>
internal sealed class PetitionsOfDialogues(DanVanDbContext db, ICurrentUser user) : IDialoguePetitions
{
    public IQueryable<int> RaisedIn() => db.Petitions.Where(p => p.DialogueId != null).Select(p => p.DialogueId!.Value);

    public async Task<IReadOnlyList<DialoguePetitionRow>> VisibleAsync(int dialogueId, CancellationToken ct) => (
            await db
                .Petitions.AsNoTracking()
                .Where(p => p.DialogueId == dialogueId)
                .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
                .OrderBy(p => p.Id)
                .Select(p => new
                {
                    p.Id,
                    p.TrackingCode,
                    p.Title,
                    p.Status,
                    p.DueOn,
                    p.UnitId,
                    p.HandlingUnitId,
                    p.ProvinceId,
                    p.CommuneId,
                    p.VillageId,
                })
                .ToListAsync(ct)
        ).Select(x => new DialoguePetitionRow(x.Id, PetitionAccess.SeesCode(user, x.UnitId, x.HandlingUnitId, x.ProvinceId, x.CommuneId, x.VillageId) ? x.TrackingCode : null, x.Title, x.Status.ToString(), x.DueOn)).ToList();
}
