using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The checks of a batch of figures before anything is written.</summary>
partial class EnterFigures
{
    /// <summary>Checks every cell against the campaign; errors are keyed "Figures[i]" by the cell's position.</summary>
    private async Task<(List<Cell> Cells, ValidationErrors Errors)> CheckAsync(
        Campaign campaign,
        IReadOnlyList<FigureInput> inputs,
        CancellationToken ct
    )
    {
        var errors = new ValidationErrors();
        var indicators = await db.Set<Indicator>()
            .AsNoTracking()
            .Where(i => i.CampaignId == campaign.Id)
            .ToDictionaryAsync(i => i.Id, ct);
        var unitIds = inputs.Select(i => i.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var successorIds = units
            .Values.Where(u => u.SuccessorId is not null)
            .Select(u => u.SuccessorId!.Value)
            .Distinct()
            .ToList();
        var successors =
            successorIds.Count == 0
                ? []
                : await db
                    .Units.AsNoTracking()
                    .Where(u => successorIds.Contains(u.Id))
                    .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var participantNodes = (
            campaign.ReportingLevel == UnitLevel.Village
                ? db.Set<CampaignParticipant>()
                    .Where(p => p.CampaignId == campaign.Id && unitIds.Contains(p.VillageId!.Value))
                    .Select(p => p.VillageId!.Value)
                : db.Set<CampaignParticipant>()
                    .Where(p => p.CampaignId == campaign.Id && unitIds.Contains(p.CommuneId!.Value))
                    .Select(p => p.CommuneId!.Value)
        ).Distinct();
        var nodes = (await participantNodes.ToListAsync(ct)).ToHashSet();
        var locks = (
            await db.Set<CampaignPeriodLock>()
                .AsNoTracking()
                .Where(l => l.CampaignId == campaign.Id)
                .Select(l => new { l.Frequency, l.Period })
                .ToListAsync(ct)
        )
            .Select(l => (l.Frequency, l.Period))
            .ToHashSet();
        var today = VietnamTime.Today(clock);
        var owner = CampaignTree.OwnerNodeId(campaign.Ref, campaign.UnitLevel);
        var cells = new List<Cell>(inputs.Count);
        var seen = new HashSet<(int, int, DateOnly)>(inputs.Count);
        var paths = new Dictionary<int, IReadOnlyList<int>>(); // a unit's nodes up to the campaign's, shared by its cells
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!indicators.TryGetValue(input.IndicatorId, out var indicator))
            {
                errors.Add(Key(i), L["Campaigns_IndicatorNotFound"]);
                continue;
            }

            // A participant is seen with the campaign (its grid row, its place in the ranking), so the caller may be
            // told it is
            // not theirs; any other unit is only named inside the caller's own units.
            if (
                !units.TryGetValue(input.UnitId, out var unit)
                || (
                    unit.IsActive
                        ? unit.Level != campaign.ReportingLevel || !nodes.Contains(unit.Id)
                        : !user.Can(Permission.CampaignsView, unit.Ref)
                )
            )
            {
                errors.Add(Key(i), L["Campaigns_UnitNotInCampaign"]);
                continue;
            }

            if (!unit.IsActive)
            {
                errors.Add(
                    Key(i),
                    unit.SuccessorId is { } s && successors.TryGetValue(s, out var successor)
                        ? L["Campaigns_UnitMerged", unit.Name, successor]
                        : L["Units_RetiredReadOnly", unit.Name]
                );
                continue;
            }

            if (!CampaignAccess.MayReport(user, unit.Ref))
            {
                errors.Add(Key(i), L["Campaigns_NotYourUnit", unit.Name]);
                continue;
            }

            if (input.Period is not { } date)
            {
                errors.Add(Key(i), L["Val_Required", L["Field_Period"]]);
                continue;
            }

            if (date < campaign.StartsOn || date > campaign.EndsOn)
            {
                errors.Add(
                    Key(i),
                    L[
                        "Campaigns_OutsidePeriod",
                        VietnamTime.Format(campaign.StartsOn),
                        VietnamTime.Format(campaign.EndsOn)
                    ]
                );
                continue;
            }

            var period = CampaignPeriods.PeriodOf(date, indicator.Frequency, campaign.StartsOn);
            if (period > today)
            {
                errors.Add(Key(i), L["Campaigns_FuturePeriod"]);
                continue;
            }

            if (locks.Contains((indicator.Frequency, period)))
            {
                errors.Add(Key(i), L["Campaigns_PeriodLocked", VietnamTime.Format(period)]);
                continue;
            }

            if (!seen.Add((indicator.Id, unit.Id, period)))
            {
                errors.Add(Key(i), L["Campaigns_DuplicateCell"]);
                continue;
            }

            if (input.Value is { } value && !FigureChecks.Passes(value, indicator.Decimals, indicator.AllowNegative))
            {
                FigureChecks.Check(value, indicator.Decimals, indicator.AllowNegative, Key(i), errors, L);
            }

            if (input.Note is { Length: > CampaignRules.NoteLength })
            {
                errors.Add(Key(i), L["Val_MaxLength", L["Field_Note"], CampaignRules.NoteLength]);
            }
            else if (input.Note is { } note && note.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                errors.Add(Key(i), L["Val_ControlCharacters", L["Field_Note"]]);
            }

            if (!paths.TryGetValue(unit.Id, out var path))
            {
                paths[unit.Id] = path = CampaignTree.PathOf(
                    unit.Ref,
                    campaign.UnitLevel,
                    owner,
                    campaign.ReportingLevel
                );
            }

            cells.Add(new Cell(i, indicator, unit, period, path, input.Value, input.Note, input.Version));
        }

        return (cells, errors);
    }

    /// <summary>A cell's error key, "Figures[i]": made only for a cell that has an error (an import checks 100,000
    /// cells).</summary>
    private static string Key(int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Figures[{index}]");
}
