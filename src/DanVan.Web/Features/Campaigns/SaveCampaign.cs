using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>A campaign as entered on the form or sent to the API.</summary>
public sealed class CampaignInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_Unit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [MaxChars(CampaignRules.NameLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_CampaignName), ResourceType = typeof(SharedResource))]
    public string? Name { get; set; }

    [MaxChars(CampaignRules.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Purpose), ResourceType = typeof(SharedResource))]
    public string? Purpose { get; set; }

    [Display(Name = nameof(SharedResource.Field_StartsOn), ResourceType = typeof(SharedResource))]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_EndsOn), ResourceType = typeof(SharedResource))]
    public DateOnly? EndsOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_Organization), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    /// <summary>Communes or villages enter the figures.</summary>
    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ReportingLevel), ResourceType = typeof(SharedResource))]
    public UnitLevel? ReportingLevel { get; set; }

    /// <summary>
    /// The participants: every unit at the reporting level under each of these units (a whole subtree is one id; a
    /// chosen list names the units themselves). Empty: the whole subtree of the campaign's unit.
    /// </summary>
    [Display(Name = nameof(SharedResource.Field_Participants), ResourceType = typeof(SharedResource))]
    public List<int> ParticipantIds { get; set; } = [];

    [Display(Name = nameof(SharedResource.Field_LinkedModels), ResourceType = typeof(SharedResource))]
    public List<int> ModelIds { get; set; } = [];
}

public sealed record CampaignStatusInput(CampaignStatus Status, int Version);

