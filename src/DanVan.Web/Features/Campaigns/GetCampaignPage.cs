using DanVan.Web.Features.Models;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A participating unit as the campaign page lists it: grouped under its commune when villages take part.</summary>
public sealed record ParticipantRow(int UnitId, string Name, int? CommuneId, string? CommuneName);

/// <summary>The campaign page: <see cref="CampaignDetail"/> plus its documents and the names of the units taking part.</summary>
public sealed record CampaignPageView(CampaignDetail Detail, IReadOnlyList<CaseDocumentRow> Documents, IReadOnlyList<ParticipantRow> Participants);

/// <summary>
/// Everything the campaign page shows, in three statements: the campaign with its unit, organization and number of
/// participants; its indicators with the campaign-level progress of each; and its short lists (linked models, locked
/// periods, documents, participants) as one UNION ALL. Same rules as <see cref="GetCampaign"/>, which the API uses.
/// </summary>
internal sealed class GetCampaignPage(DanVanDbContext db, ICurrentUser user)
{
    private const int ModelKind = 1, LockKind = 2, DocumentKind = 3, ParticipantKind = 4;

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
        var row = await CampaignAccess.Visible(db, user).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                Campaign = c,
                Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                Organization = db.Organizations.Where(o => o.Id == c.OrganizationId).Select(o => o.Name).SingleOrDefault(),
                Participants = db.Set<CampaignParticipant>().Count(p => p.CampaignId == c.Id),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var owner = CampaignTree.OwnerNodeId(row.Campaign.Ref, row.Campaign.UnitLevel);
        var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.CampaignId == id).OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new { Indicator = i, Total = db.Set<CampaignTotal>().SingleOrDefault(t => t.IndicatorId == i.Id && t.UnitId == owner) })
            .ToListAsync(ct);

        var models = db.Set<CampaignModel>().Where(m => m.CampaignId == id).Join(db.Models, m => m.ModelId, m => m.Id, (_, m) => m)
            .Select(m => new ListRow { Kind = ModelKind, Id = m.Id, Number = (int)m.Status, Size = 0, Name = m.Name, Text = null, Actor = null, Day = null, At = null });
        var locks = db.Set<CampaignPeriodLock>().Where(l => l.CampaignId == id)
            .Select(l => new ListRow { Kind = LockKind, Id = l.Id, Number = (int)l.Frequency, Size = 0, Name = null, Text = null, Actor = l.ActorName, Day = l.Period, At = l.LockedAt });
        var documents = db.CaseDocuments.Where(d => d.CampaignId == id)
            .Select(d => new ListRow { Kind = DocumentKind, Id = d.Id, Number = (int)d.Type, Size = d.Size, Name = d.FileName, Text = d.Caption, Actor = d.ActorName, Day = null, At = d.CreatedAt });
        var participants = db.Set<CampaignParticipant>().Where(p => p.CampaignId == id).Join(db.Units, p => p.UnitId, u => u.Id, (_, u) => u)
            .Select(u => new ListRow
            {
                Kind = ParticipantKind, Id = u.Id, Number = u.CommuneId ?? 0, Size = 0, Name = u.Name,
                Text = db.Units.Where(c => c.Id == u.CommuneId && c.Id != u.Id).Select(c => c.Name).FirstOrDefault(), Actor = null, Day = null, At = null,
            });
        var lists = await models.Concat(locks).Concat(documents).Concat(participants).AsNoTracking().ToListAsync(ct);

        var campaign = row.Campaign;
        var detail = new CampaignDetail(campaign, row.Unit, row.Organization, [.. indicators.Select(i => IndicatorRow.From(i.Indicator, i.Total))], row.Participants,
            [.. lists.Where(l => l.Kind == ModelKind).OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new LinkedModelRow(l.Id, l.Name!, (ModelStatus)l.Number))],
            [.. lists.Where(l => l.Kind == LockKind).OrderBy(l => l.Number).ThenBy(l => l.Day)
                .Select(l => new PeriodLockRow((ReportingFrequency)l.Number, l.Day!.Value, l.At!.Value, l.Actor ?? ""))],
            CampaignAccess.MayManage(user, campaign), CampaignAccess.MayReportAny(user) && campaign.AcceptsFigures);
        return new CampaignPageView(detail,
            [.. lists.Where(l => l.Kind == DocumentKind).OrderBy(l => l.Id)
                .Select(l => new CaseDocumentRow(l.Id, l.Name!, (AttachmentType)l.Number, l.Size, l.Text, l.Actor ?? "", l.At!.Value))],
            [.. lists.Where(l => l.Kind == ParticipantKind).Select(l => new ParticipantRow(l.Id, l.Name!, l.Number == 0 ? null : l.Number, l.Text))]);
    }
}
