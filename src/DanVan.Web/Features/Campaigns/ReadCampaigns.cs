using System.Globalization;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record CampaignQuery(int? UnitId = null, CampaignStatus? Status = null, int? Year = null, string? Q = null, string? After = null, int Limit = 50);

public sealed record CampaignListRow(int Id, string Name, int UnitId, string UnitName, CampaignStatus Status, DateOnly StartsOn, DateOnly EndsOn,
    int Indicators, int Participants);

public sealed record IndicatorRow(int Id, string Name, MeasureUnit Measure, string? CustomMeasure, Aggregation Aggregation, IndicatorDirection Direction,
    ReportingFrequency Frequency, int Decimals, bool AllowNegative, int SortOrder, int Version, decimal Actual, decimal Target, decimal? ExplicitTarget)
{
    public static IndicatorRow From(Indicator i, CampaignTotal? total) =>
        new(i.Id, i.Name, i.Measure, i.CustomMeasure, i.Aggregation, i.Direction, i.Frequency, i.Decimals, i.AllowNegative, i.SortOrder, i.Version,
            total?.Actual ?? 0, total?.Target ?? 0, total?.ExplicitTarget);
}

public sealed record LinkedModelRow(int Id, string Name, ModelStatus Status);

public sealed record PeriodLockRow(ReportingFrequency Frequency, DateOnly Period, DateTime LockedAt, string ActorName);

public sealed record CampaignDetail(Campaign Campaign, string UnitName, string? OrganizationName, IReadOnlyList<IndicatorRow> Indicators, int Participants,
    IReadOnlyList<LinkedModelRow> Models, IReadOnlyList<PeriodLockRow> Locks, bool MayManage, bool MayReport);

public sealed record CampaignApiDetail(int Id, int UnitId, string UnitName, string Name, string? Purpose, DateOnly StartsOn, DateOnly EndsOn, int? OrganizationId,
    string? OrganizationName, CampaignStatus Status, UnitLevel ReportingLevel, int Version, IReadOnlyList<IndicatorRow> Indicators, int Participants,
    IReadOnlyList<LinkedModelRow> Models, IReadOnlyList<PeriodLockRow> Locks)
{
    public static CampaignApiDetail From(CampaignDetail d) =>
        new(d.Campaign.Id, d.Campaign.UnitId, d.UnitName, d.Campaign.Name, d.Campaign.Purpose, d.Campaign.StartsOn, d.Campaign.EndsOn, d.Campaign.OrganizationId,
            d.OrganizationName, d.Campaign.Status, d.Campaign.ReportingLevel, d.Campaign.Version, d.Indicators, d.Participants, d.Models, d.Locks);
}

/// <summary>The campaigns the caller sees (its subtree's and those it takes part in), newest first, keyset-paged.</summary>
internal sealed class ListCampaigns(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ListPage<CampaignListRow>> HandleAsync(CampaignQuery query, CancellationToken ct)
    {
        var rows = CampaignAccess.Visible(db, user).AsNoTracking();
        if (query.UnitId is { } unitId)
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Level }).SingleOrDefaultAsync(ct);
            rows = unit is null
                ? rows.Where(_ => false)
                : rows.Where(UnitScope.Within<Campaign>([(unit.Level, unit.Id)], c => c.ProvinceId, c => c.CommuneId, c => c.VillageId));
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

        if (PageCursor.Decode(query.After) is { } cursor && DateOnly.TryParse(cursor.Key, CultureInfo.InvariantCulture, out var day))
        {
            rows = rows.Where(c => c.StartsOn < day || (c.StartsOn == day && c.Id < cursor.Id));
        }

        var limit = Math.Clamp(query.Limit, 1, 200);
        var items = await rows.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).Take(limit + 1)
            .Select(c => new CampaignListRow(c.Id, c.Name, c.UnitId, db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(), c.Status,
                c.StartsOn, c.EndsOn, db.Set<Indicator>().Count(i => i.CampaignId == c.Id), db.Set<CampaignParticipant>().Count(p => p.CampaignId == c.Id)))
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

/// <summary>One campaign with its indicators (and the campaign-level progress of each), models and locked periods: three statements.</summary>
/// <summary>
/// What the API and the campaign page both show first: the campaign, its unit and organization, how many take part,
/// its linked models, its indicators with the campaign-level progress of each.
/// </summary>
internal sealed record CampaignHead(Campaign Campaign, string Unit, string? Organization, int Participants, IReadOnlyList<LinkedModelRow> Models,
    IReadOnlyList<IndicatorRow> Indicators);

internal sealed class GetCampaign(DanVanDbContext db, ICurrentUser user)
{
    public async Task<CampaignDetail?> HandleAsync(int id, CancellationToken ct)
    {
        if (await HeadAsync(db, user, id, ct) is not { } head)
        {
            return null;
        }

        var locks = await db.Set<CampaignPeriodLock>().AsNoTracking().Where(l => l.CampaignId == id).OrderBy(l => l.Frequency).ThenBy(l => l.Period)
            .Select(l => new PeriodLockRow(l.Frequency, l.Period, l.LockedAt, l.ActorName)).ToListAsync(ct);
        return Detail(user, head, locks);
    }

