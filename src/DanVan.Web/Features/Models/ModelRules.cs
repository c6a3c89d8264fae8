using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>The rules the create, edit and register steps share.</summary>
internal static class ModelRules
{
    /// <summary>The registration items (and the dates of item 8) a model still lacks, as (field, label key).</summary>
    public static IEnumerable<(string Field, string Label)> MissingItems(MobilizationModel m)
    {
        if (string.IsNullOrWhiteSpace(m.Name))
        {
            yield return (nameof(ModelInput.Name), nameof(SharedResource.Field_ModelName));
        }

        foreach (
            var (value, field, label) in new[]
            {
                (m.Situation, nameof(ModelInput.Situation), nameof(SharedResource.Field_ModelSituation)),
                (m.Goals, nameof(ModelInput.Goals), nameof(SharedResource.Field_ModelGoals)),
                (m.Content, nameof(ModelInput.Content), nameof(SharedResource.Field_ModelContent)),
                (
                    m.AreaAndBeneficiaries,
                    nameof(ModelInput.AreaAndBeneficiaries),
                    nameof(SharedResource.Field_ModelArea)
                ),
                (m.Forces, nameof(ModelInput.Forces), nameof(SharedResource.Field_ModelForces)),
                (m.Resources, nameof(ModelInput.Resources), nameof(SharedResource.Field_ModelResources)),
                (m.Timeline, nameof(ModelInput.Timeline), nameof(SharedResource.Field_ModelTimeline)),
                (m.Outputs, nameof(ModelInput.Outputs), nameof(SharedResource.Field_ModelOutputs)),
                (m.Sustainability, nameof(ModelInput.Sustainability), nameof(SharedResource.Field_ModelSustainability)),
            }
        )
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return (field, label);
            }
        }

        if (m.StartDate is null)
        {
            yield return (nameof(ModelInput.StartDate), nameof(SharedResource.Field_StartDate));
        }

        if (m.EvaluationDate is null)
        {
            yield return (nameof(ModelInput.EvaluationDate), nameof(SharedResource.Field_EvaluationDate));
        }

        if (m.Kind == ModelKind.IndividualExemplar && string.IsNullOrWhiteSpace(m.PersonName))
        {
            yield return (nameof(ModelInput.PersonName), nameof(SharedResource.Field_PersonName));
        }
    }

    /// <summary>"Enter …" for every missing item, at its field (once: a field already refused keeps its
    /// message).</summary>
    public static void AddMissing(ValidationErrors errors, MobilizationModel model, IStringLocalizer L)
    {
        foreach (var (field, label) in MissingItems(model).Where(m => !errors.Has(m.Field)))
        {
            errors.Add(field, L["Val_Required", L[label]]);
        }
    }

    /// <summary>Checks the organization, field and dates of an input against the model's unit.</summary>
    public static async Task CheckReferencesAsync(
        DanVanDbContext db,
        ModelInput input,
        int unitId,
        ValidationErrors errors,
        IStringLocalizer L,
        CancellationToken ct
    )
    {
        if (
            input.OrganizationId is { } organizationId
            && !await db.Organizations.AnyAsync(o => o.Id == organizationId && o.UnitId == unitId && o.IsActive, ct)
        )
        {
            errors.Add(nameof(ModelInput.OrganizationId), L["Models_OrganizationNotOfUnit"]);
        }

        if (input.FieldId is { } fieldId && !await db.ModelFields.AnyAsync(f => f.Id == fieldId && f.IsActive, ct))
        {
            errors.Add(nameof(ModelInput.FieldId), L["Val_Choose", L["Field_ModelField"]]);
        }

        CheckDates(input, errors, L);
    }

    /// <summary>The evaluation and the end come after the start.</summary>
    public static void CheckDates(ModelInput input, ValidationErrors errors, IStringLocalizer L)
    {
        if (input.StartDate is { } start)
        {
            if (input.EvaluationDate is { } evaluation && evaluation < start)
            {
                errors.Add(nameof(ModelInput.EvaluationDate), L["Models_EvaluationBeforeStart"]);
            }

            if (input.EndDate is { } end && end < start)
            {
                errors.Add(nameof(ModelInput.EndDate), L["Models_EndBeforeStart"]);
            }
        }
    }

    /// <summary>Copies the form onto the model (the unit, status and step data are not the form's to set).</summary>
    public static void Apply(MobilizationModel m, ModelInput input)
    {
        // Stored exactly as typed; only an empty or blank answer becomes "not filled in".
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
        m.OrganizationId = input.OrganizationId ?? 0;
        m.Kind = input.Kind;
        m.FieldId = input.FieldId ?? 0;
        m.Name = input.Name;
        m.Situation = Clean(input.Situation);
        m.Goals = Clean(input.Goals);
        m.Content = Clean(input.Content);
        m.AreaAndBeneficiaries = Clean(input.AreaAndBeneficiaries);
        m.Forces = Clean(input.Forces);
        m.Resources = Clean(input.Resources);
        m.Timeline = Clean(input.Timeline);
        m.Outputs = Clean(input.Outputs);
        m.Sustainability = Clean(input.Sustainability);
        m.StartDate = input.StartDate;
        m.EvaluationDate = input.EvaluationDate;
        m.EndDate = input.EndDate;
        m.TargetGroup = Clean(input.TargetGroup);
        m.Tags = Clean(input.Tags);
        m.PersonName = input.Kind == ModelKind.IndividualExemplar ? Clean(input.PersonName) : null;
        m.PublishPersonName = m.PersonName is not null && input.PublishPersonName;
        m.IsPublic = input.IsPublic;
        m.SearchText = SearchTextOf(m);
    }

    /// <summary>What the list's search matches: name, tags, target group and the items (never the person's
    /// name).</summary>
    public static string SearchTextOf(MobilizationModel m) =>
        TextSearch.Normalize(
            string.Join(
                ' ',
                new[]
                {
                    m.Name,
                    m.Tags,
                    m.TargetGroup,
                    m.Situation,
                    m.Goals,
                    m.Content,
                    m.AreaAndBeneficiaries,
                    m.Forces,
                    m.Resources,
                    m.Timeline,
                    m.Outputs,
                    m.Sustainability,
                }.Where(t => !string.IsNullOrWhiteSpace(t))
            )
        );

    public static ModelInput ToInput(MobilizationModel m) =>
        new()
        {
            UnitId = m.UnitId,
            OrganizationId = m.OrganizationId,
            Kind = m.Kind,
            FieldId = m.FieldId,
            Name = m.Name,
            Situation = m.Situation,
            Goals = m.Goals,
            Content = m.Content,
            AreaAndBeneficiaries = m.AreaAndBeneficiaries,
            Forces = m.Forces,
            Resources = m.Resources,
            Timeline = m.Timeline,
            Outputs = m.Outputs,
            Sustainability = m.Sustainability,
            StartDate = m.StartDate,
            EvaluationDate = m.EvaluationDate,
            EndDate = m.EndDate,
            TargetGroup = m.TargetGroup,
            Tags = m.Tags,
            PersonName = m.PersonName,
            PublishPersonName = m.PublishPersonName,
            IsPublic = m.IsPublic,
            Version = m.Version,
        };

    public static void PlaceIn(MobilizationModel m, Unit unit)
    {
        m.UnitId = unit.Id;
        m.UnitLevel = unit.Level;
        m.ProvinceId = unit.ProvinceId;
        m.CommuneId = unit.CommuneId;
        m.VillageId = unit.VillageId;
    }
}
