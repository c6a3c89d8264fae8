using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;

namespace DanVan.Web.Features.Accounts;

public sealed class NewAccountInput
{
    [RequiredField, MaxChars(256), PlainText]
    [EmailAddress(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Email)
    )]
    [Display(Name = nameof(SharedResource.Field_Email), ResourceType = typeof(SharedResource))]
    public string Email { get; set; } = "";

    [RequiredField, MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_DisplayName), ResourceType = typeof(SharedResource))]
    public string DisplayName { get; set; } = "";

    /// <summary>The unit that manages the account; its first assignment is in this unit too.</summary>
    [Display(Name = nameof(SharedResource.Field_HomeUnit), ResourceType = typeof(SharedResource))]
    public int? HomeUnitId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Role), ResourceType = typeof(SharedResource))]
    public Role Role { get; set; } = Role.Officer;

    [Display(Name = nameof(SharedResource.Field_Organization), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    [RequiredField, MaxChars(128)]
    [Display(Name = nameof(SharedResource.Field_InitialPassword), ResourceType = typeof(SharedResource))]
    public string Password { get; set; } = "";

    [MaxChars(64)]
    public string? SubmissionId { get; set; }
}

public sealed class EditAccountInput
{
    [RequiredField, MaxChars(256), PlainText]
    [EmailAddress(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Email)
    )]
    [Display(Name = nameof(SharedResource.Field_Email), ResourceType = typeof(SharedResource))]
    public string Email { get; set; } = "";

    [RequiredField, MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_DisplayName), ResourceType = typeof(SharedResource))]
    public string DisplayName { get; set; } = "";

    /// <summary>A new password set by the administrator; empty keeps the current one.</summary>
    [MaxChars(128)]
    [Display(Name = nameof(SharedResource.Field_NewPassword), ResourceType = typeof(SharedResource))]
    public string? NewPassword { get; set; }

    /// <summary>Identity's concurrency stamp as the editor saw it.</summary>
    public string? ConcurrencyStamp { get; set; }
}

public sealed class AssignmentInput
{
    [Display(Name = nameof(SharedResource.Field_Unit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Role), ResourceType = typeof(SharedResource))]
    public Role Role { get; set; } = Role.Officer;

    [Display(Name = nameof(SharedResource.Field_Organization), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }
}
