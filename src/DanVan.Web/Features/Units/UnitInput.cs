using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;

namespace DanVan.Web.Features.Units;

/// <summary>The fields of a unit as a person enters them, for creating and editing (form and API).</summary>
public sealed class UnitInput
{
    /// <summary>The parent unit (create only; an edit keeps the parent, a move is a merger).</summary>
    public int? ParentId { get; set; }

    [RequiredField, MaxChars(20), OfficialCode]
    [Display(Name = nameof(SharedResource.Field_Code), ResourceType = typeof(SharedResource))]
    public string Code { get; set; } = "";

    [RequiredField, MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_Name), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_NameEn), ResourceType = typeof(SharedResource))]
    public string? NameEn { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Kind), ResourceType = typeof(SharedResource))]
    public UnitKind Kind { get; set; } = UnitKind.Village;

    [Display(Name = nameof(SharedResource.Field_ValidFrom), ResourceType = typeof(SharedResource))]
    public DateOnly? ValidFrom { get; set; }

    /// <summary>The version the editor started from (edit only): a stale version is a conflict.</summary>
    public int Version { get; set; }

    /// <summary>A random id per form rendering (create only), so a double submission creates one unit.</summary>
    [MaxChars(64)]
    public string? SubmissionId { get; set; }
}
