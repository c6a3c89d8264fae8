using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record IndicatorRow(
    int Id,
    string Name,
    MeasureUnit Measure,
    string? CustomMeasure,
    Aggregation Aggregation,
    IndicatorDirection Direction,
    ReportingFrequency Frequency,
    int Decimals,
    bool AllowNegative,
    int SortOrder,
    int Version,
    decimal Actual,
    decimal Target,
    decimal? ExplicitTarget
)
{
    public static IndicatorRow From(Indicator i, CampaignTotal? total) =>
        From(i, total?.Actual ?? 0, total?.Target ?? 0, total?.ExplicitTarget);

    public static IndicatorRow From(Indicator i, decimal actual, decimal target, decimal? explicitTarget) =>
        new(
            i.Id,
            i.Name,
            i.Measure,
            i.CustomMeasure,
            i.Aggregation,
            i.Direction,
            i.Frequency,
            i.Decimals,
            i.AllowNegative,
            i.SortOrder,
            i.Version,
            actual,
            target,
            explicitTarget
        );
}

public sealed record LinkedModelRow(int Id, string Name, ModelStatus Status);

public sealed record PeriodLockRow(ReportingFrequency Frequency, DateOnly Period, DateTime LockedAt, string ActorName);

public sealed record CampaignDetail(
    Campaign Campaign,
    string UnitName,
    string? OrganizationName,
    IReadOnlyList<IndicatorRow> Indicators,
    int Participants,
    IReadOnlyList<LinkedModelRow> Models,
    IReadOnlyList<PeriodLockRow> Locks,
    bool MayManage,
    bool MayReport
);

public sealed record CampaignApiDetail(
    int Id,
    int UnitId,
    string UnitName,
    string Name,
    string? Purpose,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int? OrganizationId,
    string? OrganizationName,
    CampaignStatus Status,
    UnitLevel ReportingLevel,
    int Version,
    IReadOnlyList<IndicatorRow> Indicators,
    int Participants,
    IReadOnlyList<LinkedModelRow> Models,
    IReadOnlyList<PeriodLockRow> Locks
)
{
    public static CampaignApiDetail From(CampaignDetail d) =>
        new(
            d.Campaign.Id,
            d.Campaign.UnitId,
            d.UnitName,
            d.Campaign.Name,
            d.Campaign.Purpose,
            d.Campaign.StartsOn,
            d.Campaign.EndsOn,
            d.Campaign.OrganizationId,
            d.OrganizationName,
            d.Campaign.Status,
            d.Campaign.ReportingLevel,
            d.Campaign.Version,
            d.Indicators,
            d.Participants,
            d.Models,
            d.Locks
        );
}

/// <summary>One campaign with its indicators (and the campaign-level progress of each), models and locked periods:
/// three statements.</summary>
/// <summary>
/// What the API and the campaign page both show first: the campaign, its unit and organization, how many take part,
/// its linked models, its indicators with the campaign-level progress of each.
/// </summary>
internal sealed record CampaignHead(
    Campaign Campaign,
    string Unit,
    string? Organization,
    int Participants,
    IReadOnlyList<LinkedModelRow> Models,
    IReadOnlyList<IndicatorRow> Indicators
);

internal sealed class GetCampaign(DanVanDbContext db, ICurrentUser user)
{
    public async Task<CampaignDetail?> HandleAsync(int id, CancellationToken ct)
    {
        if (await HeadAsync(db, user, id, ct) is not { } head)
        {
            return null;
        }

        var locks = await db.Set<CampaignPeriodLock>()
            .AsNoTracking()
            .Where(l => l.CampaignId == id)
            .OrderBy(l => l.Frequency)
            .ThenBy(l => l.Period)
            .Select(l => new PeriodLockRow(l.Frequency, l.Period, l.LockedAt, l.ActorName))
            .ToListAsync(ct);
        return Detail(user, head, locks);
    }

    /// <summary>The campaign's head in two statements, or null when the caller does not see it.</summary>
    public static async Task<CampaignHead?> HeadAsync(
        DanVanDbContext db,
        ICurrentUser user,
        int id,
        CancellationToken ct
    )
    {
        var row = await CampaignAccess
            .Visible(db, user)
            .AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                Campaign = c,
                Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                Organization = db
                    .Organizations.Where(o => o.Id == c.OrganizationId)
                    .Select(o => o.Name)
                    .SingleOrDefault(),
                Participants = db.Set<CampaignParticipant>().Count(p => p.CampaignId == c.Id),
                Models = db.Set<CampaignModel>()
                    .Where(cm => cm.CampaignId == c.Id)
                    .Join(db.Models, cm => cm.ModelId, m => m.Id, (_, m) => m)
                    .OrderBy(m => m.Name)
                    .Select(m => new LinkedModelRow(m.Id, m.Name, m.Status))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var owner = CampaignTree.OwnerNodeId(row.Campaign.Ref, row.Campaign.UnitLevel);
        var indicators = await db.Set<Indicator>()
            .AsNoTracking()
            .Where(i => i.CampaignId == id)
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .Select(i => new
            {
                Indicator = i,
                Total = db.Set<CampaignTotal>().SingleOrDefault(t => t.IndicatorId == i.Id && t.UnitId == owner),
            })
            .ToListAsync(ct);
        return new CampaignHead(
            row.Campaign,
            row.Unit,
            row.Organization,
            row.Participants,
            row.Models,
            [.. indicators.Select(i => IndicatorRow.From(i.Indicator, i.Total))]
        );
    }

    public static CampaignDetail Detail(ICurrentUser user, CampaignHead head, IReadOnlyList<PeriodLockRow> locks) =>
        new(
            head.Campaign,
            head.Unit,
            head.Organization,
            head.Indicators,
            head.Participants,
            head.Models,
            locks,
            CampaignAccess.MayManage(user, head.Campaign),
            CampaignAccess.MayReportAny(user) && head.Campaign.AcceptsFigures
        );
}
