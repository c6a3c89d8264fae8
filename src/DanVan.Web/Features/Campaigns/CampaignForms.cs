using System.Globalization;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

public sealed record CampaignOption(int Id, string Name);

/// <summary>A unit the campaign form offers as a participant; <see cref="Taking"/>: how many participants lie at or
/// under it now.</summary>
public sealed record ParticipantOption(int Id, string Name, UnitLevel Level, int? ParentId, int Taking);

/// <summary>A model the campaign form offers; <see cref="Linked"/>: it serves the campaign now.</summary>
public sealed record ModelOption(int Id, string Name, ModelStatus Status, bool Linked);

/// <summary>
/// What the campaign form offers for one unit: the unit itself, its organizations, the units that can take part
/// (its children, and for a province the villages under its communes) and its models.
/// </summary>
public sealed record CampaignFormChoices(
    ParticipantOption Unit,
    UnitRef Ref,
    bool IsActive,
    IReadOnlyList<CampaignOption> Organizations,
    IReadOnlyList<ParticipantOption> Units,
    IReadOnlyList<ModelOption> Models
)
{
    public IEnumerable<ParticipantOption> ChildrenOf(int parentId) => Units.Where(u => u.ParentId == parentId);

    /// <summary>The units that would enter figures at a reporting level: the whole subtree's list the form can
    /// show.</summary>
    public IEnumerable<ParticipantOption> AtLevel(UnitLevel level) => Units.Where(u => u.Level == level);
}

/// <summary>The indicator form's data: the campaign, the indicator (null for a new one), the campaign unit's own
/// target.</summary>
public sealed record IndicatorForm(Campaign Campaign, Indicator? Indicator, decimal? OwnTarget, bool HasFigures);

/// <summary>
/// The choices of the campaign and indicator forms, read in as few statements as the pages' budget allows (one per
/// list). Scope is checked by the caller (the unit it passes) and again by the handlers that save.
/// </summary>
internal sealed class CampaignForms(DanVanDbContext db, ICurrentUser user)
{
    /// <summary>Models offered for linking: more than this many are too many to tick through; search the models
    /// list.</summary>
    public const int MaxModels = 200;

    private static readonly ModelStatus[] Serving =
    [
        ModelStatus.Launched,
        ModelStatus.Implementing,
        ModelStatus.Inspected,
        ModelStatus.Recognized,
        ModelStatus.Commended,
    ];

