using System.Globalization;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record CampaignQuery(
    int? UnitId = null,
    CampaignStatus? Status = null,
    int? Year = null,
    string? Q = null,
    string? After = null,
    int Limit = 50
);

public sealed record CampaignListRow(
    int Id,
    string Name,
    int UnitId,
    string UnitName,
    CampaignStatus Status,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int Indicators,
    int Participants
);

/// <summary>The campaigns the caller sees (its subtree's and those it takes part in), newest first,
/// keyset-paged.</summary>
internal sealed class ListCampaigns(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ListPage<CampaignListRow>> HandleAsync(CampaignQuery query, CancellationToken ct)
    {
        var rows = CampaignAccess.Visible(db, user).AsNoTracking();
        if (query.UnitId is { } unitId)
        {
            var unit = await db
                .Units.AsNoTracking()
                .Where(u => u.Id == unitId)
                .Select(u => new { u.Id, u.Level })
                .SingleOrDefaultAsync(ct);
            rows = unit is null
                ? rows.Where(_ => false)
                : rows.Where(
                    UnitScope.Within<Campaign>(
                        [(unit.Level, unit.Id)],
                        c => c.ProvinceId,
                        c => c.CommuneId,
                        c => c.VillageId
                    )
                );
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(c => c.Status == status);
        }

        if (query.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            rows = rows.Where(c => c.StartsOn <= to && c.EndsOn >= from);
        }

        foreach (var word in TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
        }

        if (
            PageCursor.Decode(query.After) is { } cursor
            && DateOnly.TryParse(cursor.Key, CultureInfo.InvariantCulture, out var day)
        )
        {
            rows = rows.Where(c => c.StartsOn < day || (c.StartsOn == day && c.Id < cursor.Id));
        }

        var limit = Math.Clamp(query.Limit, 1, 200);
        var items = await rows.OrderByDescending(c => c.StartsOn)
            .ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new CampaignListRow(
                c.Id,
                c.Name,
                c.UnitId,
                db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                c.Status,
                c.StartsOn,
                c.EndsOn,
                db.Set<Indicator>().Count(i => i.CampaignId == c.Id),
                db.Set<CampaignParticipant>().Count(p => p.CampaignId == c.Id)
            ))
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].StartsOn.ToString("O", CultureInfo.InvariantCulture), items[^1].Id);
        }

        return new ListPage<CampaignListRow>(items, next);
    }
}