/// <summary>
/// Creates and edits campaigns: unit, period, owning organization, participants (a subtree or a chosen list, expanded
/// to the units at the reporting level) and linked models. A change of participants or period rebuilds the summary rows.
/// </summary>
internal sealed class SaveCampaign(DanVanDbContext db, ICurrentUser user, CampaignRollup rollup, IStringLocalizer<SharedResource> L)
{
    public Task<Result<int>> CreateAsync(CampaignInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Campaign), () => SaveAsync(null, input, ct), ct);

    public Task<Result<int>> UpdateAsync(int id, CampaignInput input, CancellationToken ct) => SaveAsync(id, input, ct);

    private async Task<Result<int>> SaveAsync(int? id, CampaignInput input, CancellationToken ct)
    {
        Campaign? campaign = null;
        if (id is { } existing)
        {
            campaign = await CampaignAccess.FindVisibleAsync(db, user, existing, tracking: true, ct);
            if (campaign is null)
            {
                return new NotFoundError(L["Campaigns_NotFound"]);
            }

            if (!CampaignAccess.MayManage(user, campaign))
            {
                return new ForbiddenError(L["Campaigns_CannotManage"]);
            }
        }

        var errors = RequestValidation.Validate(input);
        Unit? unit;
        if (campaign is null)
        {
            unit = input.UnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct) : null;
            if (input.UnitId is null)
            {
                errors.Add(nameof(CampaignInput.UnitId), L["Val_Choose", L["Field_Unit"]]);
            }
            else if (unit is null || !user.Can(Permission.CampaignsView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }
            else if (!user.Can(Permission.CampaignsManage, unit.Ref))
            {
                return new ForbiddenError(L["Campaigns_CannotManage"]);
            }
            else if (!unit.IsActive)
            {
                errors.Add(nameof(CampaignInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
            }
            else if (unit.Level == UnitLevel.Village)
            {
                errors.Add(nameof(CampaignInput.UnitId), L["Campaigns_UnitLevel"]);
            }
        }
        else
        {
            unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == campaign.UnitId, ct);
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(nameof(CampaignInput.Name), L["Val_Required", L["Field_CampaignName"]]);
        }

        if (input.StartsOn is null)
        {
            errors.Add(nameof(CampaignInput.StartsOn), L["Val_Required", L["Field_StartsOn"]]);
        }

        if (input.EndsOn is null)
        {
            errors.Add(nameof(CampaignInput.EndsOn), L["Val_Required", L["Field_EndsOn"]]);
        }
        else if (input.StartsOn is { } s && input.EndsOn is { } e && (e < s || e.DayNumber - s.DayNumber > CampaignRules.MaxDays))
        {
            errors.Add(nameof(CampaignInput.EndsOn), L["Campaigns_EndRange", VietnamTime.Format(s)]);
        }

        var reporting = input.ReportingLevel ?? campaign?.ReportingLevel;
        if (reporting is null)
        {
            errors.Add(nameof(CampaignInput.ReportingLevel), L["Val_Choose", L["Field_ReportingLevel"]]);
        }
        else if (reporting is not (UnitLevel.Commune or UnitLevel.Village) || (unit is not null && reporting < unit.Level))
        {
            errors.Add(nameof(CampaignInput.ReportingLevel), L["Campaigns_ReportingLevel"]);
        }

        if (input.OrganizationId is { } organizationId && unit is not null
            && !await db.Organizations.AnyAsync(o => o.Id == organizationId && o.UnitId == unit.Id, ct))
        {
            errors.Add(nameof(CampaignInput.OrganizationId), L["Campaigns_OrganizationOfUnit"]);
        }

        List<Unit> participants = [];
        if (unit is not null && reporting is { } level && !errors.Has(nameof(CampaignInput.ReportingLevel)))
        {
            participants = await ParticipantsAsync(unit, level, input.ParticipantIds, errors, ct);
        }

        var modelIds = input.ModelIds.Distinct().ToList();
        if (modelIds.Count > 0)
        {
            var visible = await db.Models.AsNoTracking().Where(m => modelIds.Contains(m.Id))
                .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView)).CountAsync(ct);
            if (visible != modelIds.Count)
            {
                errors.Add(nameof(CampaignInput.ModelIds), L["Campaigns_ModelNotFound"]);
            }
        }

        // Figures outside a shortened period would no longer belong to the campaign.
        if (campaign is not null && input.StartsOn is { } from && input.EndsOn is { } to
            && await db.Set<CampaignFigure>().AnyAsync(f => f.CampaignId == campaign.Id && (f.Period < from || f.Period > to), ct))
        {
            errors.Add(nameof(CampaignInput.StartsOn), L["Campaigns_FiguresOutsidePeriod"]);
        }

        // Weeks, months and the single period are cut from the campaign's first day: a new start must leave every such period
        // that holds figures or a lock where it is, or one week would hold two cells of a unit (counted twice).
        if (campaign is not null && input.StartsOn is { } start && start != campaign.StartsOn && !errors.Has(nameof(CampaignInput.StartsOn))
            && await RecutsPeriodsAsync(campaign.Id, start, ct))
        {
            errors.Add(nameof(CampaignInput.StartsOn), L["Campaigns_StartFixed"]);
        }

        if (campaign is not null && reporting != campaign.ReportingLevel && await db.Set<CampaignFigure>().AnyAsync(f => f.CampaignId == campaign.Id, ct))
        {
            errors.Add(nameof(CampaignInput.ReportingLevel), L["Campaigns_ReportingLevelFixed"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        // A create with a submission id runs inside the idempotency marker's transaction (which rolls back on an error).
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        if (campaign is null)
        {
            campaign = new Campaign
            {
                UnitId = unit!.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                CreatedAt = db.UtcNow,
            };
            db.Campaigns.Add(campaign);
        }
        else
        {
            db.Entry(campaign).Property(c => c.Version).OriginalValue = input.Version;
        }

        // Stored exactly as typed, like every other text (QUALITY.md S2).
        campaign.Name = input.Name!;
        campaign.Purpose = Blank(input.Purpose);
        campaign.StartsOn = input.StartsOn!.Value;
        campaign.EndsOn = input.EndsOn!.Value;
        campaign.OrganizationId = input.OrganizationId;
        campaign.ReportingLevel = reporting!.Value;
        campaign.SearchText = TextSearch.Normalize(campaign.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Campaigns_Stale"]);
        }

        var removed = await SyncParticipantsAsync(campaign, participants, ct);
        if (removed is { } name)
        {
            if (transaction.IsOwn)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }

            return ValidationError.For(L["Val_FixBelow"], nameof(CampaignInput.ParticipantIds), L["Campaigns_ParticipantHasFigures", name]);
        }

        await SyncModelsAsync(campaign.Id, modelIds, ct);
        await db.SaveChangesAsync(ct);
        await rollup.RecomputeAsync(campaign.Id, ct);
        await transaction.CommitAsync(ct);

        return campaign.Id;
    }

    private async Task<bool> RecutsPeriodsAsync(int campaignId, DateOnly start, CancellationToken ct)
    {
        var frequencies = await db.Set<Indicator>().Where(i => i.CampaignId == campaignId && i.Frequency != ReportingFrequency.Daily)
            .ToDictionaryAsync(i => i.Id, i => i.Frequency, ct);
        var ids = frequencies.Keys.ToList();
        var figured = await db.Set<CampaignFigure>().Where(f => ids.Contains(f.IndicatorId)).Select(f => new { f.IndicatorId, f.Period }).Distinct().ToListAsync(ct);
        var locked = await db.Set<CampaignPeriodLock>().Where(l => l.CampaignId == campaignId && l.Frequency != ReportingFrequency.Daily)
            .Select(l => new { l.Frequency, l.Period }).ToListAsync(ct);
        return figured.Select(f => (Frequency: frequencies[f.IndicatorId], f.Period)).Concat(locked.Select(l => (l.Frequency, l.Period)))
            .Any(p => CampaignPeriods.PeriodOf(p.Period, p.Frequency, start) != p.Period);
    }

    /// <summary>Expands the chosen units to the active units at the reporting level under them, inside the campaign's unit.</summary>
    private async Task<List<Unit>> ParticipantsAsync(Unit owner, UnitLevel level, List<int> chosen, ValidationErrors errors, CancellationToken ct)
    {
        var ids = chosen.Distinct().ToList();
        if (ids.Count == 0)
        {
            ids.Add(owner.Id);
        }

        var roots = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var ownerScope = (owner.Level, owner.Id);
        if (roots.Count != ids.Count || roots.Any(r => !Inside(owner, r.Ref) || r.Level > level))
        {
            errors.Add(nameof(CampaignInput.ParticipantIds), L["Campaigns_ParticipantOutside"]);
            return [];
        }

        var units = await db.Units.AsNoTracking()
            .Where(u => u.Level == level && u.ValidTo == null)
            .Where(UnitScope.Within<Unit>(roots.Select(r => (r.Level, r.Id)), u => u.ProvinceId, u => u.CommuneId, u => u.VillageId))
            .Where(UnitScope.Within<Unit>([ownerScope], u => u.ProvinceId, u => u.CommuneId, u => u.VillageId))
            .Take(CampaignRules.MaxParticipants + 1)
            .ToListAsync(ct);
        if (units.Count == 0)
        {
            errors.Add(nameof(CampaignInput.ParticipantIds), L["Campaigns_NoParticipants"]);
        }
        else if (units.Count > CampaignRules.MaxParticipants)
        {
            errors.Add(nameof(CampaignInput.ParticipantIds), L["Campaigns_TooManyParticipants", CampaignRules.MaxParticipants]);
        }

        return units;
    }

    /// <summary>Adds and removes participants; refuses to drop one that has figures (returns its name).</summary>
    private async Task<string?> SyncParticipantsAsync(Campaign campaign, List<Unit> units, CancellationToken ct)
    {
        var current = await db.Set<CampaignParticipant>().Where(p => p.CampaignId == campaign.Id).ToListAsync(ct);
        var wanted = units.Select(u => u.Id).ToHashSet();

        // A merged participant stays: its successor now stands for it, and its figures remain.
        var retired = await db.Units.AsNoTracking().Where(u => current.Select(p => p.UnitId).Contains(u.Id) && u.ValidTo != null).Select(u => u.Id).ToListAsync(ct);
        var dropped = current.Where(p => !wanted.Contains(p.UnitId) && !retired.Contains(p.UnitId)).ToList();
        if (dropped.Count > 0)
        {
            var droppedIds = dropped.Select(p => p.UnitId).ToList();
            var withFigures = await db.Set<CampaignFigure>().Where(f => f.CampaignId == campaign.Id && droppedIds.Contains(f.UnitId))
                .Select(f => f.UnitId).FirstOrDefaultAsync(ct);
            if (withFigures != 0)
            {
                return await db.Units.Where(u => u.Id == withFigures).Select(u => u.Name).SingleAsync(ct);
            }

            db.Set<CampaignParticipant>().RemoveRange(dropped);
        }

        var have = current.Select(p => p.UnitId).ToHashSet();
        db.Set<CampaignParticipant>().AddRange(units.Where(u => !have.Contains(u.Id)).Select(u => new CampaignParticipant
        {
            CampaignId = campaign.Id,
            UnitId = u.Id,
            ProvinceId = u.ProvinceId,
            CommuneId = u.CommuneId,
            VillageId = u.VillageId,
        }));
        return null;
    }

    private async Task SyncModelsAsync(int campaignId, List<int> modelIds, CancellationToken ct)
    {
        var current = await db.Set<CampaignModel>().Where(m => m.CampaignId == campaignId).ToListAsync(ct);
        db.Set<CampaignModel>().RemoveRange(current.Where(m => !modelIds.Contains(m.ModelId)));
        db.Set<CampaignModel>().AddRange(modelIds.Where(id => current.All(m => m.ModelId != id)).Select(id => new CampaignModel { CampaignId = campaignId, ModelId = id }));
    }

    /// <summary>Moves a campaign through planned → running → finished → reviewed (finished may be reopened).</summary>
    public async Task<Result<int>> ChangeStatusAsync(int id, CampaignStatusInput input, CancellationToken ct)
    {
        var campaign = await CampaignAccess.FindVisibleAsync(db, user, id, tracking: true, ct);
        if (campaign is null)
        {
            return new NotFoundError(L["Campaigns_NotFound"]);
        }

        if (!CampaignAccess.MayManage(user, campaign))
        {
            return new ForbiddenError(L["Campaigns_CannotManage"]);
        }

        if (!Enum.IsDefined(input.Status) || !CampaignRules.CanMove(campaign.Status, input.Status))
        {
            return new ConflictError(L["Campaigns_StatusStep", L.Enum(campaign.Status), Enum.IsDefined(input.Status) ? L.Enum(input.Status) : "?"]);
        }

        db.Entry(campaign).Property(c => c.Version).OriginalValue = input.Version;
        campaign.Status = input.Status;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Campaigns_Stale"]);
        }

        return campaign.Id;
    }

    private static bool Inside(Unit owner, UnitRef unit) =>
        owner.Level == UnitLevel.Central || CampaignTree.At(unit, owner.Level, null) == owner.Id;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
