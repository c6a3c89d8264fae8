using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;

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
