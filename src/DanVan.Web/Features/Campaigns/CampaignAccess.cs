using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Who sees and does what with a campaign. A campaign is seen by the subtree of its unit and by every unit that takes
/// part in it (a commune sees the province campaign it reports to, with the ranking of the communes: emulation is the
/// point). It is managed (details, indicators, targets, locks, status) from its unit's subtree; figures are entered
/// for the participants inside the caller's subtrees.
/// </summary>
internal static class CampaignAccess
{
    /// <summary>The campaigns the caller may see, as one query (its own subtree's plus those it takes part
    /// in).</summary>
    public static IQueryable<Campaign> Visible(DanVanDbContext db, ICurrentUser user)
    {
        var takingPart = db.Set<CampaignParticipant>()
            .Where(UnitScope.Rows<CampaignParticipant>(user, Permission.CampaignsView))
            .Select(p => p.CampaignId);
        var own = db.Campaigns.Where(UnitScope.Rows<Campaign>(user, Permission.CampaignsView)).Select(c => c.Id);
        return db.Campaigns.Where(c => own.Contains(c.Id) || takingPart.Contains(c.Id));
    }

    public static Task<Campaign?> FindVisibleAsync(
        DanVanDbContext db,
        ICurrentUser user,
        int id,
        bool tracking,
        CancellationToken ct
    )
    {
        var query = Visible(db, user).Where(c => c.Id == id);
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
    }

    /// <summary>A visible campaign with its indicators in order, in one statement (the grid, the missing list, the
    /// import).</summary>
    public static async Task<(Campaign Campaign, List<Indicator> Indicators)?> FindWithIndicatorsAsync(
        DanVanDbContext db,
        ICurrentUser user,
        int id,
        CancellationToken ct
    )
    {
        var found = await Visible(db, user)
            .AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                Campaign = c,
                Indicators = db.Set<Indicator>()
                    .Where(i => i.CampaignId == c.Id)
                    .OrderBy(i => i.SortOrder)
                    .ThenBy(i => i.Id)
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Campaign, found.Indicators);
    }

    /// <summary>
    /// The active units at the campaign's reporting level that take part: the participants' nodes, so a village merged
    /// during the campaign is replaced by its successor (whose figures it now counts towards).
    /// </summary>
    public static IQueryable<Unit> ReportingUnits(DanVanDbContext db, Campaign campaign)
    {
        var participants = db.Set<CampaignParticipant>().Where(p => p.CampaignId == campaign.Id);
        var nodes =
            campaign.ReportingLevel == UnitLevel.Village
                ? participants.Select(p => p.VillageId)
                : participants.Select(p => p.CommuneId);
        return db.Units.Where(u =>
            nodes.Contains((int?)u.Id) && u.ValidTo == null && u.Level == campaign.ReportingLevel
        );
    }

    /// <summary>
    /// The campaign a change of its details, indicators, targets, locks or status starts from: not found when out of
    /// sight (or missing), forbidden when only seen.
    /// </summary>
    public static async Task<Result<Campaign>> FindManagedAsync(
        DanVanDbContext db,
        ICurrentUser user,
        int id,
        bool tracking,
        IStringLocalizer L,
        CancellationToken ct
    )
    {
        var campaign = await FindVisibleAsync(db, user, id, tracking, ct);
        if (campaign is null)
        {
            return new NotFoundError(L["Campaigns_NotFound"]);
        }

        return MayManage(user, campaign) ? campaign : new ForbiddenError(L["Campaigns_CannotManage"]);
    }

    /// <summary>Why figures of a visible campaign may not be entered or imported by the caller (null: they
    /// may).</summary>
    public static Error? RefuseFigures(ICurrentUser user, Campaign campaign, IStringLocalizer L) =>
        !MayReportAny(user) ? new ForbiddenError(L["Campaigns_CannotReport"])
        : !campaign.AcceptsFigures ? new ConflictError(L["Campaigns_Closed", L.Enum(campaign.Status)])
        : null;

    public static bool MayManage(ICurrentUser user, Campaign campaign) =>
        user.Can(Permission.CampaignsManage, campaign.Ref);

    /// <summary>The caller's units where figures may be entered: grants with the report permission.</summary>
    public static bool MayReport(ICurrentUser user, UnitRef unit) => user.Can(Permission.CampaignsReport, unit);

    public static bool MayReportAny(ICurrentUser user) => user.Can(Permission.CampaignsReport);
}