    /// <summary>The campaign's head in two statements, or null when the caller does not see it.</summary>
    public static async Task<CampaignHead?> HeadAsync(DanVanDbContext db, ICurrentUser user, int id, CancellationToken ct)
    {
        var row = await CampaignAccess.Visible(db, user).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                Campaign = c,
                Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                Organization = db.Organizations.Where(o => o.Id == c.OrganizationId).Select(o => o.Name).SingleOrDefault(),
                Participants = db.Set<CampaignParticipant>().Count(p => p.CampaignId == c.Id),
                Models = db.Set<CampaignModel>().Where(cm => cm.CampaignId == c.Id).Join(db.Models, cm => cm.ModelId, m => m.Id, (_, m) => m).OrderBy(m => m.Name)
                    .Select(m => new LinkedModelRow(m.Id, m.Name, m.Status)).ToList(),
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
        return new CampaignHead(row.Campaign, row.Unit, row.Organization, row.Participants, row.Models, [.. indicators.Select(i => IndicatorRow.From(i.Indicator, i.Total))]);
    }

    public static CampaignDetail Detail(ICurrentUser user, CampaignHead head, IReadOnlyList<PeriodLockRow> locks) =>
        new(head.Campaign, head.Unit, head.Organization, head.Indicators, head.Participants, head.Models, locks,
            CampaignAccess.MayManage(user, head.Campaign), CampaignAccess.MayReportAny(user) && head.Campaign.AcceptsFigures);
}

public sealed record NodeProgress(int UnitId, string UnitName, UnitLevel Level, decimal Actual, decimal Target, decimal? ExplicitTarget, decimal ChildTarget,
    int FigureCount, decimal? Percent, decimal Expected, bool Behind, bool Reached, DateOnly? Projected);

public sealed record SeriesPoint(DateOnly Period, decimal Change, decimal Cumulative);

public sealed record CampaignProgress(int CampaignId, string CampaignName, CampaignStatus Status, DateOnly StartsOn, DateOnly EndsOn, DateOnly Today,
    IReadOnlyList<IndicatorRow> Indicators, IndicatorRow Indicator, NodeProgress Node, int? ParentUnitId, IReadOnlyList<SeriesPoint> Series,
    IReadOnlyList<NodeProgress> Ranking, UnitLevel ReportingLevel);

/// <summary>
/// The dashboard of one indicator at one node of the campaign's tree: its series, its progress against target and
/// time (<see cref="CampaignForecast"/>), and its children ranked by % of target. Read from the summary rows only:
/// three statements whatever the campaign's size.
/// </summary>
internal sealed class ReadProgress(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<CampaignProgress?> HandleAsync(int campaignId, int? indicatorId, int? unitId, CancellationToken ct)
    {
        var found = await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct);
        if (found is null)
        {
            return null;
        }

        var (campaign, indicators) = found.Value;

        var indicator = indicatorId is { } iid ? indicators.SingleOrDefault(i => i.Id == iid) : indicators.FirstOrDefault();
        if (indicator is null)
        {
            return null;
        }

        var owner = CampaignTree.OwnerNodeId(campaign.Ref, campaign.UnitLevel);
        var node = unitId ?? owner;
        var rows = await db.Set<CampaignTotal>().AsNoTracking()
            .Where(t => t.IndicatorId == indicator.Id && (t.UnitId == node || t.ParentUnitId == node || t.UnitId == owner))
            .Select(t => new { Total = t, Name = db.Units.Where(u => u.Id == t.UnitId).Select(u => u.Name).Single() })
            .ToListAsync(ct);
        var self = rows.SingleOrDefault(r => r.Total.UnitId == node);
        if (self is null)
        {
            return null;
        }

        var ids = rows.Where(r => r.Total.UnitId == node || r.Total.ParentUnitId == node).Select(r => r.Total.UnitId).ToList();
        // A correction can bring a period's change back to zero: such a row is no point of the series (as in the recompute).
        var deltas = (await db.Set<CampaignSeries>().AsNoTracking().Where(s => s.IndicatorId == indicator.Id && ids.Contains(s.UnitId) && s.Delta != 0)
                .Select(s => new { s.UnitId, s.Period, s.Delta }).ToListAsync(ct))
            .ToLookup(s => s.UnitId);
        var today = VietnamTime.Today(clock);
        NodeProgress Assess(CampaignTotal t, string name)
        {
            var series = CampaignForecast.Cumulative(deltas[t.UnitId].Select(d => (d.Period, d.Delta)));
            var a = CampaignForecast.Assess(series, t.Target, campaign.StartsOn, campaign.EndsOn, today, indicator.Aggregation, indicator.Direction);
            return new NodeProgress(t.UnitId, name, t.UnitLevel, t.Actual, t.Target, t.ExplicitTarget, t.ChildTarget, t.FigureCount, a.Percent, a.Expected,
                a.Behind, a.Reached, a.ProjectedCompletion);
        }

        var points = new List<SeriesPoint>();
        var running = 0m;
        foreach (var d in deltas[node].OrderBy(d => d.Period))
        {
            running += d.Delta;
            points.Add(new SeriesPoint(d.Period, d.Delta, running));
        }

        var ceiling = indicator.Direction == IndicatorDirection.LowerIsBetter && indicator.Aggregation == Aggregation.Sum;
        var children = rows.Where(r => r.Total.ParentUnitId == node).Select(r => Assess(r.Total, r.Name));
        var ranking = (ceiling ? children.OrderBy(c => c.Percent ?? decimal.MaxValue) : children.OrderByDescending(c => c.Percent ?? decimal.MinValue))
            .ThenBy(c => c.UnitName, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).ToList();
        var ownerTotal = rows.SingleOrDefault(r => r.Total.UnitId == owner)?.Total;
        return new CampaignProgress(campaign.Id, campaign.Name, campaign.Status, campaign.StartsOn, campaign.EndsOn, today,
            [.. indicators.Select(i => IndicatorRow.From(i, i.Id == indicator.Id ? ownerTotal : null))], IndicatorRow.From(indicator, ownerTotal),
            Assess(self.Total, self.Name), self.Total.ParentUnitId, points, ranking, campaign.ReportingLevel);
    }
}
