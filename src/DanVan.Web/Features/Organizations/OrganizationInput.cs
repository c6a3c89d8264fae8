using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;

namespace DanVan.Web.Features.Organizations;

public sealed class OrganizationInput
{
    /// <summary>The unit the organization belongs to (create only).</summary>
    public int? UnitId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_OrganizationType), ResourceType = typeof(SharedResource))]
    public OrganizationType Type { get; set; } = OrganizationType.Other;

    [RequiredField, MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_Name), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    [MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_ShortName), ResourceType = typeof(SharedResource))]
    public string? ShortName { get; set; }

    [Display(Name = nameof(SharedResource.Field_IsActive), ResourceType = typeof(SharedResource))]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    [MaxChars(64)]
    public string? SubmissionId { get; set; }
}
