using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A participating unit as the campaign page lists it: grouped under its commune when villages take
/// part.</summary>
public sealed record ParticipantRow(int UnitId, string Name, int? CommuneId, string? CommuneName);

/// <summary>The campaign page: <see cref="CampaignDetail"/> plus its documents and the names of the units taking
/// part.</summary>
public sealed record CampaignPageView(
    CampaignDetail Detail,
    IReadOnlyList<CaseDocumentRow> Documents,
    IReadOnlyList<ParticipantRow> Participants
);

/// <summary>
/// Everything the campaign page shows, in three statements: the campaign with its unit, organization and number of
/// participants and its linked models; its indicators with the campaign-level progress of each (both
/// <see cref="GetCampaign.HeadAsync"/>); and its other short lists (locked periods, documents, participants) as one
/// UNION ALL. Same rules as <see cref="GetCampaign"/>, which the API uses.
/// </summary>
internal sealed class GetCampaignPage(DanVanDbContext db, ICurrentUser user)
{
    private const int LockKind = 2,
        DocumentKind = 3,
        ParticipantKind = 4;

    /// <summary>One row of the short lists; each kind fills the columns it needs.</summary>
    private sealed class ListRow
    {
        public int Kind { get; init; }
        public int Id { get; init; }
        public int Number { get; init; }
        public long Size { get; init; }
        public string? Name { get; init; }
        public string? Text { get; init; }
        public string? Actor { get; init; }
        public DateOnly? Day { get; init; }
        public DateTime? At { get; init; }
    }

    public async Task<CampaignPageView?> HandleAsync(int id, CancellationToken ct)
    {
        if (await GetCampaign.HeadAsync(db, user, id, ct) is not { } head)
        {
            return null;
        }

        var locks = db.Set<CampaignPeriodLock>()
            .Where(l => l.CampaignId == id)
            .Select(l => new ListRow
            {
                Kind = LockKind,
                Id = l.Id,
                Number = (int)l.Frequency,
                Size = 0,
                Name = null,
                Text = null,
                Actor = l.ActorName,
                Day = l.Period,
                At = l.LockedAt,
            });
        var documents = db
            .CaseDocuments.Where(d => d.CampaignId == id)
            .Select(d => new ListRow
            {
                Kind = DocumentKind,
                Id = d.Id,
                Number = (int)d.Type,
                Size = d.Size,
                Name = d.FileName,
                Text = d.Caption,
                Actor = d.ActorName,
                Day = null,
                At = d.CreatedAt,
            });
        var participants = db.Set<CampaignParticipant>()
            .Where(p => p.CampaignId == id)
            .Join(db.Units, p => p.UnitId, u => u.Id, (_, u) => u)
            .Select(u => new ListRow
            {
                Kind = ParticipantKind,
                Id = u.Id,
                Number = u.CommuneId ?? 0,
                Size = 0,
                Name = u.Name,
                Text = db.Units.Where(c => c.Id == u.CommuneId && c.Id != u.Id).Select(c => c.Name).FirstOrDefault(),
                Actor = null,
                Day = null,
                At = null,
            });
        var lists = await locks.Concat(documents).Concat(participants).AsNoTracking().ToListAsync(ct);

        var detail = GetCampaign.Detail(
            user,
            head,
            [
                .. lists
                    .Where(l => l.Kind == LockKind)
                    .OrderBy(l => l.Number)
                    .ThenBy(l => l.Day)
                    .Select(l => new PeriodLockRow(
                        (ReportingFrequency)l.Number,
                        l.Day!.Value,
                        l.At!.Value,
                        l.Actor ?? ""
                    )),
            ]
        );
        return new CampaignPageView(
            detail,
            [
                .. lists
                    .Where(l => l.Kind == DocumentKind)
                    .OrderBy(l => l.Id)
                    .Select(l => new CaseDocumentRow(
                        l.Id,
                        l.Name!,
                        (AttachmentType)l.Number,
                        l.Size,
                        l.Text,
                        l.Actor ?? "",
                        l.At!.Value
                    )),
            ],
            [
                .. lists
                    .Where(l => l.Kind == ParticipantKind)
                    .Select(l => new ParticipantRow(l.Id, l.Name!, l.Number == 0 ? null : l.Number, l.Text)),
            ]
        );
    }
}
