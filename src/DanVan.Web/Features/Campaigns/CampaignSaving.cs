using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>What a campaign's form checks produced: the reporting level and the participants and models to
/// store.</summary>
internal sealed record CheckedCampaign(UnitLevel? Reporting, List<Unit> Participants, List<int> ModelIds);

/// <summary>
/// The checks and the write that creating (<see cref="CreateCampaign"/>) and editing (<see cref="UpdateCampaign"/>) a
/// campaign share: name, period, owning organization, participants (a subtree or a chosen list, expanded to the units
/// at
/// the reporting level) and linked models. A change of participants or period rebuilds the summary rows.
/// </summary>
internal sealed class CampaignSaving(
    DanVanDbContext db,
    ICurrentUser user,
    CampaignRollup rollup,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>Checks the fields of <paramref name="input"/> for a campaign of <paramref name="unit"/> (null: not
    /// known yet).</summary>
    /// <param name="stored">The reporting level stored so far (an edit that does not send one keeps it).</param>
    public async Task<CheckedCampaign> CheckAsync(
        Unit? unit,
        UnitLevel? stored,
        CampaignInput input,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
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
        else if (
            input.StartsOn is { } s
            && input.EndsOn is { } e
            && (e < s || e.DayNumber - s.DayNumber > CampaignRules.MaxDays)
        )
        {
            errors.Add(nameof(CampaignInput.EndsOn), L["Campaigns_EndRange", VietnamTime.Format(s)]);
        }

        var reporting = input.ReportingLevel ?? stored;
        if (reporting is null)
        {
            errors.Add(nameof(CampaignInput.ReportingLevel), L["Val_Choose", L["Field_ReportingLevel"]]);
        }
        else if (
            reporting is not (UnitLevel.Commune or UnitLevel.Village)
            || (unit is not null && reporting < unit.Level)
        )
        {
            errors.Add(nameof(CampaignInput.ReportingLevel), L["Campaigns_ReportingLevel"]);
        }

        if (
            input.OrganizationId is { } organizationId
            && unit is not null
            && !await db.Organizations.AnyAsync(o => o.Id == organizationId && o.UnitId == unit.Id, ct)
        )
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
            var visible = await db
                .Models.AsNoTracking()
                .Where(m => modelIds.Contains(m.Id))
                .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
                .CountAsync(ct);
            if (visible != modelIds.Count)
            {
                errors.Add(nameof(CampaignInput.ModelIds), L["Campaigns_ModelNotFound"]);
            }
        }

        return new CheckedCampaign(reporting, participants, modelIds);
    }

    /// <summary>
    /// Writes the checked fields to <paramref name="campaign"/> (new, or tracked with the version the person started
    /// from), its participants and models, and rebuilds its summary rows, in one transaction.
    /// </summary>
    public async Task<Result<int>> WriteAsync(
        Campaign campaign,
        CampaignInput input,
        CheckedCampaign checkedInput,
        CancellationToken ct
    )
    {
        // A create with a submission id runs inside the idempotency marker's transaction (which rolls back on an
        // error).
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);

        // Stored exactly as typed, like every other text (QUALITY.md S2).
        campaign.Name = input.Name!;
        campaign.Purpose = Blank(input.Purpose);
        campaign.StartsOn = input.StartsOn!.Value;
        campaign.EndsOn = input.EndsOn!.Value;
        campaign.OrganizationId = input.OrganizationId;
        campaign.ReportingLevel = checkedInput.Reporting!.Value;
        campaign.SearchText = TextSearch.Normalize(campaign.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Campaigns_Stale"]);
        }

        var removed = await SyncParticipantsAsync(campaign, checkedInput.Participants, ct);
        if (removed is { } name)
        {
            if (transaction.IsOwn)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }

            return ValidationError.For(
                L["Val_FixBelow"],
                nameof(CampaignInput.ParticipantIds),
                L["Campaigns_ParticipantHasFigures", name]
            );
        }

        await SyncModelsAsync(campaign.Id, checkedInput.ModelIds, ct);
        await db.SaveChangesAsync(ct);
        await rollup.RecomputeAsync(campaign.Id, ct);
        await transaction.CommitAsync(ct);

        return campaign.Id;
    }

    /// <summary>Expands the chosen units to the active units at the reporting level under them, inside the campaign's
    /// unit.</summary>
    private async Task<List<Unit>> ParticipantsAsync(
        Unit owner,
        UnitLevel level,
        List<int> chosen,
        ValidationErrors errors,
        CancellationToken ct
    )
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

        var units = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == level && u.ValidTo == null)
            .Where(
                UnitScope.Within<Unit>(
                    roots.Select(r => (r.Level, r.Id)),
                    u => u.ProvinceId,
                    u => u.CommuneId,
                    u => u.VillageId
                )
            )
            .Where(UnitScope.Within<Unit>([ownerScope], u => u.ProvinceId, u => u.CommuneId, u => u.VillageId))
            .Take(CampaignRules.MaxParticipants + 1)
            .ToListAsync(ct);
        if (units.Count == 0)
        {
            errors.Add(nameof(CampaignInput.ParticipantIds), L["Campaigns_NoParticipants"]);
        }
        else if (units.Count > CampaignRules.MaxParticipants)
        {
            errors.Add(
                nameof(CampaignInput.ParticipantIds),
                L["Campaigns_TooManyParticipants", CampaignRules.MaxParticipants]
            );
        }

        return units;
    }

    /// <summary>Adds and removes participants; refuses to drop one that has figures (returns its name).</summary>
    private async Task<string?> SyncParticipantsAsync(Campaign campaign, List<Unit> units, CancellationToken ct)
    {
        var current = await db.Set<CampaignParticipant>().Where(p => p.CampaignId == campaign.Id).ToListAsync(ct);
        var wanted = units.Select(u => u.Id).ToHashSet();

        // A merged participant stays: its successor now stands for it, and its figures remain.
        var retired = await db
            .Units.AsNoTracking()
            .Where(u => current.Select(p => p.UnitId).Contains(u.Id) && u.ValidTo != null)
            .Select(u => u.Id)
            .ToListAsync(ct);
        var dropped = current.Where(p => !wanted.Contains(p.UnitId) && !retired.Contains(p.UnitId)).ToList();
        if (dropped.Count > 0)
        {
            var droppedIds = dropped.Select(p => p.UnitId).ToList();
            var withFigures = await db.Set<CampaignFigure>()
                .Where(f => f.CampaignId == campaign.Id && droppedIds.Contains(f.UnitId))
                .Select(f => f.UnitId)
                .FirstOrDefaultAsync(ct);
            if (withFigures != 0)
            {
                return await db.Units.Where(u => u.Id == withFigures).Select(u => u.Name).SingleAsync(ct);
            }

            db.Set<CampaignParticipant>().RemoveRange(dropped);
        }

        var have = current.Select(p => p.UnitId).ToHashSet();
        db.Set<CampaignParticipant>()
            .AddRange(
                units
                    .Where(u => !have.Contains(u.Id))
                    .Select(u => new CampaignParticipant
                    {
                        CampaignId = campaign.Id,
                        UnitId = u.Id,
                        ProvinceId = u.ProvinceId,
                        CommuneId = u.CommuneId,
                        VillageId = u.VillageId,
                    })
            );
        return null;
    }

    private async Task SyncModelsAsync(int campaignId, List<int> modelIds, CancellationToken ct)
    {
        var current = await db.Set<CampaignModel>().Where(m => m.CampaignId == campaignId).ToListAsync(ct);
        db.Set<CampaignModel>().RemoveRange(current.Where(m => !modelIds.Contains(m.ModelId)));
        db.Set<CampaignModel>()
            .AddRange(
                modelIds
                    .Where(id => current.All(m => m.ModelId != id))
                    .Select(id => new CampaignModel { CampaignId = campaignId, ModelId = id })
            );
    }

    private static bool Inside(Unit owner, UnitRef unit) =>
        owner.Level == UnitLevel.Central || CampaignTree.At(unit, owner.Level, null) == owner.Id;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
