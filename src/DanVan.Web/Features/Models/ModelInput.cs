using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;

namespace DanVan.Web.Features.Models;

/// <summary>
/// The registration form: the ten items of DOMAIN.md §2 plus field, kind, organization, period and tags.
/// A draft needs only a name; registering needs every item (<see cref="ModelRules.MissingItems"/>).
/// </summary>
public sealed class ModelInput
{
    /// <summary>The unit the model is registered at (create only).</summary>
    public int? UnitId { get; set; }

    [Required(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Choose)
    )]
    [Display(Name = nameof(SharedResource.Field_OwningOrganization), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ModelKind), ResourceType = typeof(SharedResource))]
    public ModelKind Kind { get; set; } = ModelKind.Model;

    [Required(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Choose)
    )]
    [Display(Name = nameof(SharedResource.Field_ModelField), ResourceType = typeof(SharedResource))]
    public int? FieldId { get; set; }

    [RequiredField, MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelName), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelSituation), ResourceType = typeof(SharedResource))]
    public string? Situation { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelGoals), ResourceType = typeof(SharedResource))]
    public string? Goals { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelContent), ResourceType = typeof(SharedResource))]
    public string? Content { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelArea), ResourceType = typeof(SharedResource))]
    public string? AreaAndBeneficiaries { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelForces), ResourceType = typeof(SharedResource))]
    public string? Forces { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelResources), ResourceType = typeof(SharedResource))]
    public string? Resources { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelTimeline), ResourceType = typeof(SharedResource))]
    public string? Timeline { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelOutputs), ResourceType = typeof(SharedResource))]
    public string? Outputs { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ModelSustainability), ResourceType = typeof(SharedResource))]
    public string? Sustainability { get; set; }

    [Display(Name = nameof(SharedResource.Field_StartDate), ResourceType = typeof(SharedResource))]
    public DateOnly? StartDate { get; set; }

    [Display(Name = nameof(SharedResource.Field_EvaluationDate), ResourceType = typeof(SharedResource))]
    public DateOnly? EvaluationDate { get; set; }

    [Display(Name = nameof(SharedResource.Field_EndDate), ResourceType = typeof(SharedResource))]
    public DateOnly? EndDate { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_TargetGroup), ResourceType = typeof(SharedResource))]
    public string? TargetGroup { get; set; }

    [MaxChars(500), PlainText]
    [Display(Name = nameof(SharedResource.Field_Tags), ResourceType = typeof(SharedResource))]
    public string? Tags { get; set; }

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_PersonName), ResourceType = typeof(SharedResource))]
    public string? PersonName { get; set; }

    public bool PublishPersonName { get; set; }

    public bool IsPublic { get; set; }

    /// <summary>Register on this save (every item required) instead of keeping a draft.</summary>
    public bool Register { get; set; }

    public int Version { get; set; }

    [MaxChars(64)]
    public string? SubmissionId { get; set; }
}
