using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

internal sealed partial class ReadGrid(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>More rows than this on one grid: choose a commune.</summary>
    public const int MaxRows = 1000;

    /// <summary>More participants than this in one missing list: choose a commune or a district.</summary>
    public const int MaxMissingRows = 5000;

    private static readonly StringComparer VietnameseOrder = StringComparer.Create(
        System.Globalization.CultureInfo.GetCultureInfo("vi-VN"),
        false
    );

    private sealed record PeriodChoice(
        ReportingFrequency Frequency,
        List<Indicator> Columns,
        DateOnly Period,
        DateOnly PeriodEnd,
        DateOnly? Previous,
        DateOnly? Next,
        List<ReportingFrequency> Frequencies,
        DateOnly Today
    );

    /// <summary>
    /// The grid of one period: the campaign with its indicators, the rows (with the period's lock) and their figures —
    /// three statements.
    /// Rows are the participants under <paramref name="unitId"/>, or by default the caller's units where it may report
    /// (where it may look, for a caller who does not report).
    /// </summary>
    public async Task<CampaignGrid?> HandleAsync(
        int campaignId,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return null;
        }

        var (campaign, indicators) = found;

        var choice = Choose(campaign, indicators, date, frequency);
        var participants = Rows(
            campaign,
            unitId,
            CampaignAccess.MayReportAny(user) ? Permission.CampaignsReport : Permission.CampaignsView
        );
        var village = campaign.ReportingLevel == UnitLevel.Village;
        var chosen = choice.Frequency;
        var period = choice.Period;
        var locks = db.Set<CampaignPeriodLock>()
            .Where(l => l.CampaignId == campaignId && l.Frequency == chosen && l.Period == period);

        // The period's lock rides along with the rows (an API read must stay within five statements, its token's
        // included).
        var units = await participants
            .OrderBy(u => village ? u.CommuneId : u.ProvinceId)
            .ThenBy(u => u.Name)
            .ThenBy(u => u.Id)
            .Take(MaxRows + 1)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Code,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId,
                u.Level,
                GroupName = db
                    .Units.Where(g => g.Id == (village ? u.CommuneId : u.ProvinceId))
                    .Select(g => g.Name)
                    .FirstOrDefault(),
                Locked = locks.Any(),
            })
            .ToListAsync(ct);
        var truncated = units.Count > MaxRows;
        if (truncated)
        {
            units.RemoveAt(MaxRows);
        }

        // In Vietnamese order ("Thôn Đông" after "Thôn Dư", not after "Thôn Trung" as the database's byte order has
        // it).
        units =
        [
            .. units.OrderBy(u => u.GroupName, VietnameseOrder).ThenBy(u => u.Name, VietnameseOrder).ThenBy(u => u.Id),
        ];
        var ids = units.Select(u => u.Id).ToList();
        var columnIds = choice.Columns.Select(c => c.Id).ToList();
        var figures =
            ids.Count == 0 || columnIds.Count == 0
                ? []
                : (
                    await db.Set<CampaignFigure>()
                        .AsNoTracking()
                        .Where(x =>
                            x.CampaignId == campaignId
                            && x.Period == period
                            && columnIds.Contains(x.IndicatorId)
                            && ids.Contains(x.UnitId)
                        )
                        .Select(x => new
                        {
                            x.UnitId,
                            x.IndicatorId,
                            x.Value,
                            x.Version,
                            x.ActorName,
                            x.UpdatedAt,
                            x.Note,
                        })
                        .ToListAsync(ct)
                ).ToDictionary(x => (x.UnitId, x.IndicatorId));
        var locked = units.Count > 0 ? units[0].Locked : await locks.AnyAsync(ct);
        var open = campaign.AcceptsFigures && !locked && period <= choice.Today;
        var rows = units
            .Select(u =>
            {
                var mayReport = CampaignAccess.MayReport(
                    user,
                    new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId)
                );
                return new GridRow(
                    u.Id,
                    u.Name,
                    u.Code,
                    u.CommuneId,
                    open && mayReport,
                    [
                        .. choice.Columns.Select(c =>
                            figures.TryGetValue((u.Id, c.Id), out var x)
                                ? new GridCell(c.Id, x.Value, x.Version, x.ActorName, x.UpdatedAt, x.Note)
                                : new GridCell(c.Id, null, 0, null, null, null)
                        ),
                    ],
                    village ? u.CommuneId : u.ProvinceId,
                    u.GroupName,
                    mayReport
                );
            })
            .ToList();
        return new CampaignGrid(
            campaign.Id,
            campaign.Name,
            campaign.StartsOn,
            campaign.EndsOn,
            campaign.AcceptsFigures,
            campaign.ReportingLevel,
            chosen,
            period,
            choice.PeriodEnd,
            choice.Previous,
            choice.Next,
            locked,
            CampaignAccess.MayManage(user, campaign),
            [.. choice.Columns.Select(c => IndicatorRow.From(c, null))],
            rows,
            truncated,
            choice.Frequencies
        )
        {
            Status = campaign.Status,
            Started = period <= choice.Today,
        };
    }

    /// <summary>
    /// The participants without a figure for one or more indicators of a period, grouped by the unit above them, with
    /// the number of units that reported each indicator. Three statements: the campaign with its indicators, the
    /// participants with their group's name, and the (unit, indicator) pairs of the period's figures.
    /// </summary>
    public async Task<MissingReport?> MissingAsync(
        int campaignId,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return null;
        }

        var (campaign, indicators) = found;

        var choice = Choose(campaign, indicators, date, frequency);
        var participants = Rows(campaign, unitId, Permission.CampaignsView);
        var village = campaign.ReportingLevel == UnitLevel.Village;
        var units = await participants
            .OrderBy(u => village ? u.CommuneId : u.ProvinceId)
            .ThenBy(u => u.Name)
            .ThenBy(u => u.Id)
            .Take(MaxMissingRows + 1)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Code,
                GroupId = village ? u.CommuneId : u.ProvinceId,
                GroupName = db
                    .Units.Where(g => g.Id == (village ? u.CommuneId : u.ProvinceId))
                    .Select(g => g.Name)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var truncated = units.Count > MaxMissingRows;
        if (truncated)
        {
            units.RemoveAt(MaxMissingRows);
        }

        units =
        [
            .. units.OrderBy(u => u.GroupName, VietnameseOrder).ThenBy(u => u.Name, VietnameseOrder).ThenBy(u => u.Id),
        ];

        var columnIds = choice.Columns.Select(c => c.Id).ToList();
        var period = choice.Period;
        var participantIds = participants.Select(u => u.Id);
        var reported = (
            await db.Set<CampaignFigure>()
                .AsNoTracking()
                .Where(f =>
                    f.CampaignId == campaignId
                    && f.Period == period
                    && columnIds.Contains(f.IndicatorId)
                    && participantIds.Contains(f.UnitId)
                )
                .Select(f => new { f.UnitId, f.IndicatorId })
                .ToListAsync(ct)
        ).ToLookup(f => f.UnitId, f => f.IndicatorId);
        var shown = units.Select(u => u.Id).ToHashSet();
        var perIndicator = columnIds.ToDictionary(
            id => id,
            id => reported.Where(g => shown.Contains(g.Key)).Count(g => g.Contains(id))
        );
        var groups = units
            .GroupBy(u => (u.GroupId, u.GroupName))
            .Select(g => new MissingGroup(
                g.Key.GroupId,
                g.Key.GroupName,
                g.Count(),
                [
                    .. g.Select(u => new MissingUnit(
                            u.Id,
                            u.Name,
                            u.Code,
                            [.. columnIds.Where(c => !reported[u.Id].Contains(c))]
                        ))
                        .Where(m => m.MissingIndicatorIds.Count > 0),
                ]
            ))
            .ToList();
        return new MissingReport(
            campaign.Id,
            campaign.Name,
            campaign.Status,
            campaign.StartsOn,
            campaign.EndsOn,
            campaign.ReportingLevel,
            choice.Frequency,
            period,
            choice.PeriodEnd,
            choice.Previous,
            choice.Next,
            period <= choice.Today,
            choice.Frequencies,
            [.. choice.Columns.Select(c => IndicatorRow.From(c, null))],
            units.Count,
            groups.Sum(g => g.Missing.Count),
            perIndicator,
            groups,
            truncated
        );
    }

    /// <summary>The participants at the reporting level under a unit (any unit id: its ancestor columns hold it), or in
    /// the caller's units.</summary>
    private IQueryable<Unit> Rows(Campaign campaign, int? unitId, Permission fallback)
    {
        var units = CampaignAccess.ReportingUnits(db, campaign);
        return unitId is { } root
            ? units.Where(u => u.ProvinceId == root || u.CommuneId == root || u.VillageId == root)
            : units.Where(UnitScope.Units(user, fallback));
    }

    /// <summary>The frequency shown (the one asked for if an indicator has it), its indicators, and the period a date
    /// falls in.</summary>
    private PeriodChoice Choose(
        Campaign campaign,
        List<Indicator> indicators,
        DateOnly? date,
        ReportingFrequency? frequency
    )
    {
        var frequencies = indicators.Select(i => i.Frequency).Distinct().Order().ToList();
        var chosen =
            frequency is { } f && frequencies.Contains(f) ? f : frequencies.FirstOrDefault(ReportingFrequency.Daily);
        var columns = indicators.Where(i => i.Frequency == chosen).ToList();
        var today = VietnamTime.Today(clock);
        var day = date ?? today;
        if (day < campaign.StartsOn)
        {
            day = campaign.StartsOn;
        }
        else if (day > campaign.EndsOn)
        {
            day = campaign.EndsOn;
        }

        var period = CampaignPeriods.PeriodOf(day, chosen, campaign.StartsOn);
        var periodEnd = CampaignPeriods.EndOf(period, chosen, campaign.EndsOn);
        DateOnly? previous =
            period > campaign.StartsOn ? CampaignPeriods.PeriodOf(period.AddDays(-1), chosen, campaign.StartsOn) : null;
        DateOnly? next = periodEnd < campaign.EndsOn && periodEnd < today ? periodEnd.AddDays(1) : null;
        return new PeriodChoice(chosen, columns, period, periodEnd, previous, next, frequencies, today);
    }
}