    /// <summary>The caller's units where a campaign can be created: grants with the manage permission above village
    /// level.</summary>
    public IReadOnlyList<Grant> ManagedUnits() =>
        [
            .. user
                .Grants.Where(g =>
                    RolePermissions.Grants(g.Role, Permission.CampaignsManage) && g.Level < UnitLevel.Village
                )
                .DistinctBy(g => g.UnitId)
                .OrderBy(g => g.Level)
                .ThenBy(g => g.UnitName, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)),
        ];

    /// <summary>
    /// The units the campaigns list can be narrowed to: the caller's units and their units above village level, and the
    /// unit of the current filter if the caller sees it.
    /// </summary>
    public async Task<IReadOnlyList<CampaignOption>> FilterUnitsAsync(int? selected, CancellationToken ct)
    {
        var grants = user
            .Grants.Where(g => RolePermissions.Grants(g.Role, Permission.CampaignsView))
            .Select(g => (int?)g.UnitId)
            .Distinct()
            .ToList();
        var rows = await db
            .Units.AsNoTracking()
            .Where(u =>
                grants.Contains(u.Id)
                || u.Id == selected
                || (u.ValidTo == null && u.Level < UnitLevel.Village && grants.Contains(u.ParentId))
            )
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Level,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId,
            })
            .ToListAsync(ct);
        var comparer = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
        return
        [
            .. rows.Where(u =>
                    user.Can(
                        Permission.CampaignsView,
                        new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId)
                    )
                )
                .OrderBy(u => u.Level)
                .ThenBy(u => u.Name, comparer)
                .Select(u => new CampaignOption(u.Id, u.Name)),
        ];
    }

    /// <summary>A campaign the caller sees, as stored (the edit form starts from it); null when not visible.</summary>
    public Task<Campaign?> CampaignAsync(int id, CancellationToken ct) =>
        CampaignAccess.FindVisibleAsync(db, user, id, tracking: false, ct);

    /// <summary>
    /// The form's choices for a unit (null if it does not exist): its organizations, the units that can take part and
    /// the models; with a campaign, how many of its participants lie at or under each unit and which models it links.
    /// </summary>
    public async Task<CampaignFormChoices?> ChoicesAsync(int unitId, int? campaignId, CancellationToken ct)
    {
        var comparer = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
        var participants = db.Set<CampaignParticipant>().Where(p => p.CampaignId == campaignId);
        var units = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.Id == unitId
                || (
                    u.ValidTo == null
                    && (u.ParentId == unitId || (u.Level == UnitLevel.Village && u.ProvinceId == unitId))
                )
            )
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Level,
                u.ParentId,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId,
                Active = u.ValidTo == null,
                // By the ancestor column of the unit's own level: each count is an indexed lookup.
                Taking = u.Level == UnitLevel.Village ? participants.Count(p => p.VillageId == u.Id)
                : u.Level == UnitLevel.Commune ? participants.Count(p => p.CommuneId == u.Id)
                : participants.Count(p => p.ProvinceId == u.Id),
            })
            .ToListAsync(ct);
        var owner = units.SingleOrDefault(u => u.Id == unitId);
        if (owner is null)
        {
            return null;
        }

        var organizations = await db
            .Organizations.AsNoTracking()
            .Where(o => o.UnitId == unitId && o.IsActive)
            .Select(o => new CampaignOption(o.Id, o.Name))
            .ToListAsync(ct);

        // The unit's subtree's serving models the caller sees, and whatever the campaign links now.
        var level = owner.Level;
        var linked = db.Set<CampaignModel>().Where(m => m.CampaignId == campaignId);
        var models = await db
            .Models.AsNoTracking()
            .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
            .Where(m =>
                linked.Any(l => l.ModelId == m.Id)
                || (
                    Serving.Contains(m.Status)
                    && (
                        level == UnitLevel.Central
                        || (level == UnitLevel.Province && m.ProvinceId == unitId)
                        || (level == UnitLevel.Commune && m.CommuneId == unitId)
                    )
                )
            )
            .OrderByDescending(m => linked.Any(l => l.ModelId == m.Id))
            .ThenBy(m => m.Name)
            .Take(MaxModels)
            .Select(m => new ModelOption(m.Id, m.Name, m.Status, linked.Any(l => l.ModelId == m.Id)))
            .ToListAsync(ct);

        return new CampaignFormChoices(
            new ParticipantOption(owner.Id, owner.Name, owner.Level, owner.ParentId, owner.Taking),
            new UnitRef(owner.Id, owner.Level, owner.ProvinceId, owner.CommuneId, owner.VillageId),
            owner.Active,
            [.. organizations.OrderBy(o => o.Name, comparer)],
            [
                .. units
                    .Where(u => u.Id != unitId)
                    .OrderBy(u => u.Name, comparer)
                    .Select(u => new ParticipantOption(u.Id, u.Name, u.Level, u.ParentId, u.Taking)),
            ],
            [.. models.OrderBy(m => m.Name, comparer)]
        );
    }

    /// <summary>The indicator form's data, or null when the campaign is not visible or the indicator not one of its
    /// own.</summary>
    public async Task<IndicatorForm?> IndicatorAsync(int campaignId, int? indicatorId, CancellationToken ct)
    {
        var campaign = await CampaignAccess.FindVisibleAsync(db, user, campaignId, tracking: false, ct);
        if (campaign is null)
        {
            return null;
        }

        if (indicatorId is not { } id)
        {
            return new IndicatorForm(campaign, null, null, false);
        }

        var row = await db.Set<Indicator>()
            .AsNoTracking()
            .Where(i => i.Id == id && i.CampaignId == campaignId)
            .Select(i => new
            {
                Indicator = i,
                Own = db.Set<IndicatorTarget>()
                    .Where(t => t.IndicatorId == i.Id && t.UnitId == campaign.UnitId)
                    .Select(t => (decimal?)t.Value)
                    .FirstOrDefault(),
                HasFigures = db.Set<CampaignFigure>().Any(f => f.IndicatorId == i.Id),
            })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new IndicatorForm(campaign, row.Indicator, row.Own, row.HasFigures);
    }
}
